"""Figures in news prose: points, ranges, approximations, bounds, vague plurals, money, units,
percentages, durations, and lists that add up.

Two steps, so the text-only part can be tested without a language model:

* :func:`find_figures` reads the figures of a sentence from its characters alone (a bare figure
  takes the unit, bound or change of the figure beside it: :mod:`~triangulate.analyze.neighbours`);
* :func:`triangulate.analyze.counting.attach_nouns` uses the parsed sentence to say what each figure counts ("personnel",
  "dead") and groups coordinated figures into a sum ("1,000 sappers and 5,000 workers").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from triangulate.analyze import lexicon as lx
from triangulate.analyze.neighbours import fill_from_neighbours
from triangulate.analyze.numbers import (
    FOLD_RE,
    NUMBER,
    SCALES,
    SCIENTIFIC_RE,
    SLASH_FRACTION_RE,
    VAGUE_RE,
    parse_number,
    parse_scientific,
    vague_range,
)
from triangulate.analyze.qualifiers import apply_bound, qualifier_before
from triangulate.model import Quantity

_CURRENCY_PREFIX = (
    r"(?:US\s?\$|\$US|\$A|A\$|(?-i:\b(?:AU|C|NZ|S)\s)\$|C\$|NZ\$|HK\s?\$|S\$|R\$|\$|€|£|¥|₩|₹|₪|USD\s?|EUR\s?|GBP\s?"
    r"|(?:RM|Rs\.?)(?=\s?\d)"
    # ISO codes written before the figure ("AUD1.5m", "INR 1 trillion"), and the ASCII folding of
    # "£" and "¥" in transliterated feeds ("PS2.7m", "Y=590 billion")
    r"|(?-i:AUD|CAD|NZD|SGD|HKD|INR|JPY|CNY|CHF|ZAR)\s?(?=\d)"
    r"|(?-i:PS)(?=\d+(?:[.,]\d+)*(?:bn|mn|m|k)\b|\d{1,3}(?:,\d{3})+)|(?-i:Y=)(?=\d))"
)
# ASCII transliterations of currency signs (unidecode writes "£" as "PS" and "¥" as "Y=").
_FOLDED_SIGNS = {"ps": "GBP", "y=": "JPY"}
_ISO_CODES = ("usd", "eur", "gbp", "jpy", "cny", "krw", "inr", "chf")
_CURRENCY_WORDS = sorted(
    (w.replace(" ", r"\s") for w in lx.CURRENCIES if w.replace(" ", "").isalpha() and w not in _ISO_CODES),
    key=len,
    reverse=True,
)
_MEASURE_WORDS = sorted(lx.MEASURES, key=len, reverse=True)
_DURATION_WORDS = "|".join(lx.DURATIONS)

_PERCENT = r"\s?(?:%|per\s?cent\b|percent\b)"
FIGURE_RE = re.compile(
    rf"(?P<sign>(?:(?<![\w.,)-])[-−+]|(?<![\w.)-])(?:minus[\s-]?|plus\s))(?=[$€£¥₩₹₪\d]|[A-Z]{{2,3}}\s?\d))?"
    rf"(?P<cur>{_CURRENCY_PREFIX})?(?P<sign2>(?<=[$€£¥])[-−](?=\d))?(?P<num>{NUMBER})(?P<pct1>{_PERCENT})?"
    rf"(?:(?P<link>\s?(?:-to-|-|–|—|to)\s?|\sor\s)(?P<cur2>{_CURRENCY_PREFIX})?(?P<num2>{NUMBER}))?",
    re.IGNORECASE | re.ASCII,
)
BETWEEN_RE = re.compile(
    rf"\b(?:between|from)\s+(?P<cur>{_CURRENCY_PREFIX})?(?P<num>{NUMBER})(?:[a-z]{{1,4}}|%)?\s+(?:and|to)\s+"
    rf"(?P<cur2>{_CURRENCY_PREFIX})?(?P<num2>{NUMBER})",
    re.IGNORECASE,
)
A_DURATION_RE = re.compile(
    rf"\b(?:a|an)\s+(?P<unit>{_DURATION_WORDS.replace('second|', '')})\b(?!\s+(?:ago|earlier|later)\b)",
    re.IGNORECASE | re.ASCII,
)
_UNIT_AFTER_RE = re.compile(
    r"\A(?:(?P<pct>\s?%|\s?percent(?:age points?)?\b|\s?per\s?cent\b|\s?pc\b)"
    rf"|(?P<cur>\s?(?:{'|'.join(_CURRENCY_WORDS)}|{'|'.join(_ISO_CODES)})\b(?!-\w)|€|£)"
    rf"|(?P<dur>(?:\s|-)(?:{_DURATION_WORDS})s?\b|\s?(?:{'|'.join(lx.DURATION_ABBREVIATIONS)})\b)"
    rf"|(?P<measure>(?:\s|-)?(?:{'|'.join(re.escape(w) for w in _MEASURE_WORDS)})(?![\w]))"
    r"|(?P<of>\s(?:tens|hundreds)\sof\s(?:thousands|millions)))?",
    re.IGNORECASE | re.ASCII,
)
# A rate after the figure and its unit: "$3,500 a month", "barrels a day", "$10 per gram", "£24 a-year".
_RATE_RE = re.compile(
    rf"\A(?:(?:\s+|-)(?:a|an)[\s-](?P<a>{'|'.join(lx.RATE_NOUNS)})|(?:\s?/\s?|\s+per\s+)(?P<per>sq\.?\s?(?:m|ft|km)"
    r"|square\s(?:metre|meter|foot|feet|mile|kilometre|kilometer)s?|[a-z]{2,}))\b"
    r"(?!\s+(?:ago|earlier|later|before|after|on)\b)",
    re.IGNORECASE,
)
_NOT_RATES = ("cent", "centum", "the", "an", "its", "their", "his", "her", "our", "this", "that", "se")
_SYMBOLS = [*lx.CASED_SYMBOLS, *lx.POSTFIX_CURRENCY_SYMBOLS]
# Unit symbols read with their case ("450 Nm" of torque, "5 W", "5G"), before the other units.
_SYMBOL_AFTER_RE = re.compile(
    rf"\A(?:(?P<joined>{'|'.join(map(re.escape, lx.CASED_SYMBOLS_JOINED))})"
    rf"|\s?(?P<sym>{'|'.join(re.escape(w) for w in sorted(_SYMBOLS, key=len, reverse=True) if w not in lx.CASED_SYMBOLS_JOINED)}))"
    r"(?![\w'’-]|\.\w)"  # not "40 F.B.I. agents"
)
_MONEY_CUE_RE = re.compile(rf"\b(?:{'|'.join(lx.MONEY_CUES)})\b", re.IGNORECASE)
_MONEY_AFTER_RE = re.compile(  # \A: read right after a figure; unanchored it was quadratic on long blank runs
    r"\A(?:\s*\(\s*(?:US|\$|€)|\s+(?:a|an|per)\s+(?:year|month|week|day|hour|head|person|share)\b)", re.IGNORECASE
)
_OF_WORD_RE = re.compile(r"\A\s+of\s+(?:the\s+)?(\w+)", re.IGNORECASE)
_AGE_RE = re.compile(r"\A(?:\s?-\s?|\s)years?[- ]old\b|\A\s+years?\s+old\b", re.IGNORECASE)
# An age without "years old": "Smith, 45, said", "she was 10.", "aged 30", "the age of 5 (years)".
_AGE_BEFORE_RE = re.compile(
    r"(?P<name>\b(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June"
    r"|July|August|September|October|November|December|However|Meanwhile|Overall|Today|Yesterday)\b)[A-Z][a-z]+,)\s\Z"
    r"|(?i:\b(?:(?:he|she|who|i|they|we)\s+(?:is|was|were|are|am|(?:will|would)\s+be"
    r"|turns|turned|turning)|(?P<aged>aged)|age\s+of))\s\Z"
)
_AGE_AFTER_RE = re.compile(
    r"\A(?:\s*[.,;)]|\s*\Z|\s+(?:by|when|who|in|at|on|and|but|or|to|last|this|next|years?)\b)", re.IGNORECASE
)
_YEAR_CONTEXT_RE = re.compile(
    r"(?:\b(?:in|since|by|of|from|until|till|before|after|during|year|early|late|mid)\s*-?"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s*|[-/])$",
    re.IGNORECASE,
)
_ORDINAL_RE = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_PLURAL_AFTER_RE = re.compile(r"\A\s+[a-z]+s\b")
_AMOUNT_OF_RE = re.compile(
    r"\b(?:average|total|maximum|minimum|sum|tally|estimate|population|crowd|fine|cost|budget|price)\s+of$",
    re.IGNORECASE,
)
# A figure with "m" in metres, not millions: "a 37m (121ft) hull", "a 20m-long wall".
_METRES_AFTER_RE = re.compile(
    r"\A(?:\s?\(\s?[\d.,]{1,12}\s?(?:ft|feet|foot|in|inches|yd|yards|mi|miles)\b|-(?:long|tall|high|wide|deep)\b)",
    re.IGNORECASE,
)
_CLOCK_RE = re.compile(
    r"\A(?::\d{2}|\s?(?:a\.?m\.?|p\.?m\.?)(?!\w)|\s?(?-i:GMT|UTC|EDT|EST|BST|CET|CEST|PDT|PST|IST)\b)",
    re.IGNORECASE,
)


def find_figures(text: str, exclude: Sequence[tuple[int, int]] = ()) -> list[Quantity]:
    """Every figure in ``text`` whose span does not overlap an ``exclude`` span (dates, times)."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = list(exclude)
    for match in BETWEEN_RE.finditer(text):
        quantity = _figure_from_match(text, match, between=True)
        if quantity and not _overlaps(quantity.start, quantity.end, taken):
            found.append(quantity)
            taken.append((quantity.start, quantity.end))
    for match in VAGUE_RE.finditer(text):
        if _overlaps(match.start(), match.end(), taken):
            continue
        low, high = vague_range(match.group(0)) or (0.0, 0.0)
        start = qualifier_before(text, match.start())[0]
        found.append(
            Quantity(
                text=text[start : match.end()],
                start=start,
                end=match.end(),
                low=low,
                high=high,
                approx=match.group(0).lower(),
            )
        )
        taken.append((match.start(), match.end()))
    for match in A_DURATION_RE.finditer(text):
        if _overlaps(match.start(), match.end(), taken):
            continue
        start, approx = qualifier_before(text, match.start())
        if approx not in lx.APPROX_NEAR:
            continue  # "more than a decade", "pennies a day": not a reported figure
        days = lx.DURATIONS[match.group("unit").lower()]
        found.append(
            Quantity(
                text=text[start : match.end()],
                start=start,
                end=match.end(),
                low=days,
                high=days,
                unit="day",
                approx=approx,
                kind="duration",
            )
        )
        taken.append((start, match.end()))
    found += _fractions(text, taken)
    found += _written_out(text, taken)
    found += _scan_figures(text, taken)
    return fill_from_neighbours(text, sorted(found, key=lambda q: q.start))


_OF_A_RE = re.compile(r"\A\s+of\s+(?:a|an)(?:\s+[A-Z]{2,3}\b)?(?=\s)")


def _written_out(text: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    """Figures in scientific notation and fractions of a unit, with the unit after them."""
    found = []
    for match in SCIENTIFIC_RE.finditer(text):
        value = parse_scientific(match.group(0))
        if value is not None:
            found += _with_unit(text, match.start(), match.end(), value, taken, need_unit=False)
    for match in FOLD_RE.finditer(text):  # "sixfold", "a 10-fold rise": a multiple
        multiple = parse_number(match.group("n"))
        if multiple and not _overlaps(match.start(), match.end(), taken):
            start, approx = qualifier_before(text, match.start())
            low, high = apply_bound(approx, multiple, multiple)
            found.append(Quantity(text[start : match.end()], start, match.end(), low, high, approx=approx))
            taken.append((start, match.end()))
    for match in SLASH_FRACTION_RE.finditer(text):
        a, b = int(match.group("a")), int(match.group("b"))
        if 0 < a < b:
            found += _with_unit(text, match.start(), match.end(), a / b, taken, need_unit=True)
    return found


def _with_unit(
    text: str, start: int, end: int, value: float, taken: list[tuple[int, int]], need_unit: bool
) -> list[Quantity]:
    of_a = _OF_A_RE.match(text[end : end + 20])
    unit_at = end + (of_a.end() if of_a else 0)
    unit, kind, factor, length = _unit_after(text[unit_at:])
    if not length and (need_unit or of_a):
        return []
    stop = unit_at + length if length else end
    per, per_length = rate_after(text[stop:], count=kind == "count") if length else ("", 0)
    unit, stop = (f"{unit}/{per}", stop + per_length) if per else (unit, stop)
    if _overlaps(start, stop, taken):
        return []
    approx_start, approx = qualifier_before(text, start)
    low, high = apply_bound(approx, value * factor, value * factor)
    taken.append((approx_start, stop))
    q = Quantity(text[approx_start:stop], approx_start, stop, low, high, unit=unit, approx=approx, kind=kind)
    return [q]


def _unit_after(after: str) -> tuple[str, str, float, int]:
    """The unit right after a figure: (unit, kind, factor, length); length 0 when there is none."""
    symbol = _SYMBOL_AFTER_RE.match(after)
    if symbol:
        unit, factor, _ = lx.CASED_SYMBOLS[symbol.group("joined") or symbol.group("sym")]
        return unit, "measure", factor, len(symbol.group(0))
    unit_match = _UNIT_AFTER_RE.match(after)
    if unit_match and unit_match.group(0) and not unit_match.group("of"):
        unit, kind, factor = _unit_of(unit_match, "", "count")
        if unit == "GBP" and "pound" in unit_match.group(0).lower():
            unit, kind, factor = "kg", "measure", lx.MEASURES["pounds"][1]  # "1/2 pound": a weight
        return unit, kind, factor, len(unit_match.group(0))
    return "", "count", 1.0, 0


_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "tenth": 10, "tenths": 10,
}  # fmt: skip
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "nine": 9}
# A share of a whole: "a third of", "two-thirds of", "half the", "one in three", "one out of four".
FRACTION_RE = re.compile(
    r"\b(?:(?P<num>a|one|two|three|four|nine)[\s-])?(?P<den>half|halves|thirds?|quarters?|fourths?|fifths?|sixths?"
    r"|tenths?)\s+(?=(?:of|the|its|their|our|his|her|all)\b)(?!of\s+an?\s)"
    r"|\bone\s+(?:in|out\sof)\s+(?:every\s+)?(?P<every>two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\b",
    re.IGNORECASE,
)


def _fractions(text: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    """Shares written as fractions, as percentages: "a third of" = 33.3%, "one in four" = 25%."""
    found = []
    for match in FRACTION_RE.finditer(text):
        if match.group("every"):
            share = 1 / (parse_number(match.group("every")) or 1)
        else:
            if not match.group("num") and match.group("den").lower() != "half":
                continue  # "Fourth of July", "the final third of the pitch": "a third of" has its article
            num = _SMALL.get((match.group("num") or "a").lower(), 1)
            plural = match.group("den").lower().endswith("s") and match.group("den").lower() != "halves"
            if (num > 1 and not plural) or (num == 1 and plural):
                continue  # "two third", "a thirds": not a fraction
            share = num / _DENOMINATORS[match.group("den").lower()]
        end = match.end() if match.group("every") else match.end("den")
        if not 0 < share < 1 or _overlaps(match.start(), end, taken) or _ordinal_use(text, match.start()):
            continue
        start, approx = qualifier_before(text, match.start())
        value = 100 * share
        found.append(
            Quantity(
                text=text[start:end],
                start=start,
                end=end,
                low=value,
                high=value,
                unit="%",
                approx=approx,
                kind="percent",
            )
        )
        taken.append((start, end))
    return found


def _ordinal_use(text: str, start: int) -> bool:
    """ "the third of five", "a second half": an ordinal, not a share."""
    before = text[max(0, start - 8) : start]
    return bool(re.search(r"\b(?:the|first|second|final|last|this|that|each|every)\s+\Z", before, re.I))


def _scan_figures(text: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    found: list[Quantity] = []
    position = 0
    while (figure := FIGURE_RE.search(text, position)) is not None:
        position = figure.end()
        if figure.start() > 0 and (text[figure.start() - 1].isalnum() or text[figure.start() - 1] in "_.:"):
            continue  # inside a word, a version or a clock time: "COVID19", "v2.1", "10:30"
        if not figure.group("sign") and _joined_to_name(text, figure.start()):
            continue  # a name with a number ("COVID-19", "TA-35"), or the tail of a rejected span ("1990-91")
        quantity = _figure_from_match(text, figure)
        if quantity is None or quantity.end < figure.end():
            # "by $43.6bn to $419.2bn", "in 2018 to 3.9 million": the second figure is read on its own
            position = quantity.end if quantity else figure.end("num")
        if quantity and not _overlaps(quantity.start, quantity.end, taken):
            found.append(quantity)
            taken.append((quantity.start, quantity.end))
    return found


def _figure_from_match(text: str, match: re.Match[str], between: bool = False) -> Quantity | None:
    raw, raw2 = match.group("num"), match.group("num2")
    low = parse_number(raw)
    if low is None:
        return None
    high = parse_number(raw2) if raw2 else low
    if high is None:
        return None
    groups = match.groupdict()
    num_start = match.start("cur") if match.group("cur") else match.start("num")
    num_start = match.start("sign") if groups.get("sign") else num_start  # "about minus 40"
    end = match.end() if raw2 else match.end("num")
    after = text[end:]
    if _CLOCK_RE.match(after) or _ORDINAL_RE.match(text, match.end("num")):
        return None
    approx_before = qualifier_before(text, num_start)[1]
    if raw2 and not approx_before and _is_year_span(raw, raw2, low, high) and not _PLURAL_AFTER_RE.match(after):
        return None  # "1990-91", "between 1600 and 1900": years, not figures ("1000 to 2000 hires" is none)
    if raw2 and (high < low or not (between or _plausible_range(text, match, low, high))):
        end, high, raw2 = match.end("num"), low, None  # "2-1"; "by 43.6 to 419.2": two figures
        after = text[end:]
    if raw2 is None and not approx_before and _is_year(text, match, low):
        return None
    currency = _currency_code(match.group("cur") or match.group("cur2") or "")
    unit, kind = currency, "money" if currency else "count"
    scale_from_second = _trailing_scale(raw2) if raw2 else None
    if scale_from_second and _trailing_scale(raw) is None and low * scale_from_second <= high:
        low *= scale_from_second  # "1.2-1.5bn", but not "$800,000 to $1.3 million"
    if not currency and raw.lower().endswith("m") and _METRES_AFTER_RE.match(after):
        low, high, unit, kind = low / 1e6, high / 1e6, "m", "measure"  # "a 37m (121ft) hull": metres
    unit_match = _UNIT_AFTER_RE.match(after)
    age = _AGE_RE.match(after) or _age_in_context(text, num_start, after, low, high, currency)
    symbol = _SYMBOL_AFTER_RE.match(after)
    if age:
        end += len(age.group(0))
        unit, kind = "year", "age"
    elif symbol and _money_sign(symbol.group(0), text, num_start, end):
        end += len(symbol.group(0))
        unit, kind = lx.POSTFIX_CURRENCY_SYMBOLS[symbol.group(0).strip()], "money"  # "150 kn", "40 zł"
    elif symbol:
        end += len(symbol.group(0))
        unit, factor, _ = lx.CASED_SYMBOLS[symbol.group("joined") or symbol.group("sym")]
        kind, low, high = "measure", low * factor, high * factor
    elif unit_match and unit_match.group(0) and not _idiom_point(unit_match, raw):
        end += len(unit_match.group(0))
        unit, kind, factor = _unit_of(unit_match, unit, kind)
        if unit == "GBP" and not _pounds_of_money(text, num_start, end, unit_match.group("cur") or "", raw2 or raw):
            unit, kind, factor = "kg", "measure", lx.MEASURES["pounds"][1]
        low, high = low * factor, high * factor
    per, length = rate_after(text[end:], count=kind == "count")
    if per:
        end += length
        unit = f"{unit}/{per}"
    elif kind in ("money", "measure"):
        # "9 billion shekels ($2.4 billion) a year", "C$6 (US$4.46) per share": the rate after a
        # conversion in parentheses is the rate of both figures (the span stays the figure's own)
        aside = re.match(r"\s*\([^()]{1,40}\)|\)", text[end:])
        per = rate_after(text[end + aside.end() :])[0] if aside else ""
        unit = f"{unit}/{per}" if per else unit
    if kind == "count" and raw.lower() in ("a", "an"):
        return None
    if groups.get("pct1") and kind == "count":
        kind, unit = "percent", "%"  # "5% to 10%"
    start, approx = qualifier_before(text, num_start)
    if between and raw2:
        start = match.start()
    change = ""
    sign = (groups.get("sign") or groups.get("sign2") or "").strip().lower()
    if sign:
        if sign in ("-", "−", "minus", "minus-"):
            low, high = -high, -low
        if kind == "percent":
            change = "down" if low < 0 else "up"  # "-1.3%", "+0.2%": a move
    q_low, q_high = apply_bound(approx, low, high)
    return Quantity(
        text=text[start:end],
        start=start,
        end=end,
        low=q_low,
        high=q_high,
        unit=unit,
        approx=approx,
        kind=kind,
        change=change,
    )


def _age_in_context(text: str, start: int, after: str, low: float, high: float, currency: str) -> re.Match[str] | None:
    """An age told by its context, and the "years" after it if any (None if it is no age)."""
    if currency or not (0 < low <= high <= 120 and low == int(low)):
        return None
    before = _AGE_BEFORE_RE.search(text, max(0, start - 24), start)
    if before is None or (before.group("name") and not after.startswith(",")):
        return None  # an apposition is set off by commas: "Smith, 45, said"
    if _AGE_YEARS_RE.match(after):
        return _AGE_YEARS_RE.match(after)
    unit = _UNIT_AFTER_RE.match(after)
    told = _AGE_AFTER_RE.match(after) or (before.group("aged") and not (unit and unit.group(0)))
    return _EMPTY_RE.match(after) if told else None  # an age with no unit word after it


_AGE_YEARS_RE = re.compile(r"\A\s+years?\b(?!\s+(?:ago|old)\b)", re.IGNORECASE)
_EMPTY_RE = re.compile(r"\A")


def _joined_to_name(text: str, start: int) -> bool:
    """ "COVID-19", "TA-35", the tail of "1990-91"; but "sub-300 sq m" is a figure."""
    before = text[max(0, start - 5) : start]
    return bool(re.search(r"[A-Za-z\d][-–]\Z", before)) and not re.search(r"\b(?:sub|mid)-\Z", before, re.I)


def _is_year(text: str, match: re.Match[str], value: float) -> bool:
    """A four-digit number without a comma is a year unless a unit or a plural noun follows."""
    raw = match.group("num")
    if match.group("cur") or not raw.isdigit() or len(raw) != 4 or not 1000 <= value <= 2200:
        return False
    end = match.end("num")
    before, after = text[: match.start()].rstrip(), text[end:]
    if value > 2100 and not _YEAR_CONTEXT_RE.search(before):
        return False  # "by 2120" is a year; "2150 workers" is not
    unit = _UNIT_AFTER_RE.match(after)
    if unit is not None and unit.group(0):
        return False
    if _AMOUNT_OF_RE.search(before):
        return False  # "an average of 1500"
    if _YEAR_CONTEXT_RE.search(before):
        return True
    plural = _PLURAL_AFTER_RE.match(after)  # "1500 workers"
    return plural is None


def _is_year_span(raw: str, raw2: str, low: float, high: float) -> bool:
    four = raw.isdigit() and len(raw) == 4 and 1000 <= low <= 2100
    return four and (raw2.isdigit() and (len(raw2) == 2 or (len(raw2) == 4 and 1000 <= high <= 2100)))


def _plausible_range(text: str, match: re.Match[str], low: float, high: float) -> bool:
    """ "10,000-12,000" is a range; "rose by 5 to 8" and "60% in 2018 to 3.9 million" are not."""
    connector = match.group("link") or ""
    if connector.strip().lower() == "or":
        return 0 < low < high < 1000  # "three or four", not "1 or 2,000"
    if match.group("pct1"):
        # "5% to 10%" is a range; "up 9.4 per cent to $84", "rose 8.1 percent to 99.20 yuan" are a
        # change, then a level
        unit = _UNIT_AFTER_RE.match(text[match.end() :])
        return not match.group("cur2") and unit is not None and bool(unit.group("pct"))
    if "to" not in connector.lower():
        return True
    scale = _trailing_scale(match.group("num2"))
    first = low * scale if scale and _trailing_scale(match.group("num")) is None else low
    if first == 0 < high:
        return _unit_after(text[match.end() :])[1] == "measure"  # "0 to 80 km/h": a sprint
    before = text[max(0, match.start() - 8) : match.start()].lower()
    if re.search(r"\b(?:by|from)\s*$", before):
        # "dropped by 1 to 1.5 degrees" is a range of change; "rose by $43.6bn to $419.2bn" is not
        return 0 < first <= high <= 3 * first
    return 0 < first <= high <= 20 * first


def rate_after(text: str, count: bool = False) -> tuple[str, int]:
    """The rate that starts ``text`` ("a month", "per share", "/kg"), as a singular noun, and its
    length; ("", 0) when there is none. After a bare count only "per" makes a rate."""
    rate = _RATE_RE.match(text)
    if rate is None or (rate.group("per") and rate.group("per").lower() in _NOT_RATES):
        return "", 0
    if count and not rate.group("per"):
        return "", 0
    return _rate_noun(rate.group("a") or rate.group("per")), len(rate.group(0))


def _rate_noun(word: str) -> str:
    word = re.sub(r"\s+", " ", word.lower().rstrip("."))
    word = {"sq m": "square metre", "sq ft": "square foot", "sq km": "square kilometre", "sqm": "square metre"}.get(
        word, word
    )
    word = re.sub(r"(feet|metres|meters|miles)$", lambda m: {"feet": "foot"}.get(m.group(1), m.group(1)[:-1]), word)
    return lx.RATE_SYNONYMS.get(word, word)


def _trailing_scale(raw: str) -> float | None:
    m = re.search(r"(hundred|thousand|million|billion|trillion|bn|mn|mln|mil|k|m|b)s?$", raw, re.I)
    return SCALES[m.group(1).lower()] if m else None


def _currency_code(symbol: str) -> str:
    key = re.sub(r"\s+", "", symbol)
    if re.fullmatch(r"[A-Z]{3}", key):
        return key  # an ISO 4217 code
    return lx.CURRENCIES.get(key.lower()) or _FOLDED_SIGNS.get(key.lower(), "")


def _unit_of(match: re.Match[str], unit: str, kind: str) -> tuple[str, str, float]:
    if match.group("pct"):
        return ("pp" if "point" in match.group("pct").lower() else "%"), "percent", 1.0
    if match.group("cur"):
        return lx.CURRENCIES[match.group("cur").strip().lower()], "money", 1.0
    if match.group("dur"):
        word = match.group("dur").strip(" -").lower()
        word = lx.DURATION_ABBREVIATIONS.get(word, word).rstrip("s")
        return "day", "duration", lx.DURATIONS[word]
    if match.group("measure"):
        canonical, factor = lx.MEASURES[match.group("measure").strip(" -").lower()]
        return canonical, "measure", factor
    return unit, kind, 1.0


def _money_sign(symbol: str, text: str, start: int, end: int) -> bool:
    """A currency sign after the amount ("150 kn"), when money is in the sentence."""
    if symbol.strip() not in lx.POSTFIX_CURRENCY_SYMBOLS:
        return False
    if symbol.strip() not in lx.CASED_SYMBOLS:
        return True  # "40 zł" is only money
    return _MONEY_CUE_RE.search(text, max(0, start - 80), min(len(text), end + 40)) is not None


def _idiom_point(unit_match: re.Match[str], raw: str) -> bool:
    """ "at one point", "a point": points are a unit after digits ("35.2 points", "3-point")."""
    measure = unit_match.group("measure") or ""
    return measure.strip(" -").lower() in ("point", "points", "pts") and not any(c.isdigit() for c in raw)


def _pounds_of_money(text: str, start: int, end: int, word: str, raw: str) -> bool:
    """ "pounds" without a sign is sterling beside words of money ("paid 500 pounds", "2 million
    pounds"); otherwise, and in "two pounds of flour", a weight."""
    if word.strip().lower() not in ("pound", "pounds"):
        return True  # "£", "sterling", "GBP"
    of = _OF_WORD_RE.match(text[end : end + 40])
    if of:
        return of.group(1).lower() in lx.MONEY_CUES
    if (_trailing_scale(raw) or 0) >= 1e6 or _MONEY_AFTER_RE.match(text[end : end + 24]):
        return True  # "2 million pounds", "500 pounds ($640)", "40 pounds a month"
    return _MONEY_CUE_RE.search(text, max(0, start - 80), min(len(text), end + 40)) is not None


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)
