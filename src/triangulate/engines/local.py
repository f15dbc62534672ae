"""The local engine: the plain in-process pipeline, the reference the Dask engine must equal.

Ingest and analysis, then one :func:`~triangulate.cluster.stories_of` over the whole stream in
publication order (as :func:`triangulate.api.build_stories` does), then
:func:`~triangulate.compare.compare_story` per story.
"""

from __future__ import annotations

import contextlib
import resource
from collections import Counter
from pathlib import Path
from typing import Any

from triangulate.cluster import stories_of
from triangulate.engines import parquet
from triangulate.engines.stages import BatchConfig, Unit, analyze_partition, compare_stories, make_plan

__all__ = ["run_local"]


def run_local(units: list[Unit], config: BatchConfig, tmp: Path) -> dict[str, Any]:
    """Run the pipeline over ``units`` and write the datasets under ``tmp``; returns the counts."""
    reset_peak_rss()  # the peak reported is this run's, not an earlier run's in the same process
    part = analyze_partition(0, units, config)
    plan = make_plan([part.meta()], config)
    kept = [(a, x) for i, (a, x) in enumerate(zip(part.articles, part.analyses, strict=True)) if plan.keeps(a, (0, i))]
    parquet.write_part(tmp, "articles", "00000", parquet.article_rows(a for a, _ in kept))
    parquet.write_part(tmp, "claims", "00000", parquet.claim_rows(x for _, x in kept))
    ordered = sorted(kept, key=lambda pair: plan.rank[pair[0].id])
    stories = stories_of([a for a, _ in ordered], config.cluster)
    reports = compare_stories(stories, {a.id: x for a, x in kept}, config.compare)
    parquet.write_part(tmp, "stories", "00000", parquet.story_rows(reports))
    parquet.write_part(tmp, "findings", "00000", parquet.finding_rows(reports))
    relations = Counter(f.relation.value for _, _, findings in reports for f in findings)
    return {
        "articles": len(kept),
        "duplicates": plan.duplicates,
        "failed": len(part.errors),
        "errors": part.errors,
        "stories": len(stories),
        "findings": dict(sorted(relations.items())),
        "partitions": 1,
        "workers": 1,
        "peak_rss_mib": {"local": peak_rss_mib()},
    }


def reset_peak_rss() -> None:
    """Let this process's peak (``VmHWM``) start again from its present size (Linux: 5 written to
    /proc/self/clear_refs); elsewhere nothing happens and the peak stays the process's."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_rss_mib() -> float:
    """This process's peak resident set size. On Linux ``VmHWM`` of /proc/self/status, not
    ``ru_maxrss``: a process started by fork and exec (a Dask worker) inherits in ``ru_maxrss`` the
    size its parent had when it forked, so every worker reported at least the driver's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux
