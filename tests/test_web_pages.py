"""The HTML pages through the ASGI test client: what an analyst sees on each, and that hostile
article text and metadata arrive escaped."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.test_web_support import HOSTILE_TITLE, example_db
from triangulate.web import WebConfig, create_app

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = example_db(tmp_path_factory.mktemp("pages") / "pages.db", with_hostile=True)
    with TestClient(create_app(db, config=WebConfig(page_size=2))) as c:
        yield c


def story_id(client: TestClient, words: str) -> str:
    items = client.get("/api/v1/stories", params={"q": words}).json()["items"]
    assert len(items) == 1, items
    return str(items[0]["id"])


def figure_rows(html: str) -> dict[str, str]:
    """Each figures-table row's "what" cell -> its verdict."""
    rows = re.findall(
        r'<td class="what"><bdi>(.*?)</bdi></td>.*?<td class="verdict"><span class="badge (\w+)"', html, re.S
    )
    return dict(rows)


def test_web_stories_page_lists_stories_with_dispute_counts(client: TestClient) -> None:
    html = client.get("/", params={"q": "Harrow"}).text
    assert "Harrow Ridge fire: thousands out of their homes" in html
    assert "1 conflict" in html and "1 update" in html
    assert 'class="has-conflict"' in html


def test_web_stories_page_paginates_and_keeps_the_filters(client: TestClient) -> None:
    first = client.get("/").text
    assert "page 1 of 2" in first
    assert 'href="?page=2"' in first
    filtered = client.get("/", params={"outlet": "Ostmere", "page": 1}).text
    assert "page 1 of" not in filtered  # two flood reports fit on one page


def test_web_stories_page_reports_a_bad_date(client: TestClient) -> None:
    html = client.get("/", params={"since": "last week"}).text
    assert "is not a date" in html


def test_web_story_page_shows_the_verdicts_of_the_example_corpus(client: TestClient) -> None:
    html = client.get(f"/stories/{story_id(client, 'Harrow')}").text
    verdicts = figure_rows(html)
    assert verdicts["destroyed: homes"] == "conflict"
    assert verdicts["dead: people, toll"] == "update"
    assert verdicts["displaced: residents, people"] == "compatible"
    assert list(verdicts.values())[:2] == ["conflict", "update"]  # disputes first
    for section in (
        "Reports over time",
        "Disputed figures over time",
        "Only one source reports",
        "Timeline of events",
        "Who is quoted",
        "Side by side",
    ):
        assert section in html
    assert html.count('<svg class="chart"') == 3  # the reports' timeline and the two disputed figures
    assert "Marie-Claire Dunmore" in html


def test_web_story_page_side_by_side_marks_shared_claims_in_both(client: TestClient) -> None:
    sid = story_id(client, "Harrow")
    articles = client.get(f"/api/v1/stories/{sid}").json()["stories"][0]["articles"]
    html = client.get(f"/stories/{sid}", params={"left": articles[0], "right": articles[1]}).text
    columns = html.split('class="side-by-side"')[1].split("<article")[1:]
    findings = [set(re.findall(r'data-finding="(\w+)"', c)) for c in columns]
    assert len(findings) == 2 and findings[0] == findings[1] and findings[0]


def test_web_article_page_highlights_claims_linking_to_findings(client: TestClient) -> None:
    sid = story_id(client, "Harrow")
    conflict = client.get("/api/v1/findings", params={"story": sid, "relation": "conflict"}).json()["items"][0]
    mention = conflict["mentions"][0]
    html = client.get(f"/articles/{mention['article']}", params={"finding": conflict["id"]}).text
    assert 'id="m-' in html and f'href="/stories/{sid}#f-{conflict["id"]}"' in html
    focused = re.search(r'<span class="sentence focus" id="s-(\d+)">', html)
    assert focused and int(focused.group(1)) == mention["sentence"]


def test_web_pages_404_is_a_page(client: TestClient) -> None:
    response = client.get("/stories/nope", headers=HTML)
    assert response.status_code == 404 and "no story nope" in response.text and "<html" in response.text


def test_web_hostile_article_is_escaped_everywhere(client: TestClient) -> None:
    sid = story_id(client, "Ostmere river")
    pages = [client.get("/", params={"q": "Ostmere"}).text, client.get(f"/stories/{sid}").text]
    hostile_id = next(a["id"] for a in client.get("/api/v1/articles", params={"q": "Flood"}).json()["items"])
    pages.append(client.get(f"/articles/{hostile_id}").text)
    for html in pages:
        assert "<script>window" not in html and "<img src=x" not in html and "<svg onload" not in html
        assert 'href="javascript:' not in html
        assert re.search(r"<script(?! src=\"/static/app.js\" defer></script>)", html) is None
    assert "&lt;script&gt;window.__pwned" in pages[2]
    assert HOSTILE_TITLE.split("<")[0] in pages[1]


def test_web_ingest_page_has_the_three_ways_in(client: TestClient) -> None:
    html = client.get("/ingest").text
    assert 'id="upload-form"' in html and 'id="paste-form"' in html and 'id="feed-form"' in html
    assert 'name="token"' not in html  # a loopback server without a token asks for none


def test_web_ingest_form_redirects_to_the_job_page(tmp_path: Path) -> None:
    db = example_db(tmp_path / "form.db")
    with TestClient(create_app(db, token="form-token", config=WebConfig(analysis_process=False))) as client:
        assert 'name="token"' in client.get("/ingest").text
        form = {
            "title": "Quarry blast shakes Fenwick",
            "text": "A blast at the quarry on Friday broke 12 windows.",
            "token": "form-token",
        }
        response = client.post("/ingest", data=form, follow_redirects=False)
        assert response.status_code == 303
        job_url = response.headers["location"]
        assert job_url.startswith("/ingest/jobs/")
        deadline = time.monotonic() + 120
        while 'data-state="done"' not in (page := client.get(job_url).text):
            assert time.monotonic() < deadline and 'data-state="failed"' not in page
            time.sleep(0.2)
        assert "Quarry blast shakes Fenwick" in page
        assert client.post("/ingest", data={**form, "token": "nope"}, headers=HTML).status_code == 401
