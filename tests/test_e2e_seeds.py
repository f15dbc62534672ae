"""The first acceptance test: two outlets' reports of one story, through the real CLI.

Reads ../shared/seeds (never copied into the project); skipped with a message when absent.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import SEEDS, cli_json, need_seeds


@pytest.fixture(scope="module")
def seeds_report() -> dict[str, Any]:
    need_seeds()
    return cli_json("compare", *sorted(str(p) for p in SEEDS.glob("*.txt")))


def _findings(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for story in report["stories"] for f in story["findings"]]


def _with_texts(report: dict[str, Any], *texts: str) -> dict[str, Any]:
    for finding in _findings(report):
        found = [m["text"] for m in finding["mentions"]]
        if all(any(t in x for x in found) for t in texts):
            return finding
    raise AssertionError(f"no finding has mentions {texts}")


def test_seeds_form_one_story(seeds_report: dict[str, Any]) -> None:
    assert len(seeds_report["stories"]) == 1
    assert len(seeds_report["stories"][0]["articles"]) == 2


def test_seeds_report_no_conflict(seeds_report: dict[str, Any]) -> None:
    assert [f for f in _findings(seeds_report) if f["relation"] == "conflict"] == []


def test_seeds_troops_point_in_range_and_october_in_autumn(seeds_report: dict[str, Any]) -> None:
    finding = _with_texts(seeds_report, "11,000", "10,000-12,000")
    assert finding["relation"] == "compatible"
    assert "point inside range" in finding["why"]
    assert "date containment" in finding["why"]


def test_seeds_second_wave_point_in_range(seeds_report: dict[str, Any]) -> None:
    finding = _with_texts(seeds_report, "4,000", "3,000-4,000")
    assert finding["relation"] == "compatible"


def test_seeds_construction_troops_are_a_sum_of_parts(seeds_report: dict[str, Any]) -> None:
    finding = _with_texts(seeds_report, "6,000", "1,000 sappers and 5,000")
    assert finding["relation"] in ("agree", "compatible")
    assert "sum of parts" in finding["why"]
    articles = {m["article"] for m in finding["mentions"]}
    assert len(articles) == 2


def test_seeds_deaths_unique_to_one_source(seeds_report: dict[str, Any]) -> None:
    finding = _with_texts(seeds_report, "approximately 600")
    assert finding["relation"] == "unique"
    assert finding["what"].startswith("dead")


def test_seeds_air_defence_unique_to_the_other(seeds_report: dict[str, Any]) -> None:
    deaths = _with_texts(seeds_report, "approximately 600")["mentions"][0]["article"]
    statements = [f for f in _findings(seeds_report) if f["kind"] == "statement" and f["relation"] == "unique"]
    air = [f for f in statements if "air defense systems" in f["mentions"][0]["text"]]
    assert len(air) == 1
    assert air[0]["mentions"][0]["article"] != deaths


def test_seeds_july_august_timing_agrees(seeds_report: dict[str, Any]) -> None:
    dates = [f for f in _findings(seeds_report) if f["kind"] == "time" and f["relation"] == "agree"]
    july = [f for f in dates if all("July or August" in m["text"] for m in f["mentions"])]
    assert july and len({m["article"] for m in july[0]["mentions"]}) == 2


def test_seeds_lee_is_one_person_quoting_the_nis(seeds_report: dict[str, Any]) -> None:
    chains = [tuple(m["attributed_to"]) for f in _findings(seeds_report) for m in f["mentions"]]
    lee = {c[0] for c in chains if c and c[0].startswith("Lee Seong")}
    assert lee == {"Lee Seong-kweun", "Lee Seong Kweun"}
    assert any(
        c[0].startswith("Lee Seong") and any("NIS" in s or "Intelligence Service" in s for s in c[1:])
        for c in chains
        if c
    )


def test_seeds_terminal_report_merges_name_variants() -> None:
    need_seeds()
    from tests.helpers import run_cli

    result = run_cli("compare", *sorted(str(p) for p in SEEDS.glob("*.txt")), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| Lee Seong")]
    assert len(rows) == 1, rows
    assert rows[0].count("(3)") == 2  # quoted in both reports
