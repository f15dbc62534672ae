"""What the web tests share (the example database, built once per test session, and hostile
articles), and tests of the web package's small pure helpers."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from tests.helpers import EXAMPLES
from triangulate import api
from triangulate.model import Finding, Mention, Relation
from triangulate.store import Store
from triangulate.web import charts
from triangulate.web.api_routes import pasted_article
from triangulate.web.jobs import safe_label
from triangulate.web.pageviews import safe_url

HOSTILE_TITLE = 'Flood <script>window.__pwned = "title"</script> warning \u202eevil\u202c for Ostmere'
HOSTILE = f"""Source: <img src=x onerror="window.__pwned='source'">Ostmere Gazette
Date: 2026-03-02
URL: javascript:window.__pwned='url'

{HOSTILE_TITLE}

The river at Ostmere rose 3 metres on Monday and 400 homes were evacuated, the council said. <script>window.__pwned = "body"</script> <a href="javascript:window.__pwned='link'">read more</a> <svg onload="window.__pwned='svg'"></svg>

Officials said {"A" * 3000} was the longest word anyone had seen, {"and the water kept rising " * 150}.
"""
HOSTILE_TWIN = """Source: Ostmere Evening Star
Date: 2026-03-03

Ostmere flood: 450 homes evacuated as river rises 3 metres

The river at Ostmere rose 3 metres on Monday and 450 homes were evacuated, the mayor said on Tuesday.
"""


@cache
def _built(with_hostile: bool) -> Path:
    """The example corpus (and, if asked, two hostile reports of a flood), ingested and
    analysed once per session; tests get copies."""
    folder = Path(tempfile.mkdtemp(prefix="triangulate-web-"))
    inputs = [EXAMPLES / "story", EXAMPLES / "other"]
    if with_hostile:
        for name, text in (("hostile.txt", HOSTILE), ("twin.txt", HOSTILE_TWIN)):
            (folder / name).write_text(text, encoding="utf-8")
            inputs.append(folder / name)
    db = folder / "example.db"
    with Store(db) as store:
        api.ingest(inputs, store)
        api.refresh(store)
    return db


def example_db(target: Path, with_hostile: bool = False) -> Path:
    """A private copy of the built example database at ``target``."""
    source = _built(with_hostile)
    with Store(source):  # folds the write-ahead log into the main file before copying
        pass
    shutil.copyfile(source, target)
    return target


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/a", "https://news.example/a"),
        ("HTTP://news.example/a", "HTTP://news.example/a"),
        ("javascript:alert(1)", ""),
        (" javascript:alert(1)", ""),
        ("data:text/html,hi", ""),
        ("", ""),
    ],
)
def test_web_safe_url_links_only_web_addresses(url: str, expected: str) -> None:
    assert safe_url(url) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("report.txt", "report.txt"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\feed.xml", "feed.xml"),
        ("a b<c>.md", "a_b_c_.md"),
        ("...", "fallback"),
        ("", "fallback"),
    ],
)
def test_web_safe_label_keeps_only_a_harmless_base_name(name: str, expected: str) -> None:
    assert safe_label(name, "fallback") == expected


def test_web_pasted_article_header_fields_cannot_inject_lines() -> None:
    text = pasted_article("Head\nSource: forged", "Body text.", "Real\nDate: 1999-01-01", "2026-01-02", "")
    lines = text.splitlines()
    assert lines[:2] == ["Source: Real Date: 1999-01-01", "Date: 2026-01-02"]
    assert "Head Source: forged" in lines


def test_web_pasted_article_without_title_uses_the_first_line() -> None:
    text = pasted_article("", "First line\n\nThe body.", "", "", "")
    assert text.split("\n\n")[0].strip() == "First line"


@pytest.mark.parametrize(
    ("value", "text"), [(12400, "12.4k"), (1.2e9, "1.2bn"), (3, "3"), (0.5, "0.5"), (2.6e6, "2.6m")]
)
def test_web_format_value_is_short(value: float, text: str) -> None:
    assert charts.format_value(value) == text


def _mention(article: str, low: float, high: float | None) -> Mention:
    return Mention(f"c-{article}-{low}", article, 1, str(low), 0, 1, low, high)


def test_web_figure_chart_places_values_on_the_value_axis() -> None:
    from triangulate.model import Article

    articles = (
        Article("a1", "t", "x", "One", date(2026, 1, 1)),
        Article("a2", "t", "x", "Two", date(2026, 1, 3)),
    )
    finding = Finding("f", "s", Relation.CONFLICT, "dead", "why", (_mention("a1", 10, 10), _mention("a2", 40, 50)))
    chart = charts.figure_chart(finding, articles)
    assert chart is not None
    by_article = {d.href.split("/")[2].split("#")[0]: d for d in chart.dots}
    assert by_article["a1"].y > by_article["a2"].y  # the smaller value is lower on the page
    assert by_article["a1"].x < by_article["a2"].x  # the earlier report is further left
    assert by_article["a2"].y2 is not None and by_article["a2"].y2 < by_article["a2"].y  # a range is a bar up to high
    assert chart.top <= min(d.y for d in chart.dots) and max(d.y for d in chart.dots) <= chart.bottom


def test_web_figure_chart_needs_two_dated_values() -> None:
    from triangulate.model import Article

    articles = (Article("a1", "t", "x", "One", None), Article("a2", "t", "x", "Two", date(2026, 1, 3)))
    finding = Finding("f", "s", Relation.CONFLICT, "dead", "why", (_mention("a1", 10, 10), _mention("a2", 40, 40)))
    assert charts.figure_chart(finding, articles) is None


def test_web_article_timeline_has_a_row_per_outlet() -> None:
    from triangulate.model import Article

    articles = (
        Article("a1", "t1", "x", "One", date(2026, 1, 1)),
        Article("a2", "t2", "x", "Two", date(2026, 1, 3)),
        Article("a3", "t3", "x", "One", date(2026, 1, 4)),
    )
    chart = charts.article_timeline(articles)
    assert chart is not None
    assert [r.label for r in chart.rows] == ["One", "Two"]
    assert len(chart.dots) == 3 and chart.dots[0].y == chart.dots[2].y != chart.dots[1].y
