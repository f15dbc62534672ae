"""Alert detection on hand-made stories and findings: what fires, what does not, and only once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime

import pytest

from triangulate.analyze.entities import entity_key
from triangulate.errors import ConfigError
from triangulate.model import Analysis, Article, Entity, Finding, Mention, Relation, Sentence, Story
from triangulate.store import MEMORY, Store
from triangulate.watch import WatchState, watch_item
from triangulate.watch.alerts import Alert
from triangulate.watch.loop import check_alerts
from triangulate.watch.watchlist import matches

NOW = datetime(2026, 6, 9, 12, 0, tzinfo=UTC)
DAYS = {"a": 4, "b": 5, "c": 6, "d": 7}
SOURCES = {"a": "North Wire", "b": "Daily Ledger", "c": "Valley Post", "d": "River Times"}


def article(aid: str) -> Article:
    title = "Quarry wall collapses near Tarn"
    sentence = f"Report {aid}: workers were trapped underground at the Tarn quarry."
    return Article(
        id=aid,
        title=title,
        text=f"{title}\n\n{sentence}",
        source=SOURCES[aid],
        published=date(2026, 5, DAYS[aid]),
        url=f"https://{SOURCES[aid].lower().replace(' ', '')}.example/quarry",
    )


def analysis(a: Article) -> Analysis:
    body = len(a.title) + 2
    entity = Entity("Tarn", "GPE", entity_key("Tarn"), a.text.index("Tarn"), a.text.index("Tarn") + 4)
    sentences = (Sentence(a.id, 0, 0, len(a.title), a.title), Sentence(a.id, 1, body, len(a.text), a.text[body:]))
    return Analysis(a, sentences, (entity,), ())


def mention(aid: str, value: float) -> Mention:
    text = article(aid).text
    return Mention(f"{aid}-claim", aid, 1, text[text.index("workers") : text.index("workers") + 7],
                   text.index("workers"), text.index("workers") + 7, value, value, "")  # fmt: skip


def finding(relation: Relation, *mentions: Mention, fid: str = "f1") -> Finding:
    return Finding(fid, "s", relation, "people: workers", "because", tuple(mentions))


@pytest.fixture()
def store() -> Iterator[Store]:
    with Store(MEMORY) as opened:
        yield opened


def arrive(store: Store, *aids: str) -> None:
    state = WatchState(store)
    for aid in aids:
        state.add_pending([aid])
        store.save_analysis(analysis(article(aid)))


def saving(*findings: Finding) -> Callable[[Store], None]:
    """A refresh that leaves one story of every stored article, with these findings."""

    def refresh(store: Store) -> None:
        ids = tuple(a.id for a in store.articles())
        store.replace_all_stories([Story("s", "Quarry wall collapses near Tarn", ids)], list(findings))

    return refresh


def check(store: Store, *findings: Finding) -> list[Alert]:
    return check_alerts(WatchState(store), saving(*findings), NOW, ["jsonl"])


def test_watch_alerts_a_new_conflict_once(store: Store) -> None:
    arrive(store, "a")
    assert check(store) == []
    arrive(store, "b")
    (alert,) = check(store, finding(Relation.CONFLICT, mention("a", 12), mention("b", 19)))
    assert (alert.kind, alert.story_id, alert.finding_id, alert.id) == ("conflict", "s", "f1", 1)
    assert [(m["source"], m["low"], m["published"]) for m in alert.data["mentions"]] == [
        ("North Wire", 12, "2026-05-04"),
        ("Daily Ledger", 19, "2026-05-05"),
    ]
    assert alert.data["mentions"][1]["sentence_text"].startswith("Report b: workers were trapped")
    assert alert.message == "Conflict in «Quarry wall collapses near Tarn»: people: workers: because"
    # c repeats a value already in the conflict: not news; d brings a third value: news
    arrive(store, "c")
    assert check(store, finding(Relation.CONFLICT, mention("a", 12), mention("b", 19), mention("c", 19))) == []
    arrive(store, "d")
    grown = finding(Relation.CONFLICT, mention("a", 12), mention("b", 19), mention("c", 19), mention("d", 25))
    assert [a.kind for a in check(store, grown)] == ["conflict"]
    assert WatchState(store).alert_count() == 2


def test_watch_no_alert_for_a_conflict_without_a_new_article(store: Store) -> None:
    arrive(store, "a", "b")
    check(store)
    arrive(store, "c")
    assert check(store, finding(Relation.CONFLICT, mention("a", 12), mention("b", 19))) == []


def test_watch_a_conflict_already_in_the_database_is_not_news(store: Store) -> None:
    for aid in ("a", "b"):
        store.save_analysis(analysis(article(aid)))
    old = finding(Relation.CONFLICT, mention("a", 12), mention("b", 19))
    saving(old)(store)  # ingested before watch ran
    arrive(store, "c")
    assert check(store, finding(Relation.CONFLICT, mention("a", 12), mention("b", 19), mention("c", 12))) == []


def test_watch_a_crash_after_refresh_still_alerts(store: Store) -> None:
    arrive(store, "a", "b")
    found = finding(Relation.CONFLICT, mention("a", 12), mention("b", 19))
    saving(found)(store)  # the refresh ran, then the process died before alerts were stored
    assert [a.kind for a in check(store, found)] == ["conflict"]


def test_watch_update_names_old_and_new_by_date(store: Store) -> None:
    arrive(store, "a")
    check(store)
    arrive(store, "c")
    (alert,) = check(store, finding(Relation.UPDATE, mention("c", 9), mention("a", 4)))
    assert (alert.data["old"]["low"], alert.data["new"]["low"]) == (4, 9)
    assert (alert.data["old"]["source"], alert.data["new"]["source"]) == ("North Wire", "Valley Post")
    assert "(North Wire 2026-05-04 → Valley Post 2026-05-06)" in alert.message


def test_watch_alert_keys_are_unique_in_the_store(store: Store) -> None:
    state = WatchState(store)
    alert = Alert("k1", "conflict", "s", "t", "m")
    assert [a.id for a in state.commit_alerts([alert], ["jsonl"], [], [], NOW)] == [1]
    assert state.commit_alerts([alert], ["jsonl"], [], [], NOW) == []
    assert state.alert_count() == 1 and len(state.delivery_rows()) == 1


@pytest.mark.parametrize(
    ("kind", "value"),
    [("keyword", "tarn quarry"), ("entity", "TARN"), ("outlet", "north wire"), ("outlet", "northwire.example")],
)
def test_watch_story_alerts_open_then_join(store: Store, kind: str, value: str) -> None:
    WatchState(store).add_watch(watch_item(kind, value), NOW)
    arrive(store, "a")
    (opened,) = check(store)
    assert (opened.kind, opened.data["event"], opened.data["article"]["source"]) == ("story", "opened", "North Wire")
    assert opened.data["matches"] == [{"kind": kind, "value": " ".join(value.split())}]
    arrive(store, "b")
    (joined,) = check(store)
    assert joined.data["event"] == "joined" and joined.message.startswith("Watched story joined by Daily Ledger")
    assert check(store) == []


def test_watch_no_story_alert_without_a_match(store: Store) -> None:
    WatchState(store).add_watch(watch_item("keyword", "ferry"), NOW)
    arrive(store, "a")
    assert check(store) == []


@pytest.mark.parametrize(
    ("kind", "value", "hit"),
    [
        ("keyword", "quarr", False),  # whole words only
        ("keyword", "Trapped   underground", True),
        ("entity", "Tarn", True),
        ("entity", "Mael", False),
        ("outlet", "wire", False),
        ("outlet", "example", True),  # a parent domain of the article's host
    ],
)
def test_watch_watchlist_matching(kind: str, value: str, hit: bool) -> None:
    assert matches(watch_item(kind, value), analysis(article("a"))) is hit


@pytest.mark.parametrize(("kind", "value"), [("person", "x"), ("keyword", "  "), ("outlet", "x" * 201)])
def test_watch_watchlist_rejects_bad_items(kind: str, value: str) -> None:
    with pytest.raises(ConfigError):
        watch_item(kind, value)


def test_watch_watchlist_add_list_remove(store: Store) -> None:
    state = WatchState(store)
    assert state.add_watch(watch_item("Entity", " Hugo  Brandt "), NOW)
    assert not state.add_watch(watch_item("entity", "Hugo Brandt"), NOW)
    state.add_watch(watch_item("keyword", "quarry"), NOW)
    assert [(w.kind, w.value) for w in state.watchlist()] == [("entity", "Hugo Brandt"), ("keyword", "quarry")]
    assert state.remove_watch(watch_item("keyword", "quarry")) and not state.remove_watch(watch_item("keyword", "x"))
    assert len(state.watchlist()) == 1
