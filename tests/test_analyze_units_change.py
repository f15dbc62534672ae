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

from triangulate.analyze.numbers import parse_scientific
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
    ("Members give 15 pounds a month.", [("15 pounds a month", 15, 15, "GBP/month", "money")]),
    ("The car puts out 300 pound-feet.", [("300 pound-feet", 406.7454, 406.7454, "N·m", "measure")]),
    # currency signs written after the amount; "kn" is knots unless money is near
    ("A tram ticket costs 10 kn in Zagreb.", [("10 kn", 10, 10, "HRK", "money")]),
    ("The ferry made 14 kn past the cape.", [("14 kn", 25.928, 25.928, "km/h", "measure")]),
    ("Bread is 5 zł at the corner shop.", [("5 zł", 5, 5, "PLN", "money")]),
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
    # scientific notation; an ASCII "x" needs a caret or a superscript
    ("A proton weighs about 1.67×10−27 kilograms.", [("about 1.67×10−27 kilograms", 1.67e-27, 1.67e-27, "kg", "measure")]),
    ("The cell holds 6.1 x 10^5 ions.", [("6.1 x 10^5", 6.1e5, 6.1e5, "", "count")]),
    ("They bought 2 x 10 boards.", [("2", 2, 2, "", "count"), ("10", 10, 10, "", "count")]),
    ("Light covers 3×10⁸ metres a second.", [("3×10⁸ metres a second", 3e8, 3e8, "m/second", "measure")]),
    # a fraction of a unit; a date or "24/7" is none
    ("Stir in 1/2 pound of sugar.", [("1/2 pound", 0.226796, 0.226796, "kg", "measure")]),
    ("The jug holds 1/8 of a gallon.", [("1/8 of a gallon", 3.78541 / 8, 3.78541 / 8, "l", "measure")]),
    ("A gill is 1⁄4 of a pint.", [("1⁄4 of a pint", 0.473176 / 4, 0.473176 / 4, "l", "measure")]),
    ("The shop opens 24/7 for 3/4 of the year.", [("24", 24, 24, "", "count"), ("7", 7, 7, "", "count"),
                                                 ("3", 3, 3, "", "count"), ("4", 4, 4, "", "count")]),
    # a range from zero in a unit: a sprint, also written with hyphens
    ("The car goes 0 to 100 km/h in 4 seconds.", [("0 to 100 km/h", 0, 100, "km/h", "measure"),
                                                 ("4 seconds", 4 / 86400, 4 / 86400, "day", "duration")]),
    ("Its 0-to-100-km/h time is quick.", [("0-to-100-km/h", 0, 100, "km/h", "measure")]),
    # "m" is metres before a conversion into feet or "-long", millions elsewhere
    ("The 52m (171ft) yacht docked.", [("52m", 52, 52, "m", "measure"), ("171ft", 52.1208, 52.1208, "m", "measure")]),
    ("A 15m-long mural was unveiled.", [("15m", 15, 15, "m", "measure")]),
    ("The fund raised 52m last year.", [("52m", 52e6, 52e6, "", "count")]),
    # multiples
    ("Exports grew more than fivefold.", [("more than fivefold", 5, math.inf, "", "count")]),
    ("Cases saw a 12-fold rise.", [("12-fold", 12, 12, "", "count")]),
    # four digits: a year, unless an amount is "of" it or a plural noun follows a span
    ("Fares rose by an average of 1400.", [("1400", 1400, 1400, "", "count")]),
    ("The summer of 1969 was hot.", []),
    ("The firm went from 1200 to 1800 recruits.", [("from 1200 to 1800", 1200, 1800, "", "count")]),
    ("Coasts may flood by 2150, a study says.", []),
    # a rate joined by hyphens; index and score points are a unit
    ("A 90,000 barrel-a-day plant opened.", [("90,000 barrel-a-day", 9e4, 9e4, "bbl/day", "measure")]),
    ("The index fell 35.2 points to 7,101.4.", [("35.2 points", 35.2, 35.2, "pt", "measure"),
                                               ("7,101.4", 7101.4, 7101.4, "pt", "measure")]),
    # an age told by its context
    ("Okafor, 52, took the job in May.", [("52", 52, 52, "year", "age")]),
    ("She was 9 when the war began.", [("9", 9, 9, "year", "age")]),
    ("Entry is barred to children under the age of 12 years.", [("12 years", 12, 12, "year", "age")]),
    ("Women aged 30 to 45 were asked.", [("30 to 45", 30, 45, "year", "age")]),
    ("On Friday, 14, the rest, stayed home.", [("14", 14, 14, "", "count")]),
    ("He was 10 minutes late.", [("10 minutes", 10 / 1440, 10 / 1440, "day", "duration")]),
    # "at one point" is an idiom; a symbol before ".X" is an abbreviation
    ("At one point the talks stalled.", [("one", 1, 1, "", "count")]),
    ("More than 30 F.B.I. agents came.", [("More than 30", 30, math.inf, "", "count")]),
]  # fmt: skip

# A bare figure takes the unit of a figure beside it: (sentence, [(text, low, unit, kind, approx), ...])
CARRIED: list[Any] = [
    # "from A unit to B"
    ("Her weight went from 150 pounds to 138 after the race.", [
        ("150 pounds", 68.0388, "kg", "measure", ""), ("138", 62.595696, "kg", "measure", ""),
    ]),
    # a figure of the same size in the same sentence, with nothing counted after it
    ("The best bid was 61.5 cents, while the worst was 58.25.", [
        ("61.5 cents", 61.5, "USc", "money", ""), ("58.25", 58.25, "USc", "money", ""),
    ]),
    ("The base model costs 3,100,000 yen and the sport trim 3,450,000 in Osaka.", [
        ("3,100,000 yen", 3.1e6, "JPY", "money", ""), ("3,450,000", 3.45e6, "JPY", "money", ""),
    ]),
    # ... but not a figure that counts something, one of another size, or past a full stop
    ("The best bid was 61.5 cents, and 60 traders bid.", [
        ("61.5 cents", 61.5, "USc", "money", ""), ("60", 60, "", "count", ""),
    ]),
    ("The ticket cost $40, and 2,000 came.", [("$40", 40, "USD", "money", ""), ("2,000", 2000, "", "count", "")]),
    ("It sold for $12. Only 10 were left.", [("$12", 12, "USD", "money", ""), ("10", 10, "", "count", "")]),
    ("They drew 2-2 after a 3 degree slope.", [("2-2", 2, "", "count", ""), ("3 degree", 3, "°", "measure", "")]),
    # a part "of the" whole takes the whole's unit
    ("They have paid 40 million of the 90 million euros owed.", [
        ("40 million", 4e7, "EUR", "money", ""), ("90 million euros", 9e7, "EUR", "money", ""),
    ]),
    ("Only 4 of the 11 players stayed.", [("4", 4, "", "count", ""), ("11", 11, "", "count", "")]),
    # suspended hyphens: "7- or 8-inch"
    ("Buyers choose a 10- or 12-inch screen.", [
        ("10", 0.254, "m", "measure", ""), ("12-inch", 0.3048, "m", "measure", ""),
    ]),
    # parallel changes "by": the percent carries
    ("Oil rose by 3 percent and gas by 2.", [("3 percent", 3, "%", "percent", ""), ("2", 2, "%", "percent", "")]),
    # a bound holds of its conversion; an approximation does not carry
    ("The bats fly more than 50 kilometres (31 miles) to feed.", [
        ("more than 50 kilometres", 50_000, "m", "measure", "more than"),
        ("31 miles", 31 * 1609.344, "m", "measure", "more than"),
    ]),
    ("It weighs just under 20 kg (44 lb / 705 oz).", [
        ("just under 20 kg", 20, "kg", "measure", "just under"),
        ("44 lb", 44 * 0.453592, "kg", "measure", "just under"),
        ("705 oz", 705 * 0.0283495, "kg", "measure", "just under"),
    ]),
    ("The trail runs some 12 miles (19 km) inland.", [
        ("some 12 miles", 12 * 1609.344, "m", "measure", "some"), ("19 km", 19_000, "m", "measure", ""),
    ]),
]  # fmt: skip


@pytest.mark.parametrize("text,expected", CARRIED)
def test_analyze_units_change_carried_units(text: str, expected: list[tuple[Any, ...]]) -> None:
    got = [(q.text, q.low, q.unit, q.kind, q.approx) for q in find_figures(text)]
    assert [(t, *rest) for t, _, *rest in got] == [(t, *rest) for t, _, *rest in expected], got
    for (_, g_low, *_), (_, e_low, *_) in zip(got, expected, strict=True):
        assert g_low == pytest.approx(e_low)


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


# Changes and bounds read from the text: (sentence, [(text, approx, change), ...])
CHANGES: list[Any] = [
    # a change whose verb is left out: "..., Y by 2.6%"; a percent in apposition to a move
    ("Rail stocks were down 1.2%, freight firms by 0.8% and ports were flat.", [
        ("1.2%", "", ""), ("0.8%", "", "down"),
    ]),
    ("The index was up 40 points, or 0.3%, at noon.", [("40 points", "", ""), ("0.3%", "", "up")]),
    ("Exports were up 40 cars, or 3%, in May.", [("40", "", ""), ("3%", "", "up")]),
    ("Wheat gained by 4 percent but barley fell by 1.", [("4 percent", "", ""), ("1", "", "")]),
    ("Sales rose 5% in May, helped by 3 stores.", [("5%", "", ""), ("3", "", "")]),
    # comparatives with "than" are bounds; "the lead-up to" and "adds up to" are none
    ("The beam failed at lower than 6.2 ksi.", [("lower than 6.2 ksi", "lower than", "")]),
    ("Prices were higher than $40 a barrel.", [("higher than $40 a barrel", "higher than", "")]),
    ("In the lead-up to 2,000 arrivals, the port hired staff.", [("2,000", "", "")]),
    ("The bill adds up to $300.", [("$300", "", "")]),
    ("Crowds of up to 300 gathered.", [("up to 300", "up to", "")]),
    # a qualifier before a signed figure; "barely" qualifies
    ("Nights fall to about minus 30 Celsius.", [("about minus 30 Celsius", "about", "")]),
    ("The shares trade at barely 4 times earnings.", [("barely 4", "barely", "")]),
]  # fmt: skip


@pytest.mark.parametrize("text,expected", CHANGES)
def test_analyze_units_change_changes(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(q.text, q.approx, q.change) for q in find_figures(text)] == expected


@pytest.mark.parametrize(
    ("sentence", "figure", "change"),
    [
        # a bare verb after a modal or "to" states a change
        ("Sea levels could rise 30 centimetres by 2100.", "30 centimetres", "up"),
        ("The index is poised to drop 0.4% at the open.", "0.4%", "down"),
        # "revised upward by": a change; "upwards of" is a bound, no change
        ("The forecast was revised upward by $2 billion.", "$2 billion", "up"),
        ("Upwards of 300 people came.", "Upwards of 300", ""),
    ],
)
def test_analyze_units_change_bare_verb_forms(nlp: Any, sentence: str, figure: str, change: str) -> None:
    from triangulate.analyze import analyze
    from triangulate.model import Article

    claims = analyze(Article(id="t", title="", text=sentence), nlp).claims
    found = {c.quantity.text: c.quantity.change for c in claims if c.quantity is not None}
    assert found[figure] == change, found


_SUPER = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=0, max_value=99),
    st.integers(min_value=-40, max_value=40),
    st.sampled_from(["{m}×10{e}", "{m} × 10^{e}", "{m} x 10^{e}", "{m}×10{s}", "{m}*10{s}"]),
)
def test_analyze_units_change_scientific_round_trip(whole: int, cents: int, exponent: int, form: str) -> None:
    mantissa = f"{whole}.{cents:02d}"
    signed = f"{exponent:+d}".replace("-", "−")  # "10−8", "10+5": a sign marks the exponent
    text = form.format(m=mantissa, e=signed if "^" not in form else str(exponent), s=str(exponent).translate(_SUPER))
    assert parse_scientific(text) == pytest.approx(float(mantissa) * 10.0**exponent)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.×xX*^ −-+⁰¹²³⁻")), max_size=30))
def test_analyze_units_change_scientific_never_raises(text: str) -> None:
    value = parse_scientific(text)
    assert value is None or isinstance(value, float)
