"""Background ingest: uploads are read, stored and analysed in one worker thread with its own
database connection, so that requests keep being served while a large batch is analysed.

Jobs run one at a time. Reading and storing happen in the worker thread; analysis and regrouping
run in a child process per job, because in a thread they would hold the interpreter lock and slow
every request down. The child writes to the same database (WAL); progress is read back from it.
The child dies with the server: stopped on shutdown, and exiting by itself when its parent is
gone, so a killed server leaves no analysis running. Job state lives in memory, which is enough
for a server that runs on an analyst's machine.
Uploaded bytes never touch the file system: they go straight to the ingest module's reader for
their kind (:func:`triangulate.ingest.reader_for`), under a name the server makes up.
"""

from __future__ import annotations

import itertools
import multiprocessing
import multiprocessing.process
import os
import queue
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from triangulate import api
from triangulate.errors import TriangulateError
from triangulate.fetch import FetchConfig, fetch
from triangulate.ingest import DEFAULT_CONFIG, IngestConfig, IngestResult, reader_for
from triangulate.store import Store

MAX_JOBS_KEPT = 200
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class Upload:
    """One uploaded file or pasted text; ``name`` is only a label and picks the reader."""

    name: str
    data: bytes


@dataclass
class Job:
    id: str
    kind: str  # ingest | feed | delete
    state: str = "queued"  # queued | fetching | reading | analysing | finishing | done | failed
    total: int = 0  # uploads to read
    read: int = 0
    items: list[dict[str, str]] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    analysed: int = 0
    message: str = ""
    started: float = field(default_factory=time.time)
    finished: float | None = None

    def to_dict(self) -> dict[str, Any]:
        counts = {s: sum(1 for i in self.items if i["status"] == s) for s in ("new", "duplicate", "failed")}
        return {
            "id": self.id,
            "kind": self.kind,
            "state": self.state,
            "files": {"total": self.total, "read": self.read},
            "articles": {**counts, "analysed": self.analysed},
            "items": list(self.items),
            "message": self.message,
            "started": self.started,
            "finished": self.finished,
        }


def safe_label(name: str, fallback: str) -> str:
    """A display name for an upload: its base name reduced to harmless characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _SAFE_NAME.sub("_", base).strip("._")[:80]
    return cleaned or fallback


class JobRunner:
    """A queue of jobs and the one thread that works through it."""

    def __init__(
        self,
        db_path: Path,
        on_change: Callable[[], None] = lambda: None,
        ingest_config: IngestConfig = DEFAULT_CONFIG,
        fetch_config: FetchConfig | None = None,
        analysis_process: bool = True,
    ) -> None:
        self.db_path = db_path
        self.analysis_process = analysis_process
        self.fetch_config = fetch_config or FetchConfig()
        self.on_change = on_change
        self.ingest_config = ingest_config
        self._jobs: dict[str, Job] = {}
        self._queue: queue.Queue[tuple[Job, list[Upload], str] | None] = queue.Queue()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._child: multiprocessing.process.BaseProcess | None = None

    def submit_ingest(self, uploads: list[Upload]) -> Job:
        job = self._new_job("ingest", total=len(uploads))
        self._queue.put((job, uploads, ""))
        return job

    def submit_feed(self, url: str) -> Job:
        """Fetch a feed (through :func:`triangulate.fetch.fetch`, which refuses private
        addresses) and ingest its items."""
        job = self._new_job("feed", total=1)
        self._queue.put((job, [], url))
        return job

    def submit_delete(self, article_id: str) -> Job:
        job = self._new_job("delete", total=0)
        self._queue.put((job, [], article_id))
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def recent(self, n: int = 10) -> list[Job]:
        return sorted(self._jobs.values(), key=lambda j: -j.started)[:n]

    def stop(self, wait: float = 2.0) -> None:
        """Ask the worker to stop after its current job and end a running analysis process: what
        it committed stays, and articles left unanalysed are analysed by the next ingest."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=wait)
            self._thread = None
        child = self._child
        if child is not None and child.is_alive():
            child.terminate()

    def _new_job(self, kind: str, total: int) -> Job:
        with self._lock:
            job = Job(id=f"{next(self._ids):06d}", kind=kind, total=total)
            self._jobs[job.id] = job
            for old in sorted(self._jobs.values(), key=lambda j: j.started)[:-MAX_JOBS_KEPT]:
                del self._jobs[old.id]
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="triangulate-jobs", daemon=True)
                self._thread.start()
        return job

    def _work(self) -> None:
        while (task := self._queue.get()) is not None:
            job, uploads, target = task
            try:
                if job.kind == "feed":
                    uploads = [self._fetch_feed(job, target)]
                with Store(self.db_path) as store:
                    if job.kind == "delete":
                        self._delete(job, store, target)
                    else:
                        self._ingest(job, store, uploads)
                job.state = "done"
            except TriangulateError as exc:
                job.state, job.message = "failed", str(exc)
            except Exception as exc:  # a crashed job must not take the worker thread with it
                job.state, job.message = "failed", f"internal error: {type(exc).__name__}"
            job.finished = time.time()
            self.on_change()

    def _ingest(self, job: Job, store: Store, uploads: list[Upload]) -> None:
        job.state = "reading"
        for index, upload in enumerate(uploads, 1):
            ref = f"upload:{job.id}/{index}/{safe_label(upload.name, f'item-{index}.txt')}"
            for result in self._read(upload, ref):
                self._record(job, store, result)
            job.read = index
        job.state = "analysing"
        if job.new_ids:
            self._refresh(job, store)
        job.message = self._summary(job)

    def _fetch_feed(self, job: Job, url: str) -> Upload:
        job.state = "fetching"
        result = fetch(url, self.fetch_config)
        return Upload("feed.xml", result.content)

    def _read(self, upload: Upload, ref: str) -> list[IngestResult]:
        reader = reader_for(upload.name) or reader_for("pasted.txt")
        assert reader is not None
        if len(upload.data) > self.ingest_config.max_bytes:
            return [IngestResult(ref, None, f"larger than {self.ingest_config.max_bytes} bytes")]
        try:
            return list(reader(upload.data, ref, self.ingest_config))
        except Exception as exc:  # the ingest stream's contract: bad input is a result, not a crash
            return [IngestResult(ref, None, f"unreadable: {type(exc).__name__}")]

    @staticmethod
    def _record(job: Job, store: Store, result: IngestResult) -> None:
        item = {"ref": result.ref, "status": "failed", "error": result.error, "article": "", "title": ""}
        if result.article is not None:
            is_new = store.add_article(result.article)
            item.update(status="new" if is_new else "duplicate", article=result.article.id, title=result.article.title)
            if is_new:
                job.new_ids.append(result.article.id)
        job.items.append(item)

    def _refresh(self, job: Job, store: Store) -> None:
        watcher = threading.Thread(target=self._watch_analysis, args=(job,), daemon=True)
        watcher.start()
        try:
            self._in_child(refresh_database)
        finally:
            job.state = "finishing"
            watcher.join(timeout=5)
        job.analysed = len(store.analyzed_ids(job.new_ids))

    def _in_child(self, task: Callable[[str], None]) -> None:
        """Run ``task(db_path)`` in a child process, or here when the runner was made without
        one (tests: no process start per job)."""
        if not self.analysis_process:
            task(str(self.db_path))
            return
        context = multiprocessing.get_context("spawn")
        child = context.Process(target=_child_main, args=(task, str(self.db_path), os.getpid()), daemon=True)
        self._child = child
        child.start()
        child.join()
        self._child = None
        if child.exitcode != 0:
            raise TriangulateError(
                f"the analysis process failed (exit code {child.exitcode}); the stored articles are kept"
                " and will be analysed by the next ingest"
            )

    def _watch_analysis(self, job: Job) -> None:
        """Count the job's articles whose analysis is committed, from a connection of its own
        (WAL lets it read while the worker writes)."""
        with Store(self.db_path) as reader:
            while job.state == "analysing":
                job.analysed = len(reader.analyzed_ids(job.new_ids))
                time.sleep(0.3)

    def _delete(self, job: Job, store: Store, article_id: str) -> None:
        job.state = "analysing"
        if not store.delete_article(article_id):
            raise TriangulateError(f"no article {article_id}")
        self._in_child(regroup_database)
        job.message = f"deleted article {article_id}; stories regrouped"

    @staticmethod
    def _summary(job: Job) -> str:
        d = job.to_dict()["articles"]
        return f"{d['new']} new, {d['duplicate']} already stored, {d['failed']} failed"


_child_nlp: Any = None  # spaCy's pipeline, loaded by the first job of the process that runs it


def _child_main(task: Callable[[str], None], db_path: str, parent: int) -> None:
    """The analysis process: run one task, and leave at once if the server goes away."""

    def watch_parent() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch_parent, daemon=True).start()
    task(db_path)


def refresh_database(db_path: str) -> None:
    """In the analysis process: analyse new articles, regroup, re-compare (:func:`api.refresh`)."""
    global _child_nlp
    if _child_nlp is None:
        from triangulate.analyze import load_nlp

        _child_nlp = load_nlp()
    with Store(db_path) as store:
        api.refresh(store, nlp=_child_nlp)


def regroup_database(db_path: str) -> None:
    """In the analysis process, after a deletion: :func:`api.refresh` takes the deleted article
    out of its story and re-compares the stories that changed (no model is loaded unless some
    article awaits analysis)."""
    with Store(db_path) as store:
        api.refresh(store)
