"""What the Map page sends to a reader's browser at today's data size.

    python benchmarks/map_payload.py

Starts the app on data/, opens /map in headless Chromium and adds up the websocket
frames the server sends until the map is drawn (a first visit: page, sidebar and
deck); then the frames of one rerun, switching the arcs off. Also prints the size of
the deck's JSON by layer. The budget for the first visit is 300 KB.
"""

import json

from playwright.sync_api import sync_playwright

from greatgame import layers
from greatgame.data import load_dataset
from greatgame.server import CHROMIUM, CHROMIUM_ARGS, running_app, wait_until_rendered

BUDGET_KB = 300
CHART = "[data-testid='stDeckGlJsonChart'] canvas"


def deck_sizes() -> dict[str, int]:
    """Bytes of each layer's JSON, and of the whole deck, as the page builds it."""
    dataset = load_dataset()
    venues, arcs = layers.venue_summary(dataset), layers.arc_summary(dataset)
    all_layers = layers.map_layers(
        dataset, layers.read_country_shapes(), venues, arcs, layers.MapOptions()
    )
    deck = layers.map_deck(all_layers)
    sizes = {
        layer["id"]: len(json.dumps(layer, separators=(",", ":")))
        for layer in json.loads(deck.to_json())["layers"]
    }
    sizes["the whole deck"] = len(deck.to_json())
    return sizes


def settle(page, received: list[int]) -> None:
    """Wait until the run is over and no frame has arrived for a second."""
    wait_until_rendered(page)
    count = -1
    while count != len(received):
        count = len(received)
        page.wait_for_timeout(1000)


def websocket_payloads() -> tuple[int, int]:
    """Bytes the server sent on a first visit to /map, and on one rerun after it."""
    received: list[int] = []
    with running_app() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on(
            "websocket",
            lambda socket: socket.on("framereceived", lambda frame: received.append(len(frame))),
        )
        page.goto(f"{url}/map")
        page.wait_for_selector(CHART, timeout=60_000)
        settle(page, received)
        first_visit = sum(received)
        received.clear()
        page.locator("[data-testid='stCheckbox']").filter(has_text="Arcs from capitals").click()
        settle(page, received)
        rerun = sum(received)
        browser.close()
    return first_visit, rerun


def main() -> None:
    sizes = deck_sizes()
    first_visit, rerun = websocket_payloads()
    print("| what | KB |\n|---|---:|")
    print(f"| first visit to /map, every websocket frame | {first_visit / 1000:.0f} |")
    print(f"| one rerun (arcs switched off) | {rerun / 1000:.0f} |")
    for name, size in sizes.items():
        print(f"| deck JSON: {name} | {size / 1000:.1f} |")
    verdict = "within" if first_visit < BUDGET_KB * 1000 else "OVER"
    print(f"\nFirst visit {first_visit / 1000:.0f} KB: {verdict} the {BUDGET_KB} KB budget.")


if __name__ == "__main__":
    main()
