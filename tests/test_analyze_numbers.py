from __future__ import annotations

import math
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triangulate.analyze.numbers import (
    NUMBER_RE,
    VAGUE_RE,
    decimals_of,
    parse_number,
    vague_range,
)
from triangulate.analyze.quantities import BETWEEN_RE, FIGURE_RE, find_figures

FAST = settings(
    max_examples=300, deadline=None, database=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.mark.parametrize(
    "text,expected",
    [
        # digits
        ("7", 7.0),
        ("450", 450.0),
        ("11,000", 11_000.0),
        ("1,234,567", 1_234_567.0),
        ("1,000.5", 1000.5),
        ("3.5", 3.5),
        ("0.25", 0.25),
        (".5", 0.5),
        ("  42  ", 42.0),
        # digits with a scale
        ("1.2bn", 1.2e9),
        ("1.2 bn", 1.2e9),
        ("900m", 9e8),
        ("900 m", 9e8),
        ("5mn", 5e6),
        ("7 mln", 7e6),
        ("12k", 12_000.0),
        ("10 K", 10_000.0),
        ("4b", 4e9),
        ("3tn", 3e12),
        ("2 billion", 2e9),
        ("1.5 trillion", 1.5e12),
        ("3 millions", 3e6),
        ("2 Million", 2e6),
        # words
        ("zero", 0.0),
        ("ten", 10.0),
        ("nineteen", 19.0),
        ("twenty-five", 25.0),
        ("twenty five", 25.0),
        ("ninety-nine", 99.0),
        ("Sixty-One", 61.0),
        ("five hundred", 500.0),
        ("one hundred and twenty", 120.0),
        ("a hundred", 100.0),
        ("a thousand", 1000.0),
        ("three thousand four hundred", 3400.0),
        ("two hundred thousand", 200_000.0),
        ("two million", 2e6),
        ("twenty-five million", 25e6),
        # idioms
        ("a dozen", 12.0),
        ("A Dozen", 12.0),
        ("a score", 20.0),
        ("half a dozen", 6.0),
        ("half a million", 500_000.0),
        ("half a billion", 5e8),
        # a thin space as thousands separator
        ("1\u2009200", 1200.0),
        # junk
        ("", None),
        ("   ", None),
        ("apple", None),
        ("12abc", None),
        ("1,00", None),
        ("-5", None),
        ("dozen", None),
        ("five apples", None),
        ("and", None),
        ("1.2.3", None),
    ],
)
def test_numbers_parse_number(text: str, expected: float | None) -> None:
    value = parse_number(text)
    if expected is None:
        assert value is None
    else:
        assert value == pytest.approx(expected)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("dozens", (24.0, 144.0)),
        ("scores", (40.0, 100.0)),
        ("hundreds", (100.0, 1e3)),
        ("thousands", (1e3, 1e4)),
        ("Thousands", (1e3, 1e4)),
        ("millions", (1e6, 1e7)),
        ("billions", (1e9, 1e10)),
        ("tens of thousands", (1e4, 1e5)),
        ("Tens of Thousands", (1e4, 1e5)),
        ("hundreds  of\tthousands", (1e5, 1e6)),
        ("  hundreds of thousands ", (1e5, 1e6)),
        ("tens of millions", (1e7, 1e8)),
        ("hundreds of millions", (1e8, 1e9)),
        ("thousand", None),
        ("a few", None),
        ("loads", None),
        ("", None),
    ],
)
def test_numbers_vague_range(text: str, expected: tuple[float, float] | None) -> None:
    assert vague_range(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("12,000", 3),
        ("1,200,000", 5),
        ("450", 1),
        ("100", 2),
        ("7", 0),
        ("1.5", 0),
        ("$3bn", 0),
    ],
)
def test_numbers_decimals_of(text: str, expected: int) -> None:
    assert decimals_of(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("roughly 40 boats", ["40"]),
        ("1.2bn and 900m", ["1.2bn", "900m"]),
        ("twenty-five trucks", ["twenty-five"]),
        ("half a million people", ["half a million"]),
        ("a dozen eggs", ["a dozen"]),
        ("two million votes", ["two million"]),
        ("no figure here", []),
    ],
)
def test_numbers_number_re_spans(text: str, expected: list[str]) -> None:
    assert [m.group(0) for m in NUMBER_RE.finditer(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Thousands of people", ["Thousands"]),
        ("tens of thousands more", ["tens of thousands"]),
        ("hundreds upon hundreds", ["hundreds"]),
        ("thousands were there", []),  # not followed by of/more/upon
        ("dozens", []),
    ],
)
def test_numbers_vague_re(text: str, expected: list[str]) -> None:
    assert [m.group(0) for m in VAGUE_RE.finditer(text)] == expected


@FAST
@given(st.text())
def test_numbers_parse_number_never_raises(text: str) -> None:
    value = parse_number(text)
    assert value is None or isinstance(value, float)


@FAST
@given(st.text(alphabet=st.sampled_from(list("0123456789,. -abdkmnlorstwyhfiuev")), max_size=60))
def test_numbers_parse_number_never_raises_on_number_like_text(text: str) -> None:
    value = parse_number(text)
    assert value is None or isinstance(value, float)


@FAST
@given(st.text(max_size=300))
def test_numbers_find_figures_never_raises(text: str) -> None:
    for q in find_figures(text):
        assert text[q.start : q.end] == q.text
        assert q.low <= q.high


ADVERSARIAL = [
    "1" * 5000,
    "1," * 3000,
    " - " * 2000,
    "1 - " * 2000,
    "1-" * 3000,
    "9" * 20000,
    "1.1." * 2000,
    "$" * 5000,
    "a " * 3000,
    "twenty-" * 2000,
    "about " * 2000,
    "thousands of " * 1000,
    "between 1 and " * 1000,
    "1,000 " * 2000,
    "-year-old " * 500,
    "$1 to $" * 1000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=lambda s: f"{s[:8]!r}x{len(s)}")
def test_numbers_patterns_finish_fast_on_adversarial_input(text: str) -> None:
    started = time.perf_counter()
    list(NUMBER_RE.finditer(text))
    list(FIGURE_RE.finditer(text))
    list(BETWEEN_RE.finditer(text))
    list(VAGUE_RE.finditer(text))
    find_figures(text)
    parse_number(text)
    assert time.perf_counter() - started < 5.0


def test_numbers_parse_number_overflows_to_infinity_not_an_error() -> None:
    assert math.isinf(parse_number("9" * 400) or 0.0)
