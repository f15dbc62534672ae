"""The compare stage: align the claims of one story's articles and label each group.

Figures are aligned when they count the same kind of thing (concept and unit) in similar
contexts; a pair whose values are consistent needs less contextual evidence than a pair whose
values differ, because a false conflict is the worst error this tool can make. Each group is then
labelled ``agree``, ``compatible`` (with the reason), ``update`` (a later report revises the
figure), ``conflict`` (with who says what) or ``unique``.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from triangulate.analyze import lexicon as lx
from triangulate.analyze.attribution import SPEECH_VERBS
from triangulate.model import Analysis, Claim, Finding, Mention, Quantity, Relation, Story
from triangulate.reconcile import AGREE, describe, relate_quantities, relate_times

__all__ = ["CompareConfig", "compare_story"]

CUMULATIVE = {"dead", "injured", "missing", "displaced", "arrested", "rescued", "destroyed", "cases"}
ORDER = {Relation.CONFLICT: 0, Relation.UPDATE: 1, Relation.COMPATIBLE: 2, Relation.AGREE: 3, Relation.UNIQUE: 4}


@dataclass(frozen=True, slots=True)
class CompareConfig:
    """Thresholds on context similarity (0-1), calibrated on the example corpus and seeds."""

    link_consistent: float = 0.20  # align two consistent figures
    link_different: float = 0.45  # call two different figures the same thing (a conflict)
    sentence_covered: float = 0.30  # a sentence this similar to one elsewhere is not unique
    min_unique_words: int = 5  # shorter sentences are not reported as unique claims

    def __post_init__(self) -> None:
        from triangulate.errors import ConfigError

        for name in ("link_consistent", "link_different", "sentence_covered"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ConfigError(f"{name} must be in [0.0, 1.0]")
        if self.link_consistent > self.link_different:
            raise ConfigError("link_consistent must not exceed link_different")


def compare_story(story: Story, analyses: Sequence[Analysis], config: CompareConfig = CompareConfig()) -> list[Finding]:
    """Every finding of one story, conflicts and updates first."""
    ctx = _StoryContext(story, analyses)
    findings = _figure_findings(ctx, config) + _time_findings(ctx, config) + _unique_statements(ctx, config)
    return sorted(findings, key=lambda f: (ORDER[f.relation], f.kind != "quantity", f.what))


class _StoryContext:
    """What alignment needs about a story: dates, claims, and word weights (IDF over sentences)."""

    def __init__(self, story: Story, analyses: Sequence[Analysis]) -> None:
        self.story = story
        self.analyses = {a.article.id: a for a in analyses if a.article.id in story.article_ids}
        self.dated = {aid: a.article.published for aid, a in self.analyses.items()}
        self.sources = {aid: a.article.source or a.article.title for aid, a in self.analyses.items()}
        statements = [c for a in self.analyses.values() for c in a.claims if c.kind == "statement"]
        df = Counter(w for c in statements for w in set(c.lemmas) | set(c.entities))
        n = max(1, len(statements))
        self.idf = {w: math.log((1 + n) / (1 + k)) + 1 for w, k in df.items()}
        self._similarity: dict[tuple[str, int, str, int], float] = {}
        self._bags: dict[tuple[str, int], tuple[frozenset[str], float]] = {}

    def claims(self, kind: str) -> list[Claim]:
        return [c for a in self.analyses.values() for c in a.claims if c.kind == kind]

    def similarity(self, a: Claim, b: Claim) -> float:
        """IDF-weighted Dice overlap of the two sentences' content words and entities."""
        key = (a.article_id, a.sentence, b.article_id, b.sentence)
        cached = self._similarity.get(key)
        if cached is None:
            wa, wb = self._bag(a), self._bag(b)
            small, large = (wa, wb) if len(wa[0]) <= len(wb[0]) else (wb, wa)
            shared = math.fsum(self.idf.get(w, 1.0) for w in small[0] if w in large[0])  # fsum: order-free
            total = wa[1] + wb[1]
            cached = self._similarity[key] = 2 * shared / total if total else 0.0
        return cached

    def _bag(self, claim: Claim) -> tuple[frozenset[str], float]:
        key = (claim.article_id, claim.sentence)
        bag = self._bags.get(key)
        if bag is None:
            words = frozenset(claim.lemmas) | frozenset(claim.entities)
            bag = self._bags[key] = (words, math.fsum(self.idf.get(w, 1.0) for w in words))
        return bag


# ---------------------------------------------------------------------------------------------
# Figures


def _figure_findings(ctx: _StoryContext, config: CompareConfig) -> list[Finding]:
    claims = [c for c in ctx.claims("quantity") if c.quantity is not None and c.quantity.concept]
    groups = _align(ctx, claims, config)
    findings = []
    for group in groups:
        if len(group) == 1 and _is_part(group[0], claims):
            continue  # "1,000 sappers" is shown as a part of its list total
        findings.append(_label_figures(ctx, group))
    return findings


def _is_part(claim: Claim, claims: list[Claim]) -> bool:
    return any(
        c.article_id == claim.article_id
        and c.quantity is not None
        and c.quantity.parts
        and c.start <= claim.start
        and claim.end <= c.end
        and c.id != claim.id
        for c in claims
    )


def _align(ctx: _StoryContext, claims: list[Claim], config: CompareConfig) -> list[list[Claim]]:
    """Greedy constrained agglomeration: strongest links first, consistent links before others."""
    links = []
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            if not _comparable(a, b) or (a.article_id == b.article_id and not _restates(a, b)):
                continue
            if not _times_allow(ctx, a, b):
                continue
            verdict = _relate_figures(a, b)
            score = _link_score(ctx, a, b, verdict)
            needed = config.link_consistent if verdict or _revises(ctx, a, b) else config.link_different
            if score >= needed:
                links.append((verdict is None, -score, a.id, b.id))
    links.sort()
    group_of = {c.id: [c] for c in claims}
    for different, _, a_id, b_id in links:
        ga, gb = group_of[a_id], group_of[b_id]
        if ga is not gb and _can_merge(ga, gb, different):
            _merge(group_of, ga, gb)
    return _groups(group_of)


def _merge(group_of: dict[str, list[Claim]], ga: list[Claim], gb: list[Claim]) -> None:
    ga.extend(gb)
    for c in gb:
        group_of[c.id] = ga


def _groups(group_of: dict[str, list[Claim]]) -> list[list[Claim]]:
    return list({id(g): g for g in group_of.values()}.values())


def _restates(a: Claim, b: Claim) -> bool:
    """One article giving the same figure twice (headline and body, lead and detail)."""
    verdict = _relate_figures(a, b)
    return a.sentence != b.sentence and verdict is not None and verdict[0] == AGREE


def _comparable(a: Claim, b: Claim) -> bool:
    qa, qb = a.quantity, b.quantity
    assert qa is not None and qb is not None
    return qa.concept == qb.concept and (qa.unit == qb.unit or {qa.kind, qb.kind} == {"count"})


def _times_allow(ctx: _StoryContext, a: Claim, b: Claim) -> bool:
    """Figures for plainly different times are about different things."""
    if a.when is None or b.when is None:
        return True
    return _relate_dates(ctx, a, b, "when") is not None


def _link_score(ctx: _StoryContext, a: Claim, b: Claim, verdict: tuple[str, str] | None) -> float:
    """Evidence that two figures are about the same thing: context, noun, time and value."""
    score = ctx.similarity(a, b) + _noun_bonus(a, b)
    qa, qb = a.quantity, b.quantity
    if qa is not None and qb is not None and qa.verb and qa.verb == qb.verb and qa.verb not in SPEECH_VERBS:
        score += 0.15  # the same predicate: "340 homes had been destroyed" / "210 homes destroyed"
    if a.when is not None and b.when is not None:
        score += 0.15  # _times_allow already holds: both dated, consistently
    if verdict is not None:
        qa, qb = a.quantity, b.quantity
        assert qa is not None and qb is not None
        exact = qa.low == qb.low and qa.high == qb.high and qa.low == qa.high
        score += 0.15 if exact and qa.low >= 10 else 0.05
    return score


def _noun_bonus(a: Claim, b: Claim) -> float:
    qa, qb = a.quantity, b.quantity
    assert qa is not None and qb is not None
    wa, wb = set(qa.noun.lower().split()), set(qb.noun.lower().split())
    if not wa or not wb:
        return 0.0
    return 0.15 * len(wa & wb) / len(wa | wb)


def _can_merge(ga: list[Claim], gb: list[Claim], different: bool) -> bool:
    """Mentions of one article in a group must be consistent; a conflict joins only strangers."""
    articles_a, articles_b = {c.article_id for c in ga}, {c.article_id for c in gb}
    if different and articles_a & articles_b:
        return False
    for x in ga:
        for y in gb:
            if x.article_id == y.article_id and (
                (x.sentence == y.sentence and not _part_of(x, y)) or _relate_figures(x, y) is None
            ):
                return False
    return True


def _part_of(x: Claim, y: Claim) -> bool:
    return (x.start <= y.start and y.end <= x.end) or (y.start <= x.start and x.end <= y.end)


def _revises(ctx: _StoryContext, a: Claim, b: Claim) -> bool:
    """A later report restating a running count ("the death toll rose to five")."""
    earlier, later = _by_date(ctx, a, b)
    if earlier is None or later is None:
        return False
    concept = later.quantity.concept if later.quantity else ""
    article = ctx.analyses[later.article_id].article
    before = article.text[max(0, later.start - 30) : later.start].lower()
    return concept in CUMULATIVE and any(cue in before for cue in lx.REVISION_CUES)


def _by_date(ctx: _StoryContext, a: Claim, b: Claim) -> tuple[Claim | None, Claim | None]:
    da, db = ctx.dated[a.article_id], ctx.dated[b.article_id]
    if da is None or db is None or da == db:
        return None, None
    return (a, b) if da < db else (b, a)


def _label_figures(ctx: _StoryContext, group: list[Claim]) -> Finding:
    group = sorted(group, key=lambda c: (ctx.dated[c.article_id] or date.min, c.article_id, c.start))
    articles = list(dict.fromkeys(c.article_id for c in group))
    what = _figure_what(group)
    if len(articles) == 1:
        return _finding(ctx, Relation.UNIQUE, what, f"only {_source(ctx, group[0])} reports this", group)
    verdicts = []
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            if a.article_id != b.article_id:
                verdicts.append((a, b, _relate_figures(a, b)))
    if all(v is not None for _, _, v in verdicts):
        reasons = _one_per_kind([v[1] for _, _, v in verdicts if v is not None] + _when_reasons(ctx, group))
        relation = Relation.AGREE if all(v and v[0] == AGREE for _, _, v in verdicts) else Relation.COMPATIBLE
        return _finding(ctx, relation, what, "; ".join(reasons), group)
    a, b, _ = next(x for x in verdicts if x[2] is None)
    if _revises(ctx, a, b) or _is_running_count(ctx, a, b):
        earlier, later = _by_date(ctx, a, b)
        assert earlier is not None and later is not None
        why = (
            f"{_source(ctx, earlier)} ({ctx.dated[earlier.article_id]}) reported {earlier.text}; "
            f"{_source(ctx, later)} ({ctx.dated[later.article_id]}) later reported {later.text}"
        )
        return _finding(ctx, Relation.UPDATE, what, why, group)
    return _finding(ctx, Relation.CONFLICT, what, _conflict_reason(ctx, a, b), group)


def _is_running_count(ctx: _StoryContext, a: Claim, b: Claim) -> bool:
    earlier, later = _by_date(ctx, a, b)
    if earlier is None or later is None or earlier.quantity is None or later.quantity is None:
        return False
    return later.quantity.concept in CUMULATIVE and later.quantity.low > earlier.quantity.high


def _conflict_reason(ctx: _StoryContext, a: Claim, b: Claim) -> str:
    def side(c: Claim) -> str:
        who = " ← ".join(c.attribution.chain) if c.attribution else "unattributed"
        return f"{_source(ctx, c)} says {describe(_figure(c))} ({who})"

    note = ""
    if a.attribution and b.attribution and a.attribution.speaker != b.attribution.speaker:
        note = "; each figure comes from a different source"
    return f"{side(a)}; {side(b)}{note}"


def _one_per_kind(reasons: list[str]) -> list[str]:
    """One example of each kind of reason: "point inside range (...)", "rounding (...)"."""
    seen: dict[str, str] = {}
    for reason in reasons:
        seen.setdefault(reason.split(" (")[0], reason)
    kinds = list(seen.values())
    if len(kinds) > 1 and "same value" in kinds:
        kinds.remove("same value")
    return kinds


def _when_reasons(ctx: _StoryContext, group: list[Claim]) -> list[str]:
    timed = [c for c in group if c.when is not None]
    reasons = []
    for i, a in enumerate(timed):
        for b in timed[i + 1 :]:
            if a.article_id != b.article_id:
                verdict = _relate_dates(ctx, a, b, "when")
                if verdict:
                    reasons.append(verdict[1])
    return list(dict.fromkeys(reasons))


def _figure_what(group: list[Claim]) -> str:
    quantities = [c.quantity for c in group if c.quantity is not None]
    concept = Counter(q.concept for q in quantities).most_common(1)[0][0]
    nouns = list(dict.fromkeys(q.noun.lower() for q in quantities if q.noun and " + " not in q.noun))
    label = concept if not nouns or nouns == [concept] else f"{concept}: {', '.join(nouns[:3])}"
    whens = _unsaid_again(list(dict.fromkeys(c.when.text for c in group if c.when is not None)))
    return f"{label} ({', '.join(whens[:2])})" if whens else label


def _unsaid_again(texts: list[str]) -> list[str]:
    """The time phrases without one another already says: "since Sunday" says "Sunday"."""
    return [
        t
        for t in texts
        if not any(o != t and re.search(rf"(?<!\w){re.escape(t)}(?!\w)", o, re.IGNORECASE) for o in texts)
    ]


# ---------------------------------------------------------------------------------------------
# Dates


def _time_findings(ctx: _StoryContext, config: CompareConfig) -> list[Finding]:
    """Dates that several reports give for the same event (agree or one inside the other)."""
    claims = [c for c in ctx.claims("time") if c.time is not None and c.time.kind != "duration"]
    group_of = {c.id: [c] for c in claims}
    links = []
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            if a.article_id == b.article_id:
                continue
            verdict = _relate_dates(ctx, a, b, "time")
            score = ctx.similarity(a, b) + (0.1 if verdict and verdict[0] == AGREE else 0.0)
            if verdict and score >= config.link_consistent:
                links.append((verdict[0] != AGREE, -score, a.id, b.id))
    for containment, _, a_id, b_id in sorted(links):
        ga, gb = group_of[a_id], group_of[b_id]
        if ga is gb or not _times_merge(ctx, ga, gb):
            continue
        if containment and (len(ga) > 1 or len(gb) > 1):
            continue  # keep groups of the very same date pure; "July" stays out of "July or August"
        _merge(group_of, ga, gb)
    findings = []
    for group in _groups(group_of):
        if len(group) < 2:
            continue
        verdicts = [
            _relate_dates(ctx, a, b, "time")
            for i, a in enumerate(group)
            for b in group[i + 1 :]
            if a.article_id != b.article_id
        ]
        reasons = _one_per_kind([v[1] for v in verdicts if v])
        relation = Relation.AGREE if all(v and v[0] == AGREE for v in verdicts) else Relation.COMPATIBLE
        what = "date: " + " / ".join(dict.fromkeys(c.text for c in group))
        findings.append(_finding(ctx, relation, what, "; ".join(reasons), group, kind="time"))
    return findings


def _times_merge(ctx: _StoryContext, ga: list[Claim], gb: list[Claim]) -> bool:
    return all(
        _relate_dates(ctx, x, y, "time") is not None and not (x.article_id == y.article_id and x.sentence == y.sentence)
        for x in ga
        for y in gb
    )


# ---------------------------------------------------------------------------------------------
# Statements only one report makes


def _unique_statements(ctx: _StoryContext, config: CompareConfig) -> list[Finding]:
    statements = ctx.claims("statement")
    with_figures = {(c.article_id, c.sentence) for c in ctx.claims("quantity")}
    index: dict[str, list[int]] = defaultdict(list)
    for i, statement in enumerate(statements):
        for word in set(statement.lemmas) | set(statement.entities):
            index[word].append(i)
    findings = []
    for claim in statements:
        if claim.sentence == 0 or (claim.article_id, claim.sentence) in with_figures:
            continue  # headlines, and sentences whose figures are findings of their own
        if len(claim.lemmas) < config.min_unique_words:
            continue
        candidates = {i for w in set(claim.lemmas) | set(claim.entities) for i in index.get(w, ())}
        best = max(
            (ctx.similarity(claim, statements[i]) for i in candidates if statements[i].article_id != claim.article_id),
            default=0.0,
        )
        if best < config.sentence_covered:
            findings.append(
                _finding(
                    ctx,
                    Relation.UNIQUE,
                    "statement",
                    f"only {_source(ctx, claim)} reports this",
                    [claim],
                    kind="statement",
                )
            )
    return findings


# ---------------------------------------------------------------------------------------------


def _figure(c: Claim) -> Quantity:
    assert c.quantity is not None, "only quantity claims are aligned as figures"
    return c.quantity


def _relate_figures(a: Claim, b: Claim) -> tuple[str, str] | None:
    return relate_quantities(_figure(a), _figure(b))


def _relate_dates(ctx: _StoryContext, a: Claim, b: Claim, field: str) -> tuple[str, str] | None:
    """Relate two claims' dates (``time`` of a date claim, ``when`` of a figure)."""
    ta, tb = getattr(a, field), getattr(b, field)
    if ta is None or tb is None:
        return None
    return relate_times(ta, ctx.dated[a.article_id], tb, ctx.dated[b.article_id])


def _source(ctx: _StoryContext, claim: Claim) -> str:
    return ctx.sources.get(claim.article_id) or claim.article_id


def _finding(
    ctx: _StoryContext, relation: Relation, what: str, why: str, claims: Iterable[Claim], kind: str = "quantity"
) -> Finding:
    claims = list(claims)
    digest = hashlib.sha1((ctx.story.id + "|" + "|".join(sorted(c.id for c in claims))).encode()).hexdigest()[:16]
    return Finding(
        id=digest,
        story_id=ctx.story.id,
        relation=relation,
        what=what,
        why=why,
        mentions=tuple(_mention(c) for c in claims),
        kind=kind,
    )


def _mention(c: Claim) -> Mention:
    low: str | float | None
    high: str | float | None
    unit = approx = ""
    if c.quantity is not None:
        low, high = c.quantity.low, None if math.isinf(c.quantity.high) else c.quantity.high
        unit, approx = c.quantity.unit, c.quantity.approx
    elif c.time is not None:
        low = c.time.low.isoformat() if c.time.low else None
        high = c.time.high.isoformat() if c.time.high else None
    else:
        low = high = None
    return Mention(
        claim_id=c.id,
        article_id=c.article_id,
        sentence=c.sentence,
        text=c.text,
        start=c.start,
        end=c.end,
        low=low,
        high=high,
        unit=unit,
        approx=approx,
        attributed_to=c.attribution.chain if c.attribution else (),
        hedged=c.hedge,
    )
