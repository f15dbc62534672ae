"""The command line: parse, call the library, render. Nothing else lives here.

Exit codes: 0 success; 1 some input items failed (the rest were processed); 2 usage or
configuration error; 3 database error.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress

from triangulate import api
from triangulate.errors import ConfigError, StoreError, TriangulateError
from triangulate.ingest import IngestResult
from triangulate.report import FORMATS, render
from triangulate.report.stories import render_stories_json, render_stories_terminal
from triangulate.report.terminal import render_terminal
from triangulate.store import Store

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="What news reports of one story agree on, where their figures differ, and who says what.",
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_ITEMS_FAILED, EXIT_USAGE, EXIT_STORE = 1, 2, 3
DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")]
OutOption = Annotated[Path | None, typer.Option("--out", "-o", help="Write the report here instead of stdout.")]
Inputs = Annotated[
    list[Path], typer.Argument(help="Files or folders: .txt .md .html .json .jsonl .rss .atom .xml .warc(.gz)")
]


def _report_item(result: IngestResult, status: str) -> None:
    if status == "failed":
        err.print(f"error: {result.ref}: {result.error}", markup=False)


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    err.print(f"wrote {out}", markup=False)


def _render(reports: list[api.StoryReport] | tuple[api.StoryReport, ...], fmt: str, out: Path | None) -> str:
    """The terminal report fits the terminal and is coloured when it goes to one."""
    if fmt == "terminal":
        to_tty = out is None and sys.stdout.isatty()
        width = shutil.get_terminal_size((120, 40)).columns if to_tty else 120
        return render_terminal(reports, width=max(80, width), color=to_tty)
    return render(reports, fmt)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


RegroupOption = Annotated[
    bool,
    typer.Option(
        "--recluster",
        help="Group with the batch pass (merges, moves, cuts of look-alike events), as `recluster` does.",
    ),
]


@app.command()
def compare(
    inputs: Inputs,
    fmt: FormatOption = "terminal",
    out: OutOption = None,
    db: Annotated[
        Path | None, typer.Option("--db", help="Keep results in this database (default: a temporary one).")
    ] = None,
    regroup: RegroupOption = False,
) -> None:
    """Run the whole pipeline on INPUTS and report story by story."""
    _check_format(fmt)
    with err.status("reading, analysing and comparing…"):
        outcome = api.compare(inputs, db=db, on_item=_report_item, regroup=regroup)
    err.print(outcome.summary.line(), markup=False)
    if outcome.stories:
        _emit(_render(outcome.stories, fmt, out), out)
    if outcome.summary.failed:
        raise typer.Exit(EXIT_ITEMS_FAILED)


@app.command()
def stories(
    inputs: Inputs,
    fmt: FormatOption = "terminal",
    db: Annotated[Path | None, typer.Option("--db", help="Keep the articles in this database.")] = None,
    regroup: RegroupOption = False,
) -> None:
    """Ingest INPUTS and print the stories they form (no claim analysis: fast)."""
    if fmt not in ("terminal", "json"):
        raise ConfigError(f"stories prints terminal or json, not {fmt!r}")
    grouping = api.group(inputs, db=db, on_item=_report_item, regroup=regroup)
    err.print(grouping.summary.line(), markup=False)
    _emit(render_stories_json(grouping) if fmt == "json" else render_stories_terminal(grouping), None)
    if grouping.summary.failed:
        raise typer.Exit(EXIT_ITEMS_FAILED)


@app.command()
def ingest(inputs: Inputs, db: DbOption = Path("triangulate.db")) -> None:
    """Store, analyse and group INPUTS into stories in the database."""
    with Store(db) as store:
        summary = api.ingest(inputs, store, on_item=_report_item)
        with Progress(*Progress.get_default_columns(), MofNCompleteColumn(), console=err, transient=True) as bar:
            task = bar.add_task("analysing", total=store.counts()["articles"] - len(store.analyzed_ids()))
            analyzed = api.analyze_pending(store, on_article=lambda _: bar.advance(task))
        with err.status("grouping and comparing…"):
            changed = api.refresh(store)  # extends the stored stories; only changed ones are compared
            total = len(store.stories())
    err.print(
        f"{summary.line()}; analysed {analyzed}; {len(changed)} stories new or changed, {total} in all", markup=False
    )
    if summary.failed:
        raise typer.Exit(EXIT_ITEMS_FAILED)


@app.command()
def recluster(db: DbOption = Path("triangulate.db")) -> None:
    """Re-group the whole database at once: merge and split what the online pass got wrong.

    Stories whose articles do not change keep their ids and findings."""
    if not db.exists():
        raise ConfigError(f"no database at {db}; run `triangulate ingest` first")
    with Store(db) as store:
        api.analyze_pending(store)
        with err.status("re-grouping…"):
            summary = api.recluster_database(store)
    err.print(summary.line(), markup=False)


@app.command()
def report(db: DbOption = Path("triangulate.db"), fmt: FormatOption = "terminal", out: OutOption = None) -> None:
    """Render the stories saved in the database, without re-analysis."""
    _check_format(fmt)
    if not db.exists():
        raise ConfigError(f"no database at {db}; run `triangulate ingest` first")
    with Store(db) as store:
        reports = api.load_reports(store)
    if not reports:
        err.print("no stories in the database", markup=False)
        return
    _emit(_render(reports, fmt, out), out)


@app.command()
def show(
    article: Annotated[str, typer.Argument(help="Article id, id prefix, or ref.")],
    db: DbOption = Path("triangulate.db"),
) -> None:
    """Print one article with its sentences and the claims found in each."""
    with Store(db) as store:
        found = store.article(article)
        if found is None:
            raise ConfigError(f"no article {article!r} in {db}")
        analysis = store.analysis(found.id)
    typer.echo(f"{found.title}\n{found.source or '-'} · {found.published or 'undated'} · {found.ref} · {found.id}\n")
    if analysis is None:
        typer.echo(found.text)
        return
    for sentence in analysis.sentences:
        typer.echo(f"[{sentence.index}] {sentence.text}")
        for claim in analysis.claims:
            if claim.sentence != sentence.index or claim.kind == "statement":
                continue
            detail = (
                claim.quantity.concept
                if claim.quantity
                else (claim.time.low.isoformat() if claim.time and claim.time.low else "undated")
            )
            typer.echo(f"      {claim.kind}: {claim.text!r} ({detail})")
        attribution = next(
            (c.attribution for c in analysis.claims if c.sentence == sentence.index and c.attribution), None
        )
        if attribution:
            typer.echo(f"      said by: {' ← '.join(attribution.chain)}")


@app.command()
def batch(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders, as for compare, and .parquet files.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (replaced whole when the run ends).")],
    engine: Annotated[str, typer.Option("--engine", help="local (in process) or dask.")] = "local",
    scheduler: Annotated[
        str, typer.Option("--scheduler", help="A running Dask scheduler's address (default: a LocalCluster).")
    ] = "",
    partitions: Annotated[int, typer.Option("--partitions", help="Input partitions (default: 4 per worker).")] = 0,
    workers: Annotated[int, typer.Option("--workers", help="LocalCluster worker processes.")] = 2,
) -> None:
    """Run the pipeline over a corpus; write Parquet articles, claims, stories and findings."""
    from triangulate.engines import BatchConfig, run_batch

    config = BatchConfig(engine=engine, scheduler=scheduler, partitions=partitions, workers=workers)
    if engine == "dask":
        summary = run_batch(inputs, out, config, _DaskProgress())
    else:
        with err.status("reading, analysing, grouping and comparing…"):
            summary = run_batch(inputs, out, config)
    for problem in summary["errors"]:
        err.print(f"error: {problem}", markup=False)
    found = ", ".join(f"{n} {relation}" for relation, n in summary["findings"].items())
    err.print(f"{summary['articles']} articles, {summary['stories']} stories ({found}) in {out}", markup=False)
    if summary["failed"]:
        raise typer.Exit(EXIT_ITEMS_FAILED)


class _DaskProgress:
    """Shows the Dask dashboard's address, and a progress bar for the long stages."""

    def started(self, client: object) -> None:
        err.print(f"Dask dashboard: {getattr(client, 'dashboard_link', '?')}", markup=False)

    def stage(self, name: str, futures: list[object]) -> None:
        from dask.distributed import progress

        err.print(f"{name}: {len(futures)} tasks", markup=False)
        progress(futures, notebook=False)  # type: ignore[no-untyped-call]
        sys.stdout.write("\n")


@app.command()
def serve(
    db: DbOption = Path("triangulate.db"),
    host: Annotated[str, typer.Option("--host", help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the web UI and the JSON API (/api/v1) over the database."""
    import os

    import uvicorn

    from triangulate.web import create_app
    from triangulate.web.security import needs_token, new_token

    token = os.environ.get("TRIANGULATE_TOKEN") or (new_token() if needs_token(host) else None)
    if token and not os.environ.get("TRIANGULATE_TOKEN"):
        err.print(f"writes need this token (header X-Triangulate-Token): {token}", markup=False)
    err.print(f"serving {db} on http://{host}:{port}/", markup=False)
    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="warning")


@app.command()
def watch(
    sources: Annotated[list[str], typer.Argument(help="Feed URLs (http/https), OPML files and folders.")],
    db: DbOption = Path("triangulate.db"),
    every: Annotated[str, typer.Option("--every", help="How often each source is polled: 90, 30s, 10m, 1h.")] = "10m",
    once: Annotated[
        bool, typer.Option("--once", help="Poll every source now (but those backing off) and exit: for cron.")
    ] = False,
    jsonl: Annotated[Path | None, typer.Option("--jsonl", help="Append every alert to this JSON Lines file.")] = None,
    webhook: Annotated[str | None, typer.Option("--webhook", help="POST every alert as JSON to this URL.")] = None,
    pages: Annotated[bool, typer.Option("--pages/--no-pages", help="Fetch the page of a summary-only entry.")] = True,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Also fetch from loopback and private addresses.")
    ] = False,
) -> None:
    """Poll SOURCES; alert on new conflicts, revised figures and stories on the watchlist."""
    import time
    from datetime import UTC, datetime

    from triangulate import watch as w
    from triangulate.fetch import FetchConfig

    fetch = FetchConfig(allow_private=allow_private)
    config = w.WatchConfig(fetch=fetch, fetch_pages=pages, jsonl=jsonl, webhook=webhook, on_schedule=not once)
    found = w.parse_sources(sources, w.parse_interval(every))
    failed: list[str] = []

    def on_round(report: w.RoundReport) -> None:
        err.print(report.line(), markup=False)
        for poll in report.polls:
            for problem in ([f"{poll.source}: {poll.error}"] if poll.error else []) + list(poll.errors):
                failed.append(problem)
                err.print(f"error: {problem}", markup=False)
        for problem in report.delivery.failed:
            err.print(f"delivery error: {problem}", markup=False)

    hooks = w.Hooks(sleep=time.sleep, on_alert=lambda a: typer.echo(f"[{a.kind}] {a.message}"))
    with Store(db) as store:
        w.run_watch(store, found, config, lambda: datetime.now(UTC), hooks, on_round, rounds=1 if once else None)
    if once and failed:
        raise typer.Exit(EXIT_ITEMS_FAILED)


watchlist_app = typer.Typer(
    no_args_is_help=True, help="The entities, keywords and outlets whose stories `watch` alerts on."
)
app.add_typer(watchlist_app, name="watchlist")
WatchKind = Annotated[str, typer.Argument(help="entity, keyword or outlet")]
WatchValue = Annotated[str, typer.Argument(help="The name, word or phrase, or outlet (name or web host).")]


@watchlist_app.command("add")
def watchlist_add(kind: WatchKind, value: WatchValue, db: DbOption = Path("triangulate.db")) -> None:
    """Alert when a story about KIND VALUE opens or grows."""
    from datetime import UTC, datetime

    from triangulate.watch import WatchState, watch_item

    item = watch_item(kind, value)
    with Store(db) as store:
        added = WatchState(store).add_watch(item, datetime.now(UTC))
    err.print(f"{'added' if added else 'already watched'}: {item.kind} {item.value!r}", markup=False)


@watchlist_app.command("list")
def watchlist_list(db: DbOption = Path("triangulate.db")) -> None:
    """Print the watchlist, one KIND<TAB>VALUE a line."""
    from triangulate.watch import WatchState

    with Store(db) as store:
        for item in WatchState(store).watchlist():
            typer.echo(f"{item.kind}\t{item.value}")


@watchlist_app.command("remove")
def watchlist_remove(kind: WatchKind, value: WatchValue, db: DbOption = Path("triangulate.db")) -> None:
    """Stop watching KIND VALUE."""
    from triangulate.watch import WatchState, watch_item

    item = watch_item(kind, value)
    with Store(db) as store:
        if not WatchState(store).remove_watch(item):
            raise ConfigError(f"not on the watchlist: {item.kind} {item.value!r}")
    err.print(f"removed: {item.kind} {item.value!r}", markup=False)


def main() -> None:
    """Entry point: library errors become one-line messages and exit codes here, and only here."""
    try:
        code = app(standalone_mode=False)  # without standalone mode, click returns Exit codes
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (ConfigError, typer.BadParameter) as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(EXIT_USAGE)
    except StoreError as exc:
        err.print(f"database error: {exc}", markup=False)
        sys.exit(EXIT_STORE)
    except TriangulateError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(EXIT_ITEMS_FAILED)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        if isinstance(exc, _click_errors()):
            exc.show()  # type: ignore[attr-defined]
            sys.exit(EXIT_USAGE)
        if type(exc).__name__ == "Abort":
            sys.exit(130)
        raise


def _click_errors() -> tuple[type[Exception], ...]:
    """Click's usage-error class, from click and from the copy that newer typer versions carry
    (whose errors are not click's: a bad option would otherwise end in a traceback)."""
    import importlib

    found = []
    for module in ("click.exceptions", "typer._click.exceptions"):
        try:
            found.append(importlib.import_module(module).ClickException)
        except (ImportError, AttributeError):
            continue
    return tuple(found)


if __name__ == "__main__":
    main()
