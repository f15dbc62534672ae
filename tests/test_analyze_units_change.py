"""Units and changes of figures: unit symbols read with their case, short forms of durations,
pounds of weight against pounds sterling, signs, and what a figure inherits from its neighbours.

One table row per rule; every sentence is written for this file.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triangulate.analyze.quantities import find_figures

# (sentence, [(text, low, high, unit, kind), ...])
UNITS: list[Any] = [
    # unit symbols whose case tells them apart
    ("The engine makes 380 Nm of torque.", [("380 Nm", 380, 380, "N·m", "measure")]),
    ("The chip uses a 5 nm process.", [("5 nm", 5e-9, 5e-9, "m", "measure")]),
    ("A 65 W charger comes in the box.", [("65 W", 65e-6, 65e-6, "MW", "measure")]),
    ("The hatchback has 150 PS under the bonnet.", [("150 PS", 147.948, 147.948, "hp", "measure")]),
    ("It runs a 1.5l petrol engine.", [("1.5l", 1.5, 1.5, "l", "measure")]),
    ("Each loaf weighs 2lb before baking.", [("2lb", 0.907184, 0.907184, "kg", "measure")]),
    ("Add 250g of butter.", [("250g", 0.25, 0.25, "kg", "measure")]),
    ("The yacht cruised at 12 kt off the cape.", [("12 kt", 22.224, 22.224, "km/h", "measure")]),
    ("Highs of 31 C are forecast.", [("31 C", 31, 31, "°C", "measure")]),
    ("The monitor is 27″ across.", [("27″", 0.6858, 0.6858, "m", "measure")]),
    ("The reliever was worth 1.2 WAR last season.", [("1.2 WAR", 1.2, 1.2, "WAR", "measure")]),
    ("The quarterback threw 3 TDs.", [("3 TDs", 3, 3, "TD", "measure")]),
    ("Operators are rolling out 5G in small towns.", [("5G", 5, 5, "G", "measure")]),
    # ... but not inside a longer word, a hyphenated unit or a range of letters
    ("The chassis number was 7 WXR.", [("7", 7, 7, "", "count")]),
    ("The motor delivers 310 lb-ft of torque.", [("310 lb-ft", 420.30358, 420.30358, "N·m", "measure")]),
    # short forms of durations
    ("Bake the tart for 35min.", [("35min", 35 / 1440, 35 / 1440, "day", "duration")]),
    ("The ferry takes 2 hrs each way.", [("2 hrs", 2 / 24, 2 / 24, "day", "duration")]),
    ("Three children waited outside.", [("Three", 3, 3, "", "count")]),
    # pounds: a weight unless money is in the sentence
    ("The sack weighs 50 pounds.", [("50 pounds", 22.6796, 22.6796, "kg", "measure")]),
    ("He bought 3 pounds of apples at the market.", [("3 pounds", 1.360776, 1.360776, "kg", "measure")]),
    ("A 12-pound turkey sat on the table.", [("12-pound", 5.443104, 5.443104, "kg", "measure")]),
    ("She paid 40 pounds for the ticket.", [("40 pounds", 40, 40, "GBP", "money")]),
    ("The club spent 8 million pounds.", [("8 million pounds", 8e6, 8e6, "GBP", "money")]),
    ("The car puts out 300 pound-feet.", [("300 pound-feet", 406.7454, 406.7454, "N·m", "measure")]),
    # crowns named by their country
    ("The fine was 2 million Danish crowns.", [("2 million Danish crowns", 2e6, 2e6, "DKK", "money")]),
    # signs: after a currency sign, and a spelled "minus" after a comma
    ("The balance fell to $-12.4bn in May.", [("$-12.4bn", -12.4e9, -12.4e9, "USD", "money")]),
    ("Nights reach minus 40 Fahrenheit,minus 40 Celsius too.", [
        ("minus 40 Fahrenheit", -40, -40, "°F", "measure"),
        ("minus 40 Celsius", -40, -40, "°C", "measure"),
    ]),
    # a rate per a unit symbol is named in full
    ("The field reached 12 kV/cm.", [("12 kV/cm", 12000, 12000, "V/centimetre", "measure")]),
]  # fmt: skip


def _rows(text: str) -> list[tuple[Any, ...]]:
    return [(q.text, q.low, q.high, q.unit, q.kind) for q in find_figures(text)]


@pytest.mark.parametrize("text,expected", UNITS)
def test_analyze_units_change_units(text: str, expected: list[tuple[Any, ...]]) -> None:
    got = _rows(text)
    assert len(got) == len(expected), got
    for (g_text, g_low, g_high, *g_rest), (e_text, e_low, e_high, *e_rest) in zip(got, expected, strict=True):
        assert (g_text, g_rest) == (e_text, e_rest), got
        assert g_low == pytest.approx(e_low)
        assert g_high == pytest.approx(e_high) if not math.isinf(e_high) else math.isinf(g_high)


_SYMBOL_TEXT = st.text(alphabet=st.sampled_from(list("0123456789 .,-/WNmlgbCFGTDsPkt″′AR$£()oftpund")), max_size=40)


@settings(max_examples=200, deadline=None)
@given(_SYMBOL_TEXT)
def test_analyze_units_change_spans_are_the_text(text: str) -> None:
    for q in find_figures(text):
        assert text[q.start : q.end] == q.text
        assert q.low <= q.high or math.isnan(q.low)
