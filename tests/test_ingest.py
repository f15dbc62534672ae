"""The ingest stage: every format, decoding, ids, folders, and robustness on bad input."""

from __future__ import annotations

import codecs
import errno
import importlib
import io
import json
import os
import pathlib
import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from triangulate.errors import ConfigError, IngestError
from triangulate.ingest import (
    IngestConfig,
    IngestResult,
    article_id,
    make_article,
    read_inputs,
    reader_for,
)
from triangulate.ingest.article import parse_published
from triangulate.ingest.html import fragment_text
from triangulate.model import Article

BODY_1 = (
    "The Kessel Valley flood has covered 3,400 hectares of farmland since Friday, and the "
    "regional water authority said on Monday that the river would crest again on Thursday."
)
BODY_2 = (
    "About 1,800 residents of Farrow Bend were evacuated overnight, and 40 homes were "
    "damaged, according to the county emergency office."
)
STORY = "Source: The Valley Ledger\nDate: 2026-03-09\nURL: https://ledger.example/flood\n"
STORY += f"Author: Amira Holt\n\nFlood waters rise in Kessel Valley\n\n{BODY_1}\n\n{BODY_2}\n"


def write(path: Path, content: str | bytes) -> Path:
    """Write ``content`` (UTF-8 for text) to ``path``, making folders, and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def ingest(*paths: Path | str, config: IngestConfig | None = None) -> list[IngestResult]:
    return list(read_inputs(paths, config or IngestConfig()))


def articles(results: list[IngestResult]) -> list[Article]:
    return [r.article for r in results if r.article is not None]


def only_article(path: Path) -> Article:
    results = ingest(path)
    assert [r.error for r in results] == [""], results
    assert results[0].article is not None
    return results[0].article


def html_page(title: str, *paragraphs: str, head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><title>{title} | Site</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}<script>var tracking = 'do not keep';</script>"
        f"</article><footer>All rights reserved</footer></body></html>"
    )


# --- config and article building -------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_bytes": 0},
        {"max_bytes": -5},
        {"max_bytes": True},
        {"max_bytes": 1.5},
        {"max_article_chars": 0},
        {"max_article_chars": "100"},
        {"follow_symlinks": "yes"},
    ],
)
def test_config_rejects_bad_values(kwargs: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        IngestConfig(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("Title", "Body text here."), ("Title", "Body text here.")),
        (("Title", "Body text here."), ("  Title ", "Body   text\n\nhere.  \n")),
        (("Title", "one\n\ntwo"), ("Title", "one\r\n\r\n\r\ntwo\t")),
        (("Caf\u00e9", "na\u00efve"), ("Cafe\u0301", "nai\u0308ve")),  # NFC
        (("Title", "a\u00a0b"), ("Title", "a b")),
    ],
)
def test_article_id_ignores_whitespace_and_normal_form(a: tuple[str, str], b: tuple[str, str]) -> None:
    assert article_id(*a) == article_id(*b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("Title", "Body."), ("Title", "Body!")),
        (("Title", "Body."), ("Other", "Body.")),
        (("Ti", "tle body"), ("Title", "body")),
    ],
)
def test_article_id_differs_for_different_content(a: tuple[str, str], b: tuple[str, str]) -> None:
    assert article_id(*a) != article_id(*b)


def test_article_id_format() -> None:
    value = article_id("Title", "Body")
    assert len(value) == 16
    assert int(value, 16) >= 0


def test_make_article_builds_text_from_headline_and_body() -> None:
    article = make_article(
        title="  Flood\twaters rise ",
        text="First\x00 para\x07graph.\r\n\r\n\r\nSecond\u2028line.\n",
        source=" The Ledger ",
        published="2026-03-09",
        url=" https://x.example/a ",
        ref="in.txt",
        path="in.txt",
    )
    assert article.title == "Flood waters rise"
    assert article.text == "Flood waters rise\n\nFirst paragraph.\n\nSecond\nline."
    assert article.text.split("\n")[0] == article.title
    assert article.source == "The Ledger"
    assert article.url == "https://x.example/a"
    assert article.published == date(2026, 3, 9)
    assert article.id == article_id(article.title, "First paragraph.\n\nSecond\nline.")


@pytest.mark.parametrize(
    ("title", "text", "want_title", "want_text"),
    [
        ("", "Headline\nBody.", "Headline", "Headline\n\nBody."),  # headline from the body
        ("Headline", "Headline\n\nBody.", "Headline", "Headline\n\nBody."),  # repeated headline
        ("", "Only line", "Only line", "Only line"),
        ("Cafe\u0301", "Body.", "Caf\u00e9", "Caf\u00e9\n\nBody."),
    ],
)
def test_make_article_headline_rules(title: str, text: str, want_title: str, want_text: str) -> None:
    article = make_article(title=title, text=text)
    assert (article.title, article.text) == (want_title, want_text)


@pytest.mark.parametrize("text", ["", "   \n\t ", "\x00\x01\x02"])
def test_make_article_without_text_raises(text: str) -> None:
    with pytest.raises(IngestError) as info:
        make_article(title="Title", text=text, ref="x.json#3")
    assert (info.value.item, info.value.reason) == ("x.json#3", "no text")


def test_make_article_cuts_long_text_on_whitespace() -> None:
    article = make_article(title="Title", text="word " * 100, max_chars=52)
    assert len(article.text) <= 52
    assert article.text.startswith("Title\n\nword word")
    assert article.text.endswith("word")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-08-12", date(2026, 8, 12)),
        ("2026-08-12T23:30:00-05:00", date(2026, 8, 12)),
        ("Wed, 12 Aug 2026 23:30:00 -0500", date(2026, 8, 12)),
        ("14 August 2026", date(2026, 8, 14)),
        ("August 14, 2026", date(2026, 8, 14)),
        (datetime(2026, 1, 2, 3, 4), date(2026, 1, 2)),
        (date(2026, 1, 2), date(2026, 1, 2)),
        ("1850-06-01", date(1850, 6, 1)),
        ("1799-12-31", None),
        ("2201-01-01", None),
        ("August 14", None),  # no year: not guessed from the clock
        ("not a date at all", None),
        ("", None),
        (None, None),
        ("9" * 500, None),
    ],
)
def test_parse_published(value: date | str | None, expected: date | None) -> None:
    assert parse_published(value) == expected


# --- plain text and markdown ------------------------------------------------------------------


def test_text_file_with_headers(tmp_path: Path) -> None:
    path = write(tmp_path / "ledger.txt", STORY)
    article = only_article(path)
    assert article.title == "Flood waters rise in Kessel Valley"
    assert article.text == f"Flood waters rise in Kessel Valley\n\n{BODY_1}\n\n{BODY_2}"
    assert article.source == "The Valley Ledger"
    assert article.published == date(2026, 3, 9)
    assert article.url == "https://ledger.example/flood"
    assert article.author == "Amira Holt"
    assert article.ref == article.path == str(path)


@pytest.mark.parametrize(
    ("header", "field", "value"),
    [
        ("source: Lower Case Key", "source", "Lower Case Key"),
        ("SOURCE:   Upper Case Key  ", "source", "Upper Case Key"),
        ("Date: 14 August 2026", "published", date(2026, 8, 14)),
        ("Date: Fri, 14 Aug 2026 08:00:00 GMT", "published", date(2026, 8, 14)),
        ("Date: sometime soon", "published", None),
        ("Url: https://a.example/x", "url", "https://a.example/x"),
        ("AUTHOR: B. Writer", "author", "B. Writer"),
    ],
)
def test_text_headers(tmp_path: Path, header: str, field: str, value: object) -> None:
    article = only_article(write(tmp_path / "a.txt", f"{header}\n\nHeadline\n\n{BODY_1}\n"))
    assert getattr(article, field) == value
    assert article.title == "Headline"


def test_text_headers_any_order_and_subset(tmp_path: Path) -> None:
    text = f"Author: C. D.\nsource: Wire\n\nHeadline\n\n{BODY_1}\n"
    article = only_article(write(tmp_path / "a.txt", text))
    assert (article.author, article.source, article.published, article.url) == (
        "C. D.",
        "Wire",
        None,
        "",
    )


def test_text_without_headers_uses_first_line(tmp_path: Path) -> None:
    article = only_article(write(tmp_path / "a.txt", f"\n\nUpdate: rain eases\n{BODY_1}\n"))
    assert article.title == "Update: rain eases"
    assert article.text == f"Update: rain eases\n\n{BODY_1}"
    assert article.source == ""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("one two\nthree four.\n\nfive six.", "one two three four.\n\nfive six."),  # wrapped
        ("First paragraph.\nSecond paragraph.", "First paragraph.\n\nSecond paragraph."),
        ("A line that runs\non. Next one.", "A line that runs on. Next one."),
        ("Items:\n\n- one\n- two", "Items:\n\n- one\n- two"),
    ],
)
def test_text_paragraphs(tmp_path: Path, body: str, expected: str) -> None:
    article = only_article(write(tmp_path / "a.txt", f"Headline\n\n{body}\n"))
    assert article.text == f"Headline\n\n{expected}"


def test_markdown_markup_is_stripped(tmp_path: Path) -> None:
    text = (
        "Source: Notes\n\n# Flood *waters* rise\n\n"
        "The **river** rose _fast_, said [the authority](https://w.example/a).\n\n"
        "## What next\n\n> Crews will work `overnight`.\n\n* sandbags\n* pumps\n\n---\n"
    )
    article = only_article(write(tmp_path / "a.md", text))
    assert article.title == "Flood waters rise"
    assert article.source == "Notes"
    assert article.text == (
        "Flood waters rise\n\nThe river rose fast, said the authority.\n\nWhat next\n\n"
        "Crews will work overnight.\n\n- sandbags\n- pumps"
    )


def test_markdown_front_matter(tmp_path: Path) -> None:
    text = f'---\ntitle: "Flood waters rise"\ndate: 2026-03-09\n---\n\n# Flood waters rise\n\n{BODY_1}\n'
    article = only_article(write(tmp_path / "a.md", text))
    assert article.title == "Flood waters rise"
    assert article.published == date(2026, 3, 9)
    assert article.text == f"Flood waters rise\n\n{BODY_1}"


def test_markdown_keeps_snake_case_and_arithmetic(tmp_path: Path) -> None:
    article = only_article(write(tmp_path / "a.md", "Title\n\nsome_var_name and 2*3*4 stay.\n"))
    assert article.text == "Title\n\nsome_var_name and 2*3*4 stay."


# --- decoding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "title"),
    [
        ("Caf\u00e9 reopens\n\nThe caf\u00e9 opened.".encode("latin-1"), "Caf\u00e9 reopens"),
        ("\u201cQuoted\u201d news\n\nBody.".encode("cp1252"), "\u201cQuoted\u201d news"),
        (codecs.BOM_UTF8 + "Caf\u00e9 news\n\nBody.".encode(), "Caf\u00e9 news"),
        (codecs.BOM_UTF16_LE + "Caf\u00e9 news\n\nBody.".encode("utf-16-le"), "Caf\u00e9 news"),
        (codecs.BOM_UTF16_BE + "Caf\u00e9 news\n\nBody.".encode("utf-16-be"), "Caf\u00e9 news"),
        ("\u0141\u00f3d\u017a news\n\nBody.".encode(), "\u0141\u00f3d\u017a news"),
    ],
)
def test_text_decoding(tmp_path: Path, data: bytes, title: str) -> None:
    article = only_article(write(tmp_path / "a.txt", data))
    assert article.title == title
    assert "\ufeff" not in article.text


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n\t \r\n", "empty file"),
        ("bom.txt", codecs.BOM_UTF8, "empty file"),
        ("nul.txt", b"Title\n\nBody\x00with a NUL", "binary file"),
        ("png.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(1, 32)) * 4, "binary file"),
        ("headline.txt", b"Just a headline\n", "no text"),
        ("bad16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", "invalid UTF-16-LE text"),
        ("empty.json", b"", "empty file"),
        ("binary.html", b"\x00\x01\x02<html>", "binary file"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, data: bytes, error: str) -> None:
    path = write(tmp_path / name, data)
    assert ingest(path) == [IngestResult(str(path), None, error)]


# --- ids ----------------------------------------------------------------------------------------


def test_ids_stable_across_names_and_whitespace(tmp_path: Path) -> None:
    original = write(tmp_path / "one.txt", STORY)
    renamed = write(tmp_path / "sub" / "copy of one.txt", STORY)
    messy = STORY.replace("\n\n", "\n\n\n").replace(". ", ".  ").replace("\n", "  \r\n")
    respaced = write(tmp_path / "two.txt", messy + "\n\n   \n")
    ids = {only_article(p).id for p in (original, renamed, respaced)}
    assert len(ids) == 1


def test_same_article_same_id_across_formats(tmp_path: Path) -> None:
    txt = write(tmp_path / "a.txt", f"Headline\n\n{BODY_1}\n\n{BODY_2}\n")
    record = {"title": "Headline", "text": f"{BODY_1}\n\n{BODY_2}", "source": "Other"}
    jsn = write(tmp_path / "a.json", json.dumps(record))
    assert only_article(txt).id == only_article(jsn).id


def test_duplicate_inputs_give_duplicate_ids(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", STORY)
    results = ingest(path, path)
    assert len(results) == 2
    assert results[0] == results[1]


# --- HTML ---------------------------------------------------------------------------------------


def test_html_article(tmp_path: Path) -> None:
    head = (
        '<meta property="og:site_name" content="The Harbour Post">'
        '<meta property="article:published_time" content="2026-03-10T08:00:00Z">'
        '<meta name="author" content="Jo Smith">'
        '<link rel="canonical" href="https://harbour.example/flood">'
    )
    page = html_page("Flood waters rise", BODY_1, BODY_2, head=head)
    article = only_article(write(tmp_path / "page.html", page))
    assert article.title == "Flood waters rise"
    assert article.text == f"Flood waters rise\n\n{BODY_1}\n\n{BODY_2}"
    assert article.source == "The Harbour Post"
    assert article.published == date(2026, 3, 10)
    assert article.url == "https://harbour.example/flood"
    assert article.author == "Jo Smith"
    assert "tracking" not in article.text


def test_html_declared_charset(tmp_path: Path) -> None:
    page = html_page("Caf\u00e9 flood", BODY_1, head='<meta charset="windows-1252">')
    article = only_article(write(tmp_path / "page.htm", page.encode("cp1252")))
    assert article.title == "Caf\u00e9 flood"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("plain words", "plain words"),
        ("AT&amp;T &lt;b&gt; &eacute;", "AT&T <b> \u00e9"),
        ("<p>One\n  two</p><p>Three<br>four</p>", "One two\n\nThree\nfour"),
        ("<p>Keep</p><script>if (a < b) { x() }</script><style>p{}</style>", "Keep"),
        ("a < b and c > d", "a < b and c > d"),
        ("before<!-- hidden --> after<!-- unclosed <p>gone", "before after"),
        ("<![CDATA[x]]><?php echo 1 ?>text", "text"),
        ("<div><ul><li>one</li><li>two</li></ul></div>", "one\n\ntwo"),
    ],
)
def test_fragment_text(markup: str, expected: str) -> None:
    assert fragment_text(markup) == expected


def test_html_empty_body_is_an_error(tmp_path: Path) -> None:
    page = "<html><head><title>Nothing</title></head><body></body></html>"
    results = ingest(write(tmp_path / "page.html", page))
    assert [r.error for r in results] == ["no article text found"]


# --- JSON and JSON Lines ------------------------------------------------------------------------


def test_json_list(tmp_path: Path) -> None:
    records = [
        {"id": "a1", "title": "First", "text": BODY_1, "source": "Wire", "date": "2026-03-09"},
        {"title": "Second", "body": BODY_2, "published": "10 March 2026", "url": "https://u/2"},
        {"guid": 7, "title": "Third", "content": BODY_1 + " More.", "author": ["A", "B"]},
    ]
    path = write(tmp_path / "batch.json", json.dumps(records))
    results = ingest(path)
    assert [r.ref for r in results] == [f"{path}#a1", f"{path}#https://u/2", f"{path}#7"]
    first, second, third = articles(results)
    assert (first.title, first.source, first.published) == ("First", "Wire", date(2026, 3, 9))
    assert (second.text, second.published) == (f"Second\n\n{BODY_2}", date(2026, 3, 10))
    assert third.author == "A, B"
    assert all(a.path == str(path) for a in (first, second, third))


def test_json_single_object_and_wrapper(tmp_path: Path) -> None:
    one = write(tmp_path / "one.json", json.dumps({"title": "T", "text": BODY_1}))
    assert [r.ref for r in ingest(one)] == [str(one)]
    wrapped = {"articles": [{"title": "T", "text": BODY_1}, {"title": "U", "text": BODY_2}]}
    path = write(tmp_path / "wrapped.json", json.dumps(wrapped))
    assert [r.ref for r in ingest(path)] == [f"{path}#1", f"{path}#2"]


def test_json_bad_records_do_not_stop_the_others(tmp_path: Path) -> None:
    records: list[object] = [
        {"title": "Good", "text": BODY_1},
        {"title": "No text"},
        "a string",
        {"title": "Number", "text": 42},
        {"title": "List", "text": ["a", "b"]},
        {"title": "Bad date", "text": BODY_2, "date": 2026},
        {"title": "Blank", "text": "   "},
        {"title": "Good too", "text": BODY_2},
    ]
    path = write(tmp_path / "mixed.json", json.dumps(records))
    results = ingest(path)
    assert [r.error for r in results] == [
        "",
        'record 2: missing "text"',
        "record 3: expected an object, not str",
        'record 4: "text" must be a string, not int',
        'record 5: "text" must be a string, not list',
        'record 6: "date" must be a string, not int',
        "record 7: no text",
        "",
    ]
    assert [r.ref for r in results][:2] == [f"{path}#1", f"{path}#2"]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ('{"title": "x", "text": ', "invalid JSON on line 1: Expecting value"),
        ('\n\n[{"text": "a" "b"}]', "invalid JSON on line 3: Expecting ',' delimiter"),
        ("42", "expected an object, not int"),
        ("[]", "no records"),
        ("[" * 100_000 + "]" * 100_000, "invalid JSON: nested too deeply"),
    ],
)
def test_json_whole_file_errors(tmp_path: Path, data: str, error: str) -> None:
    path = write(tmp_path / "bad.json", data)
    assert [(r.ref, r.error) for r in ingest(path)] == [(str(path), error)]


def test_jsonl_bad_line_in_the_middle(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "r1", "title": "One", "text": BODY_1}),
        "",
        '{"id": "r2", "title": "Broken", "text": ',
        json.dumps({"title": "Three", "text": BODY_2}),
        json.dumps({"title": "No text", "text": None}),
        "",
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines))
    results = ingest(path)
    assert [(r.ref, r.error) for r in results] == [
        (f"{path}#r1", ""),
        (f"{path}#3", "invalid JSON on line 3: Expecting value"),
        (f"{path}#4", ""),
        (f"{path}#5", 'line 5: missing "text"'),
    ]
    assert [a.title for a in articles(results)] == ["One", "Three"]


# --- feeds --------------------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Valley Wire</title><link>https://wire.example/</link>
<item><title>Flood waters rise</title><link>https://wire.example/1</link><guid>wire-1</guid>
<pubDate>Mon, 09 Mar 2026 23:30:00 -0500</pubDate><author>desk@wire.example (Desk)</author>
<description>&lt;p&gt;{BODY_1}&lt;/p&gt;&lt;p&gt;{BODY_2}&lt;script&gt;x()&lt;/script&gt;&lt;/p&gt;</description>
</item>
<item><title>Second story</title><link>https://wire.example/2</link>
<description>{BODY_2}</description></item>
<item><title>Empty one</title><description></description></item>
</channel></rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<id>urn:desk</id><updated>2026-03-10T10:00:00Z</updated>
<entry><title>Atom story</title><id>urn:desk:1</id><link href="https://atom.example/1"/>
<updated>2026-03-10T10:00:00Z</updated><summary>Short summary.</summary>
<content type="html">&lt;p&gt;{BODY_1}&lt;/p&gt;</content></entry>
</feed>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>x</title>
<description>&lol3;</description></item></channel></rss>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>x</title>
<description>&xxe;</description></item></channel></rss>
"""


def test_rss_feed(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.rss", RSS)
    results = ingest(path)
    assert [(r.ref, r.error) for r in results] == [
        (f"{path}#wire-1", ""),
        (f"{path}#https://wire.example/2", ""),
        (f"{path}#3", "no text"),
    ]
    first, second = articles(results)
    assert first.title == "Flood waters rise"
    assert first.text == f"Flood waters rise\n\n{BODY_1}\n\n{BODY_2}"
    assert (first.source, first.url) == ("Valley Wire", "https://wire.example/1")
    assert first.published == date(2026, 3, 9)  # the date as written, not shifted to UTC
    assert second.text == f"Second story\n\n{BODY_2}"


def test_atom_feed_prefers_content(tmp_path: Path) -> None:
    path = write(tmp_path / "desk.atom", ATOM)
    (article,) = articles(ingest(path))
    assert article.text == f"Atom story\n\n{BODY_1}"
    assert (article.source, article.url) == ("Atom Desk", "https://atom.example/1")
    assert article.published == date(2026, 3, 10)
    assert article.ref == f"{path}#urn:desk:1"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("laughs.xml", BILLION_LAUGHS.encode()),
        ("laughs.rss", BILLION_LAUGHS.replace("ENTITY", "entity").encode()),
        ("laughs16.xml", codecs.BOM_UTF16_LE + BILLION_LAUGHS.encode("utf-16-le")),
        ("laughs16be.feed", BILLION_LAUGHS.encode("utf-16-be")),
        ("xxe.atom", XXE.encode()),
    ],
)
def test_entity_declarations_refused(tmp_path: Path, name: str, data: bytes) -> None:
    path = write(tmp_path / name, data)
    assert ingest(path) == [IngestResult(str(path), None, "refused: XML entity declarations")]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ("<rss version='2.0'><channel><title>t</title></channel></rss>", "no entries in feed"),
        ("<config><value>1</value></config>", "no entries in feed"),
        ("not xml at all <<<", "not a feed"),
    ],
)
def test_not_a_feed(tmp_path: Path, data: str, error: str) -> None:
    (result,) = ingest(write(tmp_path / "x.xml", data))
    assert result.article is None
    assert result.error.startswith(error)


# --- WARC ---------------------------------------------------------------------------------------


def build_warc(pages: list[tuple[str, str, bytes]], gzip: bool) -> bytes:
    """A WARC of ``response`` records (uri, content type, body) after a request record."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    request = io.BytesIO(b"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n")
    writer.write_record(writer.create_warc_record("https://news.example/", "request", request))
    for uri, content_type, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
        writer.write_record(record)
    return buffer.getvalue()


WARC_PAGES = [
    ("https://news.example/a", "text/html; charset=utf-8", html_page("Story A", BODY_1).encode()),
    ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
    ("https://news.example/b", "text/html", html_page("Story B", BODY_2).encode()),
]


@pytest.mark.parametrize(("name", "gzip"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc(tmp_path: Path, name: str, gzip: bool) -> None:
    path = write(tmp_path / name, build_warc(WARC_PAGES, gzip))
    results = ingest(path)
    assert [(r.ref, r.error) for r in results] == [
        (f"{path}#https://news.example/a", ""),
        (f"{path}#https://news.example/b", ""),
    ]
    first, second = articles(results)
    assert first.text == f"Story A\n\n{BODY_1}"
    assert (first.url, first.path) == ("https://news.example/a", str(path))
    assert second.title == "Story B"


@pytest.mark.parametrize(("name", "gzip"), [("cut.warc", False), ("cut.warc.gz", True)])
def test_truncated_warc_yields_what_it_can(tmp_path: Path, name: str, gzip: bool) -> None:
    data = build_warc(WARC_PAGES, gzip)
    path = write(tmp_path / name, data[:-60])
    results = ingest(path)
    assert results[0].article is not None
    assert results[0].article.title == "Story A"
    assert results[-1] == IngestResult(str(path), None, "truncated archive")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"this is not an archive at all\n\n", "corrupt archive"),
        (build_warc(WARC_PAGES[1:2], gzip=False), "no HTML pages in archive"),
    ],
)
def test_bad_warc(tmp_path: Path, data: bytes, error: str) -> None:
    (result,) = ingest(write(tmp_path / "x.warc", data))
    assert result.article is None
    assert result.error.startswith(error)


# --- files and folders --------------------------------------------------------------------------


def make_tree(root: Path) -> None:
    write(root / "b.txt", f"B\n\n{BODY_1}")
    write(root / "a.md", f"A\n\n{BODY_1}")
    write(root / "c" / "z.txt", f"Z\n\n{BODY_1}")
    write(root / "c" / "d" / "y.json", json.dumps({"title": "Y", "text": BODY_1}))
    write(root / "c" / "notes.docx", b"PK\x03\x04 not read")
    write(root / "c" / "README", "no extension")
    write(root / ".hidden.txt", f"Hidden\n\n{BODY_1}")
    write(root / ".git" / "x.txt", f"Hidden dir\n\n{BODY_1}")
    write(root / "D.HTML", html_page("Upper", BODY_2))


def test_folder_recursion_is_sorted_and_filtered(tmp_path: Path) -> None:
    make_tree(tmp_path / "in")
    results = ingest(tmp_path / "in")
    rel = [os.path.relpath(r.ref, tmp_path / "in") for r in results]
    assert rel == ["D.HTML", "a.md", "b.txt", "c/d/y.json", "c/z.txt"]
    assert all(r.ok for r in results)
    assert ingest(tmp_path / "in") == results


def test_explicit_files_unknown_extension_and_hidden(tmp_path: Path) -> None:
    make_tree(tmp_path)
    results = ingest(tmp_path / "c" / "README", tmp_path / ".hidden.txt", tmp_path / "nope.txt")
    assert [(r.article.title if r.article else None, r.error) for r in results] == [
        (None, "no text"),  # read as text: one line is a headline with no body
        ("Hidden", ""),
        (None, "not found"),
    ]


@pytest.mark.parametrize("name", ["a.TXT", "b.Json", "c.warc.gz", "d.ATOM", "e.ndjson"])
def test_known_extensions_any_case(name: str) -> None:
    assert reader_for(name) is not None


@pytest.mark.parametrize("name", ["a.docx", "b", "c.gz", "d.pdf"])
def test_unknown_extensions(name: str) -> None:
    assert reader_for(name) is None


def run_with_timeout(paths: list[Path], config: IngestConfig) -> list[IngestResult]:
    """``read_inputs`` in a thread, failing if it does not finish within seconds."""
    out: list[IngestResult] = []
    worker = threading.Thread(target=lambda: out.extend(read_inputs(paths, config)), daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "read_inputs hung"
    return out


@pytest.mark.parametrize("follow", [False, True])
def test_symlink_loops_do_not_hang(tmp_path: Path, follow: bool) -> None:
    root = tmp_path / "root"
    write(root / "sub" / "a.txt", f"A\n\n{BODY_1}")
    os.symlink(root, root / "sub" / "back", target_is_directory=True)
    os.symlink(root / "sub", root / "sub" / "self", target_is_directory=True)
    os.symlink(root / "loop1.txt", root / "loop2.txt")
    os.symlink(root / "loop2.txt", root / "loop1.txt")
    results = run_with_timeout([root], IngestConfig(follow_symlinks=follow))
    assert [os.path.relpath(r.ref, root) for r in results] == ["sub/a.txt"]
    (looped,) = run_with_timeout([root / "loop1.txt"], IngestConfig())
    assert looped.error == "symlink loop"


@pytest.mark.parametrize(("follow", "expected"), [(False, ["real.txt"]), (True, ["link.txt", "real.txt"])])
def test_symlinked_files_in_folders(tmp_path: Path, follow: bool, expected: list[str]) -> None:
    target = write(tmp_path / "outside" / "t.txt", f"T\n\n{BODY_1}")
    write(tmp_path / "in" / "real.txt", f"R\n\n{BODY_1}")
    os.symlink(target, tmp_path / "in" / "link.txt")
    results = ingest(tmp_path / "in", config=IngestConfig(follow_symlinks=follow))
    assert [Path(r.ref).name for r in results] == expected
    assert only_article(tmp_path / "in" / "link.txt").title == "T"  # named: always followed


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("stars.md", "Title\n\n" + "**a " * 50_000),
        ("links.md", "Title\n\n" + "[a" * 50_000 + "\n" + "![a](" * 50_000),
        ("spaces.txt", "Date: a" + " " * 100_000 + "b\n\nTitle\n\nbody" + " " * 100_000 + "x"),
        ("comments.rss", RSS.replace("<description>", "<description>" + "&lt;!--" * 50_000, 1)),
        ("tags.xml", RSS.replace("<description>", "<description>" + "&lt;a " * 50_000, 1)),
        ("comments.html", html_page("Title", BODY_1) + "<!--" * 50_000),
    ],
)
def test_pathological_inputs_stay_fast(tmp_path: Path, name: str, content: str) -> None:
    results = run_with_timeout([write(tmp_path / name, content)], IngestConfig())
    assert results


def test_too_large(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "x" * 2_000)
    (result,) = ingest(path, config=IngestConfig(max_bytes=1_000))
    assert result == IngestResult(str(path), None, "too large (2000 bytes > 1000)")


def test_long_article_is_cut(tmp_path: Path) -> None:
    path = write(tmp_path / "long.txt", "Headline\n\n" + "many words here " * 1000)
    (article,) = articles(ingest(path, config=IngestConfig(max_article_chars=500)))
    assert len(article.text) <= 500
    assert article.text.startswith("Headline\n\nmany words here")


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "locked.txt", STORY)

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(pathlib.Path, "open", refuse)
    assert ingest(path) == [IngestResult(str(path), None, "permission denied")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_not_opened(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert run_with_timeout([pipe], IngestConfig()) == [IngestResult(str(pipe), None, "not a regular file")]
    assert run_with_timeout([tmp_path], IngestConfig()) == []


def test_non_path_input_is_an_error() -> None:
    (result,) = read_inputs([42])  # type: ignore[list-item]
    assert (result.ref, result.error) == ("42", "not a path")


# --- robustness ---------------------------------------------------------------------------------

PREFIXES = [
    b"",
    b"<?xml version='1.0'?><rss version='2.0'><channel><item><description>",
    b"<html><body><article><p>",
    b'{"title": "t", "text": "',
    b'[{"text": ',
    b"Source: x\nDate: ",
    codecs.BOM_UTF16_LE,
    b"WARC/1.1\r\n",
    b"\x1f\x8b\x08\x00",
]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    prefix=st.sampled_from(PREFIXES),
    payload=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode)),
    suffix=st.sampled_from([".txt", ".md", ".json", ".jsonl", ".html", ".xml", ".warc", ".bin"]),
)
def test_read_inputs_never_raises(tmp_path: Path, prefix: bytes, payload: bytes, suffix: str) -> None:
    path = write(tmp_path / f"fuzz{suffix}", prefix + payload)
    results = list(read_inputs([path]))
    assert results, "every input gives at least one result"
    for result in results:
        assert result.ref.startswith(str(path))
        if result.article is None:
            assert result.error and "\n" not in result.error
        else:
            assert result.error == ""
            assert result.article.text.startswith(result.article.title)
            assert len(result.article.id) == 16


def test_oversized_warc_page_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # ``triangulate.ingest`` is also a function in the package namespace, so look the module up.
    monkeypatch.setattr(importlib.import_module("triangulate.ingest.warc"), "MAX_PAGE_BYTES", 500)
    big = html_page("Big", BODY_1 * 5).encode()
    path = write(tmp_path / "x.warc.gz", build_warc([("https://n.example/big", "text/html", big), *WARC_PAGES], True))
    results = ingest(path)
    assert [(r.ref, r.error) for r in results] == [
        (f"{path}#https://n.example/big", "too large (more than 500 bytes)"),
        (f"{path}#https://news.example/a", ""),
        (f"{path}#https://news.example/b", ""),
    ]
