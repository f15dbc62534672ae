"""The real CLI, end to end, on the bundled example corpus: reports, exit codes, bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.helpers import EXAMPLES, ROOT, run_cli

SCHEMA = json.loads((ROOT / "src/triangulate/schema/report.json").read_text())
GOLDEN = ROOT / "tests/golden"


@pytest.fixture(scope="module")
def example_json() -> dict[str, Any]:
    result = run_cli("compare", "examples/story", "examples/other", "--format", "json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _story(data: dict[str, Any], word: str) -> dict[str, Any]:
    return next(s for s in data["stories"] if word in s["title"])


def test_cli_compare_keeps_the_two_example_stories_apart(example_json: dict[str, Any]) -> None:
    sizes = sorted(len(s["articles"]) for s in example_json["stories"])
    assert sizes == [1, 4]


def test_cli_json_matches_schema_and_spans(example_json: dict[str, Any]) -> None:
    jsonschema.validate(example_json, SCHEMA)
    by_id = {a["id"]: a for a in example_json["articles"]}
    from triangulate.ingest import read_inputs

    originals = {r.article.id: r.article.text for r in read_inputs([EXAMPLES]) if r.article}
    for story in example_json["stories"]:
        for finding in story["findings"]:
            for m in finding["mentions"]:
                assert m["article"] in by_id
                assert originals[m["article"]][m["start"] : m["end"]] == m["text"]


@pytest.mark.parametrize(
    ("needle", "relation", "reason"),
    [
        ("between 12,000 and 13,000 hectares", "compatible", "point inside range"),
        ("3,200", "compatible", "sum of parts"),
        ("$1,200 million", "compatible", "different format"),
        ("340", "conflict", "different source"),
        ("five", "update", "later reported five"),
        ("10 August", "agree", "same dates"),
        ("85", "unique", "only"),
    ],
)
def test_cli_example_story_verdicts(example_json: dict[str, Any], needle: str, relation: str, reason: str) -> None:
    story = _story(example_json, "Harrow Ridge")
    matches = [f for f in story["findings"] if any(m["text"] == needle for m in f["mentions"])]
    assert matches, needle
    assert matches[0]["relation"] == relation
    assert reason in matches[0]["why"]


def test_cli_example_story_has_exactly_one_conflict(example_json: dict[str, Any]) -> None:
    story = _story(example_json, "Harrow Ridge")
    assert [f["what"] for f in story["findings"] if f["relation"] == "conflict"] == ["destroyed: homes"]


def test_cli_conflict_names_both_sources(example_json: dict[str, Any]) -> None:
    story = _story(example_json, "Harrow Ridge")
    conflict = next(f for f in story["findings"] if f["relation"] == "conflict")
    speakers = {m["attributed_to"][0] for m in conflict["mentions"] if m["attributed_to"]}
    assert "Tomas Reyburn" in speakers and len(speakers) >= 2


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_cli_report_matches_golden_file(fmt: str, request: pytest.FixtureRequest) -> None:
    result = run_cli("compare", "examples/story", "examples/other", "--format", fmt)
    assert result.returncode == 0, result.stderr
    golden = GOLDEN / f"examples.{'md' if fmt == 'markdown' else 'json'}"
    if request.config.getoption("--update-golden"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8"), (
        f"regenerate with pytest --update-golden and review {golden}"
    )


def test_cli_html_report_is_self_contained(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run_cli("compare", "examples/story", "--format", "html", "--out", str(out))
    assert result.returncode == 0, result.stderr
    html = out.read_text()
    assert "<script" not in html and "http://" not in html.replace("http-equiv", "")
    anchors = set(re.findall(r'href="#(m-[0-9a-f]+)"', html))
    targets = set(re.findall(r'<(?:mark|span) id="(m-[0-9a-f]+)"', html))
    assert anchors and anchors <= targets  # every finding links to highlighted words


def test_cli_terminal_report_sections() -> None:
    result = run_cli("compare", "examples/story")
    assert result.returncode == 0, result.stderr
    for section in ("Sources", "Figures and dates", "Only one source reports", "Timeline", "Who is quoted"):
        assert section in result.stdout
    assert "ingested 4, skipped 0 duplicates, failed 0" in result.stderr


def test_cli_bad_items_are_reported_and_the_rest_proceeds(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "broken.json").write_text("{not json")
    good = tmp_path / "good.txt"
    good.write_text((EXAMPLES / "story/01_calder_basin_courier.txt").read_text())
    result = run_cli("compare", str(tmp_path), "--format", "json")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3 and all(str(tmp_path) in line for line in errors)
    assert "ingested 1, skipped 0 duplicates, failed 3" in result.stderr
    assert len(json.loads(result.stdout)["articles"]) == 1


def test_cli_ingest_twice_is_a_no_op_and_report_reads_the_database(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    first = run_cli("ingest", "examples/story", "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "ingested 4, skipped 0 duplicates" in first.stderr
    second = run_cli("ingest", "examples/story", "--db", str(db))
    assert "ingested 0, skipped 4 duplicates" in second.stderr
    report = run_cli("report", "--db", str(db), "--format", "markdown")
    assert report.returncode == 0, report.stderr
    assert "**conflict**" in report.stdout and "Harrow Ridge" in report.stdout
    data = json.loads(run_cli("report", "--db", str(db), "--format", "json").stdout)
    article = data["articles"][0]["id"]
    shown = run_cli("show", article[:8], "--db", str(db))
    assert shown.returncode == 0 and "said by:" in shown.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("compare", "examples/story", "--format", "pdf"), 2, "unknown format"),
        (("report", "--db", "does-not-exist.db"), 2, "no database"),
        (("compare", "no/such/path.txt"), 1, "no/such/path.txt"),
    ],
)
def test_cli_errors_are_one_line_with_exit_codes(
    args: tuple[str, ...], code: int, message: str, tmp_path: Path
) -> None:
    result = run_cli(*args, cwd=ROOT)
    assert result.returncode == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_every_command_is_documented_in_the_readme() -> None:
    from triangulate.cli import app

    readme = (ROOT / "README.md").read_text()
    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        assert f"triangulate {name}" in readme, name


def test_cli_output_does_not_depend_on_hash_seed() -> None:
    import os
    import subprocess
    import sys

    exe = str(Path(sys.executable).with_name("triangulate"))
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [exe, "compare", "examples/story", "examples/other", "--format", "json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
            check=True,
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1


def test_cli_stories_groups_the_examples() -> None:
    result = run_cli("stories", "examples/story", "examples/other", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert sorted(len(s["articles"]) for s in data["stories"]) == [1, 4]
    refs = {a["ref"] for a in data["articles"]}
    assert "examples/story/02_harbour_post.txt" in refs
    terminal = run_cli("stories", "examples/story")
    assert "1 stories from 4 articles" in terminal.stdout


def test_cli_stories_and_compare_take_the_batch_pass_on_request() -> None:
    result = run_cli("stories", "examples/story", "examples/other", "--format", "json", "--recluster")
    assert result.returncode == 0, result.stderr
    assert sorted(len(s["articles"]) for s in json.loads(result.stdout)["stories"]) == [1, 4]
    compared = run_cli("compare", "examples/story", "--format", "json", "--recluster")
    assert compared.returncode == 0, compared.stderr
    assert [len(s["articles"]) for s in json.loads(compared.stdout)["stories"]] == [4]
