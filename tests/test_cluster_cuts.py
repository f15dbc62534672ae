"""The batch pass's cuts: a story that holds two look-alike events becomes two."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triangulate.cluster import RefineConfig, bisect_stories
from triangulate.cluster.cuts import _best_bisection
from triangulate.errors import ConfigError
from triangulate.model import Article

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
    ("refine", "ostrava"),
    [
        (RefineConfig(split_cut=0.0), 4),  # cuts turned off
        (RefineConfig(), 3),  # 7 articles: fewer than 4 on each side of any cut
        (RefineConfig(split_least=5), 4),  # 8 articles, 5 asked for on each side
    ],
)
def test_bisect_stories_leaves_stories_too_small_or_cuts_turned_off(refine: RefineConfig, ostrava: int) -> None:
    articles = [quake(f"v{i}", t) for i, t in enumerate(VERANO)] + [
        quake(f"o{i}", t) for i, t in enumerate(OSTRAVA[:ostrava])
    ]
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
