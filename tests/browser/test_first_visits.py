"""A crowd of first readers on a freshly started server: a shared link opened by many
right after a deploy. Every one of them gets the page, none an error."""

import asyncio

from greatgame.server import READER_PATHS, crowd, running_app


def test_ten_concurrent_first_visits_to_a_fresh_server_all_render(chromium_path, app_data_dir):
    with running_app(env={"GREATGAME_DATA_DIR": str(app_data_dir)}) as url:
        visits = asyncio.run(crowd([f"{url}/{path}" for path in READER_PATHS]))
    assert [(v.url, v.errors) for v in visits if v.errors] == []
