"""Reliability: bad input of many kinds, each beside good articles in one batch.

Every case writes its own files (nothing is shipped), ingests them in a folder between two good
articles, and checks three things: each bad item gives exactly one one-line error naming the item
and the reason, everything else in the batch is stored, and the database stays sound. A CLI run
over all the cases at once checks the documented exit codes. The table is the inventory that
docs/reliability.md counts.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from triangulate import api
from triangulate.ingest import IngestConfig
from triangulate.ingest.base import printable
from triangulate.model import Article
from triangulate.store import Store

BODY = (
    "The county emergency office said on Monday that 40 homes were damaged and about 1,800 "
    "residents of Farrow Bend were evacuated overnight as the river rose."
)


def body(tag: str) -> str:
    """A body unique to ``tag``, so that no two cases share an article id."""
    return f"{BODY} Reported for case {tag}."


def story(tag: str) -> str:
    return f"Headline for {tag}\n\n{body(tag)}\n"


def html_page(title: str, text: str, head: str = "") -> str:
    return (
        f"<html><head>{head}<title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{text}</p><p>{text}</p></article></body></html>"
    )


def warc(pages: list[tuple[str, str, bytes, str]], compress: bool) -> bytes:
    """A WARC of ``response`` records (uri, content type, body, status)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for uri, content_type, payload, status in pages:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers)
        writer.write_record(record)
    return buffer.getvalue()


def page(tag: str, uri: str = "") -> tuple[str, str, bytes, str]:
    return (uri or f"https://news.example/{tag}", "text/html", html_page(f"Page {tag}", body(tag)).encode(), "200 OK")


def rss(items: str, prolog: str = "") -> str:
    return f'<?xml version="1.0"?>{prolog}<rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'


def item(tag: str, description: str | None = None) -> str:
    text = body(tag) if description is None else description
    return f"<item><title>Item {tag}</title><guid>{tag}</guid><description>{text}</description></item>"


LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


Files = dict[str, bytes | str]


@dataclass(frozen=True)
class Case:
    """One kind of bad input: the files it writes, the errors and the articles it should give."""

    kind: str
    files: Callable[[Path], Files]  # relative path -> content, given the batch folder
    errors: tuple[tuple[str, str], ...] = ()  # (ref relative to the batch folder, reason prefix)
    stored: int = 0  # articles still read from the bad input
    config: IngestConfig = field(default_factory=IngestConfig)
    check: Callable[[list[Article]], None] | None = None  # about the articles read, when any
    heavy: bool = False  # too slow to analyse in the CLI run
    setup: Callable[[Path], None] | None = None  # for what files cannot express (links, modes)


def _const(files: Files) -> Callable[[Path], Files]:
    return lambda _folder: files


def _titles(*expected: str) -> Callable[[list[Article]], None]:
    def check(found: list[Article]) -> None:
        assert sorted(a.title for a in found) == sorted(expected)

    return check


def _published(expected: date | None) -> Callable[[list[Article]], None]:
    def check(found: list[Article]) -> None:
        assert [a.published for a in found] == [expected]

    return check


def _never_contains(secret: str) -> Callable[[list[Article]], None]:
    def check(found: list[Article]) -> None:
        assert found and all(secret not in a.text for a in found)

    return check


def _longest(limit: int) -> Callable[[list[Article]], None]:
    def check(found: list[Article]) -> None:
        assert found and all(len(a.text) <= limit for a in found)

    return check


def _symlink_loop(folder: Path) -> None:
    (folder / "loop" / "inner").mkdir(parents=True)
    (folder / "loop" / "inner" / "up").symlink_to(folder / "loop", target_is_directory=True)
    (folder / "loop" / "self").symlink_to(folder / "loop" / "self")


def _dangling(folder: Path) -> None:
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")


def _unreadable(folder: Path) -> None:
    path = folder / "secret.txt"
    path.write_text(story("unreadable"))
    path.chmod(0)


def _gzip_bomb() -> bytes:
    """A WARC gzip member that inflates about 1,000 times (zeros), made without holding it whole."""
    out = io.BytesIO()
    head = b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 200000000\r\n\r\n"
    with gzip.GzipFile(fileobj=out, mode="wb") as zipped:
        zipped.write(head)
        for _ in range(200):
            zipped.write(bytes(1_000_000))
    return out.getvalue()


def _truncated(data: bytes, keep: float) -> bytes:
    return data[: int(len(data) * keep)]


def _non_utf8_name(folder: Path) -> None:
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as handle:
        handle.write(story("latin-1 name").encode())


DEEP_HTML = "<html><body>" + "<div>" * 100_000 + "deep" + "</div>" * 100_000 + "</body></html>"
LONG_LINE = "<html><body><article><p>" + "word " * 2_000_000 + "</p></article></body></html>"
GOOD_JSON = {"title": "Record", "text": BODY}

CASES: list[Case] = [
    # -- empty, binary and badly encoded files
    Case("zero-byte text", _const({"empty.txt": b""}), (("empty.txt", "empty file"),)),
    Case("zero-byte html", _const({"empty.html": b""}), (("empty.html", "empty file"),)),
    Case("zero-byte json", _const({"empty.json": b""}), (("empty.json", "empty file"),)),
    Case("zero-byte jsonl", _const({"empty.jsonl": b""}), (("empty.jsonl", "empty file"),)),
    Case("zero-byte feed", _const({"empty.rss": b""}), (("empty.rss", "empty file"),)),
    Case("zero-byte warc", _const({"empty.warc": b""}), (("empty.warc", "no HTML pages in archive"),)),
    Case("whitespace only", _const({"blank.md": b" \n\t\r\n\n"}), (("blank.md", "empty file"),)),
    Case("BOM only", _const({"bom.txt": codecs.BOM_UTF8}), (("bom.txt", "empty file"),)),
    Case("binary with NULs", _const({"bin.txt": bytes(range(256)) * 8}), (("bin.txt", "binary file"),)),
    Case(
        "PNG named .html",
        _const({"img.html": b"\x89PNG\r\n\x1a\n" + bytes(range(1, 32)) * 8}),
        (("img.html", "binary file"),),
    ),
    Case("control characters", _const({"ctl.md": bytes(range(1, 9)) * 100}), (("ctl.md", "binary file"),)),
    Case(
        "binary jsonl",
        _const({"bin.jsonl": b"\x00\x01\x02" * 100 + b"\n" + b"\x03\x00" * 50}),
        (("bin.jsonl", "binary file"),),
    ),
    Case(
        "invalid UTF-8 (read as cp1252)",
        _const({"bad-utf8.txt": b"Caf\xe9 \xff headline\n\n" + body("bad utf8").encode()}),
        stored=1,
        check=_titles("Café ÿ headline"),
    ),
    Case(
        "UTF-16 with BOM",
        _const({"u16bom.txt": codecs.BOM_UTF16_LE + story("utf16 bom").encode("utf-16-le")}),
        stored=1,
        check=_titles("Headline for utf16 bom"),
    ),
    Case(
        "UTF-16 without BOM",
        _const({"u16.txt": story("utf16 le").encode("utf-16-le"), "u16be.txt": story("utf16 be").encode("utf-16-be")}),
        stored=2,
        check=_titles("Headline for utf16 le", "Headline for utf16 be"),
    ),
    Case(
        "UTF-32 with BOM",
        _const({"u32.txt": codecs.BOM_UTF32_LE + story("utf32").encode("utf-32-le")}),
        stored=1,
        check=_titles("Headline for utf32"),
    ),
    Case(
        "broken UTF-16",
        _const({"bad16.txt": codecs.BOM_UTF16_LE + b"\x00\xd8"}),
        (("bad16.txt", "invalid UTF-16-LE text"),),
    ),
    Case(
        "Latin-1 labelled UTF-8",
        _const({"latin.html": html_page("Caf\xe9 news", body("latin1"), '<meta charset="utf-8">').encode("latin-1")}),
        stored=1,
        check=_titles("Café news"),
    ),
    Case("headline only", _const({"headline.txt": "Just a headline\n"}), (("headline.txt", "no text"),)),
    # -- HTML
    Case(
        "unclosed tags",
        _const({"unclosed.html": f"<html><body><article><p>{body('unclosed')}<p><b><i>{BODY}<div><span>"}),
        stored=1,
    ),
    # libxml2 refuses a text node this big, so trafilatura finds nothing: an error, quickly.
    Case("10 MB single line", _const({"line.html": LONG_LINE}), (("line.html", "no article text found"),)),
    Case("deeply nested elements", _const({"deep.html": DEEP_HTML}), (("deep.html", "no article text found"),)),
    Case(
        "no body text",
        _const({"nobody.html": "<html><head><title>T</title></head><body></body></html>"}),
        (("nobody.html", "no article text found"),),
    ),
    Case(
        "scripts only",
        _const({"script.html": "<html><body><script>" + "var a=1;" * 500 + "</script></body></html>"}),
        (("script.html", "no article text found"),),
    ),
    Case(
        "unclosed comment",
        _const({"comment.html": "<html><body><!-- " + BODY * 50}),
        (("comment.html", "no article text found"),),
    ),
    # -- JSON
    Case(
        "JSON wrong type",
        _const({"type.json": json.dumps({"title": 7, "text": BODY})}),
        (("type.json", '"title" must be a string, not int'),),
    ),
    Case(
        "JSON text a list",
        _const({"list.json": json.dumps({"text": [BODY]})}),
        (("list.json", '"text" must be a string, not list'),),
    ),
    Case(
        "JSON missing text",
        _const({"missing.json": json.dumps({"title": "No body"})}),
        (("missing.json", 'missing "text"'),),
    ),
    Case(
        "JSON NaN",
        _const({"nan.json": '{"title": NaN, "text": "x"}'}),
        (("nan.json", '"title" must be a string, not float'),),
    ),
    Case(
        "JSON Infinity date",
        _const({"inf.json": '{"text": "' + BODY + '", "date": -Infinity}'}),
        (("inf.json", '"date" must be a string, not float'),),
    ),
    Case(
        "JSON 400-digit number",
        _const({"big.json": '{"title": ' + "9" * 400 + ', "text": "x"}'}),
        (("big.json", '"title" must be a string, not int'),),
    ),
    Case(
        "JSON 5,000-digit number",
        _const({"huge.json": '{"title": ' + "9" * 5000 + ', "text": "x"}'}),
        (("huge.json", "invalid JSON: a number with too many digits"),),
    ),
    Case(
        "JSON deep nesting",
        _const({"deep.json": "[" * 100_000 + "]" * 100_000}),
        (("deep.json", "invalid JSON: nested too deeply"),),
    ),
    Case(
        "JSON truncated",
        _const({"cut.json": json.dumps([GOOD_JSON, GOOD_JSON])[:-30]}),
        (("cut.json", "invalid JSON on line 1"),),
    ),
    Case("JSON empty list", _const({"none.json": "[]"}), (("none.json", "no records"),)),
    Case(
        "JSON list with bad records",
        _const({"mixed.json": json.dumps([{"title": "Good", "text": body("mixed")}, 5, {"title": "x"}])}),
        (("mixed.json#2", "record 2: expected an object, not int"), ("mixed.json#3", 'record 3: missing "text"')),
        stored=1,
    ),
    Case(
        "JSON lone surrogates",
        _const({"surrogate.json": '{"title": "Odd \\ud800 title", "text": "' + body("surrogate") + ' \\udfff"}'}),
        stored=1,
        check=_titles("Odd \ufffd title"),
    ),
    Case(
        "JSON date in year 0",
        _const({"year0.json": json.dumps({"text": body("year0"), "date": "0000-01-01"})}),
        stored=1,
        check=_published(None),
    ),
    Case(
        "JSON date far in the future",
        _const({"future.json": json.dumps({"text": body("future"), "date": "9999-12-31"})}),
        stored=1,
        check=_published(None),
    ),
    Case(
        "JSON date next century",
        _const({"next.json": json.dumps({"text": body("next century"), "date": "2150-06-01"})}),
        stored=1,
        check=_published(date(2150, 6, 1)),
    ),
    Case(
        "JSON nonsense date",
        _const({"nonsense.json": json.dumps({"text": body("nonsense"), "date": "the 45th of Smarch" * 3})}),
        stored=1,
        check=_published(None),
    ),
    Case(
        "duplicate ids, different content",
        _const(
            {
                "dups.json": json.dumps(
                    [{"id": "same", "text": body("dup one")}, {"id": "same", "text": body("dup two")}]
                )
            }
        ),
        stored=2,
    ),
    # -- JSON Lines
    Case(
        "JSONL bad line in the middle",
        _const(
            {"mid.jsonl": "\n".join([json.dumps({"text": body("l1")}), '{"text": ', json.dumps({"text": body("l3")})])}
        ),
        (("mid.jsonl#2", "invalid JSON on line 2"),),
        stored=2,
    ),
    Case(
        "JSONL binary line",
        _const(
            {
                "binline.jsonl": json.dumps({"text": body("b1")}).encode()
                + b"\n\x00\x01\x02\x00\n"
                + json.dumps({"text": body("b3")}).encode()
            }
        ),
        (("binline.jsonl#2", "line 2: binary file"),),
        stored=2,
    ),
    Case(
        "JSONL array line and CRLF",
        _const(
            {
                "crlf.jsonl": json.dumps({"text": body("c1")})
                + "\r\n[1, 2]\r\n"
                + json.dumps({"text": body("c3")})
                + "\r\n"
            }
        ),
        (("crlf.jsonl#2", "line 2: expected an object, not list"),),
        stored=2,
    ),
    Case(
        "JSONL over-long line",
        _const(
            {
                "long.jsonl": "\n".join(
                    [
                        json.dumps({"text": body("o1")}),
                        json.dumps({"text": BODY * 100}),
                        json.dumps({"text": body("o3")}),
                    ]
                )
            }
        ),
        (("long.jsonl#2", "line 2 too long (more than 5000 bytes)"),),
        stored=2,
        config=IngestConfig(max_record_bytes=5000),
    ),
    Case(
        "JSONL 5,000-digit number",
        _const({"digits.jsonl": json.dumps({"text": body("d1")}) + '\n{"n": ' + "1" * 5000 + "}\n"}),
        (("digits.jsonl#2", "invalid JSON on line 2: a number with too many digits"),),
        stored=1,
    ),
    # -- feeds
    Case(
        "billion laughs",
        _const({"laughs.rss": rss(item("l", "&lol3;"), LAUGHS)}),
        (("laughs.rss", "refused: XML entity declarations"),),
    ),
    Case(
        "XXE",
        lambda folder: {
            "xxe.xml": rss(item("x", "&xxe;"), f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{folder}/000-good.txt">]>')
        },
        (("xxe.xml", "refused: XML entity declarations"),),
    ),
    Case(
        "billion laughs in UTF-16",
        _const({"laughs16.atom": codecs.BOM_UTF16_LE + rss(item("w", "&lol3;"), LAUGHS).encode("utf-16-le")}),
        (("laughs16.atom", "refused: XML entity declarations"),),
    ),
    Case(
        "external DTD is not fetched",
        lambda folder: {
            "dtd.rss": rss(
                item("dtd", f"{body('dtd')} &secret;"), f'<!DOCTYPE rss SYSTEM "file://{folder}/000-good.txt">'
            )
        },
        stored=1,
        check=_never_contains("Headline for good"),
    ),
    Case("not XML", _const({"plain.rss": "this is not a feed at all"}), (("plain.rss", "not a feed"),)),
    Case("feed without entries", _const({"bare.xml": rss("")}), (("bare.xml", "no entries in feed"),)),
    Case(
        "feed with an empty entry",
        _const({"some.rss": rss(item("f1") + item("f2", ""))}),
        (("some.rss#f2", "no text"),),
        stored=1,
    ),
    Case(
        "truncated feed",
        _const({"cut.rss": rss(item("t1") + item("t2"))[:-80]}),
        (("cut.rss#t2", "no text"),),
        stored=1,
    ),
    # -- web archives
    Case(
        "WARC truncated (gzip)",
        _const({"cut.warc.gz": _truncated(warc([page("w1"), page("w2")], True), 0.8)}),
        (("cut.warc.gz", "truncated archive"),),
        stored=1,
    ),
    Case(
        "WARC truncated (plain)",
        _const({"cut.warc": warc([page("p1"), page("p2")], False)[:-60]}),
        (("cut.warc", "truncated archive"),),
        stored=1,
    ),
    Case(
        "WARC without HTML",
        _const(
            {"img.warc": warc([("https://x.example/a.png", "image/png", b"\x89PNG" + bytes(100), "200 OK")], False)}
        ),
        (("img.warc", "no HTML pages in archive"),),
    ),
    Case(
        "WARC with an error page",
        _const(
            {
                "err.warc.gz": warc(
                    [
                        ("https://x.example/404", "text/html", html_page("Gone", BODY).encode(), "404 Not Found"),
                        page("ok"),
                    ],
                    True,
                )
            }
        ),
        stored=1,
    ),
    Case("not a WARC", _const({"text.warc": "this is not an archive at all\n\n"}), (("text.warc", "corrupt archive"),)),
    Case(
        "gzip of not a WARC",
        _const({"zip.warc.gz": gzip.compress(b"hello world\n" * 100)}),
        (("zip.warc.gz", "corrupt archive"),),
    ),
    Case(
        "decompression bomb", _const({"bomb.warc.gz": _gzip_bomb()}), (("bomb.warc.gz", "refused: decompression bomb"),)
    ),
    Case(
        "WARC page over the cap",
        _const(
            {
                "big.warc": warc(
                    [
                        page("small"),
                        ("https://x.example/big", "text/html", html_page("Big", BODY * 100).encode(), "200 OK"),
                    ],
                    False,
                )
            }
        ),
        (("big.warc#https://x.example/big", "too large (more than 4000 bytes)"),),
        stored=1,
        config=IngestConfig(max_record_bytes=4000),
    ),
    # -- limits
    Case(
        "file over the size cap",
        _const({"big.txt": story("big") * 100}),
        (("big.txt", "too large"),),
        config=IngestConfig(max_bytes=2000),
    ),
    Case(
        "article over the length cap is cut",
        _const({"long.txt": "Long one\n\n" + "many words here " * 10_000}),
        stored=1,
        config=IngestConfig(max_article_chars=1000),
        check=_longest(1000),
    ),
    Case("10 MB single-line text", _const({"line.txt": "One line\n\n" + "word " * 2_000_000}), stored=1, heavy=True),
    # -- folders and names
    Case("symlink loops", _const({}), setup=_symlink_loop),
    Case("dangling symlink", _const({}), setup=_dangling),
    Case("named pipe", _const({}), setup=_fifo),
    Case("unreadable file", _const({}), (("secret.txt", "permission denied"),), setup=_unreadable),
    Case(
        "odd file names",
        _const(
            {
                "new\nline.txt": story("newline"),
                "-dash.txt": story("dash"),
                " spaced  name .md": story("space"),
                "ünï cødé.txt": story("unicode"),
            }
        ),
        stored=4,
    ),
    Case("undecodable file name", _const({}), stored=1, setup=_non_utf8_name),
    Case(
        "unknown extensions skipped",
        _const({"notes.docx": b"PK\x03\x04", "README": "x", ".hidden.txt": story("hidden")}),
    ),
    Case("same content twice", _const({"one.txt": story("twice"), "two.txt": story("twice")}), stored=1),
]

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def build_batch(folder: Path, case: Case) -> None:
    """The case's files between two good articles (first and last in folder order)."""
    folder.mkdir(parents=True)
    (folder / "000-good.txt").write_text(story("good"))
    (folder / "zzz-good.jsonl").write_text(json.dumps({"title": "Last good", "text": body(f"last {case.kind}")}))
    for name, content in case.files(folder).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    if case.setup:
        case.setup(folder)


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_bad_input_is_one_line_error_and_the_rest_is_stored(tmp_path: Path, case: Case) -> None:
    folder = tmp_path / "batch"
    build_batch(folder, case)
    if case.setup is _unreadable and IS_ROOT:
        pytest.skip("root reads files whatever their mode; covered by test_ingest's patched open")
    seen: list[tuple[str, str, str]] = []
    with Store(tmp_path / "t.db") as store:
        summary = api.ingest(
            [folder], store, case.config, on_item=lambda r, status: seen.append((r.ref, status, r.error))
        )
        stored = store.articles()
    failed = {(ref, error) for ref, status, error in seen if status == "failed"}
    expected = {printable(f"{folder}/{ref}") for ref, _ in case.errors}
    assert {ref for ref, _ in failed} == expected
    for ref, reason in case.errors:
        (error,) = [e for r, e in failed if r == printable(f"{folder}/{ref}")]
        assert error.startswith(reason), error
    assert summary.failed == len(case.errors)
    for line in summary.errors:
        assert "\n" not in line and "\r" not in line
        line.encode("utf-8")  # printable on any terminal and storable
    refs = [a.ref for a in stored]
    assert f"{folder}/000-good.txt" in refs and any(r.startswith(f"{folder}/zzz-good.jsonl") for r in refs)
    assert len(stored) == 2 + case.stored
    if case.check:
        case.check([a for a in stored if "good" not in Path(a.path).name])
    assert integrity(tmp_path / "t.db") == "ok"


def test_inventory_has_at_least_fifty_kinds() -> None:
    assert len({c.kind for c in CASES}) == len(CASES) >= 50


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("triangulate")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "COLUMNS": "200"}
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, timeout=600)


def test_cli_reports_every_bad_item_on_one_line_and_exits_1(tmp_path: Path) -> None:
    cases = [
        c for c in CASES if not c.heavy and c.config == IngestConfig() and not (IS_ROOT and c.setup is _unreadable)
    ]
    root = tmp_path / "all"
    root.mkdir()
    for number, case in enumerate(cases):
        build_batch(root / f"case-{number:02d}", case)
    db = tmp_path / "cli.db"
    result = _run_cli("ingest", str(root), "--db", str(db))
    assert result.returncode == 1, result.stderr[-2000:]
    lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    expected = {printable(f"{root}/case-{n:02d}/{ref}") for n, c in enumerate(cases) for ref, _ in c.errors}
    assert len(lines) == len(expected), "\n".join(lines)
    for ref in expected:
        assert sum(line.startswith(f"error: {ref}: ") for line in lines) == 1, ref
    summary = next(line for line in result.stderr.splitlines() if line.startswith("ingested "))
    assert f"failed {len(expected)}" in summary
    # The good article appears once in every batch folder: stored once, the others duplicates.
    with sqlite3.connect(db) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        analysed = conn.execute("SELECT count(*) FROM analyses").fetchone()[0]
    assert articles == 1 + len(cases) + sum(c.stored for c in cases)
    assert analysed == articles
    assert integrity(db) == "ok"
    again = _run_cli("ingest", str(root / "case-00" / "000-good.txt"), "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert "ingested 0, skipped 1 duplicate, failed 0" in again.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("report", "--format", "nope"), 2, "error: unknown format"),
        (("compare", "--no-such-option"), 2, "No such option"),
        (("show", "abcd"), 2, "error: no article"),
        (("ingest", "{missing}"), 1, "error: {missing}: not found"),
        (("report", "--db", "{garbage}"), 3, "database error: "),
        (("ingest", "{good}", "--db", "{folder}"), 3, "database error: open "),
    ],
)
def test_cli_exit_codes(tmp_path: Path, args: tuple[str, ...], code: int, message: str) -> None:
    names = {
        "missing": str(tmp_path / "missing.txt"),
        "garbage": str(tmp_path / "garbage.db"),
        "good": str(tmp_path / "good.txt"),
        "folder": str(tmp_path),
    }
    (tmp_path / "garbage.db").write_bytes(b"this is not a database, just text " * 100)
    (tmp_path / "good.txt").write_text(story("exit codes"))
    argv = [a.format(**names) for a in args]
    if "--db" not in argv and argv[0] in ("show", "ingest"):
        argv += ["--db", str(tmp_path / "fresh.db")]
    result = _run_cli(*argv)
    assert result.returncode == code, result.stderr
    assert message.format(**names) in result.stderr
    assert "Traceback" not in result.stderr
