"""The library API the CLI and the web app share: ingest, analyze, group, compare, load.

>>> import triangulate
>>> outcome = triangulate.compare(["examples/story"])      # doctest: +SKIP
>>> for report in outcome.stories:                          # doctest: +SKIP
...     print(report.story.title, [f.relation for f in report.findings])
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from triangulate.analyze import analyze_many, load_nlp
from triangulate.cluster import ClusterConfig, stories_of
from triangulate.compare import CompareConfig, compare_story
from triangulate.ingest import IngestConfig, IngestResult, read_inputs
from triangulate.model import Analysis, Article, Finding, Story
from triangulate.store import Store

__all__ = [
    "Grouping",
    "IngestSummary",
    "Outcome",
    "StoryReport",
    "analyze_pending",
    "build_stories",
    "compare",
    "group",
    "ingest",
    "load_reports",
    "refresh",
]

ItemHook = Callable[[IngestResult, str], None]


@dataclass(frozen=True, slots=True)
class IngestSummary:
    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    errors: tuple[str, ...] = ()

    def line(self) -> str:
        return f"ingested {self.ingested}, skipped {self.duplicates} duplicate{'s' * (self.duplicates != 1)}, failed {self.failed}"


@dataclass(frozen=True, slots=True)
class StoryReport:
    """One story with everything a report shows."""

    story: Story
    articles: tuple[Article, ...]
    analyses: tuple[Analysis, ...]
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    summary: IngestSummary
    stories: tuple[StoryReport, ...] = field(default_factory=tuple)


def ingest(
    paths: Iterable[str | Path], store: Store, config: IngestConfig | None = None, on_item: ItemHook | None = None
) -> IngestSummary:
    """Store every readable article of ``paths``; one bad item never stops the rest.

    ``on_item(result, status)`` hears of each item, status ``new``, ``duplicate`` or ``failed``.
    """
    ingested = duplicates = failed = 0
    errors = []
    for result in read_inputs(paths, config or IngestConfig()):
        if result.article is None:
            failed += 1
            errors.append(f"{result.ref}: {result.error}")
            status = "failed"
        elif store.add_article(result.article):
            ingested, status = ingested + 1, "new"
        else:
            duplicates, status = duplicates + 1, "duplicate"
        if on_item:
            on_item(result, status)
    return IngestSummary(ingested, duplicates, failed, tuple(errors))


def analyze_pending(store: Store, nlp: Any | None = None, on_article: Callable[[Article], None] | None = None) -> int:
    """Analyze every stored article that has not been analyzed yet; returns how many."""
    done = store.analyzed_ids()
    pending = [a for a in store.articles() if a.id not in done]
    if not pending:
        return 0
    for analysis in analyze_many(pending, nlp or load_nlp()):
        store.save_analysis(analysis)
        if on_article:
            on_article(analysis.article)
    return len(pending)


def build_stories(
    store: Store, config: CompareConfig | None = None, only: Sequence[str] | None = None
) -> list[StoryReport]:
    """Group the analysed articles (all, or ``only`` these ids) into stories and compare each."""
    ids = store.analyzed_ids(only) if only is not None else store.analyzed_ids()
    analyses = [a for a in (store.analysis(i) for i in _in_order(store, ids)) if a is not None]
    reports = []
    all_findings: list[Finding] = []
    stories = stories_of([a.article for a in analyses])
    by_id = {a.article.id: a for a in analyses}
    for story in stories:
        members = tuple(by_id[i] for i in story.article_ids)
        findings = tuple(compare_story(story, members, config or CompareConfig()))
        all_findings += findings
        reports.append(StoryReport(story, tuple(m.article for m in members), members, findings))
    if only is None:
        store.replace_all_stories(stories, all_findings)
    else:
        store.save_stories(stories, all_findings)
    return reports


def refresh(store: Store, config: CompareConfig | None = None, nlp: Any | None = None) -> list[StoryReport]:
    """Bring a database up to date after ingest: analyze new articles, place them in stories,
    re-compare the stories that changed. Returns the reports of the stories that changed."""
    if not analyze_pending(store, nlp) and store.stories():
        return []
    return build_stories(store, config)


def load_reports(store: Store) -> list[StoryReport]:
    """The stories and findings saved in the database, without re-analysis."""
    reports = []
    for story in store.stories():
        analyses = tuple(a for a in (store.analysis(i) for i in story.article_ids) if a is not None)
        reports.append(
            StoryReport(story, tuple(a.article for a in analyses), analyses, tuple(store.findings(story.id)))
        )
    return reports


def compare(
    paths: Iterable[str | Path],
    db: str | Path | None = None,
    config: CompareConfig | None = None,
    ingest_config: IngestConfig | None = None,
    on_item: ItemHook | None = None,
    nlp: Any | None = None,
) -> Outcome:
    """The whole pipeline on some inputs: ingest, analyze, group into stories, compare.

    With no ``db`` a temporary database is used. Only the articles of ``paths`` are reported,
    even when ``db`` holds others.
    """
    with tempfile.TemporaryDirectory(prefix="triangulate-") as tmp, Store(db or Path(tmp) / "run.db") as store:
        summary, ids = _ingest_listing(paths, store, ingest_config, on_item)
        analyze_pending(store, nlp)
        reports = build_stories(store, config, only=ids)
    return Outcome(summary, tuple(reports))


def _ingest_listing(
    paths: Iterable[str | Path], store: Store, config: IngestConfig | None, on_item: ItemHook | None
) -> tuple[IngestSummary, list[str]]:
    """Ingest, and list the ids of the articles the inputs hold (new or already stored), in order."""
    ids: list[str] = []

    def remember(result: IngestResult, status: str) -> None:
        if result.article is not None:
            ids.append(result.article.id)
        if on_item:
            on_item(result, status)

    summary = ingest([Path(p) for p in paths], store, config, remember)
    return summary, list(dict.fromkeys(ids))


@dataclass(frozen=True, slots=True)
class Grouping:
    """Stories found in some inputs, before any claim analysis."""

    summary: IngestSummary
    articles: tuple[Article, ...]
    stories: tuple[Story, ...]


def group(
    paths: Iterable[str | Path],
    db: str | Path | None = None,
    config: ClusterConfig | None = None,
    on_item: ItemHook | None = None,
) -> Grouping:
    """Ingest ``paths`` and group their articles into stories (fast: no claim analysis)."""
    with tempfile.TemporaryDirectory(prefix="triangulate-") as tmp, Store(db or Path(tmp) / "run.db") as store:
        summary, ids = _ingest_listing(paths, store, None, on_item)
        by_id = {a.id: a for a in store.articles(ids)}
        ordered = [by_id[i] for i in ids if i in by_id]
        stories = stories_of(ordered, config)
    return Grouping(summary, tuple(ordered), tuple(stories))


def _in_order(store: Store, ids: set[str]) -> list[str]:
    """Articles in publication order (undated last), then insertion order."""
    articles = store.articles(ids)
    dated = sorted(range(len(articles)), key=lambda i: (articles[i].published is None, articles[i].published or 0, i))
    return [articles[i].id for i in dated]
