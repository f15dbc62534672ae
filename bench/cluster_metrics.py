"""External clustering metrics: B-cubed, NMI, ARI and pairwise P/R/F1, in pure Python + numpy.

Every metric is computed from the sparse contingency table (the counts ``n_ij`` of items with gold
label i and predicted label j, and their row and column sums), so all of them are O(n) in the
number of items, whatever the number of clusters. Definitions follow ``../shared/data/ecbplus``'s
README: B-cubed as in Bagga & Baldwin (1998) / Amigó et al. (2009); pairwise over unordered item
pairs; NMI and ARI as in scikit-learn (including its conventions for degenerate partitions).

Degenerate cases: pairwise precision is 1.0 when the prediction puts no two items together (no
pair claimed, none wrong), and recall is 1.0 when the gold has no pair; F1 is 0.0 when P + R = 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from typing import Literal

import numpy as np
from numpy.typing import NDArray

__all__ = ["ari", "bcubed", "nmi", "pairwise"]

Floats = NDArray[np.float64]


def _table(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> tuple[Floats, Floats, Floats, int]:
    """Non-zero cells ``n_ij``, the gold size and the predicted size of each cell's row/column, and n."""
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} items, pred has {len(pred)}")
    if not gold:
        raise ValueError("cannot score an empty clustering")
    cells = Counter(zip(gold, pred, strict=True))
    gold_sizes, pred_sizes = Counter(gold), Counter(pred)
    nij = np.array(list(cells.values()), dtype=np.float64)
    a = np.array([gold_sizes[g] for g, _ in cells], dtype=np.float64)
    b = np.array([pred_sizes[p] for _, p in cells], dtype=np.float64)
    return nij, a, b, len(gold)


def _sizes(labels: Sequence[Hashable]) -> Floats:
    return np.array(list(Counter(labels).values()), dtype=np.float64)


def _pairs(x: Floats) -> float:
    """Sum of C(x, 2) = x (x - 1) / 2."""
    return float(np.sum(x * (x - 1.0)) / 2.0)


def _entropy(sizes: Floats, n: int) -> float:
    p = sizes / n
    return float(-np.sum(p * np.log(p)))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def bcubed(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> tuple[float, float, float]:
    """Item-averaged B-cubed precision, recall and F1.

    P(d) = |pred(d) ∩ gold(d)| / |pred(d)|, R(d) = |pred(d) ∩ gold(d)| / |gold(d)|; the n_ij items of
    one cell share the same P and R, hence P = sum_ij n_ij^2 / |pred_j| / n.
    """
    nij, a, b, n = _table(gold, pred)
    precision = float(np.sum(nij * nij / b)) / n
    recall = float(np.sum(nij * nij / a)) / n
    return precision, recall, _f1(precision, recall)


def pairwise(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the "same cluster" decision over all unordered item pairs."""
    nij, _, _, _ = _table(gold, pred)
    both = _pairs(nij)
    pred_pairs, gold_pairs = _pairs(_sizes(pred)), _pairs(_sizes(gold))
    precision = both / pred_pairs if pred_pairs else 1.0
    recall = both / gold_pairs if gold_pairs else 1.0
    return precision, recall, _f1(precision, recall)


def ari(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """Adjusted Rand index (Hubert & Arabie 1985), in [-1, 1]; 1.0 for identical partitions."""
    nij, _, _, n = _table(gold, pred)
    index = _pairs(nij)
    sum_a, sum_b = _pairs(_sizes(gold)), _pairs(_sizes(pred))
    total = n * (n - 1) / 2.0
    if total == 0:
        return 1.0
    expected = sum_a * sum_b / total
    maximum = (sum_a + sum_b) / 2.0
    if maximum == expected:  # both partitions trivial (one cluster, or all singletons) and equal
        return 1.0
    return (index - expected) / (maximum - expected)


def nmi(
    gold: Sequence[Hashable], pred: Sequence[Hashable], average: Literal["arithmetic", "geometric"] = "arithmetic"
) -> float:
    """Mutual information normalised by the arithmetic or geometric mean of the two entropies, in [0, 1].

    ``geometric`` is I / sqrt(H(gold) H(pred)), the form MStream (Yin et al. 2018, eq. 6) reports;
    ``arithmetic`` is scikit-learn's default. As in scikit-learn, two single-cluster partitions
    score 1.0 and a partition with zero mutual information scores 0.0.
    """
    if average not in ("arithmetic", "geometric"):
        raise ValueError(f"unknown average {average!r}")
    nij, a, b, n = _table(gold, pred)
    gold_sizes, pred_sizes = _sizes(gold), _sizes(pred)
    if len(gold_sizes) == len(pred_sizes) == 1:
        return 1.0
    mi = float(np.sum(nij / n * (np.log(nij * n) - np.log(a * b))))
    if mi <= 0.0:
        return 0.0
    h_gold, h_pred = _entropy(gold_sizes, n), _entropy(pred_sizes, n)
    norm = (h_gold + h_pred) / 2.0 if average == "arithmetic" else float(np.sqrt(h_gold * h_pred))
    return min(1.0, mi / norm)
