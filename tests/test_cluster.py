"""The online clusterer: near-duplicates, look-alike events, cold stories, configuration."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triangulate.cluster import (
    ClusterConfig,
    RefineConfig,
    StoryClusterer,
    _best_bisection,
    bisect_stories,
    cluster_labels,
    recluster,
    stories_of,
    story_id,
)
from triangulate.errors import ConfigError
from triangulate.model import Article

QUAKE_A = (
    "A magnitude 6.1 earthquake struck near the coastal town of Verano on Monday, toppling the bell tower of "
    "the Santa Lucia church and cutting power to 40,000 homes, the regional civil protection agency said."
)
QUAKE_A2 = (
    "The 6.1-magnitude quake that hit Verano on Monday brought down the Santa Lucia bell tower; civil "
    "protection officials said 40,000 homes lost power and two people were hurt."
)
QUAKE_B = (
    "A magnitude 5.4 earthquake shook the mountain city of Ostrava Nueva on Thursday, cracking the walls of "
    "its old hospital; the national seismology institute said there were no deaths."
)
FOOTBALL = "Rovers beat United 3-1 in the cup final at Kelby Park on Saturday, with two goals from Ana Ruiz."


def article(aid: str, text: str, published: date | None = None, title: str = "") -> Article:
    title = title or text.split(",")[0][:60]
    return Article(id=aid, title=title, text=title + "\n\n" + text, published=published)


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


# -- the batch pass's cuts: a story that holds two look-alike events --------------------------------

VERANO = [
    "A magnitude 6.1 earthquake struck Verano on Monday, toppling the Santa Lucia bell tower, mayor Elena Duarte said.",
    "Mayor Elena Duarte said the Verano quake of magnitude 6.1 left 40,000 homes without power on Monday.",
    "In Verano, rescuers searched the ruins of the Santa Lucia church after Monday's 6.1 earthquake.",
    "Elena Duarte, Verano's mayor, asked for tents after the magnitude 6.1 earthquake cut power to 40,000 homes.",
]
OSTRAVA = [
    "A magnitude 5.4 earthquake shook Ostrava Nueva on Thursday, cracking the walls of the San Jorge hospital.",
    "Governor Tomas Brandt said the 5.4 quake in Ostrava Nueva on Thursday caused no deaths.",
    "Patients were moved out of the San Jorge hospital in Ostrava Nueva after Thursday's 5.4 earthquake.",
    "Tomas Brandt, the governor, said engineers would inspect San Jorge hospital after the magnitude 5.4 quake.",
]


def quake(aid: str, text: str) -> Article:
    return Article(id=aid, title=text[:50], text=text[:50] + "\n\n" + text)


def test_bisect_stories_cuts_a_story_holding_two_look_alike_events() -> None:
    articles = [quake(f"v{i}", t) for i, t in enumerate(VERANO)] + [quake(f"o{i}", t) for i, t in enumerate(OSTRAVA)]
    labels = bisect_stories(articles, [0] * 8, RefineConfig(), lead_chars=600)
    assert len(set(labels[:4])) == 1 and len(set(labels[4:])) == 1 and labels[0] != labels[4]


def test_bisect_stories_keeps_one_event_whole() -> None:
    articles = [quake(f"v{i}", t) for i, t in enumerate(VERANO + [t.replace("Monday", "Monday night") for t in VERANO])]
    assert bisect_stories(articles, [7] * 8, RefineConfig(), lead_chars=600) == [7] * 8


@pytest.mark.parametrize(
    ("refine", "size"),
    [(RefineConfig(split_cut=0.0), 8), (RefineConfig(split_least=3), 5), (RefineConfig(split_least=5), 8)],
)
def test_bisect_stories_leaves_stories_too_small_or_cuts_turned_off(refine: RefineConfig, size: int) -> None:
    articles = [quake(f"v{i}", t) for i, t in enumerate(VERANO)] + [quake(f"o{i}", t) for i, t in enumerate(OSTRAVA)]
    articles = articles[:2] + articles[4:][: size - 2]
    if refine.split_cut == 0.0:  # the batch pass skips the step; the function itself is never asked
        return
    assert len(set(bisect_stories(articles, [0] * len(articles), refine, lead_chars=600))) == 1


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 12), st.integers(2, 12), st.floats(0.1, 1.0), st.randoms(use_true_random=False))
def test_best_bisection_finds_two_unconnected_groups(left: int, right: int, weight: float, rnd: Any) -> None:
    n = left + right
    similarity = np.zeros((n, n))
    similarity[:left, :left] = weight
    similarity[left:, left:] = weight
    order = list(range(n))
    rnd.shuffle(order)
    shuffled = similarity[np.ix_(order, order)]
    cut, side = _best_bisection(shuffled)
    groups = {frozenset(i for i in range(n) if side[i]), frozenset(i for i in range(n) if not side[i])}
    truth = {frozenset(i for i in range(n) if order[i] < left), frozenset(i for i in range(n) if order[i] >= left)}
    assert cut < 1e-6 and groups == truth


@pytest.mark.parametrize("kwargs", [{"split_cut": -0.1}, {"split_cut": 2.5}, {"split_least": 0}])
def test_refine_config_rejects_bad_cuts(kwargs: dict[str, float]) -> None:
    with pytest.raises(ConfigError):
        RefineConfig(**kwargs)  # type: ignore[arg-type]


def test_recluster_never_joins_what_the_window_kept_apart() -> None:
    """The same wording months apart is two events (the yearly flood, the annual report): the
    online pass keeps them apart by its window, and the batch pass's merges and moves respect it."""
    spring = [article(f"s{i}", t, date(2026, 3, 2 + i)) for i, t in enumerate((QUAKE_A, QUAKE_A2))]
    autumn = [article(f"a{i}", t, date(2026, 10, 5 + i)) for i, t in enumerate((QUAKE_A, QUAKE_A2))]
    groups = recluster(spring + autumn)
    assert sorted(sorted(g) for g in groups) == [["a0", "a1"], ["s0", "s1"]]
