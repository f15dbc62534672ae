from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from bench.eval_times import DATA, evaluate, load

CATEGORIES = {"absolute", "relative", "weekday", "season", "month", "span", "duration", "unresolved", "none"}
KEYS = {"id", "sentence", "ref", "expression", "start", "end", "category"}


@pytest.fixture(scope="module")
def items() -> list[dict[str, Any]]:
    return load()


def _date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def test_eval_times_data_well_formed(items: list[dict[str, Any]]) -> None:
    assert DATA.is_file()
    assert len(items) >= 160
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids))
    for item in items:
        assert set(item) == KEYS, item["id"]
        assert item["category"] in CATEGORIES, item["id"]
        ref, start, end = _date(item["ref"]), _date(item["start"]), _date(item["end"])
        assert (start is None) == (end is None), item["id"]
        if start is not None and end is not None:
            assert start <= end, item["id"]
        if item["category"] == "none":
            assert item["expression"] is None and start is None, item["id"]
        else:
            assert item["expression"] and item["expression"] in item["sentence"], item["id"]
        if item["category"] == "unresolved":
            assert ref is None and start is None, item["id"]


def test_eval_times_data_covers_categories(items: list[dict[str, Any]]) -> None:
    counts = {cat: sum(item["category"] == cat for item in items) for cat in CATEGORIES}
    assert all(counts.values()), counts
    assert counts["none"] >= 10 and counts["unresolved"] >= 15


def test_eval_times_evaluate_runs() -> None:
    result = evaluate()
    assert 0.0 <= result["accuracy"] <= 1.0
    assert result["n"] >= 160
    assert sum(row["n"] for row in result["by_category"].values()) == result["n"]
    assert all({"id", "sentence", "ref", "expected", "got"} <= set(miss) for miss in result["misses"])
