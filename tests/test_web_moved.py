"""An old story id (the story gained an article since) leads on to the story, in pages and API."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.test_api import FINAL, QUAKE, add, article
from triangulate import api
from triangulate.analyze import load_nlp
from triangulate.cluster import story_id
from triangulate.store import Store
from triangulate.web import WebConfig, create_app


def test_web_old_story_id_redirects_to_the_grown_story(tmp_path: Path) -> None:
    db, nlp = tmp_path / "t.db", load_nlp()
    with Store(db) as store:
        add(store, article("q1", QUAKE[0], 2), article("f1", FINAL[0], 7))
        api.refresh(store, nlp=nlp)
        add(store, article("q2", QUAKE[1], 2))
        api.refresh(store, nlp=nlp)
        old, new = story_id(["q1"]), story_id(["q1", "q2"])
        assert store.current_story_id(old) == new
        assert store.current_story_id(new) == new
        assert store.current_story_id("0" * 12) is None
    with TestClient(create_app(db, config=WebConfig(analysis_process=False))) as client:
        page = client.get(f"/stories/{old}", follow_redirects=False)
        assert page.status_code == 308 and page.headers["location"].endswith(f"/stories/{new}")
        assert client.get(f"/stories/{old}").status_code == 200
        data = client.get(f"/api/v1/stories/{old}", follow_redirects=False)
        assert data.status_code == 308 and data.headers["location"].endswith(f"/api/v1/stories/{new}")
        assert client.get("/stories/000000000000").status_code == 404
