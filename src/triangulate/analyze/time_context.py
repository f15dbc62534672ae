"""What the words around a time expression say about it.

Tense ("was approved in November" is the last November, "will open in November" the next one),
names that look like dates ("Theresa May", "The Sunday Times", "Jan Novak"), and the words that
turn one expression into another ("since March 3", "by the end of the year", "March 20-24",
"between 2019 and 2021").
"""

from __future__ import annotations

import re

# Cues that the sentence looks ahead, in the clause just before the expression.
AHEAD_RE = re.compile(
    r"\b(?:will|'ll|shall|is\s+due|are\s+due|due\s+to\s+\w+|(?:is|are)\s+(?:expected|scheduled|set|slated)\b"
    r"|plans?\s+to|planned\s+for|scheduled\s+for|set\s+for|next|(?:begins?|starts?|ends?|opens?|closes?|resumes?"
    r"|meets?|runs?|expires?|kicks?\s+off|takes?\s+effect)(?:\s+on)?)\b[^,.;]{0,45}\Z",
    re.IGNORECASE,
)
PAST_RE = re.compile(
    r"\b(?:was|were|had|did|\w{3,}ed|began|saw|came|fell|rose|took|made|won|lost|met|said)\b[^;]{0,50}\Z", re.IGNORECASE
)
# Words after which a capitalized month or weekday is still a date: "In April", "On Monday".
PREPOSITIONS = frozenset(
    [
        "in",
        "on",
        "since",
        "by",
        "until",
        "till",
        "from",
        "between",
        "during",
        "before",
        "after",
        "through",
        "of",
        "early",
        "late",
        "mid",
        "and",
        "or",
        "as",
        "to",
        "last",
        "next",
        "this",
        "every",
        "each",
    ]
)
DATE_LEAD_WORDS = PREPOSITIONS | frozenset(
    ["the", "that", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
_ABBREVIATED_MONTH_RE = re.compile(r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")


def looks_ahead(text: str, start: int) -> bool:
    """The clause before ``start`` announces a future event ("will meet on Friday")."""
    return bool(AHEAD_RE.search(text[max(0, start - 60) : start]))


def looks_back(text: str, start: int, end: int) -> bool:
    """The sentence reports a past event around the expression ("was approved in November")."""
    if looks_ahead(text, start):
        return False
    return bool(PAST_RE.search(text[max(0, start - 60) : start]) or re.match(r"\A\W{0,3}\s*\w+ed\b", text[end:]))


def is_name(text: str, start: int, end: int, word: str) -> bool:
    """A month or weekday word that is part of a name: "Theresa May", "The Sunday Times"."""
    if _ABBREVIATED_MONTH_RE.fullmatch(word) and not re.match(r"\.?\s*\d", text[end:]):
        return True  # "Jan Novak": abbreviations only stand for months before a day or year
    before = re.search(r"([A-Za-z']+)\W{0,2}\Z", text[:start])
    lead = before.group(1).lower() if before else ""
    follows_name = bool(
        before and before.group(1)[:1].isupper() and lead not in DATE_LEAD_WORDS and start > before.end() - 1
    )
    if follows_name and not _sentence_start(text, before.start() if before else 0):
        return True
    followed_by_name = re.match(r"\A\s+(?:[A-Z][a-z]+)", text[end:])
    if followed_by_name and lead not in PREPOSITIONS:
        after = followed_by_name.group(0).strip().lower()
        return after not in DATE_LEAD_WORDS and not re.match(
            r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", after
        )
    return False


def _sentence_start(text: str, index: int) -> bool:
    return not text[:index].strip() or text[:index].rstrip()[-1:] in '.!?"“'
