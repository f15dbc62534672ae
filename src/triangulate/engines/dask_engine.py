"""The Dask engine: the same stage functions mapped over partitions on a Dask cluster.

The task graph, by stage (every task pure, so a task lost with its worker is run again from
its inputs and writes the same file again):

1. ``analyze-P``: ingest and analyze partition *P* (:func:`stages.analyze_partition`);
2. the driver gathers each partition's metadata (id, date, title: no text) and makes the
   :class:`~triangulate.engines.stages.Plan` (deduplication, stream order, time blocks);
3. ``write-P``: partition *P*'s articles and claims datasets;
4. shuffle by time block: ``split-P`` cuts partition *P* by block, ``block-B`` gathers block *B*
   from every partition, in stream order;
5. clustering by blocks (:func:`blocking.cluster_blocks`);
6. shuffle by story: ``by-story-P`` cuts partition *P*'s analyses by story group, and
   ``compare-G`` compares group *G*'s stories and writes their stories and findings.
"""

from __future__ import annotations

import operator
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Protocol

from triangulate.cluster import story_id
from triangulate.engines import parquet
from triangulate.engines.blocking import BlockInput, Words, cluster_blocks, doc_freq
from triangulate.engines.local import peak_rss_mib
from triangulate.engines.stages import BatchConfig, Partition, Plan, Unit, analyze_partition, compare_stories, make_plan
from triangulate.errors import ConfigError
from triangulate.model import Analysis, Story

__all__ = ["DaskRunner", "Hooks", "run_dask"]

CONNECT_SECONDS = 10


class Hooks(Protocol):
    """What the caller hears while a run goes on (the CLI prints; the library does not)."""

    def started(self, client: Any) -> None:
        """The client is connected (its ``dashboard_link`` is worth showing)."""
        return None

    def stage(self, name: str, futures: list[Any]) -> None:
        """A stage's tasks are submitted; a progress bar may wait on them here."""
        return None


class _Quiet(Hooks):
    pass


class DaskRunner:
    """:class:`~triangulate.engines.blocking.Runner` on a Dask client."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def submit(self, fn: Any, *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)

    def gather(self, handles: list[Any]) -> list[Any]:
        return list(self.client.gather(handles))


def run_dask(units: list[Unit], config: BatchConfig, tmp: Path, hooks: Hooks | None = None) -> dict[str, Any]:
    """Run the pipeline over ``units`` on Dask, writing the datasets under ``tmp``."""
    hooks = hooks or _Quiet()
    with _client(config) as client:
        hooks.started(client)
        return _run(client, units, config, tmp, hooks)


def _client(config: BatchConfig) -> Any:
    from dask.distributed import Client, LocalCluster

    if config.scheduler:
        try:
            return Client(config.scheduler, timeout=CONNECT_SECONDS)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {config.scheduler}: {exc}") from exc
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=config.workers, threads_per_worker=1, processes=config.processes, dashboard_address=":0"
    )
    return _Owning(Client(cluster), cluster)  # type: ignore[no-untyped-call]


class _Owning:
    """A client that also closes the LocalCluster it started."""

    def __init__(self, client: Any, cluster: Any) -> None:
        self.client, self.cluster = client, cluster

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self.cluster.close()


def _run(client: Any, units: list[Unit], config: BatchConfig, tmp: Path, hooks: Hooks) -> dict[str, Any]:
    from triangulate.engines.stages import split_units

    run = tmp.name.rsplit("-", 1)[-1]  # keys unique per run, for a scheduler shared by several
    workers = max(1, len(client.scheduler_info()["workers"]))
    chunks = split_units(units, config.partitions or 4 * workers)
    parts = [client.submit(analyze_partition, i, u, config, key=f"analyze-{run}-{i}") for i, u in enumerate(chunks)]
    hooks.stage("ingest and analyze", parts)
    metas = client.gather([client.submit(Partition.meta, p, key=f"meta-{run}-{i}") for i, p in enumerate(parts)])
    plan = make_plan(metas, config)
    plan_f = client.scatter(plan, broadcast=True)
    writes = [client.submit(_write_articles, p, plan_f, tmp, key=f"write-{run}-{i}") for i, p in enumerate(parts)]
    blocks = _shuffle_blocks(client, parts, plan_f, sorted(set(plan.block.values())), run)
    counts = [client.submit(_doc_freq, b, config) for b in blocks]
    words = client.submit(_words, len(plan.rank), *counts, pure=False)
    members, replayed = cluster_blocks(DaskRunner(client), blocks, words, config.cluster)
    stories = sorted((_story(m, plan) for m in members), key=lambda s: plan.rank[s.article_ids[0]])
    compared = _compare(client, parts, plan_f, stories, config, tmp, hooks, run)
    relations: Counter[str] = Counter()
    for c in client.gather(compared):
        relations.update(c)
    errors = [e for p in client.gather([client.submit(_errors, p) for p in parts]) for e in p]
    client.gather(writes)
    return {
        "articles": len(plan.rank),
        "duplicates": plan.duplicates,
        "failed": len(errors),
        "errors": errors,
        "stories": len(stories),
        "findings": dict(sorted(relations.items())),
        "partitions": len(chunks),
        "workers": workers,
        "blocks": len(blocks),
        "replayed": replayed,
        "peak_rss_mib": client.run(peak_rss_mib),
    }


def _shuffle_blocks(client: Any, parts: list[Any], plan: Any, names: list[int], run: str) -> list[Any]:
    splits = [client.submit(_split_blocks, p, plan, key=f"split-{run}-{i}") for i, p in enumerate(parts)]
    pieces = {b: [client.submit(operator.getitem, s, b, pure=False) for s in splits] for b in names}
    return [client.submit(_block, b, plan, *pieces[b], key=f"block-{run}-{b}") for b in names]


def _compare(
    client: Any,
    parts: list[Any],
    plan: Any,
    stories: list[Story],
    config: BatchConfig,
    tmp: Path,
    hooks: Hooks,
    run: str,
) -> list[Any]:
    groups = max(1, len(parts))
    group_of = {aid: k % groups for k, s in enumerate(stories) for aid in s.article_ids}
    group_f = client.scatter(group_of, broadcast=True)
    splits = [
        client.submit(_split_stories, p, plan, group_f, groups, key=f"by-story-{run}-{i}") for i, p in enumerate(parts)
    ]
    futures = []
    for g in range(groups):
        pieces = [client.submit(operator.getitem, s, g, pure=False) for s in splits]
        mine = [s for k, s in enumerate(stories) if k % groups == g]
        futures.append(client.submit(_compare_group, g, mine, config, tmp, *pieces, key=f"compare-{run}-{g}"))
    hooks.stage("compare", futures)
    return futures


def _story(members: list[str], plan: Plan) -> Story:
    return Story(id=story_id(members), title=plan.titles[members[0]], article_ids=tuple(members))


# -- tasks ---------------------------------------------------------------------------------------


def _write_articles(part: Partition, plan: Plan, tmp: Path) -> int:
    kept = [
        (a, x)
        for i, (a, x) in enumerate(zip(part.articles, part.analyses, strict=True))
        if plan.keeps(a, (part.index, i))
    ]
    name = f"{part.index:05d}"
    parquet.write_part(tmp, "claims", name, parquet.claim_rows(x for _, x in kept))
    return parquet.write_part(tmp, "articles", name, parquet.article_rows(a for a, _ in kept))


def _split_blocks(part: Partition, plan: Plan) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    for i, article in enumerate(part.articles):
        if plan.keeps(article, (part.index, i)):
            out[plan.block[article.id]].append(article)
    return out


def _block(block: int, plan: Plan, *pieces: list[Any]) -> BlockInput:
    articles = sorted((a for piece in pieces for a in piece), key=lambda a: plan.rank[a.id])
    return BlockInput(block, articles)


def _doc_freq(block: BlockInput, config: BatchConfig) -> Counter[str]:
    return doc_freq(block.articles, config.cluster)


def _words(n: int, *counts: Counter[str]) -> Words:
    total: Counter[str] = Counter()
    for c in counts:
        total.update(c)
    return Words(total, n)


def _split_stories(part: Partition, plan: Plan, group_of: dict[str, int], groups: int) -> list[dict[str, Analysis]]:
    out: list[dict[str, Analysis]] = [{} for _ in range(groups)]
    for i, (article, analysis) in enumerate(zip(part.articles, part.analyses, strict=True)):
        if plan.keeps(article, (part.index, i)):
            out[group_of[article.id]][article.id] = analysis
    return out


def _compare_group(
    g: int, stories: list[Story], config: BatchConfig, tmp: Path, *pieces: dict[str, Analysis]
) -> Counter[str]:
    analyses: dict[str, Analysis] = {}
    for piece in pieces:
        analyses.update(piece)
    reports = compare_stories(stories, analyses, config.compare)
    parquet.write_part(tmp, "stories", f"{g:05d}", parquet.story_rows(reports))
    parquet.write_part(tmp, "findings", f"{g:05d}", parquet.finding_rows(reports))
    return Counter(f.relation.value for _, _, findings in reports for f in findings)


def _errors(part: Partition) -> list[str]:
    return part.errors
