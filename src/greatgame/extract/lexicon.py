"""The words the data cannot supply: demonyms and metonyms, other spellings of places,
office titles, currency symbols and words, scales, and the cue words for meetings,
levels, statuses and pledges. Every table here is read by the other modules; nothing
here runs.
"""

from __future__ import annotations

import re
from datetime import timedelta

REGION = "C5"

# Demonyms, short forms and metonyms -> party id (a power_id or a Central Asian iso3).
# Names, ids and capitals of the powers and countries come from the data itself.
PARTY_ALIASES = {
    "American": "USA", "U.S.": "USA", "US": "USA", "USA": "USA", "White House": "USA",
    "Chinese": "CHN", "PRC": "CHN",
    "Russian": "RUS", "Kremlin": "RUS",
    "Japanese": "JPN",
    "EU": "EU", "European Commission": "EU", "European Council": "EU",
    "Turkish": "TUR", "Türkiye": "TUR",
    "Korea": "KOR", "Korean": "KOR", "South Korean": "KOR", "Republic of Korea": "KOR",
    "Indian": "IND",
    "German": "DEU",
    "French": "FRA",
    "British": "GBR", "Britain": "GBR", "UK": "GBR", "U.K.": "GBR",
    "Italian": "ITA",
    "Saudi": "SAU",
    "Emirati": "ARE", "UAE": "ARE",
    "Qatari": "QAT",
    "Iranian": "IRN",
    "Pakistani": "PAK",
    "Hungarian": "HUN",
    "Azerbaijani": "AZE",
    "Shanghai Cooperation Organization": "SCO",
    "Kazakh": "KAZ", "Kazakhstani": "KAZ", "Republic of Kazakhstan": "KAZ",
    "Kyrgyz": "KGZ", "Kyrgyz Republic": "KGZ",
    "Tajik": "TJK", "Republic of Tajikistan": "TJK",
    "Turkmen": "TKM",
    "Uzbek": "UZB", "Republic of Uzbekistan": "UZB",
    "Turkiye": "TUR", "Gulf Cooperation Council": "GCC", "GCC": "GCC",
}  # fmt: skip

# Other spellings of places -> place_id.
PLACE_ALIASES = {
    "Nur-Sultan": "astana",
    "Ashkhabad": "ashgabat",
    "Samarqand": "samarkand",
    "White House": "washington",
    "Kremlin": "moscow",
}

# Offices as articles write them -> the form used in participants.office
# ("<office> of <party>").
OFFICE_TITLES = {
    "President": "President",
    "Prime Minister": "Prime Minister",
    "Premier": "Premier",
    "Chancellor": "Chancellor",
    "Emir": "Emir",
    "King": "King",
    "Crown Prince": "Crown Prince",
    "Vice President": "Vice President",
    "Foreign Minister": "Minister of Foreign Affairs",
    "Secretary of State": "Secretary of State",
    "Foreign Secretary": "Foreign Secretary",
}

# Institutions whose name is the party an office belongs to ("President of the
# European Commission", not "of the European Union").
INSTITUTIONS = ("European Commission", "European Council")

CURRENCY_SYMBOLS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₸": "KZT",
                    "₩": "KRW", "₹": "INR", "₺": "TRY"}  # fmt: skip

# "¥" is the symbol of both the yen and the yuan: the power of the sentence decides.
YEN_OR_YUAN = {"JPN": "JPY", "CHN": "CNY"}

CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "US dollars": "USD", "U.S. dollars": "USD",
    "euro": "EUR", "euros": "EUR",
    "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "RMB": "CNY",
    "pound": "GBP", "pounds": "GBP", "pounds sterling": "GBP",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "tenge": "KZT",
    "won": "KRW",
    "rupee": "INR", "rupees": "INR",
    "lira": "TRY",
    "riyal": "SAR", "riyals": "SAR",
    "dirham": "AED", "dirhams": "AED",
    "somoni": "TJS",
    "soum": "UZS", "soums": "UZS",
}  # fmt: skip

SCALES = {"thousand": 3, "k": 3, "million": 6, "mn": 6, "mln": 6, "m": 6,
          "billion": 9, "bn": 9, "b": 9, "trillion": 12, "tn": 12, "trn": 12}  # fmt: skip

# Words that make a sum of money a commitment, by the pledge kind they name; the first
# kind that matches wins. Cues mapped to None mark a pledge without naming its kind.
PLEDGE_CUES = [
    (r"credit lines?|lines? of credit", "credit_line"),
    (r"loans?|lend(?:s|ing)?|lent", "loan"),
    (r"grants?", "grant"),
    (r"funds?\b", "fund"),
    (r"aid|assistance|package", "aid_package"),
    (r"trade (?:deals?|agreements?|contracts?)", "trade_deals"),
    (r"targets?|goal", "investment_target"),
    (r"deals?|agreements?|contracts?|signed", "investment_agreements"),
    (r"invest(?:s|ing|ment|ments)?", "investment_target"),
    (r"pledg\w*|promis\w*|commit\w*|announc\w*|unveil\w*|allocat\w*|earmark\w*|offer\w*"
     r"|provid\w*", None),
]  # fmt: skip

# Kinds of meeting, as articles name them -> events.format (None: the context decides).
MEETING_NOUNS = [
    (r"state visits?", "state_visit"),
    (r"official visits?", "official_visit"),
    (r"working visits?", "working_visit"),
    (r"summits?", None),
    (r"ministerial(?: meeting)?s?", None),
    (r"forums?", "forum"),
    (r"sessions?|dialogue", None),
    (r"talks|meetings?|met|meets?", None),
    (r"visits?|visited|visiting", None),
    (r"arriv(?:ed|es|ing)|flew in|lands? in|landed in", None),
    (r"hosted|hosts|hosting|welcomed|received", None),
    (r"signed|signing", None),
]

LEVEL_CUES = [
    ("leaders", r"summit|leaders?\b|leaders’|leaders'|heads? of (?:state|government)"
                r"|presidents?|prime ministers?|premier|chancellor|emir|king"),
    ("ministers", r"ministers?|ministerial|secretary of state|foreign secretary"),
    ("officials", r"officials|envoys?|deputy|vice[- ]ministers?"),
]  # fmt: skip

STATUS_CUES = [
    ("cancelled", r"cancel++ed|called off|scrapped"),
    ("postponed", r"postponed|delayed|rescheduled|put off"),
    ("planned", r"\bwill\b|\bto be held\b|\b(?:is|are) (?:to|due|set|expected)\b|scheduled"
                r"|planned|upcoming|\bnext\b"),
]  # fmt: skip

PAST_TENSE = re.compile(r"\b(?:was|were|met|held|had|took|made|went|came|gave|[a-z]{4,}+(?<=ed))\b")

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20}  # fmt: skip

# A real sentence is shorter; text without sentence ends (a table dump, one long line) is
# cut into pieces of this size so that every step stays linear in the input.
MAX_SENTENCE_CHARS = 1_000

# A yearless date falls in the twelve months that start this long before the reference
# date: news speaks mostly of what has happened, and of what comes in the next weeks.
LOOK_BACK = timedelta(days=274)

PARTICLES = {"von", "van", "der", "den", "de", "al", "bin", "ibn", "el"}
