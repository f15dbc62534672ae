"""The accuracy gate: no gated score may fall below its pinned floor (bench/baseline.json).

Lowering a floor needs `python bench/gate.py --update --allow-lower` and a commit that says why.
"""

from __future__ import annotations

import pytest
from bench import gate

from tests.helpers import SHARED


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    return gate.measure()


def test_gate_no_score_below_its_floor(scores: dict[str, float]) -> None:
    assert gate.compare(scores, gate.load_floors()) == []


def test_gate_every_floor_is_measured(scores: dict[str, float]) -> None:
    floors = gate.load_floors()
    missing = [name for name in floors if name not in scores]
    if (
        missing
        and all(name.startswith(("newsquant.", "stories.")) for name in missing)
        and not (SHARED / "data").is_dir()
    ):
        pytest.skip("../shared/data is absent: the NewsQuant and story-clustering floors are not checked")
    assert missing == []


def test_gate_refuses_to_lower_a_floor_without_the_flag(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"floors": {"times.accuracy": 90.0}}')
    monkeypatch.setattr(gate, "BASELINE", baseline)
    assert gate.update({"times.accuracy": 80.0}, allow_lower=False) != []
    assert '"times.accuracy": 90.0' in baseline.read_text()
    assert gate.update({"times.accuracy": 80.0}, allow_lower=True) == []
    assert '"times.accuracy": 80.0' in baseline.read_text()
