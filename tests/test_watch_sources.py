"""watch sources: intervals, URLs, OPML files and folders; and the CLI commands over them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from tests.helpers import run_cli
from triangulate.cli import app
from triangulate.errors import ConfigError
from triangulate.watch import parse_interval, parse_sources, read_opml
from triangulate.watch.sources import FEED, FOLDER, Source


def cli(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize(
    ("text", "seconds"), [("90", 90), ("30s", 30), ("10m", 600), ("1.5h", 5400), ("1d", 86400), (" 2M ", 120)]
)
def test_watch_parse_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "10x", "-5m", "m", "1h30m"])
def test_watch_parse_interval_rejects(text: str) -> None:
    with pytest.raises(ConfigError, match="not an interval"):
        parse_interval(text)


OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>my feeds</title></head><body>
  <outline text="World">
    <outline text="Wire" type="rss" xmlUrl="https://wire.example/rss"/>
    <outline text="Post" type="rss" xmlUrl=" https://post.example/atom.xml "/>
  </outline>
  <outline text="Wire again" xmlUrl="https://wire.example/rss"/>
  <outline text="a folder of nothing"/>
</body></opml>"""


def test_watch_opml_lists_nested_feeds_once(tmp_path: Path) -> None:
    path = tmp_path / "feeds.opml"
    path.write_text(OPML, encoding="utf-8")
    assert read_opml(path) == ["https://wire.example/rss", "https://post.example/atom.xml"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('<!DOCTYPE opml [<!ENTITY x "xx">]><opml><body/></opml>', "refused"),
        ('<!DOCTYPE opml SYSTEM "http://evil.example/x.dtd"><opml/>', "refused"),
        ("<rss><channel/></rss>", "root element is <rss>"),
        ("<opml><body>", "not an OPML file"),
        ('<opml><body><outline xmlUrl="file:///etc/passwd"/></body></opml>', "not an http(s) feed URL"),
    ],
)
def test_watch_opml_refuses_bad_files(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "bad.opml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        read_opml(path)


def test_watch_parse_sources_mixes_kinds_without_repeats(tmp_path: Path) -> None:
    (tmp_path / "feeds.opml").write_text(OPML, encoding="utf-8")
    (tmp_path / "inbox").mkdir()
    found = parse_sources(
        ["https://wire.example/rss", str(tmp_path / "feeds.opml"), str(tmp_path / "inbox")], interval=300
    )
    assert found == [
        Source(FEED, "https://wire.example/rss", 300),
        Source(FEED, "https://post.example/atom.xml", 300),
        Source(FOLDER, str(tmp_path / "inbox"), 300),
    ]
    with pytest.raises(ConfigError, match="not a feed URL, an OPML file or a folder"):
        parse_sources([str(tmp_path / "missing")], interval=300)


def test_watch_cli_watchlist_and_one_round_on_a_folder(tmp_path: Path) -> None:
    """In process (the console script's exit codes are tested in test_cli): two rounds, one alert."""
    db, inbox, log = tmp_path / "w.db", tmp_path / "inbox", tmp_path / "alerts.jsonl"
    inbox.mkdir()
    (inbox / "quarry.txt").write_text(
        "Source: North Wire\nDate: 2026-05-04\n\nQuarry wall collapses near Tarn\n\n"
        "A quarry wall collapsed near the village of Tarn on Monday. "
        "Mine inspector Hugo Brandt said 12 workers were trapped underground.\n",
        encoding="utf-8",
    )
    assert cli("watchlist", "add", "keyword", "quarry", "--db", str(db)).exit_code == 0
    assert cli("watchlist", "list", "--db", str(db)).stdout == "keyword\tquarry\n"
    first = cli("watch", str(inbox), "--once", "--db", str(db), "--jsonl", str(log))
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("[story] New watched story from North Wire: «Quarry wall collapses near Tarn»")
    again = cli("watch", str(inbox), "--once", "--db", str(db), "--jsonl", str(log))
    assert again.exit_code == 0 and again.stdout == ""
    assert len(log.read_text(encoding="utf-8").splitlines()) == 1
    assert isinstance(cli("watchlist", "remove", "keyword", "nope", "--db", str(db)).exception, ConfigError)
    assert cli("watchlist", "remove", "keyword", "quarry", "--db", str(db)).exit_code == 0
    assert cli("watchlist", "list", "--db", str(db)).stdout == ""
    bad = cli("watch", "https://x.example/feed", "--every", "soon", "--once", "--db", str(db))
    assert isinstance(bad.exception, ConfigError) and "not an interval" in str(bad.exception)


def test_watch_cli_exit_code_for_a_bad_interval_in_the_console_script(tmp_path: Path) -> None:
    result = run_cli("watch", str(tmp_path), "--every", "soon", "--once", "--db", str(tmp_path / "w.db"))
    assert result.returncode == 2 and "not an interval" in result.stderr


def test_watch_cli_once_exits_1_when_a_source_fails(tmp_path: Path) -> None:
    result = cli("watch", "http://127.0.0.1:9/feed.xml", "--once", "--db", str(tmp_path / "w.db"))
    assert result.exit_code == 1
    assert "refused: 127.0.0.1 resolves to a non-public address" in result.output
