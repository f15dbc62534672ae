"""A read-only snapshot of the database that every page and API call reads from.

Rendering from an immutable snapshot keeps requests off the SQLite connection (which is bound to
the thread that opened it) and makes the common case, nothing changed, a dictionary lookup.
The snapshot is rebuilt when the database files change; while a background ingest commits
article after article, it is rebuilt at most once per ``min_age`` seconds so that readers are not
starved by rebuilds.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from triangulate.analyze.entities import entity_key
from triangulate.api import StoryReport, load_reports
from triangulate.model import Analysis, Article, Finding
from triangulate.report import views
from triangulate.store import Store


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One story with what the stories page shows and searches."""

    report: StoryReport
    counts: dict[str, int]
    sources: tuple[str, ...]
    first: date | None
    last: date | None
    entities: frozenset[str]  # entity keys of every member article
    haystack: str  # lower-cased titles, sources and texts, for text search

    @property
    def id(self) -> str:
        return self.report.story.id

    @property
    def title(self) -> str:
        return self.report.story.title

    @property
    def disputed(self) -> int:
        return self.counts["conflict"] + self.counts["update"]


@dataclass(frozen=True, slots=True)
class Catalog:
    stories: tuple[StorySummary, ...]  # newest first
    by_story: dict[str, StorySummary]
    articles: dict[str, Article]  # every stored article, analysed or not, in insertion order
    analyses: dict[str, Analysis]
    story_of: dict[str, str]  # article id -> story id
    findings: dict[str, Finding]
    entity_names: dict[str, str]  # entity key -> the most common spelling
    memo: dict[str, Any] = field(default_factory=dict)  # values derived from this snapshot


def build_catalog(db_path: Path) -> Catalog:
    with Store(db_path) as store:
        reports = load_reports(store)
        articles = {a.id: a for a in store.articles()}
    summaries = sorted((_summary(r) for r in reports), key=_newest_first)
    analyses = {a.article.id: a for r in reports for a in r.analyses}
    return Catalog(
        stories=tuple(summaries),
        by_story={s.id: s for s in summaries},
        articles=articles,
        analyses=analyses,
        story_of={aid: r.story.id for r in reports for aid in r.story.article_ids},
        findings={f.id: f for r in reports for f in r.findings},
        entity_names=_entity_names(analyses.values()),
    )


def _summary(report: StoryReport) -> StorySummary:
    dates = sorted(a.published for a in report.articles if a.published)
    texts = [f"{a.title}\n{a.source}\n{a.text}" for a in report.articles]
    return StorySummary(
        report=report,
        counts=views.counts(report),
        sources=tuple(dict.fromkeys(views.source_label(a) for a in report.articles)),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        entities=frozenset(e.key for a in report.analyses for e in a.entities),
        haystack="\n".join(texts).casefold(),
    )


def _newest_first(summary: StorySummary) -> tuple[bool, int, str]:
    last = summary.last
    return (last is None, -(last.toordinal() if last else 0), summary.title.casefold())


def _entity_names(analyses: Iterable[Analysis]) -> dict[str, str]:
    spellings: dict[str, dict[str, int]] = {}
    for analysis in analyses:
        for entity in analysis.entities:
            tally = spellings.setdefault(entity.key, {})
            tally[entity.text] = tally.get(entity.text, 0) + 1
    return {key: max(t, key=lambda n: (t[n], len(n))) for key, t in spellings.items() if key}


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """The stories page's filters; empty fields do not filter."""

    text: str = ""
    entity: str = ""
    outlet: str = ""
    since: date | None = None
    until: date | None = None
    disputed_only: bool = False

    def matches(self, story: StorySummary) -> bool:
        return all(
            (
                self._has_words(story),
                self._has_entity(story),
                not self.outlet or any(self.outlet.casefold() in s.casefold() for s in story.sources),
                self._in_dates(story),
                not self.disputed_only or story.disputed > 0,
            )
        )

    def _has_words(self, story: StorySummary) -> bool:
        return all(word in story.haystack for word in self.text.casefold().split())

    def _has_entity(self, story: StorySummary) -> bool:
        wanted = entity_key(self.entity) if self.entity else ""
        return not wanted or any(wanted in key for key in story.entities)

    def _in_dates(self, story: StorySummary) -> bool:
        if self.since is None and self.until is None:
            return True
        dates = [a.published for a in story.report.articles if a.published]
        low, high = self.since or date.min, self.until or date.max
        return any(low <= d <= high for d in dates)


def search_stories(catalog: Catalog, query: StoryQuery) -> list[StorySummary]:
    return [s for s in catalog.stories if query.matches(s)]


class CatalogCache:
    """Hands out the current :class:`Catalog`, rebuilding it when the database has changed."""

    def __init__(self, db_path: Path, min_age: float = 1.0) -> None:
        self.db_path = db_path
        self.min_age = min_age
        self._lock = threading.Lock()
        self._catalog: Catalog | None = None
        self._fingerprint: tuple[int, ...] = ()
        self._built_at = 0.0

    def get(self) -> Catalog:
        catalog = self._catalog
        if catalog is not None and not self._stale():
            return catalog
        # Someone else is rebuilding: the previous snapshot is good enough for this request.
        if catalog is not None and not self._lock.acquire(blocking=False):
            return catalog
        if catalog is None:
            self._lock.acquire()
        try:
            if self._catalog is None or self._stale():
                self._rebuild()
            assert self._catalog is not None
            return self._catalog
        finally:
            self._lock.release()

    def peek(self) -> Catalog | None:
        """The current snapshot if it needs no rebuild, else None (without blocking)."""
        catalog = self._catalog
        return catalog if catalog is not None and not self._stale() else None

    def invalidate(self) -> None:
        """Forget the age limit: the next :meth:`get` rebuilds if anything changed."""
        self._built_at = 0.0

    def _stale(self) -> bool:
        if time.monotonic() - self._built_at < self.min_age:
            return False
        return self._files_fingerprint() != self._fingerprint

    def _rebuild(self) -> None:
        fingerprint = self._files_fingerprint()
        self._catalog = build_catalog(self.db_path)
        self._fingerprint = fingerprint
        self._built_at = time.monotonic()

    def _files_fingerprint(self) -> tuple[int, ...]:
        """Modification times and sizes of the database and its write-ahead log: every commit
        changes one of them, and reading them is two system calls."""
        out: list[int] = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(f"{self.db_path}{suffix}")
                out += [st.st_mtime_ns, st.st_size]
            except FileNotFoundError:
                out += [0, 0]
        return tuple(out)
