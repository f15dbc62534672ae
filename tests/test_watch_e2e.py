"""watch end to end: a local server whose feeds change on a script, the real pipeline, restarts.

The script: a watched quarry story opens; a contradicting report arrives (a conflict); the
watcher stops; meanwhile a summary-only report revises a ferry toll (an update, its page fetched);
the watcher starts again and picks it up; an outlet edits its report in place to a new figure (a
new conflict). Every round runs on a freshly opened database: a restart. One feed always errors and one is too slow; neither
stops the others. Alerts are counted exactly, across the restart.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.feedserver import FeedServer, serve
from tests.watch_helpers import FERRY_FOUR, FERRY_NINE_PARAGRAPHS, QUARRY_12, QUARRY_19, Item, page, rss
from triangulate.fetch import FetchConfig
from triangulate.store import Store
from triangulate.watch import Alert, Hooks, Source, WatchConfig, WatchState, run_round, watch_item
from triangulate.watch.sources import FEED

START = datetime(2026, 6, 9, 12, 0, tzinfo=UTC)
FETCH = FetchConfig(allow_private=True, connect_timeout=1, read_timeout=0.3, total_timeout=3)


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    with serve() as running:
        yield running


def _feed(server: FeedServer, path: str, title: str, *items: Item, **options: object) -> None:
    body = rss(title, *items)
    server.set(path, body, etag=f'"{hashlib.sha1(body.encode()).hexdigest()[:12]}"', **options)


def _sources(server: FeedServer) -> list[Source]:
    names = ("courier", "ledger", "harbour", "island", "broken", "slow")
    return [Source(FEED, server.url(f"/{name}.xml"), 60) for name in names]


def _round(db: Path, server: FeedServer, now: datetime, config: WatchConfig, heard: list[Alert]) -> list[Alert]:
    with Store(db) as store:
        report = run_round(store, _sources(server), config, now, Hooks(sleep=lambda _: None, on_alert=heard.append))
    return list(report.alerts)


def test_watch_alerts_once_each_across_restarts(server: FeedServer, tmp_path: Path) -> None:
    db, log = tmp_path / "watch.db", tmp_path / "alerts.jsonl"
    config = WatchConfig(fetch=FETCH, jsonl=log, workers=4)
    heard: list[Alert] = []
    _feed(server, "/courier.xml", "The Tarn Courier", QUARRY_12)
    _feed(server, "/ledger.xml", "Daily Ledger")
    _feed(server, "/harbour.xml", "Harbour News", FERRY_FOUR)
    _feed(server, "/island.xml", "Island Daily")
    server.set("/broken.xml", "oops", status=500)
    _feed(server, "/slow.xml", "Slow Wire", delay=1.0)
    with Store(db) as store:
        WatchState(store).add_watch(watch_item("keyword", "quarry"), START)

    first = _round(db, server, START, config, heard)
    assert [(a.kind, a.data["event"]) for a in first] == [("story", "opened")]
    assert "Quarry wall collapses near Tarn" in first[0].message

    _feed(server, "/ledger.xml", "Daily Ledger", QUARRY_19)
    second = _round(db, server, START + timedelta(minutes=10), config, heard)
    assert sorted(a.kind for a in second) == ["conflict", "story"]
    conflict = next(a for a in second if a.kind == "conflict")
    assert conflict.data["what"] == "people: workers"
    assert {m["text"] for m in conflict.data["mentions"]} == {"12", "19"}
    assert {m["source"] for m in conflict.data["mentions"]} == {"The Tarn Courier", "Daily Ledger"}
    assert any("Petra Vos said 19 workers" in m["sentence_text"] for m in conflict.data["mentions"])

    # Stopped: the island report is published meanwhile, with only a summary in its feed.
    server.set("/pages/ferry-toll.html", page("Ferry toll rises", *FERRY_NINE_PARAGRAPHS), content_type="text/html")
    island = Item(
        "island-ferry-1",
        "Ferry toll rises",
        summary="The toll from the Mael ferry disaster has risen.",
        link=server.url("/pages/ferry-toll.html"),
        date="Tue, 09 Jun 2026 08:00:00 GMT",
    )
    _feed(server, "/island.xml", "Island Daily", island)
    third = _round(db, server, START + timedelta(minutes=20), config, heard)
    assert [a.kind for a in third] == ["update"]
    update = third[0]
    assert (update.data["old"]["text"], update.data["new"]["text"]) == ("Four", "nine")
    assert (update.data["old"]["source"], update.data["new"]["source"]) == ("Harbour News", "Island Daily")
    assert "revised Four → nine (Harbour News 2026-06-07 → Island Daily 2026-06-09)" in update.message

    # The courier edits its report in place (same guid): the new version replaces the old one.
    edited = Item(QUARRY_12.guid, QUARRY_12.title, body=QUARRY_12.body.replace("12 workers", "14 workers"))
    _feed(server, "/courier.xml", "The Tarn Courier", edited)
    fourth = _round(db, server, START + timedelta(minutes=30), config, heard)
    assert [a.kind for a in fourth] == ["conflict"]
    assert {m["text"] for m in fourth[0].data["mentions"]} == {"14", "19"}

    quiet = _round(db, server, START + timedelta(minutes=40), config, heard)
    assert quiet == []
    with Store(db) as store:
        state = WatchState(store)
        assert state.alert_count() == 5
        courier = [a for a in store.articles() if a.source == "The Tarn Courier"]
        assert len(courier) == 1 and "14 workers" in courier[0].text
        feeds = {f.url.rsplit("/", 1)[1]: f for f in state.feeds()}
        island_article = store.article(f"{server.url('/island.xml')}#island-ferry-1")
    assert feeds["broken.xml"].failures == 4 and "HTTP 500" in feeds["broken.xml"].last_error
    # 60 s doubled four times: the fifth round (at 40 min) found it still backing off
    assert feeds["broken.xml"].next_poll == (START + timedelta(minutes=30 + 16)).isoformat(timespec="seconds")
    assert feeds["slow.xml"].failures >= 1 and "timed out" in feeds["slow.xml"].last_error
    assert feeds["courier.xml"].failures == 0 and feeds["courier.xml"].last_status == "not-modified"
    assert island_article is not None and "Divers searched the hull" in island_article.text
    assert [a.id for a in heard] == [1, 2, 3, 4, 5]
    logged = [json.loads(line) for line in log.read_text().splitlines()]
    assert [entry["key"] for entry in logged] == [a.key for a in heard]
