"""Sums of money and the commitments among them: "3 trillion yen ($19 billion)", "€12bn",
"three trillion yen"; the power each sum is from, the region or state it is for, its
kind, and its direction (a Central Asian buyer's order is a deal to the power).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from greatgame.extract.candidates import Extraction, PledgeCandidate
from greatgame.extract.gazetteer import Gazetteer
from greatgame.extract.lexicon import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    NUMBER_WORDS,
    PLEDGE_CUES,
    REGION,
    SCALES,
    YEN_OR_YUAN,
)

# "3 trillion", "1,500", "2.5", and a number word before a scale: "three trillion yen".
# A number starts where no digit (or digit and separator) stands before it, and no part
# of it is given back: one pass over a long run of digits, not one per digit.
_NUMBER = (
    r"(?<!\d)(?<!\d[.,])(?:\d{1,3}+(?:,\d{3})++(?:\.\d++)?+|\d++(?:\.\d++)?+)"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)"
    r"(?=\s+(?:thousand|million|billion|trillion)\b)"
)

_SCALE = r"(?:" + "|".join(sorted(SCALES, key=len, reverse=True)) + r")\b"

_SYMBOL = "|".join(re.escape(s) for s in sorted([*CURRENCY_SYMBOLS, "¥"], key=len, reverse=True))

_CURRENCY_WORD = "|".join(re.escape(w) for w in sorted(CURRENCY_WORDS, key=len, reverse=True))

_APPROX = r"(?:about|around|approximately|roughly|some|nearly|almost|over|more than|up to|~)\s*+"


def compile_money_pattern(codes: frozenset[str]) -> re.Pattern:
    code = "|".join(sorted(codes))

    def one(n: str) -> str:
        # Each way of writing a sum has its own groups: re forbids a repeated name.
        def amount(i: int) -> str:
            return rf"(?P<{n}num{i}>{_NUMBER})\s?(?P<{n}scale{i}>{_SCALE})?"

        return (
            rf"(?:(?P<{n}sym>{_SYMBOL})\s?{amount(1)}"
            rf"|\b(?P<{n}code>{code})\s?{amount(2)}"
            rf"|\b{amount(3)}\s?(?P<{n}word>{_CURRENCY_WORD}|{code})\b)"
        )

    # A sum, then perhaps its equivalent in brackets: "3 trillion yen ($19 billion)".
    return re.compile(one("a") + rf"(?:\s*+\(\s*+(?:{_APPROX})?{one('b')}\s*+\))?")


@dataclass(frozen=True)
class MoneyMention:
    start: int
    end: int
    amount: Decimal
    currency: str | None
    amount_usd: Decimal | None


def find_money(text: str, pattern: re.Pattern, power_id: str | None) -> list[MoneyMention]:
    """Sums of money with their currency, and a dollar equivalent given beside them:
    "3 trillion yen ($19 billion)", "€12bn", "1.5 billion yuan (about $208 million)"."""
    found = []
    for match in pattern.finditer(text):
        amount, currency = _amount(match, "a", power_id)
        usd = None
        if match.group("bsym") or match.group("bcode") or match.group("bword"):
            other, other_currency = _amount(match, "b", power_id)
            usd = other if other_currency == "USD" else None
        if currency == "USD":
            usd = amount
        found.append(MoneyMention(match.start(), match.end(), amount, currency, usd))
    return _join_equivalents(text, found)


_OPENS_EQUIVALENT = re.compile(rf"\(\s*+(?:{_APPROX})?$")

_CLAUSE_END = re.compile(r"[.;()]")


def _join_equivalents(text: str, found: list[MoneyMention]) -> list[MoneyMention]:
    """A dollar sum in brackets a few words after another sum is its equivalent: "a
    €12bn investment package (about $13.2 billion)"."""
    joined: list[MoneyMention] = []
    for money in found:
        previous = joined[-1] if joined else None
        between = text[previous.end : money.start] if previous else ""
        opener = _OPENS_EQUIVALENT.search(between)
        if (
            previous is not None
            and opener is not None
            and money.currency == "USD"
            and previous.currency != "USD"
            and previous.amount_usd is None
            and not _CLAUSE_END.search(between[: opener.start()])
            and text[money.end :].lstrip().startswith(")")
        ):
            joined[-1] = replace(previous, end=money.end, amount_usd=money.amount)
        else:
            joined.append(money)
    return joined


def _amount(match: re.Match, n: str, power_id: str | None) -> tuple[Decimal, str | None]:
    i = next(i for i in (1, 2, 3) if match.group(f"{n}num{i}"))
    written = match.group(f"{n}num{i}")
    number = Decimal(NUMBER_WORDS.get(written, written.replace(",", "")))
    scale = match.group(f"{n}scale{i}")
    if scale:
        number = number.scaleb(SCALES[scale.lower()])
    symbol = match.group(f"{n}sym")
    if symbol == "¥":
        return number, YEN_OR_YUAN.get(power_id or "")
    if symbol:
        return number, CURRENCY_SYMBOLS[symbol]
    word = match.group(f"{n}word") or match.group(f"{n}code")
    return number, CURRENCY_WORDS.get(word, word)


_PERIOD = re.compile(
    r"\b(?:over|for|within|in)\s++(?:the\s++)?(?:next\s++|coming\s++)?"
    r"(\d++|"
    + "|".join(NUMBER_WORDS)
    + r")\s++years\b|\b(\d++|"
    + "|".join(NUMBER_WORDS)
    + r")-year\b",
    re.IGNORECASE,
)

REGION_WORDS = re.compile(r"\bCentral Asia(?:n)?\b|\b(?:the|in) region\b|\bC5\b")


def _period_years(text: str) -> int | None:
    match = _PERIOD.search(text)
    if not match:
        return None
    value = match.group(1) or match.group(2)
    return int(value) if value.isdigit() else NUMBER_WORDS[value.lower()]


_PLEDGE_CUES = [(re.compile(rf"\b(?:{cue})", re.IGNORECASE), kind) for cue, kind in PLEDGE_CUES]

# Sums that measure an economy, not a commitment: "trade rose to $94.8 billion in 2024",
# "gross domestic product passed $100 billion", "accumulated investment of $3 billion".
_STATISTIC = re.compile(
    r"\b(?:trade|turnover|GDP|gross domestic product|econom(?:y|ies) grew|exports?|imports?"
    r"|accumulated|reserves|budget|FDI|foreign direct investment|brought in"
    r"|since (?:the )?(?:19|20)\d\ds?)\b",
    re.IGNORECASE,
)

_COMMITMENT = re.compile(
    r"\b(?:pledg\w*|promis\w*|commit\w*|grants?|loans?|credit lines?|signed|orders?|deals?)\b",
    re.IGNORECASE,
)

# A Central Asian state or company buying from, or investing in, a power's economy:
# "Uzbekistan Airways announced an order for 22 Boeing 787s", "agreed to buy locomotives".
_TO_POWER = re.compile(
    r"\b(?:order(?:ed|s)?\s+(?:for|of)|buy(?:s|ing)?|bought|purchas\w*|procure\w*)\b",
    re.IGNORECASE,
)


def _pledge_kind(window: str) -> tuple[bool, str | None]:
    """Whether the words around a sum make it a commitment, and the kind they name."""
    is_pledge = False
    for cue, kind in _PLEDGE_CUES:
        if cue.search(window):
            if kind is not None:
                return True, kind
            is_pledge = True
    return is_pledge, None


def pledge_recipient(text: str, parties: list[tuple[int, str]], gazetteer: Gazetteer) -> str | None:
    """The Central Asian state a sentence speaks of, or C5 for several or the region."""
    countries = {p for _, p in parties if gazetteer.party_kinds.get(p) == "central_asia"}
    if len(countries) == 1 and not REGION_WORDS.search(text):
        return countries.pop()
    if countries or REGION_WORDS.search(text):
        return REGION
    return None


def pledges_in(
    text: str, money_pattern: re.Pattern, parties: list[tuple[int, str]], gazetteer: Gazetteer,
    recipient: str | None, recent: list[tuple[list[str], str | None]], event_index: int | None,
) -> Iterator[PledgeCandidate]:  # fmt: skip
    """Sums of money the sentence presents as commitments, each from the power named
    nearest before it ("Brussels spoke of €12 billion, Tokyo of three trillion yen"). A
    sentence that names no power or recipient ("with a target of 3 trillion yen") takes
    them from the sentences just before it."""
    powers = [(pos, p) for pos, p in parties if gazetteer.party_kinds.get(p) != "central_asia"]
    fallback = powers[0][1] if powers else next((p[0] for p, _ in reversed(recent) if p), None)
    if recipient is None and deal_between_powers(text, parties, gazetteer):
        return
    recipient = recipient or next((r for _, r in reversed(recent) if r), None)
    if recipient is None:
        return
    mentions = find_money(text, money_pattern, fallback)
    period_years = _period_years(text) if mentions else None
    previous_end = 0
    for i, money in enumerate(mentions):
        clause_end = re.search(r"[,;:]|$", text[money.end :])
        next_start = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        window = text[previous_end : min(money.end + clause_end.start(), next_start)]
        window_start = previous_end
        previous_end = money.end
        is_pledge, kind = _pledge_kind(window)
        if not is_pledge or money.currency is None:
            continue
        if _STATISTIC.search(window) and not _COMMITMENT.search(window):
            continue  # a measure of trade or output, not a commitment
        before = [p for pos, p in powers if pos < money.start]
        power = before[-1] if before else fallback
        direction = _direction(window, window_start, parties, gazetteer)
        yield PledgeCandidate(
            event_index=event_index,
            power_id=power,
            recipient=recipient,
            amount=money.amount,
            currency=money.currency,
            amount_usd=money.amount_usd,
            period_years=period_years,
            kind="purchase" if direction == "to_power" else kind,
            evidence=text,
            direction=direction,
        )


_WITH = re.compile(r"\bwith\s+(?:the\s+)?$")


def deal_between_powers(text: str, parties: list[tuple[int, str]], gazetteer: Gazetteer) -> bool:
    """ "China has signed deals worth 500 million pounds with the UK": a sum between two
    outside powers, not a commitment to Central Asia."""
    powers = [(pos, p) for pos, p in parties if gazetteer.party_kinds.get(p) != "central_asia"]
    return len({p for _, p in powers}) > 1 and any(
        _WITH.search(text[max(0, pos - 12) : pos]) for pos, _ in powers[1:]
    )


def _direction(
    window: str, window_start: int, parties: list[tuple[int, str]], gazetteer: Gazetteer
) -> str:
    """to_power where a Central Asian buyer orders from or invests in the power's economy:
    the party named nearest before the purchase word is Central Asian ("Kazakhstan agreed
    to buy locomotives from Wabtec"), or none is named; else to_central_asia ("China will
    buy more Kazakh gas" is money flowing to the region)."""
    cue = _TO_POWER.search(window)
    if cue is None:
        return "to_central_asia"
    at = window_start + cue.start()
    before = [p for pos, p in parties if pos < at]
    if before and gazetteer.party_kinds.get(before[-1]) != "central_asia":
        return "to_central_asia"
    return "to_power"


def add_pledge(result: Extraction, keys: dict[tuple, int], pledge: PledgeCandidate) -> None:
    """Add a pledge, or merge it into one already found: the same power and the same sum,
    in its currency or in dollars (a headline and the body speak of one package). The
    original currency is kept, and a named state over the region as a whole."""
    candidates = [(pledge.power_id, "amount", pledge.amount, pledge.currency)]
    if pledge.amount_usd is not None:
        candidates.append((pledge.power_id, "usd", pledge.amount_usd, "USD"))
    existing = next((keys[k] for k in candidates if k in keys), None)
    if existing is None:
        result.pledges.append(pledge)
        existing = len(result.pledges) - 1
    else:
        kept = result.pledges[existing]
        if kept.currency == "USD" and pledge.currency != "USD":
            kept, other = pledge, kept
        else:
            other = pledge
        for name in ("event_index", "amount_usd", "period_years", "kind"):
            if getattr(kept, name) is None:
                setattr(kept, name, getattr(other, name))
        if kept.recipient in (None, REGION) and other.recipient not in (None, REGION):
            kept.recipient = other.recipient
        result.pledges[existing] = kept
    merged = result.pledges[existing]
    keys[(merged.power_id, "amount", merged.amount, merged.currency)] = existing
    for key in candidates:
        keys[key] = existing
    if merged.amount_usd is not None:
        keys[(merged.power_id, "usd", merged.amount_usd, "USD")] = existing
