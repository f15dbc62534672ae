"""watch polling without the language pipeline: schedule, backoff, conditional requests, dedupe,
edited entries, summary-only entries and folders. ``refresh`` is a no-op here."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.feedserver import FeedServer, serve
from tests.watch_helpers import FERRY_FOUR, QUARRY_12, QUARRY_19, Item, page, rss
from triangulate.fetch import FetchConfig
from triangulate.store import MEMORY, Store
from triangulate.watch import Hooks, RoundReport, Source, WatchConfig, WatchState, run_round
from triangulate.watch.poller import backoff, is_due
from triangulate.watch.sources import FEED, FOLDER
from triangulate.watch.state import FeedState

T0 = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
CONFIG = WatchConfig(fetch=FetchConfig(allow_private=True, read_timeout=0.3, total_timeout=2), workers=3)
HOOKS = Hooks(sleep=lambda _: None, refresh=lambda store: [])


@pytest.fixture()
def server() -> Iterator[FeedServer]:
    with serve() as running:
        yield running


@pytest.fixture()
def store() -> Iterator[Store]:
    with Store(MEMORY) as opened:
        yield opened


def feed(server: FeedServer, name: str, interval: float = 60) -> Source:
    return Source(FEED, server.url(f"/{name}.xml"), interval)


def poll(store: Store, sources: list[Source], now: datetime, config: WatchConfig = CONFIG) -> RoundReport:
    return run_round(store, sources, config, now, HOOKS)


def statuses(report: RoundReport) -> list[tuple[str, str, int]]:
    return [(p.source.rsplit("/", 1)[-1], p.status, p.new) for p in report.polls]


def test_watch_poll_takes_new_entries_once(server: FeedServer, store: Store) -> None:
    server.set("/a.xml", rss("A", QUARRY_12, FERRY_FOUR))
    first = poll(store, [feed(server, "a")], T0)
    assert statuses(first) == [("a.xml", "new", 2)]
    assert {a.ref.rsplit("#", 1)[1] for a in store.articles()} == {"courier-quarry-1", "harbour-ferry-1"}
    again = poll(store, [feed(server, "a")], T0 + timedelta(minutes=2))
    assert statuses(again) == [("a.xml", "unchanged", 0)]
    assert len(store.articles()) == 2


def test_watch_poll_respects_the_interval(server: FeedServer, store: Store) -> None:
    server.set("/a.xml", rss("A", QUARRY_12))
    poll(store, [feed(server, "a", interval=600)], T0)
    assert poll(store, [feed(server, "a", interval=600)], T0 + timedelta(minutes=5)).polls == ()
    assert server.hits["/a.xml"] == 1
    assert len(poll(store, [feed(server, "a", interval=600)], T0 + timedelta(minutes=10)).polls) == 1
    assert server.hits["/a.xml"] == 2


def test_watch_poll_sends_validators_and_counts_not_modified(server: FeedServer, store: Store) -> None:
    server.set("/a.xml", rss("A", QUARRY_12), etag='"one"', last_modified="Mon, 01 Jun 2026 07:00:00 GMT")
    poll(store, [feed(server, "a")], T0)
    report = poll(store, [feed(server, "a")], T0 + timedelta(minutes=2))
    assert statuses(report) == [("a.xml", "not-modified", 0)]
    assert server.seen_headers[-1]["if-none-match"] == '"one"'
    assert server.seen_headers[-1]["if-modified-since"] == "Mon, 01 Jun 2026 07:00:00 GMT"


def test_watch_failing_feed_backs_off_and_never_stops_the_others(server: FeedServer, store: Store) -> None:
    server.set("/bad.xml", "down", status=503)
    server.set("/slow.xml", rss("Slow"), delay=0.8)
    server.set("/junk.xml", "this is not a feed at all", content_type="text/plain")
    server.set("/good.xml", rss("Good", QUARRY_12))
    sources = [feed(server, n) for n in ("bad", "slow", "junk", "good")]
    report = poll(store, sources, T0)
    assert statuses(report) == [("bad.xml", "failed", 0), ("slow.xml", "failed", 0), ("junk.xml", "failed", 0),
                                ("good.xml", "new", 1)]  # fmt: skip
    assert "HTTP 503" in report.polls[0].error and "timed out" in report.polls[1].error
    assert "not a feed" in report.polls[2].error
    state = WatchState(store)
    bad = state.feed(server.url("/bad.xml"))
    assert (bad.failures, bad.next_poll) == (1, (T0 + timedelta(seconds=120)).isoformat(timespec="seconds"))
    # one minute on: good is due, bad waits out its backoff
    assert statuses(poll(store, sources, T0 + timedelta(seconds=61))) == [("good.xml", "unchanged", 0)]
    poll(store, sources, T0 + timedelta(seconds=121))
    assert state.feed(server.url("/bad.xml")).failures == 2
    server.set("/bad.xml", rss("Back", QUARRY_19))
    later = poll(store, sources, T0 + timedelta(seconds=121 + 240))
    assert ("bad.xml", "new", 1) in statuses(later)
    assert state.feed(server.url("/bad.xml")).failures == 0


@pytest.mark.parametrize(
    ("interval", "failures", "cap", "wait"),
    [(60, 1, 3600, 120), (60, 3, 3600, 480), (60, 10, 3600, 3600), (600, 0, 60, 600), (60, 500, 3600, 3600)],
)
def test_watch_backoff_doubles_up_to_the_cap(interval: float, failures: int, cap: float, wait: float) -> None:
    assert backoff(interval, failures, cap) == wait


def test_watch_one_shot_polls_all_but_backing_off() -> None:
    now = T0
    later = (now + timedelta(minutes=5)).isoformat(timespec="seconds")
    assert not is_due(FeedState("u", next_poll=later), now)
    assert is_due(FeedState("u", next_poll=later), now, on_schedule=False)
    assert not is_due(FeedState("u", next_poll=later, failures=2), now, on_schedule=False)


def test_watch_dedupes_by_url_and_by_content(server: FeedServer, store: Store) -> None:
    linked = Item("a-1", "Quarry", body=QUARRY_12.body, link="http://news.test/quarry")
    same_link = Item("b-9", "Quarry (wire copy)", body=QUARRY_19.body, link="http://news.test/quarry")
    same_text = Item("c-3", linked.title, body=linked.body, link="http://other.test/q")
    server.set("/a.xml", rss("A", linked))
    server.set("/b.xml", rss("B", same_link))
    server.set("/c.xml", rss("A", same_text))
    poll(store, [feed(server, "a")], T0)
    report = poll(store, [feed(server, n) for n in ("a", "b", "c")], T0 + timedelta(minutes=2))
    assert [(p.new, p.duplicates) for p in report.polls] == [(0, 0), (0, 1), (0, 1)]
    assert len(store.articles()) == 1


def test_watch_edited_entry_replaces_its_earlier_version(server: FeedServer, store: Store) -> None:
    server.set("/a.xml", rss("A", QUARRY_12))
    poll(store, [feed(server, "a")], T0)
    (before,) = store.articles()
    edited = Item(QUARRY_12.guid, QUARRY_12.title, body=QUARRY_12.body.replace("12 workers", "14 workers"))
    server.set("/a.xml", rss("A", edited))
    report = poll(store, [feed(server, "a")], T0 + timedelta(minutes=2))
    assert statuses(report) == [("a.xml", "new", 1)]
    (after,) = store.articles()
    assert after.id != before.id and "14 workers" in after.text and after.ref == before.ref


def _summary_feed(server: FeedServer, page_path: str) -> None:
    item = Item("s-1", "Ferry toll rises", summary="The toll has risen.", link=server.url(page_path))
    server.set("/s.xml", rss("Island Daily", item))


def test_watch_fetches_the_page_of_a_summary_only_entry(server: FeedServer, store: Store) -> None:
    server.set("/p.html", page("Ferry toll rises", "Nine people are now known to have died.", "Divers kept searching."),
               content_type="text/html")  # fmt: skip
    _summary_feed(server, "/p.html")
    poll(store, [feed(server, "s")], T0)
    (article,) = store.articles()
    assert "Nine people are now known to have died." in article.text and "The toll has risen" not in article.text
    assert (article.title, article.source, article.url) == ("Ferry toll rises", "Island Daily", server.url("/p.html"))


def test_watch_keeps_the_summary_when_pages_are_off_or_fail(server: FeedServer, store: Store) -> None:
    _summary_feed(server, "/missing.html")
    report = poll(store, [feed(server, "s")], T0)
    assert "HTTP 404" in report.polls[0].errors[0]
    assert "The toll has risen." in store.articles()[0].text
    with Store(MEMORY) as other:
        server.hits.clear()
        config = WatchConfig(fetch=CONFIG.fetch, fetch_pages=False)
        poll(other, [feed(server, "s")], T0, config)
        assert server.hits["/missing.html"] == 0 and "The toll has risen." in other.articles()[0].text


def _write(path: Path, title: str, body: str, stamp: float) -> None:
    path.write_text(f"Source: Folder Wire\nDate: 2026-05-04\n\n{title}\n\n{body}\n", encoding="utf-8")
    os.utime(path, (stamp, stamp))


def test_watch_folder_picks_up_new_and_changed_files(tmp_path: Path, store: Store) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _write(inbox / "one.txt", "Quarry collapse", "Twelve workers were trapped at Tarn.", 1_000)
    (inbox / "notes.bin").write_bytes(b"\0\1")
    source = Source(FOLDER, str(inbox), 60)
    assert [(p.status, p.new) for p in poll(store, [source], T0).polls] == [("new", 1)]
    assert [(p.status, p.new) for p in poll(store, [source], T0 + timedelta(minutes=2)).polls] == [("unchanged", 0)]
    _write(inbox / "two.txt", "Ferry sinks", "A ferry capsized off Mael.", 2_000)
    _write(inbox / "one.txt", "Quarry collapse", "Fourteen workers were trapped at Tarn.", 3_000)
    report = poll(store, [source], T0 + timedelta(minutes=4))
    assert [(p.status, p.new) for p in report.polls] == [("new", 2)]
    texts = sorted(a.text.split("\n\n")[1] for a in store.articles())
    assert texts == ["A ferry capsized off Mael.", "Fourteen workers were trapped at Tarn."]


def test_watch_pending_articles_survive_until_checked(server: FeedServer, store: Store) -> None:
    """Articles stored but not yet checked for alerts stay pending; the next check clears them."""
    server.set("/a.xml", rss("A", QUARRY_12))
    seen: list[Any] = []
    crash = Hooks(sleep=lambda _: None, refresh=lambda s: (_ for _ in ()).throw(RuntimeError("killed")))
    with pytest.raises(RuntimeError):
        run_round(store, [feed(server, "a")], CONFIG, T0, crash)
    state = WatchState(store)
    assert len(state.pending()) == 1
    run_round(
        store, [feed(server, "a")], CONFIG, T0 + timedelta(minutes=2), Hooks(sleep=seen.append, refresh=seen.append)
    )
    assert seen == [store] and state.pending() == set()


def test_watch_an_unexpected_fault_in_one_feed_is_that_feed_failure(server: FeedServer, store: Store) -> None:
    from triangulate.fetch import fetch

    server.set("/good.xml", rss("Good", QUARRY_12))

    def fetcher(url: str, config: FetchConfig, **validators: Any) -> Any:
        if url.endswith("/odd.xml"):
            raise ValueError("a parser bug")
        return fetch(url, config, **validators)

    hooks = Hooks(sleep=lambda _: None, refresh=lambda s: [], fetcher=fetcher)
    report = run_round(store, [feed(server, "odd"), feed(server, "good")], CONFIG, T0, hooks)
    assert statuses(report) == [("odd.xml", "failed", 0), ("good.xml", "new", 1)]
    assert report.polls[0].error == "unexpected: ValueError: a parser bug"
    assert WatchState(store).feed(server.url("/odd.xml")).failures == 1
