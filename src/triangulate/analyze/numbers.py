"""Reading numbers as news writes them: "11,000", "1.2bn", "twenty-five", "a dozen", "thousands".

The patterns here are deliberately linear (no nested quantifiers) so they finish quickly on any
input; ``tests/test_analyze_numbers.py`` checks that property with hypothesis.
"""

from __future__ import annotations

import re

UNITS_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "mn": 1e6,
    "mln": 1e6,
    "mil": 1e6,
    "m": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "tn": 1e12,
    "trn": 1e12,
}
# "thousands of": a vague amount spans one order of magnitude (NewsQuant's convention).
VAGUE_PLURALS = {
    "dozens": (24.0, 144.0),
    "scores": (40.0, 100.0),
    "hundreds": (100.0, 1e3),
    "thousands": (1e3, 1e4),
    "millions": (1e6, 1e7),
    "billions": (1e9, 1e10),
    "tens of thousands": (1e4, 1e5),
    "hundreds of thousands": (1e5, 1e6),
    "tens of millions": (1e7, 1e8),
    "hundreds of millions": (1e8, 1e9),
}

_WORD_NUM = "|".join(sorted([*UNITS_WORDS, *TENS_WORDS], key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SCALE_WORD = r"hundred|thousand|million|billion|trillion"
_SCALE_ABBR = r"bn|mn|mln|mil|trn|tn|k|m|b"

# One number: digits or words, with an optional scale ("1.2 billion", "1.2bn", "two million").
NUMBER = (
    rf"(?:(?:{_DIGITS})(?:(?:\s?(?:{_SCALE_WORD})\b)+|(?:{_SCALE_ABBR})\b)?"
    rf"|\b(?:(?:a|an)\s(?:{_SCALE_WORD})|(?:{_WORD_NUM}))(?:[\s-](?:and[\s-])?(?:{_WORD_NUM}|{_SCALE_WORD})\b)*\b"
    r"|\ba\s(?:dozen|score)\b|\bhalf\sa\s(?:dozen|million|billion)\b)"
)
NUMBER_RE = re.compile(NUMBER, re.IGNORECASE | re.ASCII)
VAGUE_RE = re.compile(
    r"\b(?:(?:tens|hundreds)\sof\s(?:thousands|millions)|dozens|scores|hundreds|thousands"
    r"|millions|billions)\b(?=\s+(?:of|more|upon)\b)",
    re.IGNORECASE | re.ASCII,
)

# "1.99×10−30 kilograms", "6.02 x 10^23", "3×10⁸": a mantissa times a power of ten. The exponent
# is marked by a caret, a superscript or a sign ("2 x 10 boards", "3×105" are no such figure).
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺−", "0123456789-+-")
SCIENTIFIC_RE = re.compile(
    r"(?<![\w.])(?P<m>\d{1,3}(?:\.\d{1,12})?)\s?(?:[×xX*]\s?10\s?(?:\^\s?(?P<e>[-−+]?[0-9]{1,3})"
    r"|(?P<e2>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))|×\s?10\s?(?P<e3>[-−+]\s?[0-9]{1,3}))(?![\d⁰¹²³⁴⁵⁶⁷⁸⁹])"
)
# "1/16 of a pint", "1/2 pound", "3⁄4 cup": a fraction of a unit (a date or "24/7" has none).
SLASH_FRACTION_RE = re.compile(r"(?<![\w/.,])(?P<a>\d{1,2})\s?(?P<slash>[/⁄])\s?(?P<b>\d{1,3})(?![\w/.,⁄])")
FOLD_RE = re.compile(
    r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred|thousand|\d{1,4})[-\s]?fold\b",
    re.IGNORECASE,
)


def parse_scientific(text: str) -> float | None:
    """The value of a figure in scientific notation ("1.99×10−30", "6.1 x 10^5"), or None."""
    match = SCIENTIFIC_RE.fullmatch(text.strip())
    if match is None:
        return None
    exponent = (match.group("e") or match.group("e2") or match.group("e3") or "").translate(_SUPERSCRIPTS)
    try:
        return float(match.group("m")) * 10.0 ** int(exponent.replace(" ", ""))
    except (ValueError, OverflowError):
        return None


def parse_number(text: str) -> float | None:
    """The value of one number written in digits and/or words, or None if it is not one."""
    s = text.strip().lower().replace("\u2009", "").replace("\xa0", " ")
    if not s:
        return None
    if s in ("a dozen",):
        return 12.0
    if s in ("a score",):
        return 20.0
    if s.startswith("half a "):
        rest = parse_number("one " + s[len("half a ") :]) if s.endswith("dozen") is False else 12.0
        return None if rest is None else rest / 2
    m = re.fullmatch(rf"({_DIGITS})((?:\s?(?:{_SCALE_WORD})s?)+|\s?(?:{_SCALE_ABBR}))?", s)
    if m:
        value = float(m.group(1).replace(",", ""))
        for scale in re.findall(rf"{_SCALE_WORD}|{_SCALE_ABBR}", m.group(2) or ""):
            value *= SCALES[scale]  # "4 hundred million" = 4 x 100 x 1,000,000
        return value
    return _parse_words(s)


def _parse_words(s: str) -> float | None:
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", s):
        if word in ("a", "an"):
            current = current or 1.0
        elif word == "and":
            continue
        elif word in UNITS_WORDS:
            current += UNITS_WORDS[word]
        elif word in TENS_WORDS:
            current += TENS_WORDS[word]
        elif word.rstrip("s") in SCALES and len(word) > 2:
            scale = SCALES[word.rstrip("s")]
            current = (current or 1.0) * scale
            if scale >= 1e3:
                total, current = total + current, 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def vague_range(text: str) -> tuple[float, float] | None:
    """The conventional range of a vague plural ("thousands" → 1,000-10,000)."""
    return VAGUE_PLURALS.get(re.sub(r"\s+", " ", text.strip().lower()))


def decimals_of(text: str) -> int:
    """How precisely a figure is written: trailing zeros mean it was probably rounded."""
    digits = re.sub(r"[^\d.]", "", text)
    if "." in digits:
        return 0
    stripped = digits.rstrip("0")
    return len(digits) - len(stripped)
