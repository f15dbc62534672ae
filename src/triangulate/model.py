"""The types that flow through the pipeline.

Every annotation is a view into ``Article.text`` by character offsets (``start``/``end``), never a
copy that could drift from the text: ``article.text[q.start:q.end] == q.text`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Relation(StrEnum):
    """How the mentions of one aligned group relate to each other."""

    AGREE = "agree"
    COMPATIBLE = "compatible"
    CONFLICT = "conflict"
    UPDATE = "update"
    UNIQUE = "unique"


@dataclass(frozen=True, slots=True)
class Article:
    """One news report. ``id`` is a hash of its content, so re-ingesting it is a no-op."""

    id: str
    title: str
    text: str
    source: str = ""
    published: date | None = None
    url: str = ""
    author: str = ""
    ref: str = ""  # input path, or ``path#record`` for one record of a multi-record file
    path: str = ""


@dataclass(frozen=True, slots=True)
class Sentence:
    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    text: str
    label: str  # spaCy label, kept as a hint only (the small model mislabels places)
    key: str  # normalized form: "Lee Seong-kweun" and "Lee Seong Kweun" share it
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure as reported: a point (``low == high``), a range, or a vague amount.

    ``approx`` names the reporter's qualifier ("about", "more than", "thousands"); ``parts`` holds
    the items of a list that adds up ("1,000 sappers and 5,000 workers") for the list's total.
    """

    text: str
    start: int
    end: int
    low: float
    high: float
    unit: str = ""  # "" for a bare count; "USD", "EUR", "%", "ha", "km", ...
    approx: str = ""
    kind: str = "count"  # count | money | percent | measure | duration
    noun: str = ""  # the counted noun as written, e.g. "construction workers"
    concept: str = ""  # the noun's concept class, e.g. "personnel"
    change: str = ""  # "up" | "down" when the figure is a change, "" when it is a level
    verb: str = ""  # lemma of the verb governing the figure ("destroy", "send"), for alignment
    about: str = ""  # what the figure describes: "fine, crime", "Dow Jones Industrial Average"
    parts: tuple[Quantity, ...] = ()

    @property
    def is_point(self) -> bool:
        return self.low == self.high and not self.approx


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """A time expression; ``low``/``high`` are inclusive days, None while unresolved."""

    text: str
    start: int
    end: int
    kind: str  # absolute | relative | weekday | duration | unresolved
    low: date | None = None
    high: date | None = None
    anchored: bool = True  # False when resolved against a guessed reference date
    granularity: str = "day"  # day | month | season | year


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a statement is attributed to, outermost first: ("Lee Seong-kweun", "NIS")."""

    chain: tuple[str, ...]
    cue: str  # the reporting expression: "according to", "said", "citing", "quote"
    start: int
    end: int
    anonymous: bool = False

    @property
    def speaker(self) -> str:
        return self.chain[0] if self.chain else ""


@dataclass(frozen=True, slots=True)
class Claim:
    """What one sentence asserts about one figure, date or event, with its provenance."""

    id: str
    article_id: str
    sentence: int
    start: int  # span of the value (or of the sentence for a statement claim)
    end: int
    text: str
    kind: str  # quantity | time | statement
    quantity: Quantity | None = None
    time: TimeSpan | None = None
    when: TimeSpan | None = None  # the time a quantity refers to, if the sentence says
    attribution: Attribution | None = None
    hedge: str = ""  # the hedging cue ("believed to"), "" when asserted plainly
    entities: tuple[str, ...] = ()  # entity keys in the sentence
    lemmas: tuple[str, ...] = ()  # content lemmas of the sentence, for alignment


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the analyze stage found in one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Mention:
    """One article's contribution to a finding."""

    claim_id: str
    article_id: str
    sentence: int
    text: str
    start: int
    end: int
    low: str | float | None = None
    high: str | float | None = None
    unit: str = ""
    approx: str = ""
    attributed_to: tuple[str, ...] = ()
    hedged: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    id: str
    story_id: str
    relation: Relation
    what: str
    why: str
    mentions: tuple[Mention, ...] = field(default_factory=tuple)
    kind: str = "quantity"  # quantity | time | statement
