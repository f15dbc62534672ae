"""One poll of one source: fetch politely, keep only what is new, store it as articles.

Feeds are fetched with the validators of the last answer (a 304 costs nothing), on each source's
own interval, and a failing source backs off exponentially without holding up the others.
Entries are taken in once: an entry already seen with the same content is skipped, one whose URL
or content another entry already brought is a duplicate, and an edited entry (same guid, new
content) replaces its earlier version. Every new article is marked pending *before* it is stored,
so a crash between the two never loses its alert check.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import feedparser

from triangulate.errors import FetchError, IngestError
from triangulate.fetch import FetchConfig, FetchResult
from triangulate.ingest import make_article, read_inputs, reader_for
from triangulate.ingest.feeds import declares_entities, entry_article
from triangulate.ingest.html import extract_html, fragment_text
from triangulate.ingest.walk import walk_folder
from triangulate.model import Article
from triangulate.watch.config import WatchConfig
from triangulate.watch.sources import Source
from triangulate.watch.state import FeedState, WatchState, stamp

Fetcher = Callable[..., FetchResult]  # fetch(url, config, etag=..., last_modified=...)


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """What polling one source did. ``status``: new, unchanged, not-modified, failed or waiting."""

    source: str
    status: str
    new: int = 0
    duplicates: int = 0
    errors: tuple[str, ...] = ()  # items that failed while the source itself answered
    error: str = ""  # why the source itself failed
    retry_at: str | None = None


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str  # guid, else link, else a hash of the entry
    link: str
    version: str  # a hash of what the feed says about the entry
    summary_only: bool
    raw: Any


# -- schedule ---------------------------------------------------------------------------------------


def is_due(feed: FeedState, now: datetime, on_schedule: bool = True) -> bool:
    """Whether to poll now: on schedule, or (``on_schedule`` off) unless backing off after errors."""
    if not on_schedule and not feed.failures:
        return True
    return feed.next_poll is None or feed.next_poll <= stamp(now)


def backoff(interval: float, failures: int, cap: float) -> float:
    """Seconds to wait after ``failures`` failures in a row: doubling from the interval, capped."""
    return max(interval, min(cap, interval * 2.0 ** min(failures, 32)))


# -- feeds ------------------------------------------------------------------------------------------


def fetch_feed(source: Source, feed: FeedState, config: FetchConfig, fetcher: Fetcher) -> FetchResult | FetchError:
    """The feed's answer or its failure; touches no database, so it can run in a thread."""
    try:
        return fetcher(source.location, config, etag=feed.etag, last_modified=feed.last_modified)
    except FetchError as exc:
        return exc


def take_feed(
    source: Source,
    answer: FetchResult | FetchError,
    state: WatchState,
    config: WatchConfig,
    now: datetime,
    pool: Executor,
    fetcher: Fetcher,
) -> PollOutcome:
    """Record the feed's answer, and store its new entries as articles."""
    if isinstance(answer, FetchError):
        return record_failure(source, state, config, now, answer.reason)
    feed = state.feed(source.location)
    if answer.not_modified:
        _succeeded(source, feed, state, now, answer, "not-modified")
        return PollOutcome(source.location, "not-modified")
    try:
        title, entries = parse_feed(answer.content)
    except IngestError as exc:
        return record_failure(source, state, config, now, exc.reason)
    outcome = _take_entries(source, title, entries, state, config, now, pool, fetcher)
    _succeeded(source, feed, state, now, answer, outcome.status)
    return outcome


def record_failure(source: Source, state: WatchState, config: WatchConfig, now: datetime, reason: str) -> PollOutcome:
    """Count a failure of the source and put its next poll off (exponential backoff)."""
    feed = state.feed(source.location)
    failures = feed.failures + 1
    retry = now + timedelta(seconds=backoff(source.interval, failures, config.max_backoff))
    state.save_feed(
        replace(feed, failures=failures, last_status="failed", last_error=reason, next_poll=stamp(retry),
                polled_at=stamp(now))
    )  # fmt: skip
    return PollOutcome(source.location, "failed", error=reason, retry_at=stamp(retry))


def _succeeded(
    source: Source, feed: FeedState, state: WatchState, now: datetime, answer: FetchResult, status: str
) -> None:
    state.save_feed(
        replace(
            feed,
            etag=answer.etag,
            last_modified=answer.last_modified,
            failures=0,
            last_status=status,
            last_error="",
            next_poll=stamp(now + timedelta(seconds=source.interval)),
            polled_at=stamp(now),
        )
    )


def parse_feed(data: bytes) -> tuple[str, list[_Entry]]:
    """The feed's title and entries; :class:`IngestError` when it is not a feed."""
    if declares_entities(data):
        raise IngestError("feed", "refused: XML entity declarations")
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and (parsed.bozo or not parsed.feed):
        problem = parsed.get("bozo_exception")
        raise IngestError("feed", f"not a feed: {problem}" if problem else "not a feed")
    title = fragment_text(parsed.feed.get("title") or "")
    return title, [_entry(raw) for raw in parsed.entries]


def _plain(raw: Any, key: str) -> Any:
    """``raw[key]`` or "": read as a plain dict, since feedparser warns when its key aliasing
    answers "updated" from "published"."""
    return dict.get(raw, key) or ""


def _entry(raw: Any) -> _Entry:
    contents = [c.get("value") or "" for c in raw.get("content") or []]
    said = [_plain(raw, k) for k in ("title", "link", "summary", "published", "updated")] + contents
    version = hashlib.sha256("\x1f".join(map(str, said)).encode("utf-8")).hexdigest()[:24]
    link = str(raw.get("link") or "").strip()
    guid = " ".join(str(raw.get("id") or "").split())
    summary_only = not any(c.strip() for c in contents)
    return _Entry(guid or link or version, link, version, summary_only, raw)


def _take_entries(
    source: Source,
    title: str,
    entries: list[_Entry],
    state: WatchState,
    config: WatchConfig,
    now: datetime,
    pool: Executor,
    fetcher: Fetcher,
) -> PollOutcome:
    feed_url = source.location
    todo: list[tuple[_Entry, str | None]] = []
    skipped: list[Admission] = []  # entries whose link another entry already brought
    for entry in entries:
        prior = state.entry(feed_url, entry.key)
        if prior is not None and prior[0] == entry.version:
            continue
        if prior is None and entry.link and state.url_seen(entry.link, (feed_url, entry.key)):
            skipped.append(Admission(None, feed_url, entry.key, entry.link, entry.version))
            continue
        todo.append((entry, prior[1] if prior else None))
    build = partial(_build, feed_url=feed_url, source=title, config=config, fetcher=fetcher)
    built = list(pool.map(build, [entry for entry, _ in todo]))
    errors = [error for _, error in built if error]
    items = skipped + [
        Admission(article, feed_url, entry.key, entry.link, entry.version, previous)
        for (entry, previous), (article, _) in zip(todo, built, strict=True)
    ]
    new = sum(admit_all(items, state, now))
    duplicates = sum(1 for item in items if item.article is not None) - new + len(skipped)
    return PollOutcome(feed_url, "new" if new else "unchanged", new, duplicates, tuple(errors))


def _build(
    entry: _Entry, *, feed_url: str, source: str, config: WatchConfig, fetcher: Fetcher
) -> tuple[Article | None, str]:
    """The entry as an article (its page fetched when the feed has only a summary), and any
    error; a page that cannot be had leaves the summary as the text."""
    ref = f"{feed_url}#{entry.key}"
    limit = config.ingest.max_article_chars
    error = ""
    if entry.summary_only and entry.link and config.fetch_pages:
        try:
            return _from_page(entry, ref, feed_url, source, config, fetcher), ""
        except (FetchError, IngestError) as exc:
            error = f"{ref}: page {entry.link}: {exc.reason}"
    try:
        return entry_article(entry.raw, source=source, ref=ref, path=feed_url, max_chars=limit), error
    except IngestError as exc:
        return None, error or f"{ref}: {exc.reason}"


def _from_page(entry: _Entry, ref: str, feed_url: str, source: str, config: WatchConfig, fetcher: Fetcher) -> Article:
    """The article from the entry's page: the page's text, the feed's headline, outlet and date."""
    page = fetcher(entry.link, config.fetch)
    limit = config.ingest.max_article_chars
    found = extract_html(page.content, ref=ref, path=feed_url, max_chars=limit, url=page.url, charset=page.charset)
    body = found.text[len(found.title) :].lstrip("\n") if found.text.startswith(found.title) else found.text
    raw = entry.raw
    return make_article(
        title=fragment_text(raw.get("title") or "") or found.title,
        text=body or found.text,
        source=source or found.source,
        published=_plain(raw, "published") or _plain(raw, "updated") or found.published,
        url=entry.link,
        author=raw.get("author") or found.author,
        ref=ref,
        path=feed_url,
        max_chars=limit,
    )


@dataclass(frozen=True, slots=True)
class Admission:
    """One entry to record, with the article it brought (None: nothing to store)."""

    article: Article | None
    source: str
    key: str
    url: str
    version: str
    previous: str | None = None  # the article an earlier version of the entry brought


def admit_all(items: list[Admission], state: WatchState, now: datetime) -> list[bool]:
    """Store the new articles for the alert check and record every entry; for each item, whether
    its article was new (not already stored).

    Crash-safe order: the new articles are marked pending (one transaction) before they are
    stored, and the entries recorded (one transaction) after, so an interrupted round is redone
    and its alerts still raised. An edited entry's earlier version is then removed, unless another
    entry still carries it."""
    store = state.store
    fresh = [item.article is not None and not store.has_article(item.article.id) for item in items]
    added = [item.article for item, new in zip(items, fresh, strict=True) if new and item.article]
    state.add_pending([article.id for article in added])
    for article in added:
        store.add_article(article)
    state.record_entries([(i.source, i.key, i.url, i.version, i.article.id if i.article else None) for i in items], now)
    for item, new in zip(items, fresh, strict=True):
        replaced = item.previous and item.article and item.previous != item.article.id
        if new and replaced and item.previous and not state.entries_of(item.previous):
            store.delete_article(item.previous)
    return fresh


# -- folders ----------------------------------------------------------------------------------------


def poll_folder(source: Source, state: WatchState, config: WatchConfig, now: datetime) -> PollOutcome:
    """Store the articles of the folder's new and changed files."""
    folder = source.location
    new = duplicates = 0
    errors: list[str] = []
    for path in _files(folder, errors):
        try:
            info = path.stat()
        except OSError as exc:
            errors.append(f"{path}: {exc.strerror or exc}")
            continue
        version = f"{info.st_mtime_ns}:{info.st_size}"
        prior = state.entry(folder, f"file:{path}")
        if prior is not None and prior[0] == version:
            continue
        added, seen = _take_file(path, source, state, config, now, errors)
        new, duplicates = new + added, duplicates + seen
        state.record_entries([(folder, f"file:{path}", "", version, None)], now)
    return PollOutcome(folder, "new" if new else "unchanged", new, duplicates, tuple(errors))


def _files(folder: str, errors: list[str]) -> Iterator[Path]:
    if not os.path.isdir(folder):
        errors.append(f"{folder}: not a folder")
        return
    for item in walk_folder(Path(folder), lambda name: reader_for(name) is not None, False):
        if isinstance(item, IngestError):
            errors.append(str(item))
        else:
            yield item


def _take_file(
    path: Path, source: Source, state: WatchState, config: WatchConfig, now: datetime, errors: list[str]
) -> tuple[int, int]:
    """(new, duplicate) counts of one file's records; each record is an entry of its own."""
    items = []
    for result in read_inputs([path], config.ingest):
        if result.article is None:
            errors.append(f"{result.ref}: {result.error}")
            continue
        prior = state.entry(source.location, result.ref)
        if prior is not None and prior[0] == result.article.id:
            continue
        previous = prior[1] if prior else None
        items.append(Admission(result.article, source.location, result.ref, "", result.article.id, previous))
    new = sum(admit_all(items, state, now))
    return new, len(items) - new
