"""Throughput and peak memory of the pipeline's stages on a synthetic corpus.

    python bench/bench_pipeline.py --articles 1000 --write docs/benchmarks.md

Times, on N generated articles (see ``bench/synthetic.py``), each stage on its own: analyze
(spaCy and claim extraction; the model load is timed apart), grouping into stories, comparing
each story, and writing articles and analyses to a temporary SQLite store. Peak memory is the
process's peak resident set size (``ru_maxrss``) after each stage, so it never goes down.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shlex
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import generate
from triangulate.analyze import analyze_many, load_nlp
from triangulate.cluster import stories_of, story_id
from triangulate.compare import compare_story
from triangulate.model import Analysis, Article, Finding, Story
from triangulate.store import Store

SECTION = "## Pipeline: analyze and compare"
INTRO = """# Benchmarks

The figures below come from `make bench`, which runs
`bench/bench_pipeline.py --articles 1000 --write docs/benchmarks.md` on a generated corpus (the
bundled example reports rewritten with invented names, scaled figures, shifted dates and
shuffled or dropped paragraphs; the same for the same seed) and rewrites its own section of this
file, leaving the others alone. To reproduce them, run `make bench` from the repository root, or
the command shown in a section; throughput depends on the machine, so each section records the
machine, Python version and date it was measured on.
"""

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Phase:
    name: str
    seconds: float
    articles: int
    peak_rss_mib: float
    sentences: int = 0

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else float("inf")

    @property
    def sentences_per_s(self) -> float:
        return self.sentences / self.seconds if self.seconds else float("inf")


@dataclass(frozen=True, slots=True)
class Results:
    n_articles: int
    generated_stories: int
    found_stories: int
    largest_found: int
    compare_on: str
    sentences: int
    claims: int
    findings: Counter[str]
    load_seconds: float
    phases: tuple[Phase, ...]


# -- measuring ------------------------------------------------------------------------------------


def peak_rss_mib() -> float:
    """The process's peak resident set size so far (``ru_maxrss`` is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(work: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def compare_all(stories: Sequence[Story], analyses: Sequence[Analysis]) -> list[Finding]:
    by_id = {a.article.id: a for a in analyses}
    findings: list[Finding] = []
    for story in stories:
        findings += compare_story(story, [by_id[i] for i in story.article_ids])
    return findings


def store_all(articles: Sequence[Article], analyses: Sequence[Analysis]) -> None:
    with tempfile.TemporaryDirectory(prefix="triangulate-bench-") as tmp, Store(Path(tmp) / "bench.db") as store:
        for article in articles:
            store.add_article(article)
        for analysis in analyses:
            store.save_analysis(analysis)


def generated_stories(articles: Sequence[Article]) -> list[Story]:
    """The stories the corpus was generated as (``ref`` is ``synthetic/story-NNNN/J-...``)."""
    members: dict[str, list[Article]] = {}
    for article in articles:
        members.setdefault(article.ref.rsplit("/", 1)[0], []).append(article)
    return [
        Story(id=story_id(a.id for a in group), title=group[0].title, article_ids=tuple(a.id for a in group))
        for group in members.values()
    ]


def run(n_articles: int, batch_size: int, seed: int, compare_on: str) -> Results:
    articles = generate(n_articles, seed)
    n = len(articles)
    nlp, load_s = timed(load_nlp)
    analyses, analyze_s = timed(lambda: list(analyze_many(articles, nlp, batch_size=batch_size)))
    sentences = sum(len(a.sentences) for a in analyses)
    phases = [Phase("analyze", analyze_s, n, peak_rss_mib(), sentences)]
    stories, group_s = timed(lambda: stories_of([a.article for a in analyses]))
    phases.append(Phase("group (stories_of)", group_s, n, peak_rss_mib()))
    generated = generated_stories(articles)
    compared = stories if compare_on == "found" else generated
    findings, compare_s = timed(lambda: compare_all(compared, analyses))
    phases.append(Phase(f"compare ({compare_on} stories)", compare_s, n, peak_rss_mib()))
    _, store_s = timed(lambda: store_all(articles, analyses))
    phases.append(Phase("store (SQLite writes)", store_s, n, peak_rss_mib()))
    return Results(
        n_articles=n,
        generated_stories=len(generated),
        found_stories=len(stories),
        largest_found=max((len(s.article_ids) for s in stories), default=0),
        compare_on=compare_on,
        sentences=sentences,
        claims=sum(len(a.claims) for a in analyses),
        findings=Counter(str(f.relation) for f in findings),
        load_seconds=load_s,
        phases=tuple(phases),
    )


# -- reporting ------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    return {
        "platform": platform.platform(),
        "CPUs": str(os.cpu_count()),
        "RAM": total_ram(),
        "Python": platform.python_version(),
    }


def total_ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def command_line() -> str:
    executable = os.path.relpath(sys.executable) if sys.executable else "python"
    if executable.startswith("../"):
        executable = "python"
    return shlex.join([executable, *sys.argv])


def findings_line(findings: Counter[str]) -> str:
    parts = ", ".join(f"{relation} {count}" for relation, count in sorted(findings.items()))
    return f"{sum(findings.values())} ({parts})"


def table(results: Results) -> list[tuple[str, str, str, str, str]]:
    rows = [("phase", "seconds", "articles/s", "sentences/s", "peak RSS MiB")]
    for p in results.phases:
        per_sentence = f"{p.sentences_per_s:,.0f}" if p.sentences else ""
        rows.append((p.name, f"{p.seconds:.2f}", f"{p.articles_per_s:,.1f}", per_sentence, f"{p.peak_rss_mib:,.0f}"))
    return rows


def print_results(results: Results) -> None:
    print(
        f"{results.n_articles} articles, {results.generated_stories} generated stories, "
        f"{results.found_stories} found (largest {results.largest_found}), "
        f"compare on {results.compare_on} stories, {results.sentences} sentences, "
        f"{results.claims} claims; model load {results.load_seconds:.2f}s"
    )
    rows = table(results)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    print(f"findings by relation: {findings_line(results.findings)}")


def markdown(results: Results, batch_size: int) -> str:
    rows = table(results)
    lines = [
        SECTION,
        "",
        "Throughput of each stage on its own, on a synthetic corpus from `bench/synthetic.py`. "
        "Peak RSS is the process's peak resident memory (`ru_maxrss`) after the stage, so it "
        "includes every earlier stage and the loaded spaCy model. Compare runs, by default, on "
        "the stories the corpus was generated as (3-6 articles each): the synthetic stories "
        "share their templates' wording, so grouping merges them into a few large ones, and "
        "comparing those costs far more per article (`--compare-on found` measures that).",
        "",
        f"- Command: `{command_line()}`",
        f"- Date: {datetime.now().isoformat(timespec='seconds')}",
        *(f"- {key}: {value}" for key, value in machine().items()),
        f"- Corpus: {results.n_articles} articles in {results.generated_stories} generated "
        f"stories, {results.sentences:,} sentences, {results.claims:,} claims; spaCy batch "
        f"size {batch_size}",
        f"- Grouping found {results.found_stories} stories, the largest of "
        f"{results.largest_found} articles; compare ran on the {results.compare_on} stories",
        f"- Model load (`load_nlp()`, not in the analyze time): {results.load_seconds:.2f} s",
        f"- Findings by relation: {findings_line(results.findings)}",
        "",
        "| " + " | ".join(rows[0]) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(rows[0]) - 1)) + "|",
        *("| " + " | ".join(row) + " |" for row in rows[1:]),
    ]
    return "\n".join(lines) + "\n"


def write_section(path: Path, section: str) -> None:
    """Replace this benchmark's section of ``path`` (or append it), keeping the others."""
    text = path.read_text(encoding="utf-8") if path.exists() else INTRO
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == SECTION), None)
    if start is None:
        new = text.rstrip("\n") + "\n\n" + section
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        rest = "".join(lines[end:])
        new = "".join(lines[:start]) + section + ("\n" + rest if rest else "")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--batch-size", type=int, default=32, help="spaCy batch size")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument(
        "--compare-on",
        choices=("generated", "found"),
        default="generated",
        help="compare the stories the corpus was generated as (default), or those grouping found",
    )
    parser.add_argument("--write", type=Path, help="Markdown file to write the results into")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.batch_size < 1:
        parser.error("--articles and --batch-size must be positive")
    results = run(args.articles, args.batch_size, args.seed, args.compare_on)
    print_results(results)
    if args.write:
        write_section(args.write, markdown(results, args.batch_size))
        print(f"wrote {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
