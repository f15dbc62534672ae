"""The library API over a database: incremental refresh, batch re-clustering, stable story ids."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from triangulate import api
from triangulate.cluster import ClusterConfig, StoryClusterer, story_id
from triangulate.model import Article, Story
from triangulate.store import Store

QUAKE = [
    "A magnitude 6.1 earthquake struck near the coastal town of Verano on Monday, toppling the bell tower of the "
    "Santa Lucia church and cutting power to 40,000 homes, the regional civil protection agency said.",
    "The 6.1-magnitude quake that hit Verano on Monday brought down the Santa Lucia bell tower; civil protection "
    "officials said 40,000 homes lost power and two people were hurt.",
    "Rescuers in Verano searched the rubble of the Santa Lucia bell tower on Tuesday after Monday's 6.1 earthquake; "
    "the civil protection agency said power was back in 30,000 of the 40,000 homes.",
]
FINAL = [
    "Rovers beat United 3-1 in the cup final at Kelby Park on Saturday, with two goals from Ana Ruiz, the club said.",
    "Ana Ruiz scored twice as Rovers won the cup final 3-1 against United at Kelby Park on Saturday.",
]


def article(aid: str, text: str, day: int) -> Article:
    title = text.split(",")[0][:70]
    return Article(id=aid, title=title, text=title + "\n\n" + text, published=date(2026, 3, day), source=aid)


def add(store: Store, *articles: Article) -> None:
    for a in articles:
        store.add_article(a)


def members(store: Store) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in store.stories()}


def test_api_refresh_extends_stories_and_leaves_the_others_alone(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "t.db"
    with Store(db) as store:
        add(store, article("q1", QUAKE[0], 2), article("q2", QUAKE[1], 2), article("f1", FINAL[0], 7))
        first = api.refresh(store, nlp=nlp)
        assert members(store) == {frozenset({"q1", "q2"}), frozenset({"f1"})}
        assert {frozenset(r.story.article_ids) for r in first} == members(store)
        quake_findings = {f.id for f in store.findings(story_id(["q1", "q2"]))}
        assert api.refresh(store, nlp=nlp) == []  # nothing new, nothing recomputed
    with Store(db) as store:  # a later run continues from the saved state
        add(store, article("f2", FINAL[1], 7))
        changed = api.refresh(store, nlp=nlp)
        assert [r.story.article_ids for r in changed] == [("f1", "f2")]
        assert members(store) == {frozenset({"q1", "q2"}), frozenset({"f1", "f2"})}
        assert store.findings(story_id(["f1"])) == []  # the old story's findings went with it
        assert {f.id for f in store.findings(story_id(["q1", "q2"]))} == quake_findings


def test_api_refresh_matches_grouping_everything_at_once(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    everything = [article("q1", QUAKE[0], 2), article("f1", FINAL[0], 7), article("q2", QUAKE[1], 2)]
    with Store(tmp_path / "a.db") as store:
        add(store, *everything)
        api.analyze_pending(store, nlp)
        api.build_stories(store)
        at_once = members(store)
    with Store(tmp_path / "b.db") as store:
        for a in everything:
            add(store, a)
            api.refresh(store, nlp=nlp)
        assert members(store) == at_once


def test_api_recluster_keeps_ids_of_unchanged_stories_and_merges_a_split_one(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    with Store(tmp_path / "t.db") as store:
        add(store, *(article(f"q{i}", t, 2 + i // 2) for i, t in enumerate(QUAKE)), article("f1", FINAL[0], 7))
        api.refresh(store, nlp=nlp)
        before = {s.id for s in store.stories()}
        summary = api.recluster_database(store)
        assert (summary.unchanged, summary.merged, summary.split, summary.compared) == (len(before), 0, 0, 0)
        assert {s.id for s in store.stories()} == before
        # a wrong split, as an online pass could leave it: the quake in two stories
        wrong = [Story(story_id(["q0", "q1"]), "q", ("q0", "q1")), Story(story_id(["q2"]), "q", ("q2",))]
        store.update_stories(sorted(before - {story_id(["f1"])}), wrong, [])
        summary = api.recluster_database(store)
        assert (summary.merged, summary.compared) == (1, 1)
        assert members(store) == {frozenset({"q0", "q1", "q2"}), frozenset({"f1"})}
        assert store.findings(story_id(["q0", "q1", "q2"]))  # the merged story was compared


def test_api_cluster_state_survives_json_and_continues_identically() -> None:
    first = [article("q1", QUAKE[0], 2), article("f1", FINAL[0], 7)]
    later = [article("q2", QUAKE[1], 3), article("f2", FINAL[1], 8), article("q3", QUAKE[2], 4)]
    straight = StoryClusterer(ClusterConfig()).partial_fit(first)
    straight.assign_many(first)
    saved = json.loads(json.dumps(straight.state()))
    resumed = StoryClusterer.from_state(saved, ClusterConfig(), straight._embedder)
    for clusterer in (straight, resumed):
        clusterer.partial_fit(later)
        clusterer.assign_many(later)
    assert [s.article_ids for s in resumed.stories()] == [s.article_ids for s in straight.stories()]
    assert [s.id for s in resumed.stories()] == [story_id(["q1", "q2", "q3"]), story_id(["f1", "f2"])]


def test_api_refresh_after_a_deletion_shrinks_the_story(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    with Store(tmp_path / "t.db") as store:
        add(store, article("q1", QUAKE[0], 2), article("q2", QUAKE[1], 2), article("f1", FINAL[0], 7))
        api.refresh(store, nlp=nlp)
        store.delete_article("q2")
        changed = api.refresh(store, nlp=nlp)
        assert [r.story.article_ids for r in changed] == [("q1",)]
        assert members(store) == {frozenset({"q1"}), frozenset({"f1"})}
        add(store, article("q3", QUAKE[2], 3))
        api.refresh(store, nlp=nlp)
        assert members(store) == {frozenset({"q1", "q3"}), frozenset({"f1"})}


def test_api_group_and_compare_regroup_with_the_batch_pass(tmp_path: Path, nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for i, text in enumerate(QUAKE):
        (tmp_path / f"q{i}.txt").write_text(f"Quake report {i}\n\n{text}\n", encoding="utf-8")
    online = api.group([tmp_path])
    assert [len(s.article_ids) for s in online.stories] == [3]
    calls: list[int] = []

    def batch_pass(articles, cluster=None, refine=None):  # type: ignore[no-untyped-def]
        calls.append(len(articles))
        return [[a.id] for a in articles]

    monkeypatch.setattr(api, "recluster", batch_pass)
    regrouped = api.group([tmp_path], regroup=True)
    assert calls == [3] and sorted(len(s.article_ids) for s in regrouped.stories) == [1, 1, 1]
    outcome = api.compare([tmp_path], regroup=True, nlp=nlp)
    assert calls == [3, 3] and len(outcome.stories) == 3
    assert len(api.compare([tmp_path], nlp=nlp).stories) == 1 and calls == [3, 3]
