"""Parquet in and out: articles read from Parquet inputs, and the batch's output datasets.

Input rows carry the JSONL fields (``title``, ``text``/``body``/``content``, ``source``,
``date``/``published``, ``url``, ``author``, ``id``/``guid``); each row is read by the JSON
reader's own ``record_article``, so both formats mean the same.

Output: ``articles/``, ``claims/``, ``stories/`` and ``findings/`` datasets (one file per task,
named by its partition, so a task run twice after a worker failure overwrites its own file and
never duplicates rows) and ``summary.json``. Everything is written under a temporary sibling of
``--out`` that is renamed into place at the end: a rerun replaces the old output whole, and a
run that dies leaves the old output as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from triangulate.codec import to_dict
from triangulate.errors import IngestError
from triangulate.ingest import IngestConfig
from triangulate.ingest.records import record_article, record_name
from triangulate.model import Analysis, Article, Claim, Finding, Story

__all__ = ["DATASETS", "finish", "read_articles", "row_groups", "start", "write_part"]

DATASETS = ("articles", "claims", "stories", "findings")
_NESTED = ("quantity", "time", "when", "attribution")  # Claim parts kept as JSON strings

ARTICLES = pa.schema(
    [(name, pa.string()) for name in ("id", "ref", "path", "title", "source")]
    + [("published", pa.date32()), ("url", pa.string())]
)
CLAIMS = pa.schema(
    [("id", pa.string()), ("article", pa.string()), ("sentence", pa.int32()), ("start", pa.int32())]
    + [("end", pa.int32()), ("text", pa.string()), ("kind", pa.string())]
    + [(name, pa.string()) for name in _NESTED]
    + [("hedge", pa.string()), ("entities", pa.list_(pa.string())), ("lemmas", pa.list_(pa.string()))]
)
STORIES = pa.schema([("id", pa.string()), ("title", pa.string()), ("articles", pa.list_(pa.string()))])
FINDINGS = pa.schema([(name, pa.string()) for name in ("id", "story", "relation", "kind", "what", "why", "mentions")])


def row_groups(path: Path) -> int:
    return int(pq.ParquetFile(path).num_row_groups)


def read_articles(path: Path, group: int, config: IngestConfig) -> tuple[list[Article], list[str]]:
    """The articles of one row group, and one error line per row that gave none."""
    try:
        file = pq.ParquetFile(path)
        first = sum(file.metadata.row_group(g).num_rows for g in range(group))
        rows = file.read_row_group(group).to_pylist()
    except (OSError, pa.ArrowException) as exc:
        return [], [f"{path}: unreadable Parquet: {' '.join(str(exc).split())[:200]}"]
    articles, errors = [], []
    for number, row in enumerate(rows, start=first + 1):
        row = {k: _plain(v) for k, v in row.items()}
        name = record_name(row, number)
        ref = f"{path}#{name}"
        try:
            articles.append(record_article(row, ref=ref, path=str(path), max_chars=config.max_article_chars))
        except IngestError as exc:
            errors.append(f"{ref}: {exc.reason}")
    return articles, errors


def _plain(value: Any) -> Any:
    """Parquet dates and timestamps as the ISO strings the JSON reader expects."""
    return value.isoformat() if isinstance(value, date) else value


def start(out: Path) -> Path:
    """A fresh temporary folder beside ``out``, on the same file system so renaming is atomic."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.tmp-{uuid.uuid4().hex[:8]}"
    for name in DATASETS:
        (tmp / name).mkdir(parents=True)
    return tmp


def finish(tmp: Path, out: Path, summary: dict[str, Any]) -> None:
    """Write the summary last, then swap the finished folder into place."""
    (tmp / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    out = out.resolve()
    old = out.parent / f".{out.name}.old-{uuid.uuid4().hex[:8]}"
    if out.exists():
        os.replace(out, old)
    os.replace(tmp, out)
    shutil.rmtree(old, ignore_errors=True)


def write_part(tmp: Path, dataset: str, part: str, rows: Sequence[dict[str, Any]]) -> int:
    """One dataset file; written under a scratch name and renamed, so a retried task's file
    replaces its earlier attempt's whole."""
    schema = {"articles": ARTICLES, "claims": CLAIMS, "stories": STORIES, "findings": FINDINGS}[dataset]
    target = tmp / dataset / f"part-{part}.parquet"
    scratch = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}")
    pq.write_table(pa.Table.from_pylist(list(rows), schema=schema), scratch)
    os.replace(scratch, target)
    return len(rows)


def article_rows(articles: Iterable[Article]) -> list[dict[str, Any]]:
    return [
        {"id": a.id, "ref": a.ref, "path": a.path, "title": a.title, "source": a.source}
        | {"published": a.published, "url": a.url}
        for a in articles
    ]


def claim_rows(analyses: Iterable[Analysis]) -> list[dict[str, Any]]:
    return [_claim(c) for a in analyses for c in a.claims]


def _claim(c: Claim) -> dict[str, Any]:
    row: dict[str, Any] = {"id": c.id, "article": c.article_id, "sentence": c.sentence, "start": c.start}
    row |= {"end": c.end, "text": c.text, "kind": c.kind, "hedge": c.hedge}
    row |= {"entities": list(c.entities), "lemmas": list(c.lemmas)}
    for name in _NESTED:
        part = getattr(c, name)
        row[name] = None if part is None else json.dumps(to_dict(part), ensure_ascii=False)
    return row


def story_rows(reports: Iterable[tuple[Story, Sequence[Analysis], Sequence[Finding]]]) -> list[dict[str, Any]]:
    return [{"id": s.id, "title": s.title, "articles": list(s.article_ids)} for s, _, _ in reports]


def finding_rows(reports: Iterable[tuple[Story, Sequence[Analysis], Sequence[Finding]]]) -> list[dict[str, Any]]:
    """Findings as in the JSON contract; each finding's mentions as a JSON string."""
    from triangulate.api import StoryReport
    from triangulate.report.json_report import to_json_data

    rows = []
    for story, analyses, findings in reports:
        report = StoryReport(story, tuple(a.article for a in analyses), tuple(analyses), tuple(findings))
        for f in to_json_data([report])["stories"][0]["findings"]:
            mentions = json.dumps(f.pop("mentions"), ensure_ascii=False)
            rows.append(f | {"story": story.id, "mentions": mentions})
    return rows


def read_dataset(out: Path, dataset: str) -> list[dict[str, Any]]:
    """Every row of one output dataset (for tests and small outputs)."""
    files = sorted((out / dataset).glob("part-*.parquet"))
    return [row for f in files for row in pq.read_table(f).to_pylist()]
