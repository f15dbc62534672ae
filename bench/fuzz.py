"""Hypothesis-driven fuzzing of every parser, of ingest, and of every regular expression.

    python bench/fuzz.py --examples 10000            # `make fuzz`; prints a Markdown table
    python bench/fuzz.py --examples 200 --only json  # one target

Each target draws inputs from a strategy aimed at its format (well-formed prefixes with random
continuations, byte soup, repeated fragments that make backtracking regexes explode) and checks
its contract: parsers raise nothing but :class:`IngestError`; ``read_inputs`` never raises and
every failure is one printable line naming the item; every call finishes within ``DEADLINE``
seconds. The test suite runs the same targets with a few examples each
(``tests/test_reliability_fuzz.py``); the totals of a full run are in docs/reliability.md.
"""

from __future__ import annotations

import argparse
import codecs
import importlib
import pkgutil
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from triangulate.analyze import MAX_SENTENCE_CHARS
from triangulate.analyze.attribution import hedge_of, strip_title
from triangulate.analyze.entities import acronyms
from triangulate.analyze.numbers import parse_number
from triangulate.analyze.quantities import find_figures
from triangulate.analyze.times import find_times
from triangulate.errors import IngestError
from triangulate.ingest import IngestConfig, read_inputs
from triangulate.ingest.article import clean_text, parse_published
from triangulate.ingest.decode import decode_text
from triangulate.ingest.feeds import read_feed
from triangulate.ingest.html import extract_html, fragment_text
from triangulate.ingest.markdown import strip_inline
from triangulate.ingest.records import read_json, read_jsonl
from triangulate.ingest.text import parse_text
from triangulate.ingest.warc import read_warc

DEADLINE = 5.0  # seconds per call: generous (a busy shared machine), it guards against blowup, not speed
MAX_CHARS = 1_000_000
REF = date(2026, 3, 9)

# Fragments that real inputs are made of, so that random concatenations reach deep code paths.
WORDS = [
    "about",
    "more than",
    "nearly",
    "up to",
    "between",
    "and",
    "or",
    "to",
    "-",
    "–",
    "$",
    "€",
    "£",
    "%",
    "per cent",
    "million",
    "bn",
    "thousands of",
    "1",
    "12",
    "1,200",
    "3.5",
    "0",
    "1,2,3,4",
    "homes",
    "people",
    "said",
    "told",
    "according to",
    "reported",
    "officials",
    "Mr",
    "Dr.",
    "Monday",
    "last week",
    "in October",
    "2026",
    "'26",
    "March 3",
    "3 March",
    "since",
    "until",
    "ago",
    "the",
    "of",
    '"',
    "“",
    "”",
    "'",
    "(",
    ")",
    "[",
    "]",
    ",",
    ".",
    ";",
    ":",
    "\n",
    "\n\n",
    " ",
    "  ",
    "*",
    "_",
    "**",
    "`",
    "#",
    ">",
    "<",
    "&",
    "&amp;",
    "<p>",
    "</p>",
    "<!--",
    "-->",
    "<a href='x'>",
    "</a>",
    "<script>",
    "</script>",
    "http://",
    "km",
    "hectares",
    "kg",
    "°C",
]
PREFIXES = [
    b"",
    b"Source: Wire\nDate: 2026-03-09\n\nHeadline\n\n",
    b"---\ntitle: T\n---\n",
    b"<html><head><title>T</title></head><body><article><p>",
    b'{"title": "t", "text": "',
    b'[{"text": "x"}, ',
    b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>t</title><description>',
    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>t</title><content type="html">',
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n",
    b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
]


def prose(max_parts: int = 60) -> st.SearchStrategy[str]:
    """Text made of news fragments and random characters."""
    part = st.one_of(st.sampled_from(WORDS), st.text(max_size=6))
    return st.lists(part, max_size=max_parts).map(" ".join)


def repeated(alphabet: str) -> st.SearchStrategy[str]:
    """A short unit repeated hundreds of times, then a tail: the shape that makes regexes backtrack."""
    unit = st.text(alphabet=alphabet, min_size=1, max_size=6)
    return st.tuples(unit, st.integers(50, 2_000), st.text(alphabet=alphabet, max_size=4)).map(
        lambda t: t[0] * t[1] + t[2]
    )


def document() -> st.SearchStrategy[bytes]:
    """A file's bytes: a format's opening, then prose, bytes or repetitions."""
    body = st.one_of(prose().map(str.encode), st.binary(max_size=600), repeated("<>&;!-[]{}\"' 0a\n").map(str.encode))
    return st.tuples(st.sampled_from(PREFIXES), body).map(lambda t: t[0] + t[1])


def _timed(call: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - start
    if elapsed > DEADLINE:
        raise AssertionError(f"took {elapsed:.2f} s (limit {DEADLINE} s)")
    return result


def _tolerating_ingest_errors(call: Callable[[], Any]) -> Any:
    try:
        return _timed(call)
    except IngestError:
        return None


def _drain(results: Iterator[Any]) -> list[Any]:
    found = list(results)
    for result in found:
        if result.article is None:
            assert result.error and "\n" not in result.error, result
    return found


@dataclass(frozen=True)
class Target:
    """One thing to fuzz: how to draw an input, and what must hold for it."""

    name: str
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], None]


def _ingest_file(data: tuple[bytes, str]) -> None:
    payload, suffix = data
    with tempfile.TemporaryDirectory(prefix="triangulate-fuzz-") as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(payload)
        results = _timed(lambda: list(read_inputs([path], IngestConfig(max_bytes=1_000_000))))
        assert results, "every input gives at least one result"
        for result in results:
            assert result.ref.startswith(str(path))
            if result.article is None:
                assert result.error and "\n" not in result.error
            else:
                assert result.article.text.startswith(result.article.title)
                result.article.text.encode("utf-8")  # storable


def _figures(text: str) -> None:
    # Analysis hands the extractors one sentence of at most MAX_SENTENCE_CHARS; find_figures is
    # quadratic in the number of figures (docs/reliability.md), so it is fuzzed at that size.
    text = text[:MAX_SENTENCE_CHARS]
    for q in _timed(lambda: find_figures(text)):
        assert text[q.start : q.end] == q.text


def _times(text: str) -> None:
    text = text[:MAX_SENTENCE_CHARS]
    for t in _timed(lambda: find_times(text, REF)):
        assert text[t.start : t.end] == t.text


def targets() -> list[Target]:
    """Every parser, extractor and ingest as a whole."""
    text = st.one_of(prose(), st.text(max_size=400), repeated("0123456789,. -$%abc\n"))
    return [
        Target("decode", st.binary(max_size=600), lambda b: _tolerating_ingest_errors(lambda: decode_text(b))),
        Target("text", document(), lambda b: _tolerating_ingest_errors(lambda: parse_text(decode_text(b)))),
        Target(
            "markdown",
            document(),
            lambda b: _tolerating_ingest_errors(lambda: parse_text(decode_text(b), markdown=True)),
        ),
        Target("markdown-inline", text, lambda s: _timed(lambda: strip_inline(s))),
        Target(
            "html",
            document(),
            lambda b: _tolerating_ingest_errors(lambda: extract_html(b, ref="f", path="f", max_chars=MAX_CHARS)),
        ),
        Target("html-fragment", text, lambda s: _timed(lambda: fragment_text(s))),
        Target("json", document(), lambda b: _tolerating_ingest_errors(lambda: _drain(read_json(b, "f", MAX_CHARS)))),
        Target("jsonl", document(), lambda b: _tolerating_ingest_errors(lambda: _drain(read_jsonl(b, "f", MAX_CHARS)))),
        Target("feed", document(), lambda b: _tolerating_ingest_errors(lambda: _drain(read_feed(b, "f", MAX_CHARS)))),
        Target("warc", document(), lambda b: _tolerating_ingest_errors(lambda: _drain(read_warc(b, "f", MAX_CHARS)))),
        Target("date", text, lambda s: _timed(lambda: parse_published(s[:200]))),
        Target("clean-text", text, lambda s: _timed(lambda: clean_text(s))),
        Target("figures", text, _figures),
        Target("times", text, _times),
        Target("numbers", text, lambda s: _timed(lambda: parse_number(s))),
        Target("hedges", text, lambda s: _timed(lambda: hedge_of(s))),
        Target("titles", text, lambda s: _timed(lambda: strip_title(s))),
        Target("acronyms", text, lambda s: _timed(lambda: acronyms(s))),
        Target(
            "ingest",
            st.tuples(
                document(),
                st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl", ".rss", ".warc", ".warc.gz", ".bin"]),
            ),
            _ingest_file,
        ),
    ]


def all_patterns() -> list[tuple[str, re.Pattern[str] | re.Pattern[bytes]]]:
    """Every compiled regular expression at module level in ingest/ and analyze/ (also inside
    tuples, lists and dicts), named ``module.NAME``."""
    found: dict[int, tuple[str, re.Pattern[Any]]] = {}
    # By name: ``triangulate.ingest`` and ``triangulate.analyze`` are also functions of the package.
    for package in map(importlib.import_module, ("triangulate.ingest", "triangulate.analyze")):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                for index, pattern in enumerate(_patterns_in(value)):
                    label = f"{info.name.rsplit('.', 1)[-1]}.{name}" + (f"[{index}]" if index else "")
                    found.setdefault(id(pattern), (label, pattern))
    return sorted(found.values(), key=lambda pair: pair[0])


def _patterns_in(value: object, depth: int = 0) -> Iterator[re.Pattern[Any]]:
    if isinstance(value, re.Pattern):
        yield value
    elif depth < 2 and isinstance(value, tuple | list | frozenset | set):
        for item in value:
            yield from _patterns_in(item, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, depth + 1)


# Patterns the code only ever applies with ``.match`` at a given position: searching with them
# over a long run of spaces is quadratic by nature, so they are fuzzed the way they are used.
ANCHORED = frozenset({"counting._INCREMENT_RE", "concepts._PARTITIVE_RE", "concepts._TIME_ADVERBIAL_RE"})


def apply_pattern(label: str, pattern: re.Pattern[Any], subject: Any) -> None:
    """Run a pattern over ``subject`` as the code does: every match, or one anchored match."""
    if label in ANCHORED:
        pattern.match(subject)
    else:
        pattern.findall(subject)


def pattern_alphabet(pattern: re.Pattern[Any]) -> str:
    """The characters a pattern mentions, plus a few that end or break a match."""
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    literal = {c for c in source if c.isprintable() and c not in "\\^$|?*+()[]{}"}
    return "".join(sorted(literal | set(" 0a.,\n")))


def pattern_target(label: str, pattern: re.Pattern[Any]) -> Target:
    alphabet = pattern_alphabet(pattern)
    strategy = st.one_of(repeated(alphabet), st.text(alphabet=alphabet, max_size=300), prose())

    def check(text: str) -> None:
        subject: Any = text.encode("utf-8", "surrogatepass") if isinstance(pattern.pattern, bytes) else text
        _timed(lambda: apply_pattern(label, pattern, subject))

    return Target(f"regex {label}", strategy, check)


@dataclass
class Outcome:
    name: str
    examples: int
    seconds: float
    failure: str = ""


def run(target: Target, examples: int) -> Outcome:
    """Fuzz one target with ``examples`` inputs (fewer when hypothesis exhausts the strategy)."""
    count = 0

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
    @given(target.strategy)
    def fuzz(value: Any) -> None:
        nonlocal count
        count += 1
        target.check(value)

    start = time.perf_counter()
    failure = ""
    try:
        fuzz()
    except Exception as exc:  # the report lists the failure; the other targets still run
        inner = getattr(exc, "exceptions", None)  # hypothesis wraps a flaky failure in a group
        cause = inner[0] if inner else exc
        failure = f"{type(cause).__name__}: {str(cause)[:300]}"
    return Outcome(target.name, count, time.perf_counter() - start, failure)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=10_000, help="examples per target")
    parser.add_argument(
        "--regex-examples", type=int, default=None, help="examples per regex (default: --examples / 10)"
    )
    parser.add_argument("--only", default="", help="run the targets whose name contains one of these (comma-separated)")
    args = parser.parse_args(argv)
    regex_examples = args.regex_examples or max(1, args.examples // 10)
    chosen = [(t, args.examples) for t in targets()]
    chosen += [(pattern_target(label, p), regex_examples) for label, p in all_patterns()]
    wanted = args.only.split(",")
    chosen = [(t, n) for t, n in chosen if any(w in t.name for w in wanted)]
    outcomes = []
    print("| target | examples | seconds | result |\n|---|---:|---:|---|")
    for target, examples in chosen:
        outcome = run(target, examples)
        outcomes.append(outcome)
        result = outcome.failure.replace("|", "\\|") if outcome.failure else "ok"
        print(f"| {outcome.name} | {outcome.examples} | {outcome.seconds:.1f} | {result} |", flush=True)
    total = sum(o.examples for o in outcomes)
    failed = [o for o in outcomes if o.failure]
    seconds = sum(o.seconds for o in outcomes)
    print(f"\n{len(outcomes)} targets, {total} examples, {len(failed)} failing, {seconds:.0f} s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
