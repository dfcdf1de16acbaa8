"""A crowd of first readers on a freshly started server: a shared link opened by many
right after a deploy. Every one of them gets the page, none an error."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from greatgame.server import READER_PATHS, crowd, running_app


def test_ten_concurrent_first_visits_to_a_fresh_server_all_render(chromium_path, app_data_dir):
    with running_app(env={"GREATGAME_DATA_DIR": str(app_data_dir)}) as url:
        urls = [f"{url}/{path}" for path in READER_PATHS]
        # In a thread of its own: the session's synchronous Playwright runs an event
        # loop in this one.
        with ThreadPoolExecutor(1) as pool:
            visits = pool.submit(asyncio.run, crowd(urls)).result()
    assert [(v.url, v.errors) for v in visits if v.errors] == []
