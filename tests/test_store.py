from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from triangulate.errors import StoreError
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
from triangulate.store import MIGRATIONS, Store

TEXT_A = "Pyongyang sent about 1,000 troops. Seoul’s NIS said so on Tuesday."
TEXT_B = "More than 6,000 workers were sent, officials said."

ART_A = Article(
    id="aaaa1111",
    title="Troops sent",
    text=TEXT_A,
    source="Yonhap",
    published=date(2024, 11, 13),
    url="https://example.com/a",
    author="Kim",
    ref="in/a.html",
    path="in/a.html",
)
ART_B = Article(id="bbbb2222", title="Workers", text=TEXT_B, ref="feed.xml#2", path="feed.xml")
ART_C = Article(id="aaaa3333", title="Other", text="Nothing to see.")


def _analysis_a() -> Analysis:
    a = ART_A
    quantity = Quantity(
        "about 1,000 troops", 15, 33, 1000.0, 1000.0, approx="about", noun="troops", concept="personnel"
    )
    claims = (
        Claim(
            "a-c1",
            a.id,
            0,
            15,
            33,
            "about 1,000 troops",
            "quantity",
            quantity=quantity,
            when=TimeSpan("Tuesday", 58, 65, "weekday", date(2024, 11, 12), date(2024, 11, 12)),
            attribution=Attribution(("NIS",), "said", 43, 51),
            entities=("nis",),
            lemmas=("send", "troop"),
        ),
        Claim("a-c2", a.id, 1, 58, 65, "Tuesday", "time", time=TimeSpan("Tuesday", 58, 65, "weekday", anchored=False)),
    )
    return Analysis(
        article=a,
        sentences=(
            Sentence(a.id, 0, 0, 34, a.text[0:34]),
            Sentence(a.id, 1, 35, 66, a.text[35:66]),
        ),
        entities=(
            Entity("Pyongyang", "GPE", "pyongyang", 0, 9),
            Entity("NIS", "ORG", "nis", 43, 46),
        ),
        claims=claims,
    )


def _analysis_b() -> Analysis:
    b = ART_B
    quantity = Quantity(
        "More than 6,000 workers",
        0,
        23,
        6000.0,
        math.inf,
        approx="more than",
        noun="workers",
        parts=(Quantity("6,000", 10, 15, 6000.0, 6000.0),),
    )
    claim = Claim("b-c1", b.id, 0, 0, 23, "More than 6,000 workers", "quantity", quantity=quantity)
    return Analysis(b, (Sentence(b.id, 0, 0, len(TEXT_B), TEXT_B),), (), (claim,))


STORY = Story("s1", "Troops to Russia", (ART_A.id, ART_B.id))
STORY_2 = Story("s2", "Quiet", (ART_C.id,))
FINDINGS = [
    Finding(
        "f1",
        "s1",
        Relation.CONFLICT,
        "troops sent",
        "1,000 vs more than 6,000",
        (
            Mention(
                "a-c1",
                ART_A.id,
                0,
                "about 1,000 troops",
                15,
                33,
                1000.0,
                1000.0,
                approx="about",
                attributed_to=("NIS",),
            ),
            Mention("b-c1", ART_B.id, 0, "More than 6,000 workers", 0, 23, 6000.0, math.inf, approx="more than"),
        ),
    ),
    Finding("f2", "s1", Relation.UNIQUE, "Tuesday", "only one report", kind="time"),
]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "t.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store(db_path) as s:
        yield s


def _fill(store: Store) -> None:
    for article in (ART_A, ART_B, ART_C):
        store.add_article(article)
    store.save_analysis(_analysis_a())
    store.save_analysis(_analysis_b())
    store.save_stories([STORY, STORY_2], FINDINGS)


# -- connection and migrations --------------------------------------------------------------------


def test_file_db_uses_wal_and_foreign_keys(store: Store) -> None:
    db = store._db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 30000
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_memory_db_works() -> None:
    with Store(":memory:") as s:
        assert s.add_article(ART_A)
        assert s.article(ART_A.id) == ART_A
        assert s.counts()["articles"] == 1


def test_migrations_recorded_once_across_reopen(db_path: Path) -> None:
    with Store(db_path) as s:
        first = s.applied_migrations()
        s.add_article(ART_A)
    assert set(first) == {version for version, _, _ in MIGRATIONS}
    with Store(db_path) as s:
        assert s.applied_migrations() == first
        rows = s._db.execute("SELECT version, name FROM schema_migrations").fetchall()
        assert rows == [(v, name) for v, name, _ in MIGRATIONS]
        assert s.has_article(ART_A.id)


def test_migrations_are_versioned_in_order() -> None:
    versions = [version for version, _, _ in MIGRATIONS]
    assert versions == sorted(set(versions))


def test_open_failure_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="open"):
        Store(tmp_path / "missing" / "dir" / "t.db")


def test_use_after_close_is_a_store_error(db_path: Path) -> None:
    s = Store(db_path)
    s.close()
    with pytest.raises(StoreError, match="count rows"):
        s.counts()


# -- articles -------------------------------------------------------------------------------------


def test_article_round_trip(store: Store) -> None:
    assert store.add_article(ART_A)
    assert store.add_article(ART_B)
    assert store.article(ART_A.id) == ART_A
    assert store.article(ART_B.id) == ART_B
    assert store.article("nope") is None
    assert store.has_article(ART_A.id)
    assert not store.has_article("nope")


def test_add_article_is_idempotent(store: Store) -> None:
    assert store.add_article(ART_A) is True
    assert store.add_article(ART_A) is False
    assert store.counts()["articles"] == 1


def test_added_at_is_set(store: Store) -> None:
    store.add_article(ART_A)
    added = store._db.execute("SELECT added_at FROM articles").fetchone()[0]
    assert added and added[:2] == "20"


def test_articles_in_insertion_order(store: Store) -> None:
    for article in (ART_B, ART_C, ART_A):
        store.add_article(article)
    assert store.articles() == [ART_B, ART_C, ART_A]
    assert store.articles([ART_A.id, ART_B.id, "nope"]) == [ART_B, ART_A]
    assert store.articles([]) == []


def test_prefix_and_ref_lookup(store: Store) -> None:
    for article in (ART_A, ART_B, ART_C):
        store.add_article(article)
    assert store.article("bbbb") == ART_B
    assert store.article("aaaa1") == ART_A
    assert store.article("aaaa") is None  # ambiguous
    assert store.article("bbb") is None  # too short for a prefix
    assert store.article("feed.xml#2") == ART_B
    assert store.article("in/a.html") == ART_A
    assert store.article("") is None


# -- analyses -------------------------------------------------------------------------------------


def test_analysis_round_trip(store: Store) -> None:
    store.add_article(ART_A)
    assert store.analysis(ART_A.id) is None
    analysis = _analysis_a()
    store.save_analysis(analysis)
    assert store.analysis(ART_A.id) == analysis
    assert store.analysis("aaaa1") == analysis
    assert store.analyzed_ids() == {ART_A.id}


def test_save_analysis_stores_a_new_article(store: Store) -> None:
    store.save_analysis(_analysis_b())
    assert store.article(ART_B.id) == ART_B
    assert store.analysis(ART_B.id) == _analysis_b()


def test_empty_analysis_counts_as_analyzed(store: Store) -> None:
    empty = Analysis(ART_C, (), (), ())
    store.save_analysis(empty)
    assert store.analysis(ART_C.id) == empty
    assert store.analyzed_ids() == {ART_C.id}


def test_save_analysis_replaces_previous_rows(store: Store) -> None:
    store.save_analysis(_analysis_a())
    smaller = Analysis(ART_A, (Sentence(ART_A.id, 0, 0, 9, "Pyongyang"),), (), ())
    store.save_analysis(smaller)
    assert store.analysis(ART_A.id) == smaller
    counts = store.counts()
    assert (counts["sentences"], counts["claims"]) == (1, 0)


def test_failed_save_analysis_rolls_back(store: Store) -> None:
    store.save_analysis(_analysis_a())
    clash = _analysis_b().claims[0]
    bad = Analysis(ART_B, (Sentence(ART_B.id, 0, 0, 4, "More"),), (), (clash, clash))  # duplicate claim id
    with pytest.raises(StoreError, match="save analysis of bbbb2222"):
        store.save_analysis(bad)
    assert store.analysis(ART_A.id) == _analysis_a()
    assert not store.has_article(ART_B.id)
    assert store.analyzed_ids() == {ART_A.id}


# -- stories and findings -------------------------------------------------------------------------


def test_stories_and_findings_round_trip(store: Store) -> None:
    _fill(store)
    assert store.stories() == [STORY, STORY_2]
    assert store.findings() == FINDINGS
    assert store.findings("s1") == FINDINGS
    assert store.findings("s2") == []
    assert store.story_of(ART_B.id) == STORY
    assert store.story_of(ART_C.id) == STORY_2
    assert store.story_of("nope") is None


def test_save_stories_replaces_those_stories_only(store: Store) -> None:
    _fill(store)
    renamed = Story("s1", "Renamed", (ART_B.id,))
    finding = Finding("f3", "s1", Relation.AGREE, "w", "y")
    store.save_stories([renamed], [finding])
    assert store.stories() == [renamed, STORY_2]  # keeps its place
    assert store.findings() == [finding]
    assert store.story_of(ART_A.id) is None


def test_replace_all_stories(store: Store) -> None:
    _fill(store)
    only = Story("s9", "Only", (ART_C.id,))
    store.replace_all_stories([only], [])
    assert store.stories() == [only]
    assert store.findings() == []
    assert store._db.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 1


def test_finding_of_unsaved_story_is_rejected(store: Store) -> None:
    _fill(store)
    with pytest.raises(StoreError, match="unsaved story s7"):
        store.save_stories([STORY_2], [Finding("fx", "s7", Relation.AGREE, "w", "y")])
    assert store.stories() == [STORY, STORY_2]


def test_story_with_unknown_article_is_rejected(store: Store) -> None:
    with pytest.raises(StoreError, match="save stories"):
        store.save_stories([Story("s", "t", ("ghost",))], [])
    assert store.stories() == []


# -- deletion, counts, reopening ------------------------------------------------------------------


def test_delete_article_cascades(store: Store) -> None:
    _fill(store)
    assert store.delete_article(ART_A.id)
    assert not store.delete_article(ART_A.id)
    assert store.article(ART_A.id) is None
    assert store.analysis(ART_A.id) is None
    assert store.analyzed_ids() == {ART_B.id}
    assert store.stories()[0].article_ids == (ART_B.id,)
    db = store._db
    for table in ("sentences", "entities", "claims"):
        rows = db.execute(f"SELECT count(*) FROM {table} WHERE article_id = ?", (ART_A.id,))
        assert rows.fetchone()[0] == 0
    assert store.counts() == {
        "articles": 2,
        "sentences": 1,
        "claims": 1,
        "stories": 2,
        "findings": 2,
    }


def test_counts(store: Store) -> None:
    assert store.counts() == dict.fromkeys(("articles", "sentences", "claims", "stories", "findings"), 0)
    _fill(store)
    assert store.counts() == {
        "articles": 3,
        "sentences": 3,
        "claims": 3,
        "stories": 2,
        "findings": 2,
    }


def test_reopen_gives_identical_objects(db_path: Path) -> None:
    with Store(db_path) as s:
        _fill(s)
        before = (
            s.articles(),
            s.analysis(ART_A.id),
            s.analysis(ART_B.id),
            s.stories(),
            s.findings(),
            s.analyzed_ids(),
            s.counts(),
        )
    with Store(db_path) as s:
        after = (
            s.articles(),
            s.analysis(ART_A.id),
            s.analysis(ART_B.id),
            s.stories(),
            s.findings(),
            s.analyzed_ids(),
            s.counts(),
        )
    assert after == before
    assert before[1] == _analysis_a()
    assert before[2] == _analysis_b()


def test_second_connection_sees_committed_writes(db_path: Path) -> None:
    with Store(db_path) as writer, Store(db_path) as reader:
        writer.add_article(ART_A)
        assert reader.article(ART_A.id) == ART_A


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store._db.execute("INSERT INTO sentences VALUES ('ghost', 0, 0, 1)")


def test_failed_migration_is_rolled_back(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store(db_path).close()
    bad = (99, "broken", "CREATE TABLE extra (x INTEGER);\nINSERT INTO nowhere VALUES (1);")
    monkeypatch.setattr("triangulate.store.MIGRATIONS", [*MIGRATIONS, bad])
    with pytest.raises(StoreError, match=r"migration 99 \(broken\)"):
        Store(db_path)
    monkeypatch.undo()
    with Store(db_path) as s:
        assert 99 not in s.applied_migrations()
        tables = {name for (name,) in s._db.execute("SELECT name FROM sqlite_master")}
        assert "extra" not in tables
