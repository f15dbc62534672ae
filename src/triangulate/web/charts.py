"""Chart geometry for server-side SVG: coordinates and labels computed here, drawn by the
templates (so every label goes through the same autoescaping as the rest of the page).

- :func:`article_timeline`: one row per outlet, a dot per report on a shared date axis.
- :func:`figure_chart`: one disputed figure, each source's value (a dot, or a bar for a range)
  against the date it was published, so an update reads as a step and a conflict as a gap.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from triangulate.model import Article, Finding
from triangulate.report.views import source_label

PALETTE_SIZE = 8


@dataclass(frozen=True, slots=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    y: float
    label: str
    href: str
    color: int  # index into the palette classes c0..c7
    y2: float | None = None  # the other end of a range bar
    open_top: bool = False  # "more than N": the bar goes off the top


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    left: int  # plot area
    right: int
    top: int
    bottom: int
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    rows: tuple[Tick, ...]  # row labels (timeline) at their y
    dots: tuple[Dot, ...]
    title: str = ""
    unit: str = ""


def _date_axis(dates: list[date], left: int, right: int) -> tuple[date, float, tuple[Tick, ...]]:
    """The first day shown, pixels per day, and a tick per day (or per week when crowded)."""
    first, last = min(dates) - timedelta(days=1), max(dates) + timedelta(days=1)
    days = (last - first).days
    per_day = (right - left) / days
    step = max(1, math.ceil(days / 8))
    ticks = tuple(
        Tick(left + d * per_day, (first + timedelta(days=d)).strftime("%d %b")) for d in range(0, days + 1, step)
    )
    return first, per_day, ticks


def article_timeline(articles: tuple[Article, ...], href: str = "/articles/{}") -> Chart | None:
    dated = [a for a in articles if a.published]
    if not dated:
        return None
    outlets = list(dict.fromkeys(source_label(a) for a in dated))
    left, right, top, row_h = 170, 700, 14, 26
    bottom = top + row_h * len(outlets)
    first, per_day, ticks = _date_axis([a.published for a in dated if a.published], left, right)
    rows = tuple(Tick(top + row_h * (i + 0.5), _shorten(name, 24)) for i, name in enumerate(outlets))
    dots = []
    for a in dated:
        assert a.published is not None
        row = outlets.index(source_label(a))
        x = left + (a.published - first).days * per_day
        label = f"{source_label(a)}, {a.published.isoformat()}: {a.title}"
        dots.append(Dot(x, rows[row].at, label, href.format(a.id), row % PALETTE_SIZE))
    return Chart(720, bottom + 26, left, right, top, bottom, ticks, (), rows, tuple(dots))


def figure_chart(finding: Finding, articles: tuple[Article, ...], href: str = "/articles/{}#m-{}") -> Chart | None:
    """Each source's value of one figure over publication time; None when there is nothing to
    plot (dates, statements, undated reports, values that are not numbers)."""
    by_id = {a.id: a for a in articles}
    points = [
        (by_id[m.article_id], m)
        for m in finding.mentions
        if m.article_id in by_id
        and by_id[m.article_id].published
        and isinstance(m.low, int | float)
        and math.isfinite(m.low)
    ]
    if finding.kind != "quantity" or len(points) < 2:
        return None
    values = [float(m.low) for _, m in points if isinstance(m.low, int | float)]
    values += [float(m.high) for _, m in points if isinstance(m.high, int | float) and math.isfinite(m.high)]
    left, right, top, bottom = 58, 330, 12, 150
    y_ticks, lo, hi = _value_axis(min(values), max(values), top, bottom)
    first, per_day, x_ticks = _date_axis([a.published for a, _ in points if a.published], left, right)
    outlets = [a.id for a in articles]

    def y_of(v: float) -> float:
        return bottom - (v - lo) / (hi - lo) * (bottom - top)

    same_day = Counter(a.published for a, _ in points)
    seen: Counter[date | None] = Counter()
    dots = []
    for article, m in points:
        assert article.published is not None and isinstance(m.low, int | float)
        # Reports of the same day stand side by side rather than on top of each other.
        spread = (seen[article.published] - (same_day[article.published] - 1) / 2) * 11
        seen[article.published] += 1
        x = left + (article.published - first).days * per_day + spread
        high = m.high if isinstance(m.high, int | float) and math.isfinite(m.high) else None
        y2 = y_of(float(high)) if high is not None and high != m.low else None
        label = f"{source_label(article)}, {article.published.isoformat()}: {m.text}"
        color = outlets.index(article.id) % PALETTE_SIZE
        dots.append(Dot(x, y_of(float(m.low)), label, href.format(article.id, m.claim_id), color, y2, m.high is None))
    unit = next((m.unit for _, m in points if m.unit), "")
    return Chart(350, bottom + 26, left, right, top, bottom, x_ticks, y_ticks, (), tuple(dots), finding.what, unit)


def _value_axis(low: float, high: float, top: int, bottom: int) -> tuple[tuple[Tick, ...], float, float]:
    """Round ticks spanning the values, starting from zero when zero is near."""
    if low > 0 and low < high * 0.6:
        low = 0.0
    if high == low:
        low, high = low * 0.9 if low else -1.0, high * 1.1 if high else 1.0
    step = _nice_step((high - low) / 4)
    lo = math.floor(low / step) * step
    hi = math.ceil(high / step) * step
    if hi == lo:
        hi = lo + step
    count = round((hi - lo) / step)
    ticks = tuple(Tick(bottom - i / count * (bottom - top), format_value(lo + i * step)) for i in range(count + 1))
    return ticks, lo, hi


def _nice_step(raw: float) -> float:
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * magnitude >= raw)


def format_value(value: float) -> str:
    """12000 -> 12k, 1.2e9 -> 1.2bn: short enough for an axis."""
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
