"""The online clusterer: near-duplicates, look-alike events, cold stories, configuration."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import QUAKE_A, QUAKE_A2, article
from triangulate.cluster import ClusterConfig, StoryClusterer, cluster_labels, stories_of, story_id
from triangulate.errors import ConfigError

QUAKE_B = (
    "A magnitude 5.4 earthquake shook the mountain city of Ostrava Nueva on Thursday, cracking the walls of "
    "its old hospital; the national seismology institute said there were no deaths."
)
FOOTBALL = "Rovers beat United 3-1 in the cup final at Kelby Park on Saturday, with two goals from Ana Ruiz."


def test_cluster_rewrites_of_one_event_share_a_story() -> None:
    labels = cluster_labels([article("a", QUAKE_A), article("b", QUAKE_A2), article("c", FOOTBALL)])
    assert labels[0] == labels[1] != labels[2]


def test_cluster_look_alike_events_stay_apart() -> None:
    labels = cluster_labels([article("a", QUAKE_A), article("b", QUAKE_B)])
    assert labels[0] != labels[1]


def test_cluster_near_duplicate_joins_through_minhash() -> None:
    copy = QUAKE_A.replace("on Monday", "on Monday morning")
    clusterer = StoryClusterer(ClusterConfig(threshold=1.0))  # only the near-duplicate path can join
    clusterer.fit([article("a", QUAKE_A), article("b", copy)])
    assert clusterer.assign_many([article("a", QUAKE_A), article("b", copy)]) == [0, 0]


def test_cluster_story_goes_cold_after_the_window() -> None:
    config = ClusterConfig(window_days=7)
    first = article("a", QUAKE_A, date(2026, 3, 2))
    much_later = article("b", QUAKE_A2.replace("Monday", "Tuesday"), date(2026, 6, 2))
    labels = cluster_labels([first, much_later], config)
    assert labels[0] != labels[1]


def test_cluster_story_ids_are_stable_for_the_same_members() -> None:
    articles = [article("a", QUAKE_A), article("b", QUAKE_A2)]
    assert [s.id for s in stories_of(articles)] == [s.id for s in stories_of(list(articles))]
    assert story_id(["b", "a"]) == story_id(["a", "b"])


@pytest.mark.parametrize(
    "kwargs",
    [
        {"threshold": 1.5},
        {"dense_weight": -0.1},
        {"candidates": 0},
        {"window_days": -1},
        {"lead_chars": 10},
        {"lead_margin": -0.1},
    ],
)
def test_cluster_config_rejects_bad_values(kwargs: dict[str, float]) -> None:
    with pytest.raises(ConfigError):
        ClusterConfig(**kwargs)  # type: ignore[arg-type]


def test_cluster_late_report_still_finds_its_story_within_the_lateness_allowed() -> None:
    config = ClusterConfig(window_days=7, late_days=30)
    clusterer = StoryClusterer(config)
    quake, later_event = article("a", QUAKE_A, date(2026, 3, 2)), article("f", FOOTBALL, date(2026, 3, 30))
    late_copy = article("b", QUAKE_A2, date(2026, 3, 2))
    clusterer.partial_fit([quake, later_event, late_copy])
    assert clusterer.assign_many([quake, later_event, late_copy]) == [0, 1, 0]
    too_late = StoryClusterer(ClusterConfig(window_days=7, late_days=0))
    too_late.partial_fit([quake, later_event, late_copy])
    assert too_late.assign_many([quake, later_event, late_copy]) == [0, 1, 2]


class _SameVector:
    """A model that finds every pair of texts identical, and counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: list[str]) -> object:
        import numpy as np

        self.calls += len(texts)
        return np.ones((len(texts), 4), dtype=np.float32) / 2.0


TEMPLATE = (
    "{a} and {b} signed the merger agreement in {c} after months of talks, creating one of the largest "
    "regional grocery chains; shareholders of both companies still have to approve the deal, which "
    "regulators are expected to review over the coming months, the companies said in a joint statement."
)


@pytest.mark.parametrize(("clash_names", "apart", "model_calls"), [(3, True, 0), (0, False, 2)])
def test_cluster_look_alikes_that_share_no_name_start_a_story_without_the_model(
    clash_names: int, apart: bool, model_calls: int
) -> None:
    first = article("a", TEMPLATE.format(a="Harlow Foods", b="Pinemart", c="Duluth"), title="Harlow Foods to merge")
    other = article("b", TEMPLATE.format(a="Quayside Stores", b="Brennick", c="Tacoma"), title="Brennick to merge")
    model = _SameVector()
    clusterer = StoryClusterer(ClusterConfig(clash_names=clash_names), model).fit([first, other])
    labels = clusterer.assign_many([first, other])
    assert (labels[0] != labels[1]) is apart
    assert model.calls == model_calls  # without the rule: the article's lead and the story's


@pytest.mark.parametrize(("lead_margin", "model_calls"), [(1.0, 3), (0.1, 2)])
def test_cluster_a_candidate_far_behind_on_the_cheap_score_is_not_embedded(
    lead_margin: float, model_calls: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _SameVector()
    clusterer = StoryClusterer(ClusterConfig(lead_margin=lead_margin, clash_names=0), model)
    near = article("a", TEMPLATE.format(a="Harlow Foods", b="Pinemart", c="Duluth"))
    far = article("b", QUAKE_A)
    clusterer.seed([(near, None)])  # two stories placed without the model: no vectors yet
    clusterer.seed([(far, None)])
    cheap = {0: 0.3, 1: 0.1}  # between sure_new and sure_join: the model decides
    monkeypatch.setattr(clusterer, "_candidates", lambda features, published: [0, 1])
    monkeypatch.setattr(clusterer, "_cheap_score", lambda i, features, published: cheap[i])
    rewrite = article(
        "c",
        "Harlow Foods will combine with Pinemart, the grocers announced from Duluth; the tie-up still needs "
        "approval from investors and a competition review is likely to take several months.",
    )
    assert clusterer.assign(rewrite) == 0
    assert model.calls == model_calls  # the rewrite's lead and the near story's; the far one's only without the margin
