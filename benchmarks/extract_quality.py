"""How well the extractor reads news: per-field precision and recall on the evaluation
corpus in ``tests/fixtures/corpus/`` (articles in our own words, in the styles of wire
copy, readouts, regional outlets, translated Russian and Chinese press, analysis,
announcements, tours, virtual summits and articles with no event). Each ``NN_x.txt``
has its truth in ``NN_x.json``: the events the article states, field by field (a null
field is not scored), the parties present, and the pledges with their direction.

python benchmarks/extract_quality.py            # the table
python benchmarks/extract_quality.py --misses   # and every miss, article by article

An extracted event matches a true one when their days overlap and, where both name
one, their powers agree; each true event is matched at most once.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from greatgame.extract import Extraction, Gazetteer, extract

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "corpus"
EVENT_FIELDS = ("date_start", "date_end", "place", "power_id", "format", "level", "status")


@dataclass
class Tally:
    """Counts for one measure: how many were right of those scored, and found of true."""

    right: int = 0
    scored: int = 0

    @property
    def share(self) -> float:
        return self.right / self.scored if self.scored else 1.0


@dataclass
class Score:
    articles: int = 0
    events_true: int = 0
    events_found: int = 0
    events_extracted: int = 0
    spurious: int = 0
    fields: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in EVENT_FIELDS})
    parties_recall: Tally = field(default_factory=Tally)
    parties_precision: Tally = field(default_factory=Tally)
    pledges_true: int = 0
    pledges_found: int = 0
    pledges_extracted: int = 0
    pledge_direction: Tally = field(default_factory=Tally)
    misses: list[str] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str, str]]:
        """(measure, figure, of what) for the README table."""

        def pct(tally: Tally) -> str:
            return f"{100 * tally.share:.0f}%"

        found = Tally(self.events_found, self.events_true)
        precise = Tally(self.events_extracted - self.spurious, self.events_extracted)
        table = [
            ("events found (recall)", pct(found), f"{self.events_found}/{self.events_true}"),
            ("events extracted that are true (precision)", pct(precise),
             f"{precise.right}/{precise.scored}"),
            ("spurious dated events per ten articles",
             f"{10 * self.spurious / max(self.articles, 1):.1f}", f"{self.spurious} in "
             f"{self.articles} articles"),
        ]  # fmt: skip
        for name, tally in self.fields.items():
            table.append((f"{name} right, of events found", pct(tally),
                          f"{tally.right}/{tally.scored}"))  # fmt: skip
        table += [
            ("parties present found (recall)", pct(self.parties_recall),
             f"{self.parties_recall.right}/{self.parties_recall.scored}"),
            ("parties extracted that are present (precision)", pct(self.parties_precision),
             f"{self.parties_precision.right}/{self.parties_precision.scored}"),
            ("pledges found, amount and currency (recall)",
             pct(Tally(self.pledges_found, self.pledges_true)),
             f"{self.pledges_found}/{self.pledges_true}"),
            ("pledges extracted that are true (precision)",
             pct(Tally(self.pledges_found, self.pledges_extracted)),
             f"{self.pledges_found}/{self.pledges_extracted}"),
            ("pledge direction right, of pledges found", pct(self.pledge_direction),
             f"{self.pledge_direction.right}/{self.pledge_direction.scored}"),
        ]  # fmt: skip
        return table


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _overlaps(truth: dict, found) -> bool:
    start, end = _day(truth["date_start"]), _day(truth["date_end"]) or _day(truth["date_start"])
    if found.date_start is None:
        return False
    found_end = found.date_end or found.date_start
    if truth.get("power_id") and found.power_id and truth["power_id"] != found.power_id:
        return False
    return found.date_start <= end and found_end >= start


def _value(found, name: str):
    if name == "place":
        return found.place_name
    value = getattr(found, name)
    return value.isoformat() if isinstance(value, date) else value


def _match(truths: list[dict], extraction: Extraction) -> dict[int, int]:
    """True event index -> extracted event index, closest start first."""
    pairs = []
    for t, truth in enumerate(truths):
        for e, found in enumerate(extraction.events):
            if _overlaps(truth, found):
                gap = abs((found.date_start - _day(truth["date_start"])).days)
                pairs.append((gap, t, e))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, t, e in sorted(pairs):
        if t not in matched and e not in used:
            matched[t] = e
            used.add(e)
    return matched


def score_article(text: str, truth: dict, gazetteer: Gazetteer, score: Score, name: str) -> None:
    published = _day(truth.get("published"))
    extraction = extract(text, gazetteer, published=published)
    score.articles += 1
    truths = truth["events"]
    matched = _match(truths, extraction)
    dated = [e for e in extraction.events if e.date_start is not None]
    score.events_true += len(truths)
    score.events_found += len(matched)
    score.events_extracted += len(dated)
    spurious = [e for i, e in enumerate(extraction.events)
                if e.date_start is not None and i not in matched.values()]  # fmt: skip
    score.spurious += len(spurious)
    for event in spurious:
        score.misses.append(f"{name}: spurious {event.date_start} {event.title!r}")
    for t, event in enumerate(truths):
        if t not in matched:
            score.misses.append(f"{name}: missed {event['date_start']} {event.get('place')}")
            continue
        found = extraction.events[matched[t]]
        for field_name in EVENT_FIELDS:
            expected = event.get(field_name)
            if expected is None and not (field_name == "place" and "place" in event):
                continue
            tally = score.fields[field_name]
            tally.scored += 1
            got = _value(found, field_name)
            if got == expected:
                tally.right += 1
            else:
                score.misses.append(f"{name}: {event['date_start']} {field_name} {got!r} "
                                    f"!= {expected!r}")  # fmt: skip
        parties = set(event.get("parties") or [])
        got_parties = {p.party_id for p in extraction.participants
                       if p.event_index == matched[t]}  # fmt: skip
        if parties:
            score.parties_recall.scored += len(parties)
            score.parties_recall.right += len(parties & got_parties)
            score.parties_precision.scored += len(got_parties)
            score.parties_precision.right += len(parties & got_parties)
            for party in sorted(parties - got_parties):
                score.misses.append(f"{name}: {event['date_start']} party {party} not found")
    _score_pledges(truth.get("pledges", []), extraction, score, name)


def _amounts(pledge) -> set[tuple[int, str]]:
    found = {(int(pledge.amount), pledge.currency or "")}
    if pledge.amount_usd is not None:
        found.add((int(pledge.amount_usd), "USD"))
    return found


def _score_pledges(truths: list[dict], extraction: Extraction, score: Score, name: str) -> None:
    score.pledges_true += len(truths)
    score.pledges_extracted += len(extraction.pledges)
    left = list(extraction.pledges)
    for pledge in truths:
        key = (int(pledge["amount"]), pledge["currency"])
        hit = next((p for p in left if key in _amounts(p)), None)
        if hit is None:
            score.misses.append(f"{name}: pledge {key} not found")
            continue
        left.remove(hit)
        score.pledges_found += 1
        score.pledge_direction.scored += 1
        direction = getattr(hit, "direction", None) or "to_central_asia"
        score.pledge_direction.right += direction == pledge["direction"]
    for extra in left:
        score.misses.append(f"{name}: extra pledge {extra.amount} {extra.currency}")


def score_corpus(gazetteer: Gazetteer, corpus: Path = CORPUS) -> Score:
    score = Score()
    for article in sorted(corpus.glob("*.txt")):
        truth = json.loads(article.with_suffix(".json").read_text(encoding="utf-8"))
        score_article(article.read_text(encoding="utf-8"), truth, gazetteer, score, article.stem)
    return score


def main(argv: list[str]) -> int:
    from greatgame.data import load_dataset

    score = score_corpus(Gazetteer.from_dataset(load_dataset()))
    print(f"{score.articles} articles, {score.events_true} true events, "
          f"{score.pledges_true} true pledges\n")  # fmt: skip
    print("| measure | figure | count |\n|---|---|---|")
    for measure, figure, count in score.rows():
        print(f"| {measure} | {figure} | {count} |")
    if "--misses" in argv:
        print("\n" + "\n".join(score.misses))
        print(Counter(m.split(": ", 1)[1].split()[1] for m in score.misses if " " in m))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
