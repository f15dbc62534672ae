"""The batch engines' shared steps: the pipeline's own stage functions, applied to one partition.

Both engines call these; the local engine on one partition in process, the Dask engine on many,
on workers. Models are loaded once per process (so once per Dask worker), never per task.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from triangulate.analyze import analyze_many, load_nlp
from triangulate.cluster import ClusterConfig
from triangulate.compare import CompareConfig, compare_story
from triangulate.engines.blocking import block_of
from triangulate.errors import ConfigError
from triangulate.ingest import IngestConfig, read_inputs, reader_for
from triangulate.ingest.walk import walk_folder
from triangulate.model import Analysis, Article, Finding, Story

__all__ = [
    "BatchConfig",
    "Partition",
    "Plan",
    "Unit",
    "analyze_partition",
    "compare_stories",
    "expand_inputs",
    "make_plan",
    "split_units",
]

Order = tuple[int, int]  # (partition, position): the input order, which breaks date ties
Meta = tuple[str, date | None, str, Order]  # id, published, title, order
PARQUET = (".parquet", ".pq")


@dataclass(frozen=True, slots=True)
class BatchConfig:
    """How ``triangulate batch`` runs; validated on construction."""

    engine: str = "local"  # local | dask
    scheduler: str = ""  # a running Dask scheduler's address; "" starts a LocalCluster
    partitions: int = 0  # 0: about four per worker (Dask) or one (local)
    workers: int = 2  # LocalCluster size when no scheduler is given
    processes: bool = True  # LocalCluster workers as processes (false: threads in this process)
    block_days: int = 28  # time blocks for clustering; longer blocks replay less at their edges
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    compare: CompareConfig = field(default_factory=CompareConfig)
    ingest: IngestConfig = field(default_factory=IngestConfig)

    def __post_init__(self) -> None:
        if self.engine not in ("local", "dask"):
            raise ConfigError(f"engine must be 'local' or 'dask', got {self.engine!r}")
        if self.partitions < 0 or self.workers < 1:
            raise ConfigError("partitions must be >= 0 and workers >= 1")
        if self.block_days <= self.cluster.window_days:
            raise ConfigError("block_days must exceed the clusterer's window_days")


@dataclass(frozen=True, slots=True)
class Unit:
    """One input file, or one row group of a Parquet file."""

    path: str
    row_group: int = -1


@dataclass
class Partition:
    """What one partition's articles gave: the articles, their analyses and clustering features."""

    index: int
    articles: list[Article] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    analyses: list[Analysis] = field(default_factory=list)

    def meta(self) -> list[Meta]:
        return [(a.id, a.published, a.title, (self.index, i)) for i, a in enumerate(self.articles)]


def expand_inputs(paths: Iterable[str | Path], config: IngestConfig) -> list[Unit]:
    """Files in input order (folders walked in name order); Parquet files by row group."""
    units: list[Unit] = []
    for raw in paths:
        path = Path(raw)
        files = [path] if not path.is_dir() else list(walk_folder(path, _known, config.follow_symlinks))
        for item in files:
            if not isinstance(item, Path):  # a folder entry that could not be read
                units.append(Unit(str(getattr(item, "item", item))))
            elif item.name.lower().endswith(PARQUET):
                from triangulate.engines.parquet import row_groups

                units.extend(Unit(str(item), g) for g in range(max(1, row_groups(item))))
            else:
                units.append(Unit(str(item)))
    return units


def split_units(units: Sequence[Unit], parts: int) -> list[list[Unit]]:
    """``parts`` contiguous chunks of sizes differing by at most one, so concatenating the
    partitions keeps the input order."""
    parts = max(1, min(parts, len(units)))
    size, extra = divmod(len(units), parts)
    bounds = [k * size + min(k, extra) for k in range(parts + 1)]
    return [list(units[bounds[k] : bounds[k + 1]]) for k in range(parts)]


def analyze_partition(index: int, units: Sequence[Unit], config: BatchConfig) -> Partition:
    """Ingest and analyze one partition (spaCy is loaded once per process: per Dask worker)."""
    part = Partition(index)
    for unit in units:
        _read_unit(unit, config.ingest, part)
    part.analyses = list(analyze_many(part.articles, load_nlp()))
    return part


def _read_unit(unit: Unit, config: IngestConfig, part: Partition) -> None:
    if unit.row_group >= 0:
        from triangulate.engines.parquet import read_articles

        articles, errors = read_articles(Path(unit.path), unit.row_group, config)
        part.articles.extend(articles)
        part.errors.extend(errors)
        return
    for result in read_inputs([unit.path], config):
        if result.article is None:
            part.errors.append(f"{result.ref}: {result.error}")
        else:
            part.articles.append(result.article)


def _known(name: str) -> bool:
    return reader_for(name) is not None or name.lower().endswith(PARQUET)


@dataclass
class Plan:
    """What the driver decides from the partitions' metadata: which copy of each article is
    kept (the first in input order, as the local engine's store keeps it), the stream order
    (by date, undated last, then input order) and each article's time block."""

    kept: dict[str, Order] = field(default_factory=dict)
    rank: dict[str, int] = field(default_factory=dict)
    block: dict[str, int] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    duplicates: int = 0

    def keeps(self, article: Article, order: Order) -> bool:
        return self.kept.get(article.id) == order


def make_plan(metas: Iterable[Sequence[Meta]], config: BatchConfig) -> Plan:
    plan = Plan()
    dates: dict[str, date | None] = {}
    for meta in metas:
        for article_id, published, title, order in meta:
            if article_id in plan.kept:
                plan.duplicates += 1
                continue
            plan.kept[article_id], dates[article_id], plan.titles[article_id] = order, published, title
    key = {i: (d is None, d or date.min, plan.kept[i]) for i, d in dates.items()}
    plan.rank = {i: r for r, i in enumerate(sorted(key, key=key.__getitem__))}
    dated = [d for d in dates.values() if d is not None]
    start = min(dated, default=date.min)
    last = max((block_of(d, start, config.cluster, config.block_days, 0) for d in dated), default=0)
    plan.block = {i: block_of(d, start, config.cluster, config.block_days, last) for i, d in dates.items()}
    return plan


def compare_stories(
    stories: Sequence[Story], analyses: dict[str, Analysis], config: CompareConfig
) -> list[tuple[Story, list[Analysis], list[Finding]]]:
    """``compare_story`` for each story, its members in publication order."""
    out = []
    for story in stories:
        members = [analyses[i] for i in story.article_ids]
        out.append((story, members, compare_story(story, members, config)))
    return out
