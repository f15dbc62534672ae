"""End to end in headless Chromium (Debian's package, driven by Playwright): the analyst's path
through the example corpus, an upload watched until it lands, and hostile articles that must
not run anything.

Screenshots go to a temporary folder, or to ``$TRIANGULATE_SCREENSHOTS`` when it is set
(``TRIANGULATE_SCREENSHOTS=docs/screenshots`` refreshes the ones in the docs).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from tests.test_web_support import example_db
from triangulate.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
UPLOAD = b"""Source: Tarn Valley Herald
Date: 2026-05-04

Tarn Valley bridge closes after 14 cracks found

Engineers found 14 cracks in the Tarn Valley bridge on Sunday, and the county closed it to traffic on Monday.
"""

if not os.access(CHROMIUM, os.X_OK):
    pytest.skip(
        f"browser tests need Debian's chromium at {CHROMIUM} (`apt-get install chromium chromium-driver`; make test installs it when run as root)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Server:
    """uvicorn in a thread, on a free loopback port."""

    def __init__(self, db: Path) -> None:
        self.port = _free_port()
        config = uvicorn.Config(create_app(db), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with _Server(example_db(tmp_path_factory.mktemp("browser") / "example.db")) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with _Server(example_db(tmp_path_factory.mktemp("hostile") / "hostile.db", with_hostile=True)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    yield p
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("TRIANGULATE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def verdict_of(page: Any, what: str) -> str:
    row = page.locator(
        "table.figures tbody tr", has=page.locator("td.what", has_text=re.compile(f"^{re.escape(what)}$"))
    )
    return str(row.locator("td.verdict").inner_text()).strip()


def test_web_browser_stories_story_and_verdicts(page: Any, base: str, shots: Path) -> None:
    page.goto(base + "/")
    assert page.locator("table.stories tbody tr").count() == 2
    page.screenshot(path=str(shots / "stories.png"))
    page.get_by_role("link", name=re.compile("^Harrow Ridge fire")).click()
    page.wait_for_selector("table.figures")
    assert verdict_of(page, "destroyed: homes") == "conflict"
    assert verdict_of(page, "dead: people, toll") == "update"
    assert verdict_of(page, "area: forest (since Sunday)") == "compatible"
    assert verdict_of(page, "money: recovery package (Tuesday)") == "compatible"
    assert page.locator("svg.chart").count() == 3
    page.screenshot(path=str(shots / "story.png"))
    page.locator("#disputed").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "story-charts.png"))


def test_web_browser_finding_leads_to_its_highlighted_sentence(page: Any, base: str, shots: Path) -> None:
    page.goto(base + "/?q=Harrow")
    page.locator("a.story-title").first.click()
    link = page.locator("table.figures tr.row-conflict td.value a").first
    value = link.inner_text()
    link.click()
    page.wait_for_selector(".sentence.focus")
    target = page.evaluate(
        "() => { const t = document.querySelector(':target'); return t && [t.tagName, t.innerText, !!t.closest('.sentence.focus')]; }"
    )
    assert target is not None and target[0] == "MARK" and value in target[1] and target[2]
    assert "conflict" in page.locator(".focusnote").inner_text()
    page.screenshot(path=str(shots / "article.png"))


def test_web_browser_side_by_side_lights_up_the_partner_claim(page: Any, base: str, shots: Path) -> None:
    page.goto(base + "/?q=Harrow")
    page.locator("a.story-title").first.click()
    left = page.locator(".side-by-side article").nth(0).locator("mark[data-finding]").first
    finding = left.get_attribute("data-finding")
    left.scroll_into_view_if_needed()
    left.hover()
    partner = page.locator(".side-by-side article").nth(1).locator(f'mark[data-finding="{finding}"]')
    assert "hot" in (partner.get_attribute("class") or "")
    page.screenshot(path=str(shots / "side-by-side.png"))


def test_web_browser_upload_appears_with_progress(page: Any, base: str, shots: Path) -> None:
    page.goto(base + "/ingest")
    page.set_input_files("#files", files=[{"name": "bridge.txt", "mimeType": "text/plain", "buffer": UPLOAD}])
    page.screenshot(path=str(shots / "ingest.png"))
    page.locator("#upload-form button").click()
    page.wait_for_url(re.compile(r"/ingest/jobs/\w+$"))
    page.wait_for_selector('#job[data-state="done"]', timeout=120_000)
    assert page.locator("#analysed-count").inner_text() == "1 / 1"
    assert "Tarn Valley bridge closes" in page.locator("#job-items").inner_text()
    page.screenshot(path=str(shots / "job.png"))
    page.locator("#job-done a").click()
    page.get_by_role("link", name="Tarn Valley bridge closes after 14 cracks found").wait_for()


def test_web_browser_hostile_articles_run_nothing(page: Any, hostile_base: str, shots: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_base + "/?q=Ostmere")
    visited = []
    for link in page.locator("a.story-title").all():
        visited.append(link.get_attribute("href"))
    assert visited
    for href in visited:
        page.goto(hostile_base + href)
        assert page.evaluate("() => window.__pwned") is None
        for article in page.locator("table.sources td a:not(.external)").all():
            visited.append(article.get_attribute("href"))
    for href in visited:
        page.goto(hostile_base + href)
        for mark in page.locator("mark a").all()[:3]:
            mark.click()
            page.go_back()
        assert page.evaluate("() => window.__pwned") is None, href
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), f"{href} overflows"
    hostile = next(h for h in visited if h.startswith("/articles/") and "<script>" in _title(page, hostile_base + h))
    page.goto(hostile_base + hostile)
    assert page.locator("a[href^='javascript:']").count() == 0
    assert "<img src=x" in page.locator(".meta").inner_text()  # shown as text, not markup
    page.screenshot(path=str(shots / "hostile.png"))
    assert dialogs == []


def _title(page: Any, url: str) -> str:
    page.goto(url)
    return str(page.locator("h1").inner_text())
