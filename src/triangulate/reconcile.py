"""Whether two reported values can both be true, and why.

``relate_quantities(a, b)`` and ``relate_times(a, b, ...)`` return ``(relation, reason)`` with
relation ``agree`` or ``compatible``, or None when the values cannot both hold. They know nothing
of articles or stories: :mod:`triangulate.compare` decides which values to put side by side.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date
from functools import lru_cache

from triangulate.analyze import lexicon as lx
from triangulate.analyze.times import resolve
from triangulate.model import Quantity, TimeSpan

AGREE, COMPATIBLE = "agree", "compatible"
Verdict = tuple[str, str] | None

APPROX_TOLERANCE = 0.10  # "about 600" stands for 540-660
NEAR_TOLERANCE = 0.10  # "nearly 12,500" stands for 11,250-12,500
CONVERSION_TOLERANCE = 0.015  # a converted figure is usually rounded to 2-3 significant digits


def fmt(value: float) -> str:
    """A number as a reader would write it: 11000 -> "11,000", 1.2e9 -> "1.2bn"."""
    if math.isinf(value):
        return "∞"
    for scale, suffix in ((1e9, "bn"), (1e6, "m")):
        if abs(value) >= scale and (value / scale) * 10 == int((value / scale) * 10):
            return f"{value / scale:g}{suffix}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


def describe(q: Quantity) -> str:
    if q.low == q.high:
        core = fmt(q.low)
    elif math.isinf(q.high):
        core = f"≥{fmt(q.low)}"
    elif q.low == 0 and q.approx in lx.UPPER_BOUND:
        core = f"≤{fmt(q.high)}"
    else:
        core = f"{fmt(q.low)}–{fmt(q.high)}"
    unit = {"%": "%", "": ""}.get(q.unit, f" {q.unit}")
    return f"{core}{unit}"


def approx_class(q: Quantity) -> str:
    """Qualifiers that mean the same: "about" = "approximately" = "around"."""
    if not q.approx:
        return "="
    if q.approx in lx.LOWER_BOUND:
        return ">"
    if q.approx in lx.UPPER_BOUND:
        return "<"
    if q.approx in lx.NEAR_BELOW:
        return "<~"
    return "~" if q.low == q.high else q.approx


def tolerance_interval(q: Quantity) -> tuple[float, float]:
    """The values a reported figure admits, given its qualifier."""
    low, high = q.low, q.high
    if q.approx in lx.NEAR_BELOW:
        return low * (1 - NEAR_TOLERANCE), high
    if q.approx and q.approx not in lx.LOWER_BOUND + lx.UPPER_BOUND and low == high:
        return low * (1 - APPROX_TOLERANCE), high * (1 + APPROX_TOLERANCE)
    return low, high


def _rounding_interval(q: Quantity) -> tuple[float, float] | None:
    """A round point figure ("12,000") may be a rounding of anything within half a step."""
    if q.low != q.high or q.approx or q.parts or q.low < 100:
        return None
    step = 10 ** max(0, math.floor(math.log10(q.low)) - 1)
    if q.low % step:
        return None
    return q.low - step / 2, q.low + step / 2


def same_dimension(a: Quantity, b: Quantity) -> bool:
    if a.kind == "money" or b.kind == "money":
        return a.kind == b.kind and a.unit == b.unit
    return a.unit == b.unit and (a.kind == b.kind or {a.kind, b.kind} <= {"count", "measure"})


@lru_cache(maxsize=65536)
def relate_quantities(a: Quantity, b: Quantity) -> Verdict:
    """Can both figures be true of one thing? Equal, consistent in form, or None."""
    if not same_dimension(a, b):
        return None
    if a.change != b.change:
        return None
    if _close(a.low, b.low) and _close(a.high, b.high) and approx_class(a) == approx_class(b):
        if a.parts or b.parts:
            return COMPATIBLE, _sum_reason(a if a.parts else b)
        if _surface(a) != _surface(b):
            reason = (
                "unit conversion"
                if _unit_word(a) != _unit_word(b) and a.kind == "measure"
                else "same amount, different format"
            )
            return COMPATIBLE, reason
        return AGREE, "same value"
    converted = _conversion(a, b)
    if converted:
        return COMPATIBLE, converted
    a_low, a_high = tolerance_interval(a)
    b_low, b_high = tolerance_interval(b)
    if a_low - 1e-9 > b_high or b_low - 1e-9 > a_high:
        return _rounding_match(a, b)
    return COMPATIBLE, _consistency_reason(a, b)


def _conversion(a: Quantity, b: Quantity) -> str:
    """ "12,400 hectares" and "30,600 acres": equal once converted, up to the rounding of either."""
    if a.kind != "measure" or _unit_word(a) == _unit_word(b) or a.low != a.high or b.low != b.high:
        return ""
    if abs(a.low - b.low) > CONVERSION_TOLERANCE * max(a.low, b.low):
        return ""
    return f"unit conversion ({a.text} ≈ {b.text})"


def _rounding_match(a: Quantity, b: Quantity) -> Verdict:
    for x, y in ((a, b), (b, a)):
        window = _rounding_interval(x)
        if window and y.low == y.high and window[0] <= y.low <= window[1]:
            return COMPATIBLE, f"rounding ({fmt(x.low)} ≈ {fmt(y.low)})"
    return None


def _consistency_reason(a: Quantity, b: Quantity) -> str:
    if a.parts or b.parts:
        return _sum_reason(a if a.parts else b)
    for x in (a, b):
        if x.approx in lx.LOWER_BOUND + lx.UPPER_BOUND:
            return f"within the bound ({x.text})"
        if x.approx in ("dozens", "scores", "hundreds", "thousands", "millions", "billions") or " of " in x.approx:
            return f"within the vague '{x.approx}' ({describe(x)})"
    for x, y in ((a, b), (b, a)):
        if x.low != x.high and y.low == y.high and x.low <= y.low <= x.high:
            return f"point inside range ({describe(y)} in {describe(x)})"
    if a.low != a.high and b.low != b.high:
        return f"ranges overlap ({describe(a)}, {describe(b)})"
    return f"rounding/approximation ({a.text} ≈ {b.text})"


def _sum_reason(q: Quantity) -> str:
    terms = " + ".join(fmt(p.low) if p.low == p.high else describe(p) for p in q.parts)
    return f"sum of parts ({terms} = {describe(q)})"


def _close(x: float, y: float) -> bool:
    if math.isinf(x) or math.isinf(y):
        return x == y
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def _surface(q: Quantity) -> str:
    return re.sub(r"[\s,]", "", q.text.lower().replace("per cent", "%").replace("percent", "%"))


def _unit_word(q: Quantity) -> str:
    """The unit as written, without the qualifier and the number: "nearly 12,500 ha" -> "ha"."""
    text = q.text.lower()
    if q.approx and text.startswith(q.approx):
        text = text[len(q.approx) :]
    return re.sub(r"[\d.,\s$€£¥-]", "", text)


# ---------------------------------------------------------------------------------------------
# Dates

Anchor = date | None


@lru_cache(maxsize=65536)
def relate_times(a: TimeSpan, a_ref: Anchor, b: TimeSpan, b_ref: Anchor) -> Verdict:
    """Do two time expressions name the same time, or one inside the other?

    An expression of an undated article is resolved against the other article's date, or, when
    neither is dated, against a year of reference dates (it must hold for most of them); the
    reason then says so.
    """
    candidates = _reference_dates(a_ref, b_ref)
    if candidates is None or (_fixed(a) and _fixed(b)):
        return _relate_intervals(a, b)
    outcomes = [_relate_intervals(_at(a, a_ref or r), _at(b, b_ref or r)) for r in candidates]
    held = [o for o in outcomes if o is not None]
    if len(held) < 0.75 * len(outcomes):
        return None
    relation, reason = Counter(held).most_common(1)[0][0]
    return relation, f"{reason}, assuming the reports were written at about the same time"


def _fixed(t: TimeSpan) -> bool:
    """Resolved without a reference date: "10 August 2026", "in 2024"."""
    return t.low is not None and t.anchored


def _reference_dates(a_ref: Anchor, b_ref: Anchor) -> list[date] | None:
    if a_ref and b_ref:
        return None
    known = a_ref or b_ref
    if known is not None:
        return [known]
    return [date(2001, month, day) for month in range(1, 13) for day in (1, 15)]


def _at(t: TimeSpan, ref: date) -> TimeSpan:
    if t.low is not None and t.anchored:
        return t
    return resolve(t.text, ref) or t


def _relate_intervals(a: TimeSpan, b: TimeSpan) -> Verdict:
    if a.low is None or a.high is None or b.low is None or b.high is None:
        return (AGREE, "same expression") if a.text.lower() == b.text.lower() else None
    if (a.low, a.high) == (b.low, b.high):
        return AGREE, "same dates"
    for x, y in ((a, b), (b, a)):
        if y.low <= x.low and x.high <= y.high:  # type: ignore[operator]  # both resolved above
            return COMPATIBLE, f"date containment ({x.text} inside {y.text})"
    if a.low <= b.high and b.low <= a.high:
        return COMPATIBLE, f"dates overlap ({a.text}, {b.text})"
    return None
