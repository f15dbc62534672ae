"""The watch loop: poll what is due, bring the database up to date, raise and deliver alerts.

:func:`run_round` does one round and returns what happened; :func:`run_watch` repeats it until
told to stop. Neither reads the clock or sleeps on its own: the caller passes ``now`` (or a
``clock``) and ``sleep``, so tests drive time by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from triangulate import api
from triangulate.errors import FetchError, IngestError, StoreError
from triangulate.fetch import FetchResult, fetch, post_json
from triangulate.model import Analysis
from triangulate.store import Store
from triangulate.watch.alerts import Alert, Snapshot, detect, tracked_keys
from triangulate.watch.config import WatchConfig
from triangulate.watch.deliver import TERMINAL, DeliveryReport, Poster, deliver_due
from triangulate.watch.poller import (
    Fetcher,
    PollOutcome,
    fetch_feed,
    is_due,
    poll_folder,
    record_failure,
    take_feed,
)
from triangulate.watch.sources import FEED, Source
from triangulate.watch.state import WatchState, stamp

Refresh = Callable[[Store], Any]
MIN_SLEEP = 1.0


@dataclass(frozen=True, slots=True)
class Hooks:
    """The seams of a round: how to fetch, post, refresh and sleep, and who hears of alerts."""

    sleep: Callable[[float], None]
    refresh: Refresh = api.refresh
    on_alert: Callable[[Alert], None] | None = None
    fetcher: Fetcher = fetch
    poster: Poster = post_json


@dataclass(frozen=True, slots=True)
class RoundReport:
    at: str
    polls: tuple[PollOutcome, ...] = ()
    alerts: tuple[Alert, ...] = ()
    delivery: DeliveryReport = field(default_factory=DeliveryReport)

    @property
    def new_articles(self) -> int:
        return sum(p.new for p in self.polls)

    def line(self) -> str:
        counts: dict[str, int] = {}
        for poll in self.polls:
            counts[poll.status] = counts.get(poll.status, 0) + 1
        polled = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing due"
        return f"{self.at}: polled {len(self.polls)} ({polled}); {self.new_articles} new articles; {len(self.alerts)} alerts"


def run_round(store: Store, sources: Sequence[Source], config: WatchConfig, now: datetime, hooks: Hooks) -> RoundReport:
    """Poll every due source, ingest what is new, refresh, detect, store and deliver alerts."""
    state = WatchState(store)
    polls = poll_sources(sources, state, config, now, hooks.fetcher)
    alerts = check_alerts(state, hooks.refresh, now, config.channels + ((TERMINAL,) if hooks.on_alert else ()))
    delivery = deliver_due(state, config, now, hooks.sleep, hooks.on_alert, hooks.poster)
    return RoundReport(stamp(now), tuple(polls), tuple(alerts), delivery)


def run_watch(
    store: Store,
    sources: Sequence[Source],
    config: WatchConfig,
    clock: Callable[[], datetime],
    hooks: Hooks,
    on_round: Callable[[RoundReport], None] | None = None,
    rounds: int | None = None,
) -> None:
    """Run rounds until ``rounds`` are done (forever when None), sleeping until the next is due."""
    done = 0
    while rounds is None or done < rounds:
        report = run_round(store, sources, config, clock(), hooks)
        done += 1
        if on_round:
            on_round(report)
        if rounds is None or done < rounds:
            hooks.sleep(seconds_to_next(WatchState(store), sources, clock()))


def seconds_to_next(state: WatchState, sources: Sequence[Source], now: datetime) -> float:
    """How long until the first source is due again (at least :data:`MIN_SLEEP`)."""
    waits = []
    for source in sources:
        due = state.feed(source.location).next_poll
        waits.append(0.0 if due is None else (datetime.fromisoformat(due) - now).total_seconds())
    return max(MIN_SLEEP, min(waits, default=MIN_SLEEP))


def poll_sources(
    sources: Sequence[Source], state: WatchState, config: WatchConfig, now: datetime, fetcher: Fetcher
) -> list[PollOutcome]:
    """Poll the due sources: feeds fetched side by side, their answers stored one at a time."""
    due = [s for s in sources if is_due(state.feed(s.location), now, config.on_schedule)]
    outcomes = [_poll_folder(s, state, config, now) for s in due if s.kind != FEED]
    feeds = [s for s in due if s.kind == FEED]
    if not feeds:
        return outcomes
    with ThreadPoolExecutor(max_workers=config.workers, thread_name_prefix="watch") as pool:
        futures = {pool.submit(fetch_feed, s, state.feed(s.location), config.fetch, fetcher): s for s in feeds}
        for future in as_completed(futures):
            outcomes.append(_take(futures[future], future, state, config, now, pool, fetcher))
    order = {s.location: i for i, s in enumerate(sources)}
    return sorted(outcomes, key=lambda o: order.get(o.source, len(order)))


def _take(
    source: Source,
    answer: Future[FetchResult | FetchError],
    state: WatchState,
    config: WatchConfig,
    now: datetime,
    pool: Executor,
    fetcher: Fetcher,
) -> PollOutcome:
    """One feed's answer taken in; a fault in one feed is that feed's failure, never the round's."""
    try:
        return take_feed(source, answer.result(), state, config, now, pool, fetcher)
    except StoreError:
        raise
    except (FetchError, IngestError) as exc:
        return record_failure(source, state, config, now, exc.reason)
    except Exception as exc:  # a parser fault on one odd feed must not stop the other feeds
        return record_failure(source, state, config, now, f"unexpected: {type(exc).__name__}: {exc}")


def _poll_folder(source: Source, state: WatchState, config: WatchConfig, now: datetime) -> PollOutcome:
    outcome = poll_folder(source, state, config, now)
    feed = state.feed(source.location)
    next_poll = stamp(now + timedelta(seconds=source.interval))
    state.save_feed(replace(feed, next_poll=next_poll, last_status=outcome.status, polled_at=stamp(now)))
    return outcome


def check_alerts(state: WatchState, refresh: Refresh, now: datetime, channels: Sequence[str]) -> list[Alert]:
    """Refresh the database and turn the pending articles into alerts, stored exactly once."""
    pending = state.pending()
    if not pending:
        return []
    store = state.store
    # What the database already held counts as seen, except what involves a pending article:
    # after a crash between refresh and commit, those findings are still news.
    before = Snapshot(store.stories(), store.findings(), store.article, lambda _: None)
    known = state.known_keys() | tracked_keys(before, excluding=pending)
    refresh(store)
    analyses: dict[str, Analysis | None] = {}

    def analysis(article_id: str) -> Analysis | None:
        if article_id not in analyses:
            analyses[article_id] = store.analysis(article_id)
        return analyses[article_id]

    snapshot = Snapshot(store.stories(), store.findings(), store.article, analysis)
    alerts = detect(snapshot, pending, known, state.watchlist())
    return state.commit_alerts(alerts, channels, tracked_keys(snapshot), pending, now)
