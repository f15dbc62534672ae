"""Feeds and article pages for the watch tests, written by hand."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Item:
    guid: str
    title: str
    body: str = ""  # full content; empty for a summary-only entry
    summary: str = ""
    link: str = ""
    date: str = "Mon, 04 May 2026 09:00:00 GMT"


def rss(title: str, *items: Item) -> str:
    entries = "".join(_item(i) for i in items)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{escape(title)}</title><link>http://news.test/</link><description>test</description>"
        f"{entries}</channel></rss>"
    )


def _item(item: Item) -> str:
    parts = [f"<guid>{escape(item.guid)}</guid>", f"<title>{escape(item.title)}</title>"]
    if item.link:
        parts.append(f"<link>{escape(item.link)}</link>")
    parts.append(f"<pubDate>{item.date}</pubDate>")
    if item.summary:
        parts.append(f"<description>{escape(item.summary)}</description>")
    if item.body:
        parts.append(f"<content:encoded>{escape(item.body)}</content:encoded>")
    return "<item>" + "".join(parts) + "</item>"


def page(title: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{escape(title)}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(title)}</h1>{body}</article>"
        f"<footer>Copyright Island Daily</footer></body></html>"
    )


QUARRY_12 = Item(
    "courier-quarry-1",
    "Quarry wall collapses near Tarn",
    body="<p>A quarry wall collapsed near the village of Tarn on Monday.</p>"
    "<p>Mine inspector Hugo Brandt said 12 workers were trapped underground.</p>"
    "<p>Rescue teams from three towns worked through the night with heavy lifting gear.</p>",
)
QUARRY_19 = Item(
    "ledger-quarry-1",
    "Quarry collapse traps workers at Tarn",
    body="<p>A quarry wall gave way near the village of Tarn on Monday.</p>"
    "<p>Union leader Petra Vos said 19 workers were trapped underground.</p>",
)
FERRY_FOUR = Item(
    "harbour-ferry-1",
    "Ferry sinks off Mael",
    body="<p>A ferry capsized off the island of Mael on Sunday.</p>"
    "<p>Four people were killed, the coast guard said.</p>",
    date="Sun, 07 Jun 2026 18:00:00 GMT",
)
FERRY_NINE_PARAGRAPHS = (
    "The death toll from the ferry that capsized off Mael rose to nine on Tuesday, the coast guard said.",
    "Divers searched the hull again at first light, and the harbour stayed closed to small boats.",
)
