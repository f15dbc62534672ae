"""A bare figure takes the unit, bound or change that a figure beside it states.

News prose states a unit, a bound or a direction once and lets the next figure lean on it:

* the unit: "from 208 pounds to 193", "84.75 cents, while the lowest was 74.07", "7- or 8-inch",
  "280 million of the 1.5 billion shekels";
* the bound: the conversion of a bound is a bound, "more than 100 km (60 miles)";
* the change: a verb left out, "X was down 2.3%, Y by 2.6%", "up 17.5 points, or 0.2%".

:func:`triangulate.analyze.quantities.find_figures` reads each figure from its own characters,
then hands the sentence's figures, in order, to :func:`fill_from_neighbours`. These rules are
kept apart because they look across figures, at the gap between two of them, never inside one.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from triangulate.analyze import lexicon as lx
from triangulate.analyze.numbers import NUMBER_RE, parse_number
from triangulate.analyze.qualifiers import apply_bound
from triangulate.model import Quantity

# A figure that names no unit and counts no noun takes the unit of a figure beside it.
_NO_NOUN_AFTER_RE = re.compile(
    r"\A(?:\s*[.,;:!?()]|\s*\Z|\s+(?:in|on|at|by|for|from|to|last|this|while|and|or|but|after|before|when"
    r"|which|who|whereas|with|as|against|compared|versus|vs)\b)",
    re.IGNORECASE,
)
_TO_GAP_RE = re.compile(r"\A\s+to\s+\Z", re.IGNORECASE)
_SUSPENDED_GAP_RE = re.compile(r"\A-,?\s+(?:(?:or|to|and)\s+)?\Z", re.IGNORECASE)
_PARTITIVE_GAP_RE = re.compile(r"\A\s+of\s+(?:the|its|their|his|her|our|a\s+total\s+of)\s+\Z", re.IGNORECASE)
_CONVERSION_GAP_RE = re.compile(r"\A\s*[(/]\s*\Z")
_BY_BEFORE_RE = re.compile(r"\bby\s+\Z", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"[.;!?]\s")


def fill_from_neighbours(text: str, figures: list[Quantity]) -> list[Quantity]:
    """``figures`` (those of ``text``, in order), each bare one with the unit of the figure it leans
    on, each conversion with the bound of the figure it converts, and each figure whose verb is
    left out with the change of the one before it."""
    out = list(figures)
    named = [q.kind in ("money", "measure", "percent") for q in figures]  # a unit of its own
    for i in range(len(out) - 2, -1, -1):  # right to left: "four-, five- and six-inch"
        after, gap = out[i + 1], text[out[i].end : out[i + 1].start]
        if _bare(out[i]) and after.kind == "measure" and _SUSPENDED_GAP_RE.match(gap):
            out[i] = _in_unit_of(out[i], after)
        elif _bare(out[i]) and named[i + 1] and after.kind in ("money", "measure") and _PARTITIVE_GAP_RE.match(gap):
            out[i] = _in_unit_of(out[i], after)  # "280 million of the 1.5 billion shekels"
    for i in range(1, len(out)):
        q = out[i]
        if _bare(q) and _NO_NOUN_AFTER_RE.match(text[q.end : q.end + 20]):
            source = _antecedent(text, [f for f, own in zip(out[:i], named, strict=False) if own], q)
            out[i] = _in_unit_of(q, source) if source else q
        before = out[i - 1]
        if (
            (before.approx in lx.LOWER_BOUND + lx.UPPER_BOUND or before.approx in lx.NEAR_UNDER)
            and not q.approx
            and before.kind in ("money", "measure")
            and q.kind in ("money", "measure")
            and _CONVERSION_GAP_RE.match(text[before.end : q.start])
        ):
            # a bound holds of its conversion ("more than 100 km (60 miles)"); an approximation
            # qualifies the reported figure, and its conversion is written exactly
            low, high = apply_bound(before.approx, q.low, q.high)
            out[i] = replace(q, approx=before.approx, low=low, high=high)
        if not out[i].change and before.kind in ("percent", "money", "measure", "count"):
            out[i] = replace(out[i], change=_parallel_change(text, before, out[i]))
    return out


# A change whose verb is left out: "X was down 2.3%, Y by 2.6%", "up 17.5 points, or 0.2%".
_DIRECTION_BEFORE_RE = re.compile(
    rf"\b(?:(?P<up>{'|'.join(lx.CHANGE_FORMS_UP)})|(?P<down>{'|'.join(lx.CHANGE_FORMS_DOWN)}))"
    r"(?:\s(?:by|about|around|nearly|almost|some|roughly|just|only))?\s\Z",
    re.IGNORECASE,
)
_BY_GAP_RE = re.compile(r"\A[,;]?\s[^.;:()]{0,40}?\sby\s\Z", re.IGNORECASE)
_OR_GAP_RE = re.compile(r"\A(?:\s[a-z]{1,12})?,?\sor\s\Z", re.IGNORECASE)


def _parallel_change(text: str, before: Quantity, q: Quantity) -> str:
    gap = text[before.end : q.start]
    if _DIRECTION_BEFORE_RE.search(text, max(0, q.start - 30), q.start):
        return ""  # a verb of its own: "... but the Nasdaq fell by 1"
    parallel = before.kind == q.kind and _BY_GAP_RE.match(gap)
    if not (parallel or (q.kind == "percent" and _OR_GAP_RE.match(gap))):
        return ""
    if before.change:
        return before.change
    verb = _DIRECTION_BEFORE_RE.search(text, max(0, before.start - 30), before.start)
    return ("up" if verb.group("up") else "down") if verb else ""


_SCORE_LIKE_RE = re.compile(r"\A\d{1,3}\s?[-–]\s?\d{1,3}\Z")


def _bare(q: Quantity) -> bool:
    """A figure in digits with no unit, no qualifier and nothing counted after it (yet); not a
    score ("2-2")."""
    return (
        q.kind == "count"
        and not q.unit
        and not q.approx
        and any(c.isdigit() for c in q.text)
        and not _SCORE_LIKE_RE.match(q.text)
    )


def _antecedent(text: str, before: list[Quantity], q: Quantity) -> Quantity | None:
    for source in reversed(before[-3:]):
        if q.start - source.end > 120 or _SENTENCE_END_RE.search(text, source.end, q.start):
            break
        if source.kind == "percent" and source.approx == "" and "/" not in source.unit:
            by_by = _BY_BEFORE_RE.search(text, max(0, q.start - 4), q.start)
            if by_by and _BY_BEFORE_RE.search(text, max(0, source.start - 4), source.start):
                return source  # "rose by 2 percent, and the Nasdaq by 1"
            continue
        if source.kind not in ("money", "measure"):
            continue
        if _TO_GAP_RE.match(text[source.end : q.start]):
            return source
        value = abs(source.low if source.low else source.high) / _unit_factor(source)
        if value and 0.2 <= abs(q.low) / value <= 5:
            return source
    return None


def _unit_factor(q: Quantity) -> float:
    """What the figure's number was multiplied by to reach its canonical unit (1 for money)."""
    if q.kind != "measure":
        return 1.0
    number = NUMBER_RE.search(q.text)
    value = parse_number(number.group(0)) if number else None
    measured = abs(q.low if q.low else q.high)
    return measured / value if value and measured and not math.isinf(measured) else 1.0


def _in_unit_of(q: Quantity, source: Quantity) -> Quantity:
    factor = _unit_factor(source)
    return replace(q, low=q.low * factor, high=q.high * factor, unit=source.unit, kind=source.kind)
