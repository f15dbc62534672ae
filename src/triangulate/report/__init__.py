"""The report stage: render stories and findings as terminal text, Markdown, HTML or JSON."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from triangulate.api import StoryReport
from triangulate.errors import ConfigError
from triangulate.report.html import render_html
from triangulate.report.json_report import render_json, to_json_data
from triangulate.report.markdown import render_markdown
from triangulate.report.terminal import render_terminal

__all__ = ["FORMATS", "render", "to_json_data"]

FORMATS: dict[str, Callable[[Sequence[StoryReport]], str]] = {
    "terminal": render_terminal,
    "markdown": render_markdown,
    "html": render_html,
    "json": render_json,
}


def render(reports: Sequence[StoryReport], fmt: str) -> str:
    try:
        return FORMATS[fmt](reports)
    except KeyError:
        raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
