"""Batch engines: the whole pipeline over a corpus, written as Parquet datasets.

    >>> from triangulate.engines import BatchConfig, run_batch
    >>> summary = run_batch(["corpus/"], "out/", BatchConfig(engine="dask"))   # doctest: +SKIP

``engine="local"`` runs the plain in-process pipeline; ``engine="dask"`` maps the same stage
functions over partitions on a Dask cluster (a ``LocalCluster`` unless ``scheduler`` names a
running one) and gives the same articles, claims, stories and findings. See ``docs/batch.md``.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from triangulate.engines import parquet
from triangulate.engines.dask_engine import Hooks
from triangulate.engines.stages import BatchConfig, expand_inputs

__all__ = ["BatchConfig", "Hooks", "run_batch"]


def run_batch(
    inputs: Iterable[str | Path], out: str | Path, config: BatchConfig | None = None, hooks: Hooks | None = None
) -> dict[str, Any]:
    """Run the pipeline over ``inputs`` (files, folders, JSONL, WARC or Parquet) and write the
    ``articles``, ``claims``, ``stories`` and ``findings`` datasets and ``summary.json`` to
    ``out``, replacing what was there only once everything is written. Returns the summary."""
    config = config or BatchConfig()
    began = time.perf_counter()
    units = expand_inputs(inputs, config.ingest)
    tmp = parquet.start(Path(out))
    try:
        if config.engine == "dask":
            from triangulate.engines.dask_engine import run_dask

            counts = run_dask(units, config, tmp, hooks)
        else:
            from triangulate.engines.local import run_local

            counts = run_local(units, config, tmp)
        summary = {"engine": config.engine, "inputs": len(units), **counts}
        summary["seconds"] = round(time.perf_counter() - began, 2)
        parquet.finish(tmp, Path(out), summary)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return summary
