"""A synthetic news corpus for benchmarks, rewritten from the bundled example reports.

Each synthetic story takes one family of example reports (the four ``examples/story`` reports
of one event, or one ``examples/other`` report) and rewrites 3-6 of them: invented place,
company and person names (the same across a story), figures scaled by a story-wide factor (and,
for some reports, a little more or less, so the reports disagree), dates shifted by whole weeks
(weekdays stay right), paragraphs shuffled or dropped, and invented outlets and bylines.

    >>> articles = generate(20, seed=1)      # doctest: +SKIP
    >>> len(articles)                         # doctest: +SKIP
    20

The output depends only on ``n_articles`` and ``seed``. Each article's ``ref`` is
``synthetic/story-NNNN/J-TEMPLATE``, naming the story it was generated for.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from triangulate.ingest import make_article, read_inputs
from triangulate.model import Article

__all__ = ["generate"]

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MIN_STORY, MAX_STORY = 3, 6
MAX_TRIES = 20

# Proper names of the example reports, by the pool their replacements come from.
PLACES = ("Calder", "Harrow", "Ashby", "Tollin", "Marlow", "Merrin", "Quarry")
COMPANIES = ("Halvard", "Brightmoor")
SURNAMES = ("Dunmore", "Whitcombe", "Halvorsen", "Reyburn", "Aldous", "Sorell", "Castellano")
WOMEN = ("Dana", "Priya", "Hana", "Noreen")
MEN = ("Tomas", "Ben")
DOUBLE = "Marie-Claire"  # also written "Marie Claire" in one report

PLACE_POOL = (
    "Aldermere",
    "Brackenfell",
    "Carrowdale",
    "Dunleith",
    "Elmstow",
    "Fennick",
    "Garrowby",
    "Hollin",
    "Ivesby",
    "Kestrow",
    "Lanmoor",
    "Marrick",
    "Nettlecombe",
    "Ostley",
    "Pellam",
    "Quenby",
    "Rothwick",
    "Sallowby",
    "Tarrent",
    "Ulvercote",
    "Varrow",
    "Wrenfield",
    "Yarrowby",
    "Brinmoor",
    "Coldwater",
    "Dellacombe",
    "Everton",
    "Farrowdale",
    "Glenmire",
    "Hathersage",
)
COMPANY_POOL = (
    "Arkwell",
    "Bellcroft",
    "Corvane",
    "Dalwynn",
    "Everly",
    "Fairholm",
    "Granton",
    "Hestor",
    "Ironvale",
    "Juniper",
    "Kelbrook",
    "Larkmoor",
    "Mardale",
    "Northam",
    "Oakridge",
    "Pennant",
)
SURNAME_POOL = (
    "Ashcombe",
    "Barraclough",
    "Calloway",
    "Denholm",
    "Everard",
    "Fairweather",
    "Gaskell",
    "Hartigan",
    "Ingleby",
    "Jessop",
    "Kincaid",
    "Lockridge",
    "Merriman",
    "Nugent",
    "Okafor",
    "Pemberton",
    "Quaile",
    "Rutherford",
    "Stannard",
    "Thackeray",
    "Underhill",
    "Vasquez",
    "Winterbourne",
    "Yardley",
    "Zielinski",
    "Abernethy",
    "Brereton",
    "Castellan",
    "Drummond",
)
WOMEN_POOL = (
    "Alma",
    "Beatrix",
    "Celia",
    "Daria",
    "Esme",
    "Freya",
    "Greta",
    "Helena",
    "Imogen",
    "Juno",
    "Kira",
    "Lydia",
    "Mirela",
    "Nadia",
    "Orla",
    "Petra",
    "Rhea",
    "Sabine",
    "Tamsin",
    "Vera",
)
MEN_POOL = (
    "Anton",
    "Bastian",
    "Cormac",
    "Dmitri",
    "Emeric",
    "Felix",
    "Gareth",
    "Hugo",
    "Idris",
    "Jonas",
    "Kasper",
    "Leon",
    "Matteo",
    "Niall",
    "Oskar",
    "Ravi",
    "Soren",
    "Tobias",
)
DOUBLE_POOL = ("Anne-Lise", "Marie-Jo", "Eva-Maria", "Rose-Anne", "Lou-Ann", "Anna-Karin")
OUTLET_TOWNS = (
    "Eastbrook",
    "Westmarch",
    "Northfleet",
    "Southwold",
    "Highcliff",
    "Lowmoor",
    "Riverside",
    "Stonebridge",
    "Kingsmere",
    "Ashford Vale",
    "Redcliffe",
    "Bayview",
    "Crossgate",
    "Fernhill",
)
OUTLET_KINDS = (
    "Courier",
    "Post",
    "Herald",
    "Gazette",
    "Chronicle",
    "Record",
    "Observer",
    "Dispatch",
    "Tribune",
    "Review",
    "Wire",
    "Daily",
    "Examiner",
    "Times",
)
HEADLINE_TAGS = ("", "", "", "Update: ", "Live: ", "Explainer: ", "Analysis: ")
STORY_FACTORS = (0.5, 0.75, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0)
REVISIONS = (0.9, 1.1, 1.25)  # how far one report's figures may stray from its story's
REVISION_CHANCE = 0.25
MIN_SCALED = 10  # smaller whole numbers ("3 plants") are left alone
SCALED_SUFFIXES = {"", "bn", "m", "k"}  # "$1.2bn" scales; "41C" does not

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_TOKEN = re.compile(
    rf"\b(?P<day>\d{{1,2}}) (?P<dmonth>{MONTHS})\b"
    rf"|\b(?P<month>{MONTHS})\b"
    r"|\b(?P<year>(?:19|20)\d\d)\b(?![,.]\d)"
    r"|(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?P<unit>-year|%| percent|[A-Za-z]+)?"
)
_MONTH_NUMBER = {name: i + 1 for i, name in enumerate(MONTHS.split("|"))}


@dataclass(frozen=True, slots=True)
class _Rewrite:
    """How one report of a story is rewritten."""

    names: dict[str, str]
    factor: float
    shift: timedelta
    base: date  # the template's publication date, which in-text dates are relative to


def generate(n_articles: int, seed: int = 0) -> list[Article]:
    """``n_articles`` synthetic articles in stories of 3-6 reports; the same for the same seed."""
    rng = random.Random(seed)
    families = _families()
    articles: list[Article] = []
    seen: set[str] = set()  # article ids: two identical rewrites would be one article
    story = 0
    while len(articles) < n_articles:
        size = _story_size(rng, n_articles - len(articles))
        articles += _story(rng, rng.choice(families), size, story, seen)
        story += 1
    return articles


@lru_cache(maxsize=1)
def _families() -> tuple[tuple[Article, ...], ...]:
    """The reports of ``examples/story`` (one event), then each ``examples/other`` report alone."""
    story = _read(EXAMPLES / "story")
    others = _read(EXAMPLES / "other")
    return (story, *((a,) for a in others))


def _read(folder: Path) -> tuple[Article, ...]:
    articles = tuple(r.article for r in read_inputs([folder]) if r.article is not None)
    if not articles:
        raise FileNotFoundError(f"no example articles in {folder}")
    return articles


def _story_size(rng: random.Random, remaining: int) -> int:
    if remaining <= MAX_STORY:
        return remaining
    size = rng.randint(MIN_STORY, MAX_STORY)
    return size if remaining - size >= MIN_STORY else remaining - MIN_STORY


def _story(rng: random.Random, family: Sequence[Article], size: int, number: int, seen: set[str]) -> list[Article]:
    """``size`` new rewritten reports of one family, sharing names, scale and dates."""
    names = _names(rng)
    factor = rng.choice(STORY_FACTORS)
    shift = timedelta(weeks=rng.randint(-150, 20))
    picks = rng.sample(list(family), min(size, len(family)))
    picks += rng.choices(list(family), k=size - len(picks))
    out: list[Article] = []
    for index, template in enumerate(picks):
        reused = any(a.ref.endswith(Path(template.ref).stem) for a in out)
        ref = f"synthetic/story-{number:04d}/{index}-{Path(template.ref).stem}"
        for _ in range(MAX_TRIES):  # a rewrite identical to an earlier one is drawn again
            revised = factor * rng.choice(REVISIONS) if rng.random() < REVISION_CHANCE else factor
            rewrite = _Rewrite(names, revised, shift, template.published or date(2026, 1, 1))
            tag = rng.choice(HEADLINE_TAGS) if reused else ""
            article = _article(rng, template, rewrite, tag, ref)
            if article.id not in seen:
                seen.add(article.id)
                out.append(article)
                break
    return out


def _names(rng: random.Random) -> dict[str, str]:
    """Invented replacements for every proper name of the examples, fixed for one story."""
    names = dict(zip(PLACES, rng.sample(PLACE_POOL, len(PLACES)), strict=True))
    names |= dict(zip(COMPANIES, rng.sample(COMPANY_POOL, len(COMPANIES)), strict=True))
    names |= dict(zip(SURNAMES, rng.sample(SURNAME_POOL, len(SURNAMES)), strict=True))
    names |= dict(zip(WOMEN, rng.sample(WOMEN_POOL, len(WOMEN)), strict=True))
    names |= dict(zip(MEN, rng.sample(MEN_POOL, len(MEN)), strict=True))
    double = rng.choice(DOUBLE_POOL)
    names[DOUBLE] = double
    names[DOUBLE.replace("-", " ")] = double.replace("-", " ")
    return names


def _article(rng: random.Random, template: Article, rewrite: _Rewrite, tag: str, ref: str) -> Article:
    title = tag + _rewrite_text(template.title, rewrite)
    body = template.text[len(template.title) :].strip()
    paragraphs = _vary_paragraphs(rng, [_rewrite_text(p, rewrite) for p in body.split("\n\n")])
    published = rewrite.base + rewrite.shift
    outlet = _outlet(rng)
    return make_article(
        title=title,
        text="\n\n".join(paragraphs),
        source=outlet,
        published=published,
        url=f"https://{_slug(outlet)}.example/{published:%Y/%m/%d}/{_slug(title)[:60]}",
        author=f"{rng.choice(WOMEN_POOL + MEN_POOL)} {rng.choice(SURNAME_POOL)}",
        ref=ref,
    )


def _vary_paragraphs(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """The lead stays first; the rest may be shuffled, and up to two dropped."""
    lead, rest = paragraphs[:1], paragraphs[1:]
    if rng.random() < 0.5:
        rng.shuffle(rest)
    for _ in range(rng.randint(0, max(0, min(2, len(rest) - 2)))):
        rest.pop(rng.randrange(len(rest)))
    return lead + rest


def _outlet(rng: random.Random) -> str:
    the = "The " if rng.random() < 0.5 else ""
    return f"{the}{rng.choice(OUTLET_TOWNS)} {rng.choice(OUTLET_KINDS)}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _rewrite_text(text: str, rewrite: _Rewrite) -> str:
    return _TOKEN.sub(lambda m: _rewrite_token(m, rewrite), _rename(text, rewrite.names))


def _rename(text: str, names: dict[str, str]) -> str:
    pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.sub(rf"\b(?:{pattern})\b", lambda m: names[m.group(0)], text)


def _rewrite_token(match: re.Match[str], rewrite: _Rewrite) -> str:
    if match["dmonth"]:
        day = date(rewrite.base.year, _MONTH_NUMBER[match["dmonth"]], int(match["day"]))
        moved = day + rewrite.shift
        return f"{moved.day} {moved:%B}"
    if match["month"]:
        moved = date(rewrite.base.year, _MONTH_NUMBER[match["month"]], 15) + rewrite.shift
        return f"{moved:%B}"
    if match["year"]:
        years = (rewrite.base + rewrite.shift).year - rewrite.base.year
        return str(int(match["year"]) + years)
    return _scale(match, rewrite.factor)


def _scale(match: re.Match[str], factor: float) -> str:
    """A figure times ``factor``, with as many decimals as it had; ages, percentages and
    temperatures are left alone."""
    unit = match["unit"] or ""
    whole, frac = match["num"], match["frac"] or ""
    value = float(whole.replace(",", "") + frac)
    if unit not in SCALED_SUFFIXES or (not frac and value < MIN_SCALED):
        return match.group(0)
    decimals = max(0, len(frac) - 1)
    return f"{value * factor:,.{decimals}f}{unit}"
