"""The alerts in the web app: the page, the JSON list and the live stream (server-sent events)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from triangulate.store import Store
from triangulate.watch import Alert, WatchState
from triangulate.web import create_app

NOW = datetime(2026, 6, 9, 12, 0, tzinfo=UTC)
HOSTILE = "<script>alert(1)</script>"


def add_alerts(db: Path, *messages: str) -> None:
    with Store(db) as store:
        alerts = [
            Alert(f"key-{m}", "conflict", "story-1", "Quarry", m, "f1",
                  {"mentions": [{"article": "a1", "sentence": 1, "sentence_text": f"said {m}", "text": "12",
                                 "source": "North Wire", "published": "2026-05-04"}]})
            for m in messages
        ]  # fmt: skip
        WatchState(store).commit_alerts(alerts, [], [], [], NOW)


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "web.db"


@pytest.fixture()
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as c:
        yield c


def events(body: str) -> list[dict[str, object]]:
    found = []
    for block in body.split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line and not line.startswith(":"))
        if fields.get("event") == "alert":
            found.append({"id": int(fields["id"]), **json.loads(fields["data"])})
    return found


def test_watch_web_alerts_page_lists_newest_first_escaped(client: TestClient, db: Path) -> None:
    assert "No alerts yet" in client.get("/alerts").text
    add_alerts(db, "first conflict", HOSTILE)
    html = client.get("/alerts").text
    assert html.index("&lt;script&gt;alert(1)&lt;/script&gt;") < html.index("first conflict")
    assert HOSTILE not in html
    assert 'data-latest="2"' in html and "said first conflict" in html
    assert '<script src="/static/alerts.js" defer></script>' in html
    assert client.get("/static/alerts.js").status_code == 200


def test_watch_web_alerts_json_pages_by_id(client: TestClient, db: Path) -> None:
    add_alerts(db, "one", "two", "three")
    assert [a["message"] for a in client.get("/api/v1/alerts").json()] == ["one", "two", "three"]
    assert [a["id"] for a in client.get("/api/v1/alerts", params={"after": 1, "limit": 1}).json()] == [2]
    assert client.get("/api/v1/alerts", params={"after": -1}).status_code == 422


def test_watch_web_stream_sends_stored_alerts_and_resumes(client: TestClient, db: Path) -> None:
    add_alerts(db, "one", "two", "three")
    with client.stream("GET", "/alerts/stream", params={"after": 0, "limit": 2}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        body = response.read().decode()
    assert [(e["id"], e["message"]) for e in events(body)] == [(1, "one"), (2, "two")]
    with client.stream("GET", "/alerts/stream", params={"limit": 1}, headers={"Last-Event-ID": "2"}) as response:
        assert [e["message"] for e in events(response.read().decode())] == ["three"]


def test_watch_web_stream_delivers_an_alert_stored_while_listening(client: TestClient, db: Path) -> None:
    add_alerts(db, "old")
    writer = threading.Timer(0.3, add_alerts, args=(db, "fresh"))
    writer.start()
    started = time.monotonic()
    try:
        with client.stream("GET", "/alerts/stream", params={"after": 1, "limit": 1}) as response:
            body = response.read().decode()
    finally:
        writer.join()
    assert [e["message"] for e in events(body)] == ["fresh"]
    assert time.monotonic() - started < 10
