"""Time expressions as news writes them, resolved against the article's date.

"in October of last year", "last autumn", "as soon as July or August", "on Thursday",
"earlier this year", "10 August 2026", "two weeks ago", "since Sunday".

Each rule is a regex and a function ``(match, ref) -> (low, high, granularity)`` giving inclusive
days. With no reference date an expression that needs one is kept, typed, with no dates
(``kind`` says what it is); :func:`resolve` can resolve it later against a guessed reference.
Assumptions, documented in ``docs/evaluation.md``: seasons are the northern meteorological ones
(autumn = September-November); a month or day with no year is the occurrence nearest the
reference date; a bare weekday is the latest one on or before it unless the sentence looks ahead.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from triangulate.analyze.numbers import parse_number
from triangulate.analyze.time_context import is_name, looks_ahead, looks_back
from triangulate.model import TimeSpan

Interval = tuple[date, date, str]
Resolver = Callable[[re.Match[str], date | None], Interval | None]

MONTHS = (
    {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
    | {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
    | {"sept": 9}
)
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
HOLIDAYS = {
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "christmas": (12, 25),
    "boxing day": (12, 26),
    "new year s day": (1, 1),
    "new year s eve": (12, 31),
    "new years day": (1, 1),
    "new years eve": (12, 31),
    "halloween": (10, 31),
    "valentine s day": (2, 14),
    "valentines day": (2, 14),
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)(?![A-Za-z-])"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_SEASON = r"(?i:spring|summer|autumn|fall|winter)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_REL = r"(?i:last|this|next|past|previous|coming)"
_PART = r"(?i:early|mid|late|the\s+(?:start|beginning|middle|end)\s+of)"
_COUNT = (
    r"(?:\d+|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|several|a\s+couple\s+of))"
)
_UNIT = r"(?i:hours?|days?|weeks?|months?|years?|decades?)"


def _month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _month_interval(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _nearest_year(ref: date, month: int, day: int = 1, m: re.Match[str] | None = None, last_month: int = 0) -> int:
    """A month or day given without a year: the occurrence nearest the reference date, or the
    latest one not after it when the sentence reports the past ("was approved in November"), or
    the next one not over when it looks ahead ("will start in July or August")."""
    candidates = [ref.year - 1, ref.year, ref.year + 1]
    if m is not None and looks_back(m.string, m.start(), m.end()):
        return max(y for y in candidates if date(y, month, min(day, 28)) <= ref)
    if m is not None and looks_ahead(m.string, m.start()):
        end_month = last_month or month
        return min(y for y in candidates if _month_interval(y + (end_month < month), end_month)[1] >= ref)
    return min(candidates, key=lambda y: (abs((date(y, month, min(day, 28)) - ref).days), -y))


def _part_of(low: date, high: date, part: str | None) -> tuple[date, date]:
    """Narrow an interval to its early/mid/late third ("in early August" = 1-10 August)."""
    if not part:
        return low, high
    part = re.sub(r"\s+", " ", part.lower())
    span = (high - low).days + 1
    third = span // 3
    if part in ("early", "the start of", "the beginning of"):
        return low, low + timedelta(days=third - 1)
    if part in ("mid", "the middle of"):
        return low + timedelta(days=third), high - timedelta(days=third)
    return high - timedelta(days=third - 1), high  # late, the end of


def _season_interval(year: int, season: str) -> tuple[date, date]:
    start_month = SEASONS[season.lower()]
    low = date(year, start_month, 1)
    end_month, end_year = (start_month + 2 - 1) % 12 + 1, year + (start_month + 2 > 12)
    return low, _month_interval(end_year, end_month)[1]


def _season(m: re.Match[str], ref: date | None) -> Interval | None:
    season, rel, year = m.group("season"), (m.group("rel") or "this").lower(), m.group("year")
    if year:
        return (*_season_interval(int(year), season), "season")
    if ref is None:
        return None
    spans = [_season_interval(y, season) for y in range(ref.year - 2, ref.year + 2)]
    if rel in ("last", "past", "previous"):
        low, high = max((s for s in spans if s[1] < ref), key=lambda s: s[0])
    elif rel in ("next", "coming"):
        low, high = min((s for s in spans if s[0] > ref), key=lambda s: s[0])
    else:
        # "this summer", "the spring": the season we are in, else the nearest one (the last one
        # begun when the sentence reports the past: "surged during the winter")
        if not m.group("rel") and looks_back(m.string, m.start(), m.end()):
            return (*max((s for s in spans if s[0] <= ref), key=lambda s: s[0]), "season")
        low, high = min(
            spans, key=lambda s: 0 if s[0] <= ref <= s[1] else min(abs((s[0] - ref).days), abs((s[1] - ref).days))
        )
    return low, high, "season"


def _month_of_year(m: re.Match[str], ref: date | None) -> Interval | None:
    """One or two months ("July or August"), with an explicit or relative year or none."""
    if m.group("month")[0].islower():
        return None  # "may" the verb
    groups = m.groupdict()
    months = [_month_num(m.group("month"))]
    if groups.get("month2"):
        months.append(_month_num(groups["month2"]))
    year_word = (groups.get("yrel") or "").lower()
    if groups.get("year"):
        year = int(groups["year"])
    elif ref is None:
        return None
    elif year_word:
        year = ref.year + {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(year_word, 0)
    else:
        year = _nearest_year(ref, months[0], m=m, last_month=months[-1])
    low = _month_interval(year, months[0])[0]
    end_year = year + (len(months) > 1 and months[1] < months[0])
    high = _month_interval(end_year, months[-1])[1]
    low, high = _part_of(low, high, groups.get("part"))
    return low, high, "month"


def _day_month(m: re.Match[str], ref: date | None) -> Interval | None:
    if m.group("month")[0].islower():
        return None
    month, day = _month_num(m.group("month")), int(re.sub(r"\D", "", m.group("day")))
    if m.group("year"):
        year = int(m.group("year"))
    elif ref is None:
        return None
    else:
        year = _nearest_year(ref, month, day, m=m)
    try:
        point = date(year, month, day)
    except ValueError:
        return None
    return point, point, "day"


def _iso(m: re.Match[str], ref: date | None) -> Interval | None:
    try:
        point = date.fromisoformat(m.group(0))
    except ValueError:
        return None
    return point, point, "day"


def _year(m: re.Match[str], ref: date | None) -> Interval | None:
    year = int(m.group("year"))
    low, high = _part_of(date(year, 1, 1), date(year, 12, 31), m.group("part"))
    return low, high, "year"


def _relative_year(m: re.Match[str], ref: date | None) -> Interval | None:
    if ref is None:
        return None
    rel, part = (m.group("rel") or "this").lower(), m.group("part")
    year = ref.year + {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    low, high = date(year, 1, 1), date(year, 12, 31)
    if m.group("when"):
        when = m.group("when").lower()
        return (low, ref, "day") if when == "earlier" else (ref, high, "day")
    low, high = _part_of(low, high, part)
    return low, high, "year"


def _relative_month(m: re.Match[str], ref: date | None) -> Interval | None:
    if ref is None:
        return None
    shift = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get((m.group("rel") or "this").lower(), 0)
    month_index = ref.year * 12 + ref.month - 1 + shift
    low, high = _month_interval(month_index // 12, month_index % 12 + 1)
    when = (m.group("when") or "").lower()
    if when == "earlier":
        return low, ref, "day"
    if when == "later":
        return ref, high, "day"
    if m.group("byend"):
        return ref, high, "day"
    low, high = _part_of(low, high, m.group("part"))
    return low, high, "month"


def _relative_week(m: re.Match[str], ref: date | None) -> Interval | None:
    if ref is None:
        return None
    shift = {"last": -7, "previous": -7, "past": -7, "next": 7, "coming": 7}.get((m.group("rel") or "this").lower(), 0)
    monday = ref - timedelta(days=ref.weekday()) + timedelta(days=shift)
    when = (m.group("when") or "").lower()
    if when == "earlier":
        return monday, ref, "day"
    if when == "later":
        return ref, monday + timedelta(days=6), "day"
    return monday, monday + timedelta(days=6), "week"


def _weekend(m: re.Match[str], ref: date | None) -> Interval | None:
    if ref is None:
        return None
    rel = (m.group("rel") or "").lower()
    this_saturday = ref - timedelta(days=ref.weekday()) + timedelta(days=5)
    if rel == "this":
        saturday = this_saturday
    elif rel in ("last", "past", "previous"):
        saturday = this_saturday - timedelta(days=7)
    elif rel in ("next", "coming") or _looks_ahead(m):
        saturday = ref + timedelta(days=(5 - ref.weekday()) % 7 or 7)
    else:  # "the weekend" in past-tense news: the latest one begun on or before the reference
        saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)
    return saturday, saturday + timedelta(days=1), "day"


def _day_word(m: re.Match[str], ref: date | None) -> Interval | None:
    if ref is None:
        return None
    word = re.sub(r"\s+", " ", m.group(0).lower())
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}.get(word, -1)
    point = ref + timedelta(days=shift)
    return point, point, "day"


def _weekday(m: re.Match[str], ref: date | None) -> Interval | None:
    if ref is None:
        return None
    target, rel = WEEKDAYS[m.group("weekday").lower()], (m.group("rel") or "").lower()
    if rel == "this":  # "this Saturday": the one of the current week
        point = ref - timedelta(days=ref.weekday()) + timedelta(days=target)
    elif rel in ("next", "coming") or (not rel and _looks_ahead(m)):
        point = ref + timedelta(days=(target - ref.weekday()) % 7 or 7)
    elif rel in ("last", "past", "previous"):
        point = ref - timedelta(days=(ref.weekday() - target) % 7 or 7)
    else:
        point = ref - timedelta(days=(ref.weekday() - target) % 7)
    return point, point, "day"


def _ago(m: re.Match[str], ref: date | None) -> Interval | None:
    if ref is None:
        return None
    step = _calendar_step(m.group("count"), m.group("unit"))
    if step is None:
        return None
    point = ref - step
    return point, point, "day"


def _calendar_step(count: str, unit: str) -> relativedelta | None:
    """ "six months" as a calendar step (13 August -> 13 February), not 180 days."""
    words = count.lower()
    n = {"a few": 3, "several": 3, "a couple of": 2}.get(words) or parse_number(
        "one" if words in ("a", "an") else words
    )
    if n is None or n != int(n):
        return None
    name = unit.lower().rstrip("s")
    k = int(n)
    steps = {
        "day": relativedelta(days=k),
        "week": relativedelta(weeks=k),
        "month": relativedelta(months=k),
        "year": relativedelta(years=k),
        "decade": relativedelta(years=10 * k),
        "hour": relativedelta(days=(k + 23) // 24),
    }
    return steps.get(name)


def _past_n(m: re.Match[str], ref: date | None) -> Interval | None:
    if ref is None:
        return None
    step = _calendar_step(m.group("count") or "one", m.group("unit"))
    if step is None:
        return None
    return ref - step, ref, "day"


def _half_or_quarter(m: re.Match[str], ref: date | None) -> Interval | None:
    shift = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get((m.group("yrel") or "").lower(), 0)
    year = int(m.group("year")) if m.group("year") else (ref.year + shift if ref else None)
    if year is None:
        return None
    n = ORDINALS.get(m.group("ord").lower()) or int(m.group("ord")[-1])
    halves = {1: (1, 6), 2: (7, 12)}
    is_half = (m.group("which") or "quarter").lower() == "half"
    months = halves.get(n, (7, 12)) if is_half else (3 * n - 2, 3 * n)
    return _month_interval(year, months[0])[0], _month_interval(year, months[1])[1], "month"


def _decade(m: re.Match[str], ref: date | None) -> Interval | None:
    start = int(m.group("decade"))
    return date(start, 1, 1), date(start + 9, 12, 31), "year"


def _looks_ahead(m: re.Match[str]) -> bool:
    return looks_ahead(m.string, m.start())


def _holiday(m: re.Match[str], ref: date | None) -> Interval | None:
    month, day = HOLIDAYS[re.sub(r"[\s'’]+", " ", m.group(0).lower()).strip()]
    if ref is None:
        return None
    point = date(_nearest_year(ref, month, day, m=m), month, day)
    return point, point, "day"


def _day_range(m: re.Match[str], ref: date | None) -> Interval | None:
    first = _day_month(m, ref)
    if first is None:
        return None
    try:
        last = first[0].replace(day=int(m.group("day2")))
    except ValueError:
        return None
    return (first[0], last, "day") if last >= first[0] else None


RULES: list[tuple[str, str, Resolver]] = [
    ("absolute", r"\b\d{4}-\d{2}-\d{2}\b", _iso),
    (
        "absolute",
        rf"\b(?P<month>{_MONTH})\s+(?P<day>{_DAY})\s?[-–]\s?(?P<day2>[12]\d|3[01]|0?[1-9])(?:,?\s+(?P<year>{_YEAR}))?\b",
        _day_range,
    ),
    (
        "absolute",
        r"\b(?i:christmas\s+day|christmas\s+eve|boxing\s+day|new\s+year'?s?\s+(?:day|eve)|halloween|valentine'?s?\s+day)\b",
        _holiday,
    ),
    ("absolute", rf"\b(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?\b", _day_month),
    (
        "absolute",
        rf"\b(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?\b(?!\s*(?:%|per|,\d))",
        _day_month,
    ),
    (
        "relative",
        rf"(?:\b(?P<part>{_PART})[\s-]+)?\b(?P<month>{_MONTH})(?:\s+(?i:or|and|to|through|-|–)\s+(?P<month2>{_MONTH}))?"
        rf"(?:,?\s+(?i:of\s+)?(?P<year>{_YEAR})\b|\s+(?i:of\s+)?(?P<yrel>{_REL})\s+(?i:year)\b|(?<=\w)(?!\s+\d))?",
        _month_of_year,
    ),
    ("relative", rf"\b(?P<yrel>{_REL})\s+(?P<month>{_MONTH})\b", _month_of_year),
    (
        "relative",
        rf"\b(?:(?P<rel>{_REL})\s+|(?P<the>(?i:in\s+)?(?i:the\s+)|(?i:in)\s+))?(?P<season>{_SEASON})(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?\b(?!\s+of\s+(?!\d))",
        _season,
    ),
    (
        "absolute",
        rf"\b(?P<ord>(?i:first|second|third|fourth|Q[1-4]))(?:\s*(?P<which>(?i:half|quarter)))?(?:\s+(?:of\s+)?(?P<year>{_YEAR})|\s+(?i:of)\s+(?P<yrel>{_REL})\s+(?i:year))?\b",
        _half_or_quarter,
    ),
    (
        "absolute",
        rf"\b(?:(?P<part>{_PART})[\s-]+)?(?<![$€£¥\d.,])(?P<year>{_YEAR})\b(?![.,]\d|\s*(?:%|(?i:percent|per\s?cent)))",
        _year,
    ),
    ("absolute", r"\b(?:the\s+)?(?P<decade>1[89]\d0|20\d0)s\b", _decade),
    (
        "relative",
        rf"\b(?i:(?P<when>earlier|later)\s+)?(?:(?P<part>{_PART})\s+)?(?:(?P<rel>{_REL})|(?i:the))\s+(?i:year)\b(?!\s+(?:before|after|earlier|later|ago))",
        _relative_year,
    ),
    (
        "relative",
        rf"\b(?:(?P<byend>(?i:by\s+the\s+end\s+of))\s+|(?i:(?P<when>earlier|later)\s+)|(?P<part>{_PART})\s+)?(?:(?P<rel>{_REL})|(?i:the))\s+(?i:month)\b",
        _relative_month,
    ),
    ("relative", rf"\b(?i:(?P<when>earlier|later)\s+)?(?P<rel>{_REL})\s+(?i:week)\b", _relative_week),
    ("relative", rf"\b(?i:(?:at|over|during)\s+)?(?:(?P<rel>{_REL})\s+|(?i:the)\s+)(?i:weekend)\b", _weekend),
    (
        "relative",
        r"\b(?i:today|tonight|yesterday|tomorrow|the\s+day\s+before|the\s+previous\s+day|a\s+day\s+earlier)\b",
        _day_word,
    ),
    ("weekday", rf"\b(?:(?P<rel>{_REL})\s+)?(?P<weekday>{_WEEKDAY})\b", _weekday),
    ("relative", rf"\b(?P<count>{_COUNT})\s+(?P<unit>{_UNIT})\s+(?i:ago)\b", _ago),
    (
        "relative",
        rf"\b(?i:in|over|during|for)\s+(?i:the)\s+(?i:past|last|previous)\s+(?:(?P<count>{_COUNT})\s+)?(?P<unit>{_UNIT})\b",
        _past_n,
    ),
]
COMPILED = [(kind, re.compile(pattern, re.ASCII), fn) for kind, pattern, fn in RULES]  # ASCII: "ſ" is not "s"


def find_times(text: str, ref: date | None) -> list[TimeSpan]:
    """Time expressions in ``text``, longest first where they overlap, resolved against ``ref``."""
    candidates: list[tuple[int, int, str, Resolver, re.Match[str]]] = []
    for kind, regex, resolver in COMPILED:
        for m in regex.finditer(text):
            if m.group(0).strip() and _plausible(m):
                candidates.append((m.start(), m.end(), kind, resolver, m))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    spans: list[TimeSpan] = []
    for start, end, kind, resolver, m in candidates:
        if any(start < e and s < end for s, e in taken):
            continue
        interval = resolver(m, ref)
        if interval is None and not _needs_reference(kind, m):
            continue
        taken.append((start, end))
        spans.append(_span(m, kind, interval, anchored=ref is not None))
    spans.sort(key=lambda s: s.start)
    return [_with_prefix(text, s, ref) for s in _join_ranges(text, spans)]


_RANGE_LINK_RE = re.compile(r"\A\s*(?:-|–|to|through|until|and)\s*\Z", re.IGNORECASE)
_RANGE_LEAD_RE = re.compile(r"\b(?:between|from)\s+\Z", re.IGNORECASE)


def _join_ranges(text: str, spans: list[TimeSpan]) -> list[TimeSpan]:
    """ "between 2019 and 2021", "from Monday to Wednesday", "2015-2020": one interval."""
    out: list[TimeSpan] = []
    for span in spans:
        previous = out[-1] if out else None
        if previous is not None and _joins(text, previous, span):
            lead = _RANGE_LEAD_RE.search(text[: previous.start])
            start = lead.start() if lead else previous.start
            out[-1] = replace(
                previous, text=text[start : span.end], start=start, end=span.end, high=span.high, granularity="day"
            )
        else:
            out.append(span)
    return out


def _joins(text: str, a: TimeSpan, b: TimeSpan) -> bool:
    link = text[a.end : b.start]
    if not _RANGE_LINK_RE.match(link):
        return False
    if link.strip().lower() in ("and", "to", "until") and not _RANGE_LEAD_RE.search(text[: a.start]):
        return False  # "in April and in May", "lasted until Friday": not one interval
    if a.low is None or b.low is None or a.high is None or b.high is None:
        return False
    return a.low <= b.low and a.kind == b.kind


def _with_prefix(text: str, span: TimeSpan, ref: date | None) -> TimeSpan:
    """ "since March 3" runs to the reference date; "by the end of the year" from it."""
    before = text[: span.start]
    since = re.search(r"\b(?i:since)\s+\Z", before)
    if since:
        high = ref if ref is not None and span.low is not None else None
        return replace(
            span,
            text=text[since.start() : span.end],
            start=since.start(),
            high=high,
            low=span.low if high else None,
            kind="relative",
            granularity="day",
        )
    by_end = re.search(r"\b(?i:by)\s+\Z", before)
    if by_end and span.text.lower().startswith("the end of") and ref is not None and span.high is not None:
        return replace(span, text=text[by_end.start() : span.end], start=by_end.start(), low=ref, granularity="day")
    return span


def _plausible(m: re.Match[str]) -> bool:
    groups = m.groupdict()
    month, weekday = groups.get("month"), groups.get("weekday")
    if month and (month[0].islower() or is_name(m.string, m.start("month"), m.end("month"), month)):
        return False  # "may" the verb; "Theresa May", "Jan Novak"
    if weekday and not groups.get("rel") and is_name(m.string, m.start("weekday"), m.end("weekday"), weekday):
        return False  # "The Sunday Times"
    if "season" in m.re.groupindex:
        # "fall" and "spring" are also a verb and a noun: a season needs "last", "the", "in" or a year
        return bool(m.group("rel") or m.group("the") or m.group("year"))
    if "ord" in m.re.groupindex and groups.get("ord") is not None:
        which = (groups.get("which") or "").lower()
        if which == "half":  # "the first half" of a match is no date: a half needs its year
            return bool(groups.get("year") or groups.get("yrel"))
        return bool(which) or m.group("ord").upper().startswith("Q")
    return True


def _needs_reference(kind: str, m: re.Match[str]) -> bool:
    """Kept unresolved but typed in an undated article: relative expressions, and a day or month
    given without a year ("10 August")."""
    groups = m.groupdict()
    month = groups.get("month")
    if month and month[0].islower():
        return False
    quarter = (groups.get("which") or "").lower() == "quarter" or (groups.get("ord") or "").upper().startswith("Q")
    return kind in ("relative", "weekday") or bool((month or quarter) and not groups.get("year"))


def _span(m: re.Match[str], kind: str, interval: Interval | None, anchored: bool) -> TimeSpan:
    text = m.group(0)
    lead = len(text) - len(text.lstrip())
    start = m.start() + lead
    if interval is None:  # waiting for a reference date: relative to it, whatever the rule
        kind = "weekday" if kind == "weekday" else "relative"
        return TimeSpan(
            text=text.strip(), start=start, end=start + len(text.strip()), kind=kind, anchored=False, granularity=""
        )
    low, high, granularity = interval
    return TimeSpan(
        text=text.strip(),
        start=start,
        end=start + len(text.strip()),
        kind=kind,
        low=low,
        high=high,
        anchored=anchored or kind == "absolute",
        granularity=granularity,
    )


def resolve(expression: str, ref: date) -> TimeSpan | None:
    """Resolve one stored expression against a (possibly guessed) reference date."""
    found = find_times(expression, ref)
    return found[0] if found else None
