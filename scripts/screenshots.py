"""Screenshots of every page at the widths readers use, for a person to look at.

python scripts/screenshots.py [PAGE ...]   -> artifacts/screenshots/<page>-<width>.png
"""

import re
import sys

from playwright.sync_api import sync_playwright

from greatgame.server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    ROOT,
    running_app,
    wait_until_rendered,
)

PAGES = [
    "overview",
    "timeline",
    "map",
    "pledges",
    "who_met_whom",
    "corridors",
    "power?power=JPN",
    "country?country=KAZ",
    "event",
    "data",
    "add",
    "about",
]
WIDTHS = [1280, 390]
OUT = ROOT / "artifacts" / "screenshots"


def main(pages: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with running_app() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            # The phone is a phone (its user agent too), its page as tall as a desktop's
            # so that one screenshot holds it all.
            phone = {**PHONE, "viewport": {"width": width, "height": 2400}}
            desktop = {"viewport": {"width": width, "height": 2400}}
            page = browser.new_page(**(phone if width < 600 else desktop))
            for name in pages:
                page.goto(f"{url}/{name}")
                wait_until_rendered(page)
                page.wait_for_timeout(1500)  # let charts and the map finish drawing
                path = OUT / f"{re.sub(r'[^A-Za-z0-9_-]+', '_', name)}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
                print(path)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:] or PAGES)
