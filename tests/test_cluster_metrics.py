from __future__ import annotations

import math

import pytest
from bench.cluster_metrics import ari, bcubed, nmi, pairwise
from hypothesis import given
from hypothesis import strategies as st

GOLD6 = ["a", "a", "a", "b", "b", "c"]
LN3, LN6 = math.log(3), math.log(6)

# (name, gold, pred, B3 (P, R, F1), pairwise (P, R, F1), ARI, NMI arithmetic, NMI geometric), all by hand.
CASES = [
    ("perfect", GOLD6, [7, 7, 7, 8, 8, 9], (1, 1, 1), (1, 1, 1), 1.0, 1.0, 1.0),
    # one cluster: B3 P = (3*3/6 + 2*2/6 + 1/6) / 6 = 14/36; 4 of 15 pairs right.
    ("all in one", GOLD6, [0] * 6, (7 / 18, 1, 14 / 25), (4 / 15, 1, 8 / 19), 0.0, 0.0, 0.0),
    # singletons: B3 R = (3 * 1/3 + 2 * 1/2 + 1) / 6; no pair claimed (P = 1 by convention), none found.
    ("singletons", GOLD6, list(range(6)), (1, 0.5, 2 / 3), (1, 0, 0), 0.0, None, None),  # NMI: closed form below
    # pred {1,2,3,4} {5,6}: per-item P = 3/4,3/4,3/4,1/4,1/2,1/2 -> 7/12; R = 1,1,1,1/2,1/2,1 -> 5/6.
    # pairs: gold 3+1 = 4, pred 6+1 = 7, together in both 3. ARI = (3 - 28/15) / (11/2 - 28/15) = 34/109.
    ("six items", GOLD6, [1, 1, 1, 1, 2, 2], (7 / 12, 5 / 6, 35 / 51), (3 / 7, 3 / 4, 6 / 11), 34 / 109, None, None),
    # scikit-learn's documented examples: ARI 0.57 (= 4/7), NMI = ln2 / mean(ln2, 1.5 ln2).
    ("sklearn split", [0, 0, 1, 1], [0, 0, 1, 2], (1, 0.75, 6 / 7), (1, 0.5, 2 / 3), 4 / 7, 0.8, 1 / math.sqrt(1.5)),
    ("sklearn crossed", [0, 0, 1, 1], [0, 1, 0, 1], (0.5, 0.5, 0.5), (0, 0, 0), -0.5, 0.0, 0.0),
]


@pytest.mark.parametrize(
    ("name", "gold", "pred", "b3", "pw", "ari_", "nmi_a", "nmi_g"), CASES, ids=[c[0] for c in CASES]
)
def test_metrics_by_hand(
    name: str,
    gold: list[object],
    pred: list[object],
    b3: tuple[float, float, float],
    pw: tuple[float, float, float],
    ari_: float,
    nmi_a: float | None,
    nmi_g: float | None,
) -> None:
    assert bcubed(gold, pred) == pytest.approx(b3)
    assert pairwise(gold, pred) == pytest.approx(pw)
    assert ari(gold, pred) == pytest.approx(ari_)
    if nmi_a is not None:
        assert nmi(gold, pred) == pytest.approx(nmi_a)
    if nmi_g is not None:
        assert nmi(gold, pred, "geometric") == pytest.approx(nmi_g)


def test_singletons_nmi_in_closed_form() -> None:
    h = -(0.5 * math.log(0.5) + 1 / 3 * math.log(1 / 3) + 1 / 6 * math.log(1 / 6))  # H(gold), I = H(gold)
    assert nmi(GOLD6, range(6)) == pytest.approx(2 * h / (h + LN6))
    assert nmi(GOLD6, range(6), "geometric") == pytest.approx(math.sqrt(h / LN6))
    assert nmi(["x", "x", "y", "y", "z", "z"], range(6)) == pytest.approx(2 * LN3 / (LN3 + LN6))


def test_trivial_partitions() -> None:
    for fn in (ari, nmi):
        assert fn([1, 1, 1], ["a", "a", "a"]) == 1.0
        assert fn([1, 2, 3], ["a", "b", "c"]) == 1.0
    assert ari([5], [6]) == 1.0
    assert bcubed([5], [6]) == (1.0, 1.0, 1.0)
    assert pairwise([1, 2, 3], ["a", "b", "c"]) == (1.0, 1.0, 1.0)


def test_bad_input() -> None:
    with pytest.raises(ValueError):
        bcubed([1, 2], [1])
    with pytest.raises(ValueError):
        ari([], [])
    with pytest.raises(ValueError):
        nmi([1], [1], "harmonic")  # type: ignore[arg-type]


labellings = st.integers(1, 40).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 6), min_size=n, max_size=n), st.lists(st.integers(0, 9), min_size=n, max_size=n)
    )
)


@given(labellings)
def test_metric_ranges_and_symmetry(pair: tuple[list[int], list[int]]) -> None:
    gold, pred = pair
    b3, b3_swapped = bcubed(gold, pred), bcubed(pred, gold)
    pw, pw_swapped = pairwise(gold, pred), pairwise(pred, gold)
    for value in (*b3, *pw, nmi(gold, pred), nmi(gold, pred, "geometric")):
        assert 0.0 <= value <= 1.0 + 1e-12
    assert -1.0 <= ari(gold, pred) <= 1.0 + 1e-12
    assert b3_swapped[:2] == pytest.approx(b3[1::-1]) and b3_swapped[2] == pytest.approx(b3[2])
    assert pw_swapped[:2] == pytest.approx(pw[1::-1]) and pw_swapped[2] == pytest.approx(pw[2])
    assert ari(pred, gold) == pytest.approx(ari(gold, pred))
    for average in ("arithmetic", "geometric"):
        assert nmi(pred, gold, average) == pytest.approx(nmi(gold, pred, average))


@given(labellings)
def test_metrics_ignore_label_names(pair: tuple[list[int], list[int]]) -> None:
    gold, pred = pair
    renamed = [f"story-{p * 7 % 11}" for p in pred]
    assert bcubed(gold, renamed) == pytest.approx(bcubed(gold, pred))
    assert ari(gold, renamed) == pytest.approx(ari(gold, pred))
    assert nmi(gold, renamed) == pytest.approx(nmi(gold, pred))
    same = ari(gold, gold), nmi(gold, gold), bcubed(gold, gold)[2], pairwise(gold, gold)[2]
    assert same == pytest.approx((1.0, 1.0, 1.0, 1.0))
