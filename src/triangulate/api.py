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
from datetime import date
from pathlib import Path
from typing import Any

from triangulate.analyze import TIME_LIMIT, analyze_many, load_nlp
from triangulate.cluster import ClusterConfig, RefineConfig, StoryClusterer, recluster, stories_of, story_id
from triangulate.compare import CompareConfig, compare_story
from triangulate.ingest import IngestConfig, IngestResult, read_inputs
from triangulate.model import Analysis, Article, Finding, Story
from triangulate.store import Store

__all__ = [
    "Grouping",
    "IngestSummary",
    "Outcome",
    "ReclusterSummary",
    "StoryReport",
    "analyze_pending",
    "build_stories",
    "compare",
    "group",
    "ingest",
    "load_reports",
    "recluster_database",
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


def analyze_pending(
    store: Store,
    nlp: Any | None = None,
    on_article: Callable[[Article], None] | None = None,
    time_limit: float | None = TIME_LIMIT,
) -> int:
    """Analyze every stored article that has not been analyzed yet (each within ``time_limit``
    seconds, after which the rest of it keeps only its statements); returns how many."""
    pending_ids = store.unanalyzed_ids()
    if not pending_ids:
        return 0
    pending = _articles_in_order(store, pending_ids)
    for analysis in analyze_many(pending, nlp or load_nlp(), time_limit=time_limit):
        store.save_analysis(analysis)
        if on_article:
            on_article(analysis.article)
    return len(pending)


def build_stories(
    store: Store, config: CompareConfig | None = None, only: Sequence[str] | None = None, regroup: bool = False
) -> list[StoryReport]:
    """Group the analysed articles (all, or ``only`` these ids) into stories and compare each:
    with the online pass, or with the batch pass when ``regroup`` (as ``triangulate recluster``).

    Grouping all of them also saves the clusterer's state, so :func:`refresh` can extend it."""
    ids = store.analyzed_ids(only) if only is not None else store.analyzed_ids()
    articles = _articles_in_order(store, ids)
    online = None if regroup else StoryClusterer().fit(articles)
    if online is None:
        stories = _regrouped(articles)
    else:
        online.assign_many(articles)
        stories = online.stories()
    reports, findings = _compare_stories(store, stories, config)
    if only is None:  # the state is saved only for the whole database
        state = (online or _seeded(articles, stories)).state()
        store.replace_all_stories(stories, findings, state)
    else:
        store.save_stories(stories, findings)
    return reports


def refresh(
    store: Store, config: CompareConfig | None = None, nlp: Any | None = None, cluster: ClusterConfig | None = None
) -> list[StoryReport]:
    """Bring a database up to date after ingest: analyze new articles, place them in the stories
    (extending the warm ones, from the saved clusterer state), and re-compare only the stories
    that changed. Returns the reports of the stories that changed."""
    analyze_pending(store, nlp)
    pending = store.unassigned_ids()
    state = store.cluster_state()
    if state is None:
        if not pending:
            return []
        if store.stories():  # grouped without a state (by an older version): regroup
            return build_stories(store, config)
    clusterer = StoryClusterer.from_state(state, cluster) if state else StoryClusterer(cluster)
    warm_ids = {aid for s in clusterer.stories_ for aid in s.article_ids}
    deleted = warm_ids - store.analyzed_ids(warm_ids)  # only analysed articles are grouped; deletion cascades
    if not pending and not deleted:
        return []
    articles = _articles_in_order(store, pending)
    clusterer.partial_fit(articles)
    before = {i: story_id(s.article_ids) for i, s in enumerate(clusterer.stories_)}
    changed = sorted(clusterer.forget(deleted) | set(clusterer.assign_many(articles)))
    stories = [clusterer.story(i) for i in changed if clusterer.stories_[i].article_ids]
    reports, findings = _compare_stories(store, stories, config)
    store.update_stories([before[i] for i in changed if i in before], stories, findings, clusterer.state())
    return reports


@dataclass(frozen=True, slots=True)
class ReclusterSummary:
    """What a batch re-clustering changed."""

    stories: int
    unchanged: int  # kept their members, ids and findings
    merged: int  # new stories holding articles of two or more old ones
    split: int  # old stories whose articles now lie in two or more stories
    compared: int  # stories whose findings were recomputed

    def line(self) -> str:
        return (
            f"{self.stories} stories: {self.unchanged} unchanged, {self.merged} merged, {self.split} split, "
            f"{self.compared} compared again"
        )


def recluster_database(
    store: Store,
    config: CompareConfig | None = None,
    cluster: ClusterConfig | None = None,
    refine: RefineConfig | None = None,
) -> ReclusterSummary:
    """Re-group every analysed article at once (corpus-wide word weights, then merges and moves
    that undo what arrival order got wrong). Stories whose membership did not change keep their
    ids and findings; only the changed ones are compared again."""
    articles = _articles_in_order(store, store.analyzed_ids())
    new = _regrouped(articles, cluster, refine)
    old = {s.id: s for s in store.stories()}
    changed = [s for s in new if s.id not in old]
    _, findings = _compare_stories(store, changed, config)
    clusterer = _seeded(articles, new, cluster)
    kept = {s.id for s in new}
    store.update_stories([i for i in old if i not in kept], changed, findings, clusterer.state())
    old_of = {aid: s.id for s in old.values() for aid in s.article_ids}
    new_of = {aid: s.id for s in new for aid in s.article_ids}
    return ReclusterSummary(
        stories=len(new),
        unchanged=len(new) - len(changed),
        merged=sum(1 for s in new if len({old_of[a] for a in s.article_ids if a in old_of}) >= 2),
        split=sum(1 for s in old.values() if len({new_of[a] for a in s.article_ids if a in new_of}) >= 2),
        compared=len(changed),
    )


def _regrouped(
    articles: Sequence[Article], cluster: ClusterConfig | None = None, refine: RefineConfig | None = None
) -> list[Story]:
    """The batch pass's stories (merges, moves and cuts over the whole set)."""
    by_id = {a.id: a for a in articles}
    return [Story(story_id(g), by_id[g[0]].title, tuple(g)) for g in recluster(articles, cluster, refine)]


def _seeded(
    articles: Sequence[Article], stories: Sequence[Story], cluster: ClusterConfig | None = None
) -> StoryClusterer:
    """A clusterer holding these stories: the state a later refresh continues from."""
    by_id = {a.id: a for a in articles}
    clusterer = StoryClusterer(cluster).fit(articles)
    for story in stories:
        clusterer.seed([(by_id[i], None) for i in story.article_ids])
    return clusterer


def _compare_stories(
    store: Store, stories: Sequence[Story], config: CompareConfig | None
) -> tuple[list[StoryReport], list[Finding]]:
    reports: list[StoryReport] = []
    findings: list[Finding] = []
    for story in stories:
        members = tuple(a for a in (store.analysis(i) for i in story.article_ids) if a is not None)
        found = tuple(compare_story(story, members, config or CompareConfig()))
        findings += found
        reports.append(StoryReport(story, tuple(m.article for m in members), members, found))
    return reports, findings


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
    regroup: bool = False,
) -> Outcome:
    """The whole pipeline on some inputs: ingest, analyze, group into stories, compare.

    With no ``db`` a temporary database is used. Only the articles of ``paths`` are reported,
    even when ``db`` holds others. ``regroup`` groups them with the batch pass (as
    ``triangulate recluster`` does) instead of the online one.
    """
    with tempfile.TemporaryDirectory(prefix="triangulate-") as tmp, Store(db or Path(tmp) / "run.db") as store:
        summary, ids = _ingest_listing(paths, store, ingest_config, on_item)
        analyze_pending(store, nlp)
        reports = build_stories(store, config, only=ids, regroup=regroup)
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
    regroup: bool = False,
) -> Grouping:
    """Ingest ``paths`` and group their articles into stories (fast: no claim analysis), with the
    online pass, or with the batch pass when ``regroup``."""
    with tempfile.TemporaryDirectory(prefix="triangulate-") as tmp, Store(db or Path(tmp) / "run.db") as store:
        summary, ids = _ingest_listing(paths, store, None, on_item)
        by_id = {a.id: a for a in store.articles(ids)}
        ordered = [by_id[i] for i in ids if i in by_id]
        stories = _regrouped(ordered, config) if regroup else stories_of(ordered, config)
    return Grouping(summary, tuple(ordered), tuple(stories))


def _articles_in_order(store: Store, ids: Iterable[str]) -> list[Article]:
    """Articles in publication order (undated last), then insertion order."""
    articles = store.articles(ids)
    return sorted(articles, key=lambda a: (a.published is None, a.published or date.min))
