"""The batch pass (``triangulate recluster``): merges and moves keep to the online pass's window."""

from __future__ import annotations

from collections import Counter
from datetime import date

import numpy as np

from tests.helpers import QUAKE_A, QUAKE_A2, article
from triangulate.cluster import ClusterConfig, RefineConfig, recluster
from triangulate.cluster.batch import _Refiner
from triangulate.cluster.online import _Features


def test_recluster_never_joins_what_the_window_kept_apart() -> None:
    """The same wording months apart is two events (the yearly flood, the annual report): the
    online pass keeps them apart by its window, and the batch pass's merges and moves respect it."""
    spring = [article(f"s{i}", t, date(2026, 3, 2 + i)) for i, t in enumerate((QUAKE_A, QUAKE_A2))]
    autumn = [article(f"a{i}", t, date(2026, 10, 5 + i)) for i, t in enumerate((QUAKE_A, QUAKE_A2))]
    groups = recluster(spring + autumn)
    assert sorted(sorted(g) for g in groups) == [["a0", "a1"], ["s0", "s1"]]


def test_merges_do_not_chain_look_alikes_whose_ends_differ() -> None:
    """A ~ B and B ~ C clear the bar, A ~ C does not, nor does A+B ~ C: two stories, not one."""
    config = ClusterConfig(dense_weight=1.0, lexical_weight=0.0, names_weight=0.0, names_penalty=0.0, threshold=0.5)
    angles = np.radians([0.0, 30.0, 60.0])  # cos 30 = 0.87 clears 0.8; cos 45 (A+B to C) = 0.71 does not
    vectors = np.stack([np.cos(angles), np.sin(angles), np.zeros(3)], axis=1).astype(np.float32)
    features = [_Features(Counter(), frozenset({"harbour"}), frozenset(), frozenset(), False) for _ in range(3)]
    refiner = _Refiner(config, RefineConfig(merge_margin=0.3), features, vectors, [None, None, None])
    labels = refiner.merges([0, 1, 2])
    assert len(set(labels)) == 2 and labels[0] != labels[2]
