"""What ``watch`` remembers between rounds and restarts, in the workspace database (migration 3).

Feed state (validators, schedule, failures), the entries already taken in, the articles waiting
to be checked for alerts, the finding keys already seen, the watchlist, the alerts and their
deliveries. Times are ISO strings in UTC, given by the caller.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from triangulate.store import Store
from triangulate.watch.alerts import Alert
from triangulate.watch.watchlist import WatchItem

_ALERT_COLUMNS = "id, key, kind, story_id, finding_id, title, message, data, created_at"


@dataclass(frozen=True, slots=True)
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    next_poll: str | None = None  # None: due now
    failures: int = 0
    last_status: str = ""
    last_error: str = ""
    polled_at: str | None = None


@dataclass(frozen=True, slots=True)
class Delivery:
    alert: Alert
    channel: str
    attempts: int


def stamp(moment: datetime) -> str:
    """The stored form of a time: ISO 8601, seconds, comparable as text."""
    return moment.isoformat(timespec="seconds")


class WatchState:
    """The watch tables of one :class:`~triangulate.store.Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- feeds ------------------------------------------------------------------------------------

    def feed(self, url: str) -> FeedState:
        rows = self.store.rows(
            f"read feed state of {url}",
            "SELECT url, etag, last_modified, next_poll, failures, last_status, last_error, polled_at"
            " FROM watch_feeds WHERE url = ?",
            (url,),
        )
        return FeedState(*rows[0]) if rows else FeedState(url)

    def feeds(self) -> list[FeedState]:
        rows = self.store.rows(
            "list feed states",
            "SELECT url, etag, last_modified, next_poll, failures, last_status, last_error, polled_at"
            " FROM watch_feeds ORDER BY url",
        )
        return [FeedState(*row) for row in rows]

    def save_feed(self, feed: FeedState) -> None:
        with self.store.transaction(f"save feed state of {feed.url}") as db:
            db.execute(
                "INSERT OR REPLACE INTO watch_feeds (url, etag, last_modified, next_poll, failures,"
                " last_status, last_error, polled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    feed.url,
                    feed.etag,
                    feed.last_modified,
                    feed.next_poll,
                    feed.failures,
                    feed.last_status,
                    feed.last_error,
                    feed.polled_at,
                ),
            )

    # -- entries ----------------------------------------------------------------------------------

    def entry(self, source: str, entry: str) -> tuple[str, str | None] | None:
        """(version, article id) of an entry already taken in, else None."""
        rows = self.store.rows(
            "read entry",
            "SELECT version, article_id FROM watch_entries WHERE source = ? AND entry = ?",
            (source, entry),
        )
        return (str(rows[0][0]), rows[0][1]) if rows else None

    def url_seen(self, url: str, besides: tuple[str, str]) -> bool:
        """Whether another entry (of any source) already brought this URL."""
        rows = self.store.rows(
            "look up entry url",
            "SELECT 1 FROM watch_entries WHERE url = ? AND NOT (source = ? AND entry = ?) LIMIT 1",
            (url, *besides),
        )
        return bool(rows)

    def record_entries(self, rows: Sequence[tuple[str, str, str, str, str | None]], now: datetime) -> None:
        """Record (source, entry, url, version, article id) rows, in one transaction."""
        with self.store.transaction("record entries") as db:
            db.executemany(
                "INSERT OR REPLACE INTO watch_entries (source, entry, url, version, article_id, seen_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(*row, stamp(now)) for row in rows],
            )

    def entries_of(self, article_id: str) -> int:
        rows = self.store.rows(
            "count entries of article", "SELECT count(*) FROM watch_entries WHERE article_id = ?", (article_id,)
        )
        return int(rows[0][0])

    # -- articles waiting for the alert check, and findings already seen --------------------------

    def add_pending(self, article_ids: Iterable[str]) -> None:
        with self.store.transaction("mark articles pending") as db:
            db.executemany("INSERT OR IGNORE INTO watch_pending (article_id) VALUES (?)", [(a,) for a in article_ids])

    def pending(self) -> set[str]:
        return {str(aid) for (aid,) in self.store.rows("list pending articles", "SELECT article_id FROM watch_pending")}

    def known_keys(self) -> set[str]:
        return {str(k) for (k,) in self.store.rows("list known findings", "SELECT key FROM watch_known_findings")}

    def commit_alerts(
        self, alerts: Sequence[Alert], channels: Iterable[str], keys: Iterable[str], done: Iterable[str], now: datetime
    ) -> list[Alert]:
        """In one transaction: store the alerts (a key already stored is skipped), queue their
        deliveries, remember the finding keys and clear the pending articles checked. Returns the
        alerts that were new, with their ids."""
        fresh: list[Alert] = []
        channels = list(channels)
        with self.store.transaction("save alerts") as db:
            for alert in alerts:
                cur = db.execute(
                    "INSERT OR IGNORE INTO alerts (key, kind, story_id, finding_id, title, message, data, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (alert.key, alert.kind, alert.story_id, alert.finding_id, alert.title, alert.message,
                     json.dumps(alert.data, ensure_ascii=False), stamp(now)),
                )  # fmt: skip
                if cur.rowcount and cur.lastrowid is not None:
                    fresh.append(_with_id(alert, cur.lastrowid, stamp(now)))
            db.executemany(
                "INSERT INTO alert_deliveries (alert_id, channel) VALUES (?, ?)",
                [(a.id, c) for a in fresh for c in channels],
            )
            db.executemany("INSERT OR IGNORE INTO watch_known_findings (key) VALUES (?)", [(k,) for k in keys])
            db.executemany("DELETE FROM watch_pending WHERE article_id = ?", [(aid,) for aid in done])
        return fresh

    # -- alerts and deliveries --------------------------------------------------------------------

    def alerts(self, after: int = 0, limit: int = 100, newest_first: bool = False) -> list[Alert]:
        """Stored alerts with an id above ``after``, oldest first (or newest first)."""
        order = "DESC" if newest_first else "ASC"
        rows = self.store.rows(
            "list alerts",
            f"SELECT {_ALERT_COLUMNS} FROM alerts WHERE id > ? ORDER BY id {order} LIMIT ?",
            (after, limit),
        )
        return [_alert(row) for row in rows]

    def alert_count(self) -> int:
        return int(self.store.rows("count alerts", "SELECT count(*) FROM alerts")[0][0])

    def due_deliveries(self, channels: Iterable[str], now: datetime, max_attempts: int) -> list[Delivery]:
        """Undelivered (alert, channel) pairs whose next try has come, oldest alert first."""
        names = json.dumps(list(channels))
        rows = self.store.rows(
            "list due deliveries",
            f"SELECT d.channel, d.attempts, {', '.join('a.' + c for c in _ALERT_COLUMNS.split(', '))}"
            " FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id"
            " WHERE d.delivered_at IS NULL AND d.attempts < ? AND (d.next_try IS NULL OR d.next_try <= ?)"
            " AND d.channel IN (SELECT value FROM json_each(?)) ORDER BY a.id, d.channel",
            (max_attempts, stamp(now), names),
        )
        return [Delivery(_alert(row[2:]), str(row[0]), int(row[1])) for row in rows]

    def delivered(self, alert_id: int, channel: str, attempts: int, now: datetime) -> None:
        with self.store.transaction("mark delivered") as db:
            db.execute(
                "UPDATE alert_deliveries SET delivered_at = ?, attempts = ?, last_error = ''"
                " WHERE alert_id = ? AND channel = ?",
                (stamp(now), attempts, alert_id, channel),
            )

    def failed(self, alert_id: int, channel: str, attempts: int, error: str, next_try: datetime) -> None:
        with self.store.transaction("mark delivery failed") as db:
            db.execute(
                "UPDATE alert_deliveries SET attempts = ?, last_error = ?, next_try = ? WHERE alert_id = ? AND channel = ?",
                (attempts, error, stamp(next_try), alert_id, channel),
            )

    def delivery_rows(self) -> list[tuple[int, str, int, str | None, str]]:
        """(alert id, channel, attempts, delivered_at, last_error) of every delivery."""
        rows = self.store.rows(
            "list deliveries",
            "SELECT alert_id, channel, attempts, delivered_at, last_error FROM alert_deliveries ORDER BY alert_id, channel",
        )
        return [(int(a), str(c), int(n), d, str(e)) for a, c, n, d, e in rows]

    # -- watchlist --------------------------------------------------------------------------------

    def add_watch(self, item: WatchItem, now: datetime) -> bool:
        with self.store.transaction("add to watchlist") as db:
            cur = db.execute(
                "INSERT OR IGNORE INTO watchlist (kind, value, added_at) VALUES (?, ?, ?)",
                (item.kind, item.value, stamp(now)),
            )
            return cur.rowcount > 0

    def remove_watch(self, item: WatchItem) -> bool:
        with self.store.transaction("remove from watchlist") as db:
            cur = db.execute("DELETE FROM watchlist WHERE kind = ? AND value = ?", (item.kind, item.value))
            return cur.rowcount > 0

    def watchlist(self) -> list[WatchItem]:
        rows = self.store.rows("list watchlist", "SELECT kind, value FROM watchlist ORDER BY kind, value")
        return [WatchItem(str(k), str(v)) for k, v in rows]


def _alert(row: Sequence[object]) -> Alert:
    aid, key, kind, story_id, finding_id, title, message, data, created_at = row
    return Alert(
        key=str(key),
        kind=str(kind),
        story_id=str(story_id),
        title=str(title),
        message=str(message),
        finding_id=str(finding_id),
        data=json.loads(str(data)),
        id=int(str(aid)),
        created_at=str(created_at),
    )


def _with_id(alert: Alert, alert_id: int, created_at: str) -> Alert:
    return Alert(
        alert.key, alert.kind, alert.story_id, alert.title, alert.message, alert.finding_id, alert.data,
        alert_id, created_at,
    )  # fmt: skip
