from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triangulate.codec import dumps, from_dict, loads, to_dict
from triangulate.model import (
    Analysis,
    Article,
    Attribution,
    Claim,
    Entity,
    Finding,
    Mention,
    Quantity,
    Relation,
    Sentence,
    Story,
    TimeSpan,
)

ARTICLE = Article(
    id="a1b2c3d4e5",
    title="Troops sent",
    text="Pyongyang sent about 1,000 troops, according to Seoul’s spy agency.",
    source="Yonhap",
    published=date(2024, 11, 13),
    url="https://example.com/a",
    author="Kim",
    ref="feed.xml#3",
    path="feed.xml",
)
PARTS = (
    Quantity("1,000 sappers", 0, 13, 1000.0, 1000.0, noun="sappers", concept="personnel"),
    Quantity("5,000 workers", 18, 31, 5000.0, 5000.0, noun="workers", concept="personnel"),
)
QUANTITY = Quantity(
    text="more than 6,000 troops",
    start=20,
    end=42,
    low=6000.0,
    high=math.inf,
    approx="more than",
    noun="troops",
    concept="personnel",
    change="increase",
    parts=PARTS,
)
WHEN = TimeSpan("last week", 50, 59, "relative", date(2024, 11, 4), date(2024, 11, 10), False)
ATTRIBUTION = Attribution(("Lee Seong-kweun", "NIS"), "according to", 60, 80, anonymous=False)
CLAIM = Claim(
    id="c1",
    article_id=ARTICLE.id,
    sentence=0,
    start=20,
    end=42,
    text="more than 6,000 troops",
    kind="quantity",
    quantity=QUANTITY,
    when=WHEN,
    attribution=ATTRIBUTION,
    hedge="believed to",
    entities=("pyongyang", "nis"),
    lemmas=("send", "troop"),
)
TIME_CLAIM = Claim(
    "c2",
    ARTICLE.id,
    1,
    0,
    8,
    "Tuesday",
    "time",
    time=TimeSpan("Tuesday", 0, 7, "weekday", granularity="day"),
)
MENTIONS = (
    Mention(
        "c1",
        "a1",
        0,
        "6,000 troops",
        10,
        22,
        6000.0,
        math.inf,
        approx="more than",
        attributed_to=("NIS",),
        hedged="believed to",
    ),
    Mention("c2", "a2", 3, "thousands", 0, 9, "thousands", None),
    Mention("c3", "a3", 1, "a lot", 0, 5, -math.inf, 3.5),
)
FINDING = Finding("f1", "s1", Relation.CONFLICT, "troops sent", "6,000 vs thousands", MENTIONS)

CASES: list[Any] = [
    ARTICLE,
    Article(id="x", title="", text=""),
    Sentence(ARTICLE.id, 0, 0, 10, "Pyongyang "),
    Entity("Lee Seong-kweun", "PERSON", "lee seong kweun", 3, 18),
    PARTS[0],
    QUANTITY,
    Quantity("-5%", 0, 3, -5.0, -5.0, unit="%", kind="percent", change="decrease"),
    WHEN,
    TimeSpan("sometime", 0, 8, "unresolved"),
    ATTRIBUTION,
    Attribution((), "quote", 0, 1, anonymous=True),
    CLAIM,
    TIME_CLAIM,
    Claim("c3", "a", 2, 0, 4, "text", "statement"),
    Analysis(
        ARTICLE,
        (Sentence(ARTICLE.id, 0, 0, 9, "Pyongyang"),),
        (Entity("NIS", "ORG", "nis", 0, 3),),
        (CLAIM, TIME_CLAIM),
    ),
    Story("s1", "Troops to Russia", ("a1", "a2")),
    Story("s2", "Empty", ()),
    *MENTIONS,
    FINDING,
    Finding("f2", "s1", Relation.UNIQUE, "only one", "", kind="statement"),
]


@pytest.mark.parametrize("obj", CASES, ids=lambda o: type(o).__name__)
def test_round_trip(obj: Any) -> None:
    data = to_dict(obj)
    assert from_dict(type(obj), data) == obj
    assert loads(type(obj), dumps(obj)) == obj
    assert json.loads(json.dumps(data, allow_nan=False)) == data  # JSON-safe as it stands


def test_encoding_shapes() -> None:
    data = to_dict(CLAIM)
    assert data["quantity"]["high"] == "inf"
    assert data["quantity"]["parts"][1]["low"] == 5000.0
    assert data["when"]["low"] == "2024-11-04"
    assert data["attribution"]["chain"] == ["Lee Seong-kweun", "NIS"]
    assert data["time"] is None
    finding = to_dict(FINDING)
    assert finding["relation"] == "conflict"
    assert finding["mentions"][0]["high"] == {"float": "inf"}
    assert finding["mentions"][1]["low"] == "thousands"


def test_dumps_is_compact_and_keeps_unicode() -> None:
    text = dumps(ARTICLE)
    assert "Seoul’s" in text
    assert ", " not in text.replace("1,000 troops, according", "")
    assert "Infinity" not in dumps(CLAIM)


def test_string_inf_in_union_stays_a_string() -> None:
    mention = Mention("c", "a", 0, "inf", 0, 3, "inf", "-inf")
    assert from_dict(Mention, to_dict(mention)) == mention


def test_int_for_float_field_is_accepted() -> None:
    data = to_dict(PARTS[0]) | {"low": 1000, "high": 1000}
    assert from_dict(Quantity, data) == PARTS[0]


def test_defaults_fill_missing_keys() -> None:
    assert from_dict(Story, {"id": "s", "title": "t", "article_ids": []}) == Story("s", "t", ())
    assert from_dict(Finding, {"id": "f", "story_id": "s", "relation": "agree", "what": "w", "why": "y"}) == Finding(
        "f", "s", Relation.AGREE, "w", "y"
    )


@pytest.mark.parametrize(
    "obj",
    [
        Quantity("x", 0, 1, math.nan, 1.0),
        Mention("c", "a", 0, "x", 0, 1, math.nan),
    ],
)
def test_nan_is_rejected_when_encoding(obj: Any) -> None:
    with pytest.raises(ValueError, match="NaN"):
        to_dict(obj)


@pytest.mark.parametrize(
    ("cls", "data"),
    [
        (Quantity, to_dict(PARTS[0]) | {"low": "nan"}),
        (Quantity, to_dict(PARTS[0]) | {"low": None}),
        (Quantity, to_dict(PARTS[0]) | {"start": "0"}),
        (Quantity, to_dict(PARTS[0]) | {"bogus": 1}),
        (TimeSpan, to_dict(WHEN) | {"low": "not a date"}),
        (Finding, to_dict(FINDING) | {"relation": "maybe"}),
        (Attribution, to_dict(ATTRIBUTION) | {"chain": "NIS"}),
    ],
)
def test_bad_data_is_rejected(cls: type[Any], data: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        from_dict(cls, data)


def test_to_dict_needs_a_dataclass_instance() -> None:
    with pytest.raises(TypeError):
        to_dict(Quantity)
    with pytest.raises(TypeError):
        to_dict({"a": 1})


# -- property-based -------------------------------------------------------------------------------

_text = st.text(max_size=20)
_offset = st.integers(min_value=0, max_value=10_000)
_float = st.floats(allow_nan=False)  # includes ±inf
_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def _quantities(parts: st.SearchStrategy[tuple[Quantity, ...]]) -> st.SearchStrategy[Quantity]:
    return st.builds(
        Quantity,
        text=_text,
        start=_offset,
        end=_offset,
        low=_float,
        high=_float,
        unit=_text,
        approx=_text,
        kind=_text,
        noun=_text,
        concept=_text,
        change=_text,
        parts=parts,
    )


quantities = _quantities(st.tuples(_quantities(st.just(()))) | st.just(()))
timespans = st.builds(
    TimeSpan,
    text=_text,
    start=_offset,
    end=_offset,
    kind=_text,
    low=st.none() | _dates,
    high=st.none() | _dates,
    anchored=st.booleans(),
    granularity=_text,
)


@given(quantities)
def test_quantity_round_trip_property(q: Quantity) -> None:
    assert from_dict(Quantity, to_dict(q)) == q
    assert loads(Quantity, dumps(q)) == q


@given(timespans)
def test_timespan_round_trip_property(t: TimeSpan) -> None:
    assert from_dict(TimeSpan, to_dict(t)) == t
    assert loads(TimeSpan, dumps(t)) == t


@given(st.lists(quantities, max_size=3), st.none() | timespans)
def test_claim_round_trip_property(qs: list[Quantity], when: TimeSpan | None) -> None:
    for q in qs:
        claim = Claim("c", "a", 0, q.start, q.end, q.text, "quantity", quantity=q, when=when)
        assert loads(Claim, dumps(claim)) == claim
