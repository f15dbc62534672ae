from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from triangulate.analyze import analyze
from triangulate.compare import CompareConfig, compare_story
from triangulate.errors import ConfigError
from triangulate.model import Article, Finding, Relation, Story


def article(aid: str, source: str, published: date, title: str, *sentences: str) -> Article:
    return Article(
        id=aid, title=title, text="\n".join([title, " ".join(sentences)]), source=source, published=published
    )


def findings(nlp: Any, *articles: Article) -> list[Finding]:
    story = Story(id="s1", title=articles[0].title, article_ids=tuple(a.id for a in articles))
    return compare_story(story, [analyze(a, nlp) for a in articles])


def quantity_findings(found: list[Finding]) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(f.relation.value, [(m.article_id, m.text) for m in f.mentions]) for f in found if f.kind == "quantity"]


DAM_A = article(
    "a",
    "Valley Post",
    date(2026, 3, 12),
    "Dam breach floods valley",
    "A dam breach flooded the Orrin valley on Tuesday.",
    "Between 400 and 500 homes were flooded, the regional council said.",
    "The breach also cut power to 2,300 households across the district.",
)
DAM_B = article(
    "b",
    "River Times",
    date(2026, 3, 12),
    "Valley flood",
    "Floodwater swept through the Orrin valley after a dam breach.",
    "Some 450 homes were flooded, according to the fire service.",
    "Volunteers handed out blankets and hot soup at the old town hall near the river.",
)


def test_compare_range_and_point_are_compatible(nlp: Any) -> None:
    found = findings(nlp, DAM_A, DAM_B)
    homes = [f for f in found if f.kind == "quantity" and f.relation is Relation.COMPATIBLE]
    assert len(homes) == 1
    finding = homes[0]
    assert finding.what == "buildings: homes"
    assert finding.why == "point inside range (450 in 400–500)"
    assert [(m.article_id, m.text, m.low, m.high, m.approx) for m in finding.mentions] == [
        ("a", "Between 400 and 500", 400.0, 500.0, ""),
        ("b", "Some 450", 450.0, 450.0, "some"),
    ]
    assert [m.attributed_to for m in finding.mentions] == [("regional council",), ("fire service",)]
    assert not [f for f in found if f.relation is Relation.CONFLICT]


def test_compare_figure_only_one_article_has_is_unique(nlp: Any) -> None:
    found = findings(nlp, DAM_A, DAM_B)
    unique = [f for f in found if f.kind == "quantity" and f.relation is Relation.UNIQUE]
    assert [(f.what, f.why, [m.text for m in f.mentions]) for f in unique] == [
        ("people: households", "only Valley Post reports this", ["2,300"]),
    ]


def test_compare_statement_only_one_article_makes_is_unique(nlp: Any) -> None:
    found = findings(nlp, DAM_A, DAM_B)
    unique = [f for f in found if f.kind == "statement"]
    assert [(f.relation, f.why, f.mentions[0].article_id) for f in unique] == [
        (Relation.UNIQUE, "only River Times reports this", "b"),
    ]
    assert unique[0].mentions[0].text.startswith("Volunteers handed out blankets")


QUARRY_C = article(
    "c",
    "North Wire",
    date(2026, 5, 4),
    "Quarry collapse",
    "A quarry wall collapsed near the village of Tarn on Monday.",
    "Mine inspector Hugo Brandt said 12 workers were trapped underground.",
)
QUARRY_D = article(
    "d",
    "Daily Ledger",
    date(2026, 5, 4),
    "Quarry collapse",
    "A quarry wall gave way near the village of Tarn on Monday.",
    "Union leader Petra Vos said 19 workers were trapped underground.",
)


def test_compare_different_sources_conflict(nlp: Any) -> None:
    found = findings(nlp, QUARRY_C, QUARRY_D)
    assert found[0].relation is Relation.CONFLICT  # conflicts come first
    conflicts = [f for f in found if f.relation is Relation.CONFLICT]
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert conflict.what == "people: workers"
    assert [(m.article_id, m.text, m.attributed_to) for m in conflict.mentions] == [
        ("c", "12", ("Hugo Brandt",)),
        ("d", "19", ("Petra Vos",)),
    ]
    assert conflict.why == (
        "North Wire says 12 (Hugo Brandt); Daily Ledger says 19 (Petra Vos); each figure comes from a different source"
    )


def test_compare_same_date_agrees(nlp: Any) -> None:
    found = findings(nlp, QUARRY_C, QUARRY_D)
    dates = [f for f in found if f.kind == "time"]
    assert [(f.relation, f.what, f.why) for f in dates] == [
        (Relation.AGREE, "date: Monday", "same dates"),
    ]
    assert [(m.low, m.high) for m in dates[0].mentions] == [("2026-05-04", "2026-05-04")] * 2


FERRY_E = article(
    "e",
    "Harbour News",
    date(2026, 6, 7),
    "Ferry sinks",
    "A ferry capsized off the island of Mael on Sunday.",
    "Four people were killed, the coast guard said.",
)
FERRY_F = article(
    "f",
    "Island Daily",
    date(2026, 6, 9),
    "Ferry toll rises",
    "The death toll from the ferry that capsized off Mael rose to nine on Tuesday, the coast guard said.",
)


def test_compare_later_higher_toll_is_an_update(nlp: Any) -> None:
    found = findings(nlp, FERRY_F, FERRY_E)  # order of the articles does not matter
    assert quantity_findings(found) == [("update", [("e", "Four"), ("f", "nine")])]
    update = found[0]
    assert update.what.startswith("dead")
    assert update.why == ("Harbour News (2026-06-07) reported Four; Island Daily (2026-06-09) later reported nine")


ARMY_G = article(
    "g",
    "Wire One",
    date(2026, 4, 2),
    "Army sends engineers",
    "The army sent 300 engineers and 700 soldiers to rebuild the bridge at Kell.",
)
ARMY_H = article(
    "h",
    "Wire Two",
    date(2026, 4, 2),
    "Troops sent",
    "The army sent 1,000 troops to rebuild the bridge at Kell.",
)


def test_compare_list_total_is_not_a_conflict(nlp: Any) -> None:
    found = findings(nlp, ARMY_G, ARMY_H)
    assert not [f for f in found if f.relation is Relation.CONFLICT]
    assert quantity_findings(found) == [
        ("compatible", [("g", "300 engineers and 700 soldiers"), ("h", "1,000")]),
    ]
    assert found[0].why == "sum of parts (300 + 700 = 1,000)"
    assert found[0].what == "personnel: troops"


def test_compare_ignores_articles_outside_the_story(nlp: Any) -> None:
    story = Story(id="s2", title="Quarry", article_ids=("c",))
    found = compare_story(story, [analyze(QUARRY_C, nlp), analyze(QUARRY_D, nlp)])
    assert all(m.article_id == "c" for f in found for m in f.mentions)
    assert not [f for f in found if f.relation is Relation.CONFLICT]


def test_compare_finding_ids_are_stable(nlp: Any) -> None:
    first = [f.id for f in findings(nlp, QUARRY_C, QUARRY_D)]
    second = [f.id for f in findings(nlp, QUARRY_D, QUARRY_C)]
    assert sorted(first) == sorted(second)
    assert len(set(first)) == len(first)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"link_consistent": -0.1},
        {"link_consistent": 1.5},
        {"link_different": -0.01},
        {"link_different": 1.01},
        {"sentence_covered": -1.0},
        {"sentence_covered": 2.0},
        {"link_consistent": 0.6, "link_different": 0.5},  # consistent must not exceed different
    ],
)
def test_compare_config_rejects_bad_thresholds(kwargs: dict[str, float]) -> None:
    with pytest.raises(ConfigError):
        CompareConfig(**kwargs)


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"link_consistent": 0.0, "link_different": 0.0, "sentence_covered": 0.0},
        {"link_consistent": 1.0, "link_different": 1.0, "sentence_covered": 1.0},
        {"link_consistent": 0.3, "link_different": 0.3},
    ],
)
def test_compare_config_accepts_thresholds_in_range(kwargs: dict[str, float]) -> None:
    config = CompareConfig(**kwargs)
    assert 0.0 <= config.link_consistent <= config.link_different <= 1.0


def test_compare_figure_label_says_a_time_once(nlp: Any) -> None:
    a = article(
        "a", "Valley Post", date(2026, 3, 12), "Fire", "The fire has burned 1,200 hectares of scrub since Monday."
    )
    b = article(
        "b", "River Times", date(2026, 3, 12), "Blaze", "The blaze burned about 1,200 hectares of scrub on Monday."
    )
    labels = [f.what for f in findings(nlp, a, b) if f.kind == "quantity" and len(f.mentions) == 2]
    assert labels == ["area: scrub (since Monday)"]
