from __future__ import annotations

import math
from datetime import date

import pytest

from triangulate.model import Quantity, TimeSpan
from triangulate.reconcile import (
    approx_class,
    describe,
    fmt,
    relate_quantities,
    relate_times,
    tolerance_interval,
)

INF = math.inf


def point(text: str, value: float, **kw: object) -> Quantity:
    return Quantity(text, 0, len(text), float(value), float(value), **kw)  # type: ignore[arg-type]


def span(text: str, low: float, high: float, **kw: object) -> Quantity:
    return Quantity(text, 0, len(text), float(low), float(high), **kw)  # type: ignore[arg-type]


def money(text: str, value: float, unit: str = "USD") -> Quantity:
    return point(text, value, unit=unit, kind="money")


ENGINEERS = point("300", 300, noun="engineers", concept="personnel")
SOLDIERS = point("700", 700, noun="soldiers", concept="personnel")
LIST_TOTAL = Quantity(
    "300 engineers and 700 soldiers", 0, 30, 1000.0, 1000.0, concept="personnel", parts=(ENGINEERS, SOLDIERS)
)

# (a, b, relation or None, a fragment of the reason)
QUANTITY_PAIRS = [
    # equal
    (point("600", 600), point("600", 600), "agree", "same value"),
    (
        point("37%", 37, unit="%", kind="percent"),
        point("37 percent", 37, unit="%", kind="percent"),
        "agree",
        "same value",
    ),
    # points and ranges
    (point("450", 450), span("400-500", 400, 500), "compatible", "point inside range (450 in"),
    (
        span("10,000-12,000", 10_000, 12_000),
        point("12,000", 12_000),
        "compatible",
        "point inside range (12,000 in 10,000–12,000)",
    ),
    (span("400-500", 400, 500), span("450-600", 450, 600), "compatible", "ranges overlap (400–500, 450–600)"),
    (span("400-500", 400, 500), span("550-600", 550, 600), None, ""),
    # approximations: "about" admits ±10 %
    (
        point("about 600", 600, approx="about"),
        point("630", 630),
        "compatible",
        "rounding/approximation (about 600 ≈ 630)",
    ),
    (point("about 600", 600, approx="about"), point("650", 650), "compatible", ""),
    (point("about 600", 600, approx="about"), point("800", 800), None, ""),
    (
        point("about 600", 600, approx="about"),
        point("around 600", 600, approx="around"),
        "compatible",
        "same amount, different format",
    ),
    # "nearly" admits up to 10 % below, nothing above
    (
        point("nearly 12,500 hectares", 12_500, approx="nearly", unit="ha", kind="measure"),
        point("12,400 hectares", 12_400, unit="ha", kind="measure"),
        "compatible",
        "",
    ),
    (
        point("12,500 hectares", 12_500, unit="ha", kind="measure"),
        point("12,400 hectares", 12_400, unit="ha", kind="measure"),
        None,
        "",
    ),
    (
        point("30,600 acres", 30_600 * 0.404686, unit="ha", kind="measure"),
        point("12,400 hectares", 12_400, unit="ha", kind="measure"),
        "compatible",
        "unit conversion (30,600 acres ≈ 12,400 hectares)",
    ),
    (
        point("30,600 acres", 30_600 * 0.404686, unit="ha", kind="measure"),
        point("13,000 hectares", 13_000, unit="ha", kind="measure"),
        None,
        "",
    ),
    (point("nearly 500", 500, approx="nearly"), point("460", 460), "compatible", ""),
    (point("nearly 500", 500, approx="nearly"), point("440", 440), None, ""),
    (point("nearly 500", 500, approx="nearly"), point("510", 510), None, ""),
    # bounds
    (
        span("more than 1,000", 1000, INF, approx="more than"),
        point("1,500", 1500),
        "compatible",
        "within the bound (more than 1,000)",
    ),
    (span("more than 1,000", 1000, INF, approx="more than"), point("800", 800), None, ""),
    (
        span("more than 1,000", 1000, INF, approx="more than"),
        span("over 1,000", 1000, INF, approx="over"),
        "compatible",
        "same amount, different format",
    ),
    (
        span("more than 1,000", 1000, INF, approx="more than"),
        span("at least 1,200", 1200, INF, approx="at least"),
        "compatible",
        "within the bound",
    ),
    (span("up to 40", 0, 40, approx="up to"), point("35", 35), "compatible", "within the bound (up to 40)"),
    (span("up to 40", 0, 40, approx="up to"), point("45", 45), None, ""),
    # vague plurals
    (
        span("thousands", 1e3, 1e4, approx="thousands"),
        point("6,000", 6000),
        "compatible",
        "within the vague 'thousands' (1,000–10,000)",
    ),
    (span("thousands", 1e3, 1e4, approx="thousands"), point("600", 600), None, ""),
    (span("dozens", 24, 144, approx="dozens"), point("50", 50), "compatible", "within the vague 'dozens' (24–144)"),
    (
        span("tens of thousands", 1e4, 1e5, approx="tens of thousands"),
        point("20,000", 20_000),
        "compatible",
        "within the vague 'tens of thousands'",
    ),
    # lists that add up
    (LIST_TOTAL, point("1,000", 1000), "compatible", "sum of parts (300 + 700 = 1,000)"),
    (LIST_TOTAL, point("1,200", 1200), None, ""),
    # dimensions
    (money("$5m", 5e6), money("€5m", 5e6, "EUR"), None, ""),
    (point("37%", 37, unit="%", kind="percent"), point("37", 37), None, ""),
    (money("$2m", 2e6), point("2m", 2e6), None, ""),
    (point("1,200", 1200), point("1,200 hectares", 1200, unit="ha", kind="measure"), None, ""),
    (point("5%", 5, unit="%", kind="percent", change="up"), point("5%", 5, unit="%", kind="percent"), None, ""),
    # the same amount written differently
    (money("$1.2bn", 1.2e9), money("$1,200 million", 1.2e9), "compatible", "same amount, different format"),
    (point("two dozen", 24), point("24", 24), "compatible", "same amount, different format"),
    (
        point("5,000 acres", 2023.43, unit="ha", kind="measure"),
        point("2,023.43 hectares", 2023.43, unit="ha", kind="measure"),
        "compatible",
        "unit conversion",
    ),
    (
        point("30 km", 30_000, unit="m", kind="measure"),
        point("30,000 metres", 30_000, unit="m", kind="measure"),
        "compatible",
        "unit conversion",
    ),
    # rounding: a round figure stands for anything within half a step
    (point("12,000", 12_000), point("12,040", 12_040), "compatible", "rounding (12,000 ≈ 12,040)"),
    (point("12,040", 12_040), point("12,000", 12_000), "compatible", "rounding (12,000 ≈ 12,040)"),
    (point("100", 100), point("104", 104), "compatible", "rounding (100 ≈ 104)"),
    (point("12,000", 12_000), point("12,600", 12_600), None, ""),
    (point("100", 100), point("106", 106), None, ""),
    (point("40", 40), point("41", 41), None, ""),  # below 100 nothing is taken as rounded
]


# Pairs whose verdict is right but whose reason is not; kept out of the symmetry check.
KNOWN_BAD_REASONS = [
    pytest.param(
        point("nearly 12,500 hectares", 12_500, approx="nearly", unit="ha", kind="measure"),
        point("12,400 hectares", 12_400, unit="ha", kind="measure"),
        "compatible",
        "rounding/approximation",
        id="nearly-same-unit-reason",
    ),
]


@pytest.mark.parametrize("a,b,relation,reason", QUANTITY_PAIRS + KNOWN_BAD_REASONS)
def test_reconcile_relate_quantities(a: Quantity, b: Quantity, relation: str | None, reason: str) -> None:
    verdict = relate_quantities(a, b)
    if relation is None:
        assert verdict is None
    else:
        assert verdict is not None
        assert verdict[0] == relation
        assert reason in verdict[1]


@pytest.mark.parametrize("a,b,relation,reason", QUANTITY_PAIRS)
def test_reconcile_relate_quantities_is_symmetric(a: Quantity, b: Quantity, relation: str | None, reason: str) -> None:
    forward, backward = relate_quantities(a, b), relate_quantities(b, a)
    assert (forward is None) == (backward is None)
    if forward is not None and backward is not None:
        assert forward[0] == backward[0]


@pytest.mark.parametrize(
    "q,interval",
    [
        (point("600", 600), (600, 600)),
        (point("about 600", 600, approx="about"), (540, 660)),
        (point("nearly 500", 500, approx="nearly"), (450, 500)),
        (span("more than 1,000", 1000, INF, approx="more than"), (1000, INF)),
        (span("up to 40", 0, 40, approx="up to"), (0, 40)),
        (span("400-500", 400, 500), (400, 500)),
    ],
)
def test_reconcile_tolerance_interval(q: Quantity, interval: tuple[float, float]) -> None:
    assert tolerance_interval(q) == pytest.approx(interval)


@pytest.mark.parametrize(
    "q,expected",
    [
        (point("600", 600), "="),
        (point("about 600", 600, approx="about"), "~"),
        (point("around 600", 600, approx="around"), "~"),
        (span("over 1,000", 1000, INF, approx="over"), ">"),
        (span("up to 40", 0, 40, approx="up to"), "<"),
        (point("nearly 500", 500, approx="nearly"), "<~"),
        (span("thousands", 1e3, 1e4, approx="thousands"), "thousands"),
    ],
)
def test_reconcile_approx_class(q: Quantity, expected: str) -> None:
    assert approx_class(q) == expected


@pytest.mark.parametrize(
    "value,text",
    [
        (11_000, "11,000"),
        (1.2e9, "1.2bn"),
        (9e8, "900m"),
        (1.5e6, "1.5m"),
        (1_234_567, "1,234,567"),
        (2.5, "2.5"),
        (0.25, "0.25"),
        (INF, "∞"),
    ],
)
def test_reconcile_fmt(value: float, text: str) -> None:
    assert fmt(value) == text


@pytest.mark.parametrize(
    "q,text",
    [
        (point("600", 600), "600"),
        (span("more than 1,000", 1000, INF, approx="more than"), "≥1,000"),
        (span("up to 40", 0, 40, approx="up to"), "≤40"),
        (point("37%", 37, unit="%", kind="percent"), "37%"),
        (point("12 ha", 12, unit="ha", kind="measure"), "12 ha"),
        (money("$1.2bn", 1.2e9), "1.2bn USD"),
        (span("400-500", 400, 500), "400–500"),
    ],
)
def test_reconcile_describe(q: Quantity, text: str) -> None:
    assert describe(q) == text


# ---------------------------------------------------------------------------------------------
# Dates


def day_span(text: str, low: date, high: date, kind: str = "absolute") -> TimeSpan:
    return TimeSpan(text, 0, len(text), kind, low, high, True, "day")


def unresolved(text: str, kind: str = "relative") -> TimeSpan:
    return TimeSpan(text, 0, len(text), kind, None, None, False, "")


AUG10 = day_span("10 August 2026", date(2026, 8, 10), date(2026, 8, 10))
AUG12 = day_span("12 August 2026", date(2026, 8, 12), date(2026, 8, 12))
AUGUST = day_span("August 2026", date(2026, 8, 1), date(2026, 8, 31))
JULY = day_span("July 2026", date(2026, 7, 1), date(2026, 7, 31))
JULY_OR_AUGUST = day_span("July or August", date(2026, 7, 1), date(2026, 8, 31))
JUNE_JULY = day_span("June-July", date(2026, 6, 1), date(2026, 7, 31))
JULY_AUGUST = day_span("July-August", date(2026, 7, 1), date(2026, 8, 31))
REF = date(2026, 8, 13)


@pytest.mark.parametrize(
    "a,a_ref,b,b_ref,relation,reason",
    [
        (AUG10, REF, AUG10, REF, "agree", "same dates"),
        (AUG10, REF, AUGUST, REF, "compatible", "date containment (10 August 2026 inside August 2026)"),
        (AUGUST, REF, AUG10, REF, "compatible", "date containment (10 August 2026 inside August 2026)"),
        (JULY_OR_AUGUST, REF, AUGUST, REF, "compatible", "date containment (August 2026 inside July or August)"),
        (JUNE_JULY, REF, JULY_AUGUST, REF, "compatible", "dates overlap (June-July, July-August)"),
        (AUGUST, REF, JULY, REF, None, ""),
        (AUG10, REF, AUG12, REF, None, ""),
        # one undated article: its expression is resolved against the other's date
        (
            unresolved("yesterday"),
            None,
            AUG12,
            REF,
            "agree",
            "same dates, assuming the reports were written at about the same time",
        ),
        (unresolved("yesterday"), None, AUG10, REF, None, ""),
        (unresolved("last month"), None, JULY, REF, "agree", "assuming"),
        # both undated: resolved against a year of reference dates
        (
            unresolved("last autumn"),
            None,
            unresolved("last autumn"),
            None,
            "agree",
            "same dates, assuming the reports were written at about the same time",
        ),
        (unresolved("Thursday", "weekday"), None, unresolved("Thursday", "weekday"), None, "agree", "assuming"),
        (
            unresolved("earlier this month"),
            None,
            unresolved("this month"),
            None,
            "compatible",
            "date containment (earlier this month inside this month), assuming",
        ),
        (unresolved("Thursday", "weekday"), None, unresolved("Friday", "weekday"), None, None, ""),
        (unresolved("yesterday"), None, unresolved("last week"), None, None, ""),
        (unresolved("last autumn"), None, unresolved("this year"), None, None, ""),
        # a dated relative expression keeps its own dates
        (
            day_span("yesterday", date(2026, 8, 12), date(2026, 8, 12), "relative"),
            REF,
            AUG12,
            date(2026, 8, 20),
            "agree",
            "same dates",
        ),
        pytest.param(
            AUG10,
            None,
            AUG10,
            None,
            "agree",
            "same dates",
            id="absolute-undated-no-assumption",
        ),
    ],
)
def test_reconcile_relate_times(
    a: TimeSpan,
    a_ref: date | None,
    b: TimeSpan,
    b_ref: date | None,
    relation: str | None,
    reason: str,
) -> None:
    verdict = relate_times(a, a_ref, b, b_ref)
    if relation is None:
        assert verdict is None
    else:
        assert verdict is not None
        assert verdict[0] == relation
        if reason == "same dates" and relation == "agree":
            assert verdict[1] == reason
        else:
            assert reason in verdict[1]


def test_reconcile_relate_times_unresolvable_same_text() -> None:
    # Expressions no reference can resolve meet only when they are written the same way.
    a, b = unresolved("the other day"), unresolved("The other day")
    assert relate_times(a, REF, b, REF) == ("agree", "same expression")
    assert relate_times(a, REF, unresolved("some time ago"), REF) is None
