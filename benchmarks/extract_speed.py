"""How fast the extractor reads: the promise is one second per 100 KB of text, whatever
the text. Prints seconds per 100 KB for news prose (the seed article repeated), for
text dense with dates, places and sums (every word a cue), and for Cyrillic text, at
three sizes; and the time ``greatgame extract`` takes from start to JSON on the seed
article, most of which is loading and validating data/.

python benchmarks/extract_speed.py
"""

import random
import subprocess
import sys
import time

from greatgame.data import load_dataset
from greatgame.extract import Gazetteer, extract
from greatgame.server import ROOT

SEED = ROOT / "seeds" / "000_945f6f9da6b2f31e.txt"
SIZES = [100_000, 1_000_000, 5_000_000]
CUES = ["Dec. 19", "summit", "Tokyo", "$5 billion", "Japan", "in", "Bishkek", "grant", "C5+1",
        "Nov. 27, 2025", "President", "Xi Jinping", "3 trillion yen ($19 billion)"]  # fmt: skip


def repeated(text: str, size: int) -> str:
    return (text * (size // len(text) + 1))[:size]


def texts(size: int) -> dict[str, str]:
    words = random.Random(7).choices(CUES, k=size // 6)
    cyrillic = "Президент Казахстана провёл переговоры в Астане 17 июня 2025 года. "
    return {
        "news prose (seed article)": repeated(SEED.read_text(encoding="utf-8") + "\n", size),
        "dense cues, one line": repeated(" ".join(words), size),
        "Cyrillic": repeated(cyrillic, size),
    }


def main() -> None:
    started = time.perf_counter()
    gazetteer = Gazetteer.from_dataset(load_dataset())
    print(f"load data/ and build the gazetteer: {time.perf_counter() - started:.2f} s")
    print(f"{'text':28} {'size':>9} {'seconds':>8} {'s per 100 KB':>13}")
    for size in SIZES:
        for name, text in texts(size).items():
            started = time.perf_counter()
            extract(text, gazetteer)
            elapsed = time.perf_counter() - started
            print(f"{name:28} {size:>9,} {elapsed:>8.2f} {elapsed / size * 100_000:>13.3f}")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "greatgame.cli", "extract", str(SEED), "--json"],
        check=True,
        capture_output=True,
    )
    print(f"greatgame extract SEED --json, start to finish: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
