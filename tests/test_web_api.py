"""The JSON API under /api/v1, through the ASGI test client: the example corpus, filters,
pagination, errors, limits, writes (ingest, feeds, delete) and their guards, and a
property-based run of every read endpoint against the OpenAPI document."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from tests.test_web_support import example_db
from triangulate.fetch import FetchConfig
from triangulate.web import WebConfig, create_app

SCHEMA = json.loads((Path(__file__).parent.parent / "src/triangulate/schema/report.json").read_text())
FIRE = "Harrow Ridge fire"
IN_THREAD = WebConfig(analysis_process=False)  # no analysis process to start per app
ARTICLE_TXT = b"""Source: Tarn Valley Herald
Date: 2026-05-04

Tarn Valley bridge closes after 14 cracks found

Engineers found 14 cracks in the Tarn Valley bridge on Sunday, and the county closed it to traffic on Monday.
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return example_db(tmp_path_factory.mktemp("api") / "read.db")


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as c:
        yield c


@pytest.fixture
def writable(tmp_path: Path) -> Path:
    return example_db(tmp_path / "write.db")


def wait_for(client: TestClient, job: dict[str, Any], headers: dict[str, str] | None = None) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while job["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline, job
        time.sleep(0.2)
        job = client.get(f"/api/v1/ingest/{job['id']}", headers=headers).json()
    return job


def fire_story(client: TestClient) -> dict[str, Any]:
    items = client.get("/api/v1/stories", params={"q": "Harrow"}).json()["items"]
    assert len(items) == 1
    return dict(items[0])


def test_web_api_stories_newest_first_with_counts(client: TestClient) -> None:
    page = client.get("/api/v1/stories").json()
    assert page["total"] == 2 and page["offset"] == 0
    fire = next(s for s in page["items"] if s["title"].startswith(FIRE))
    assert len(fire["articles"]) == 4 and fire["counts"]["conflict"] == 1 and fire["counts"]["update"] == 1
    assert fire["last_published"] == "2026-08-13"
    assert page["items"][0]["id"] == fire["id"]  # the newest story comes first


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({"q": "wildlife"}, [FIRE]),
        ({"q": "dairy"}, ["Halvard Foods"]),
        ({"q": "dairy wildfire"}, []),
        ({"entity": "Dunmore"}, [FIRE]),
        ({"outlet": "northgate"}, ["Halvard Foods"]),
        ({"since": "2026-08-13"}, [FIRE]),
        ({"until": "2026-08-11"}, []),
        ({"since": "2026-08-12", "until": "2026-08-12"}, [FIRE, "Halvard Foods"]),
        ({"disputed": "true"}, [FIRE]),
    ],
)
def test_web_api_stories_filters(client: TestClient, params: dict[str, str], titles: list[str]) -> None:
    items = client.get("/api/v1/stories", params=params).json()["items"]
    assert sorted(t[:12] for t in titles) == sorted(s["title"][:12] for s in items)


def test_web_api_pagination(client: TestClient) -> None:
    first = client.get("/api/v1/stories", params={"limit": 1}).json()
    second = client.get("/api/v1/stories", params={"limit": 1, "offset": 1}).json()
    assert first["total"] == second["total"] == 2
    assert len(first["items"]) == len(second["items"]) == 1
    assert first["items"][0]["id"] != second["items"][0]["id"]
    beyond = client.get("/api/v1/stories", params={"offset": 5}).json()
    assert beyond["items"] == [] and beyond["total"] == 2


def test_web_api_story_is_a_json_report_document(client: TestClient) -> None:
    doc = client.get(f"/api/v1/stories/{fire_story(client)['id']}").json()
    jsonschema.validate(doc, SCHEMA)
    findings = doc["stories"][0]["findings"]
    assert [f["relation"] for f in findings[:2]] == ["conflict", "update"]  # disputes first
    homes = findings[0]
    assert "homes" in homes["what"]
    assert sorted({m["low"] for m in homes["mentions"]}) == [210, 340]


def test_web_api_mentions_point_into_the_article_text(client: TestClient) -> None:
    findings = client.get("/api/v1/findings", params={"limit": 200}).json()["items"]
    assert findings
    texts: dict[str, str] = {}
    for finding in findings:
        for m in finding["mentions"]:
            if m["article"] not in texts:
                texts[m["article"]] = client.get(f"/api/v1/articles/{m['article']}").json()["text"]
            assert texts[m["article"]][m["start"] : m["end"]] == m["text"]


@pytest.mark.parametrize("relation", ["conflict", "update", "agree", "unique"])
def test_web_api_findings_filter_by_relation(client: TestClient, relation: str) -> None:
    items = client.get("/api/v1/findings", params={"relation": relation, "limit": 200}).json()["items"]
    assert items and {f["relation"] for f in items} == {relation}


def test_web_api_finding_by_id_names_its_story(client: TestClient) -> None:
    story = fire_story(client)
    listed = client.get("/api/v1/findings", params={"story": story["id"], "kind": "quantity"}).json()["items"]
    one = client.get(f"/api/v1/findings/{listed[0]['id']}").json()
    assert one == listed[0] and one["story"] == story["id"] and one["kind"] == "quantity"


def test_web_api_article_detail(client: TestClient) -> None:
    items = client.get("/api/v1/articles", params={"source": "Harbour"}).json()["items"]
    assert [a["source"] for a in items] == ["The Harbour Post"]
    detail = client.get(f"/api/v1/articles/{items[0]['id']}").json()
    assert detail["analysed"] and detail["story"] == fire_story(client)["id"]
    start, end = detail["sentences"][0]
    assert detail["text"][start:end] == detail["title"]


def test_web_api_search_finds_stories_and_articles(client: TestClient) -> None:
    found = client.get("/api/v1/search", params={"q": "Calder Basin"}).json()
    assert [s["title"][:17] for s in found["stories"]] == [FIRE]
    assert len(found["articles"]) >= 2 and all("calder basin" in a["title"].lower() for a in found["articles"])


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/stories/nope", 404),
        ("/api/v1/articles/nope", 404),
        ("/api/v1/findings/nope", 404),
        ("/api/v1/ingest/nope", 404),
        ("/api/v1/stories?limit=0", 422),
        ("/api/v1/stories?limit=10000", 422),
        ("/api/v1/stories?offset=-1", 422),
        ("/api/v1/stories?since=yesterday", 422),
        ("/api/v1/findings?relation=maybe", 422),
        ("/api/v1/search", 422),
        ("/api/v1/nothing-here", 404),
    ],
)
def test_web_api_errors_are_json(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert body["error"]["status"] == status and body["error"]["message"]


def test_web_api_sends_a_strict_content_security_policy(client: TestClient) -> None:
    headers = client.get("/api/v1/stories").headers
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert client.get("/docs").status_code == 404  # the interactive docs would load a CDN


def test_web_api_openapi_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/stories",
        "/api/v1/stories/{story_id}",
        "/api/v1/articles",
        "/api/v1/findings",
        "/api/v1/search",
        "/api/v1/ingest",
    ):
        assert path in paths


def test_web_api_ingest_runs_in_the_background(writable: Path) -> None:
    with TestClient(create_app(writable)) as client:
        response = client.post("/api/v1/ingest", files=[("files", ("../../bridge.txt", ARTICLE_TXT, "text/plain"))])
        assert response.status_code == 202
        job = wait_for(client, response.json())
        assert job["state"] == "done", job
        assert job["articles"] == {"new": 1, "duplicate": 0, "failed": 0, "analysed": 1}
        assert job["items"][0]["ref"].endswith("/bridge.txt") and ".." not in job["items"][0]["ref"]
        found = client.get("/api/v1/stories", params={"q": "Tarn bridge"}).json()["items"]
        assert [s["title"] for s in found] == ["Tarn Valley bridge closes after 14 cracks found"]
        again = wait_for(client, client.post("/api/v1/ingest", files=[("files", ("b.txt", ARTICLE_TXT))]).json())
        assert again["articles"]["duplicate"] == 1 and again["articles"]["new"] == 0


def test_web_api_ingest_pasted_text_and_a_bad_file(writable: Path) -> None:
    with TestClient(create_app(writable, config=IN_THREAD)) as client:
        form = {
            "title": "Harbour dredging to start in June",
            "text": "The port said 2 dredgers would arrive.",
            "source": "Quay Times",
            "published": "2026-05-01",
        }
        response = client.post(
            "/api/v1/ingest", data=form, files=[("files", ("broken.json", b"{not json", "application/json"))]
        )
        job = wait_for(client, response.json())
        statuses = sorted(i["status"] for i in job["items"])
        assert statuses == ["failed", "new"]
        article = next(a for a in client.get("/api/v1/articles").json()["items"] if a["source"] == "Quay Times")
        assert article["title"] == "Harbour dredging to start in June" and article["published"] == "2026-05-01"


def test_web_api_ingest_needs_something(client: TestClient) -> None:
    response = client.post("/api/v1/ingest", data={"text": "   "})
    assert response.status_code == 400 and "nothing to ingest" in response.json()["error"]["message"]


def test_web_api_refuses_large_bodies(writable: Path) -> None:
    with TestClient(create_app(writable, config=WebConfig(max_body_bytes=2000))) as client:
        response = client.post("/api/v1/ingest", files=[("files", ("big.txt", b"x" * 5000))])
        assert response.status_code == 413 and response.json()["error"]["status"] == 413
        assert client.get("/api/v1/stories").status_code == 200


def test_web_api_writes_need_the_token_when_one_is_set(writable: Path) -> None:
    with TestClient(create_app(writable, token="s3cret-token", config=IN_THREAD)) as client:
        files = [("files", ("bridge.txt", ARTICLE_TXT))]
        assert client.post("/api/v1/ingest", files=files).status_code == 401
        assert client.post("/api/v1/ingest", files=files, headers={"X-Triangulate-Token": "wrong"}).status_code == 401
        ok = client.post("/api/v1/ingest", files=files, headers={"Authorization": "Bearer s3cret-token"})
        assert ok.status_code == 202
        assert client.get("/api/v1/stories").status_code == 200  # reads stay open


def test_web_api_refuses_cross_origin_writes(client: TestClient) -> None:
    response = client.post(
        "/api/v1/ingest", files=[("files", ("a.txt", ARTICLE_TXT))], headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403


def test_web_api_delete_regroups_the_stories(writable: Path) -> None:
    with TestClient(create_app(writable, token="t0ken", config=IN_THREAD)) as client:
        headers = {"X-Triangulate-Token": "t0ken"}
        victim = client.get("/api/v1/articles", params={"source": "Greenline"}).json()["items"][0]["id"]
        assert client.delete(f"/api/v1/articles/{victim}").status_code == 401
        job = wait_for(client, client.delete(f"/api/v1/articles/{victim}", headers=headers).json())
        assert job["state"] == "done", job
        assert client.get(f"/api/v1/articles/{victim}").status_code == 404
        fire = fire_story(client)
        assert len(fire["articles"]) == 3 and fire["counts"]["update"] == 0  # the later toll went with it
        assert client.delete("/api/v1/articles/nope", headers=headers).status_code == 404


class _FeedHandler(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: Any) -> None:
        pass


FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Quay Times</title>
<item><title>Ferry strike called off after 11-hour talks</title><link>https://quay.example/ferry</link>
<pubDate>Mon, 04 May 2026 09:00:00 GMT</pubDate>
<description>The ferry union called off the strike on Monday after 11 hours of talks with the operator.</description></item>
</channel></rss>"""


@pytest.fixture
def feed_server() -> Iterator[str]:
    _FeedHandler.body = FEED
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/feed.rss"
    server.shutdown()


def test_web_api_feed_url_is_fetched_and_ingested(writable: Path, feed_server: str) -> None:
    config = WebConfig(fetch=FetchConfig(allow_private=True), analysis_process=False)
    with TestClient(create_app(writable, config=config)) as client:
        job = wait_for(client, client.post("/api/v1/feeds", json={"url": feed_server}).json())
        assert job["kind"] == "feed" and job["state"] == "done", job
        assert [i["title"] for i in job["items"]] == ["Ferry strike called off after 11-hour talks"]


def test_web_api_feed_url_on_a_private_address_is_refused(writable: Path, feed_server: str) -> None:
    with TestClient(create_app(writable, config=IN_THREAD)) as client:
        job = wait_for(client, client.post("/api/v1/feeds", json={"url": feed_server}).json())
        assert job["state"] == "failed" and ("127.0.0.1" in job["message"] or "private" in job["message"]), job
        assert client.post("/api/v1/feeds", json={"url": "file:///etc/passwd"}).status_code == 400


# Every read endpoint, with generated parameters, must answer within its documented responses
# and schemas: no 500, no undocumented status, no body that breaks its schema.
_schema_app = None


def _app_for_schema() -> Any:
    global _schema_app
    if _schema_app is None:
        import tempfile

        _schema_app = create_app(example_db(Path(tempfile.mkdtemp(prefix="triangulate-schema-")) / "s.db"))
    return _schema_app


schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", _app_for_schema()).include(method="GET")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_web_api_schema_properties(case: schemathesis.Case) -> None:
    case.call_and_validate()


def test_web_serve_on_a_public_address_prints_a_token_and_requires_it(writable: Path) -> None:
    import os
    import socket
    import subprocess
    import sys

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = Path(sys.executable).with_name("triangulate")
    env = {k: v for k, v in os.environ.items() if k != "TRIANGULATE_TOKEN"}
    server = subprocess.Popen(
        [str(exe), "serve", "--db", str(writable), "--host", "0.0.0.0", "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        assert "token" in line
        token = line.rsplit(" ", 1)[-1].strip()
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                assert httpx.get(f"{base}/api/v1/stories").status_code == 200
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        files = {"files": ("a.txt", ARTICLE_TXT)}
        assert httpx.post(f"{base}/api/v1/ingest", files=files).status_code == 401
        assert (
            httpx.post(f"{base}/api/v1/ingest", files=files, headers={"X-Triangulate-Token": token}).status_code == 202
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
