"""The qualifier before a figure ("about", "more than", "up to", "just under") and the range it
gives the figure.

A bound changes what the figure admits: "more than 100" is 100 to infinity, "up to 40" is 0 to
40. Any other qualifier ("about 600") leaves the value as written and is kept on the figure for
:mod:`triangulate.reconcile` to widen. The words and their sides are data in the lexicon
(``APPROX_WORDS``, ``LOWER_BOUND``, ``UPPER_BOUND``); this module finds one and applies it, for
:mod:`~triangulate.analyze.quantities`, which reads figures, and
:mod:`~triangulate.analyze.neighbours`, which carries a bound into a conversion.
"""

from __future__ import annotations

import math
import re

from triangulate.analyze import lexicon as lx

INF = math.inf

_APPROX = "|".join(re.escape(w) for w in sorted(lx.APPROX_WORDS, key=len, reverse=True))
_LEAD_UP_RE = re.compile(r"\b(?:lead|leading|run|build|add|adds|added|adding|sum|sums|summed)[\s-]\Z", re.I)
_APPROX_BEFORE_RE = re.compile(rf"(?<![\w])(?P<approx>{_APPROX})\s*\Z", re.IGNORECASE)


def qualifier_before(text: str, start: int) -> tuple[int, str]:
    """Where the figure at ``start`` begins once the qualifier right before it is included, and
    that qualifier; ``(start, "")`` when there is none."""
    window_start = max(0, start - 24)
    before = _APPROX_BEFORE_RE.search(text[window_start:start])
    if not before:
        return start, ""
    at, approx = window_start + before.start("approx"), before.group("approx").lower()
    if approx == "up to" and _LEAD_UP_RE.search(text, max(0, at - 10), at):
        return start, ""  # "the lead-up to", "adds up to": no bound
    return at, approx


def apply_bound(approx: str, low: float, high: float) -> tuple[float, float]:
    """The range ``low``-``high`` once the qualifier ``approx`` is applied: open above or below for a bound."""
    if approx in lx.LOWER_BOUND:
        return low, INF
    if approx in lx.UPPER_BOUND:
        return 0.0, high
    return low, high
