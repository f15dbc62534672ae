"""What a figure counts, from the parsed sentence: the counted noun and its concept class ("6,000
construction soldiers" -> personnel), what the figure describes, whether it is a change, and the
totals of coordinated lists ("1,000 sappers and 5,000 workers" -> 6,000).

The second step after :func:`triangulate.analyze.quantities.find_figures`, which reads figures
from characters alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from triangulate.analyze import lexicon as lx
from triangulate.analyze.concepts import figure_about
from triangulate.analyze.concepts import text_of as _text_of
from triangulate.analyze.quantities import FRACTION_RE, rate_after
from triangulate.model import Quantity


def attach_nouns(figures: Sequence[Quantity], sent: Any, offset: int) -> list[Quantity]:
    """Name what each figure counts and add the totals of coordinated lists.

    ``sent`` is a spaCy ``Span`` for the sentence; figure offsets are relative to the article
    (``offset`` is the sentence's start in the article).
    """
    kept = []
    for figure in figures:
        noun, concept, change = _counted_noun(figure, sent, offset)
        change = change or figure.change or _change_before(_text_of(sent.doc), figure.start, sent.start_char)
        if _is_definite_reference(figure, _text_of(sent.doc)):
            continue  # "the two countries" refers back; it reports nothing
        bare = not noun and figure.kind == "count" and figure.low == figure.high and not figure.approx
        if _is_label(figure, sent) or (bare and (figure.low < 1 or _is_ordinal_context(figure, sent, offset))):
            continue
        if not noun and figure.kind == "count" and (_SCORE_RE.match(figure.text) or figure.text.lower() == "one"):
            continue  # "ended 2-2"; "one said"
        if not change and _INCREMENT_RE.match(_text_of(sent.doc), figure.end):
            change = "up"  # "three more bodies", "another 200 troops": an increment, not a level
        unit = figure.unit
        if noun and figure.kind == "count" and "/" not in unit:
            unit = _rate_after_noun(_text_of(sent.doc), figure.end, noun) or unit
        kept.append(
            replace(
                figure,
                unit=unit,
                noun=noun,
                concept=concept,
                change=change,
                verb=_governing_lemma(sent, figure.end - 1),
            )
        )
    spans = [(q.start, q.end) for q in kept]
    attached = [replace(q, about=figure_about(q, sent, q.noun if _is_percentage(q) else "", spans)) for q in kept]
    return attached + _list_totals(attached, _text_of(sent.doc))


def _is_percentage(q: Quantity) -> bool:
    """A percentage is about the whole it is taken of ("25% of the shares"); for a fraction ("a third
    of the voters") the whole is what is counted."""
    return q.kind == "percent" and not FRACTION_RE.search(q.text + " of")


def _rate_after_noun(text: str, end: int, noun: str) -> str:
    """ "78,000 times a minute", "20 burglaries per week": the counted noun, then a rate."""
    at = text.find(noun, end, end + 40 + len(noun))
    if at < 0:
        return ""
    per = rate_after(text[at + len(noun) :])[0]
    return f"/{per}" if per else ""


EVENT_STATES = ("dead", "injured", "missing", "displaced")  # "left two dead", "60 remain missing"
TIME_NOUNS = {
    "year",
    "month",
    "week",
    "day",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "night",
    "morning",
    "evening",
}
_INCREMENT_RE = re.compile(r"\s+(?:more|additional|extra|further)\b", re.IGNORECASE)


def _governing_lemma(sent: Any, char: int) -> str:
    token = _token_at(sent, char)
    for _ in range(6):
        if token is None or token.pos_ == "VERB" or token.head.i == token.i:
            break
        token = token.head
    return str(token.lemma_).lower() if token is not None and token.pos_ == "VERB" else ""


def _token_at(sent: Any, char: int) -> Any | None:
    for token in sent:
        if token.idx <= char < token.idx + len(token.text):
            return token
    return None


def _counted_noun(q: Quantity, sent: Any, offset: int) -> tuple[str, str, str]:
    last = _token_at(sent, q.end - 1)
    if last is None:
        return "", "", ""
    change = _change_of(last)
    if q.kind in ("percent", "duration", "age"):
        noun_token = _of_object(last) if q.kind == "percent" else None
        if noun_token is None and q.kind == "percent" and not _is_percentage(q):
            noun_token = _noun_after(last, q.end)  # "one in three voters"
        if noun_token is None or noun_token.pos_ not in ("NOUN", "PROPN"):
            return "", q.kind, change
        return _phrase(noun_token, q.end), q.kind, change
    noun_token = _noun_after(last, q.end)
    if noun_token is not None and q.kind == "count" and q.low != 1:
        noun_token = _counted_compound(noun_token, q.end)
    if noun_token is not None and noun_token.lemma_.lower() in TIME_NOUNS:
        noun_token = None  # "$40m last year": a time, not what is counted
    if noun_token is None and q.kind == "count":
        noun_token = _subject_of_level(last)
    if noun_token is None:
        if q.kind == "money":
            return "", "money", change
        if q.kind == "measure":
            return "", lx.DIMENSIONS.get(q.unit, q.unit), change
        return "", "", change
    concept = _event_of(noun_token) or _concept_of(noun_token)
    if q.kind == "money":
        concept = "money"
    elif q.kind == "measure":
        concept = lx.DIMENSIONS.get(q.unit, q.unit)
    return _phrase(noun_token, q.end), concept, change


def _noun_after(token: Any, end_char: int) -> Any | None:
    # "11,000 personnel", "millions of artillery shells", "4,000 more troops"
    head = token.head
    if (
        token.dep_ in ("nummod", "quantmod", "amod", "compound")
        and head.i > token.i
        and head.pos_ in ("NOUN", "PROPN", "PRON", "ADJ")
    ):
        return _skip_quantity_noun(head)
    if token.pos_ in ("NOUN", "NUM", "PRON") and token.lower_ in OF_COUNTERS:
        obj = _of_object(token)
        if obj is not None:
            return obj
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    while nxt is not None and nxt.lower_ in (*lx.BATCH_WORDS, "of"):
        nxt = nxt.nbor(1) if nxt.i + 1 < len(nxt.doc) else None
    if nxt is not None and nxt.idx >= end_char and nxt.pos_ in ("NOUN", "PROPN", "ADJ"):
        run = nxt
        while (
            run.i + 1 < len(run.doc)
            and run.nbor(1).pos_ in ("NOUN", "PROPN", "ADJ")
            and run.dep_ in ("compound", "amod")
        ):
            run = run.nbor(1)
        return run if run.pos_ in ("NOUN", "PROPN") else None
    return None


def _counted_compound(noun: Any, end_char: int) -> Any:
    """ "a 12 page document", "a 3 cylinder engine": a plural figure before a singular head counts
    the singular noun it is compounded with (the pages), and the whole describes the head."""
    if noun.tag_ not in ("NN", "NNP"):
        return noun
    compounds = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "NOUN" and c.idx >= end_char]
    return compounds[0] if compounds and compounds[0].tag_ == "NN" else noun


def _skip_quantity_noun(noun: Any) -> Any:
    # "a total of 40 people", "the number of evacuees": the counted thing is the object of "of".
    if noun.lemma_.lower() in ("total", "number", "tally", "count", "figure", "wave", "group", "batch", "contingent"):
        obj = _of_object(noun)
        if obj is not None:
            return obj
    return noun


def _of_object(token: Any) -> Any | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return _skip_quantity_noun(grandchild)
    return None


def _subject_of_level(token: Any) -> Any | None:
    # "the death toll rose to five", "the number of evacuees stands at 3,200"
    node = token
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    if node.pos_ not in ("VERB", "AUX") or node.lemma_.lower() not in lx.LEVEL_VERBS:
        return None
    for child in node.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
            return _skip_quantity_noun(child)
    return None


def _phrase(noun: Any, start_char: int) -> str:
    left = noun
    for child in noun.lefts:
        if child.dep_ in ("compound", "amod") and child.idx >= start_char and child.pos_ != "NUM":
            left = child
            edge = child.left_edge  # with the modifier's own modifiers: "first-team players"
            if edge.idx >= start_char and edge.pos_ not in ("DET", "NUM", "PRON", "PUNCT", "CCONJ"):
                left = edge
            break
    while left.i < noun.i and (left.tag_ in ("VBN", "VBG", "RB") or left.pos_ == "ADV"):
        left = left.doc[left.i + 1]  # "300 recorded songs", "517 rushing yards": the kind, not its state
    return str(_text_of(noun.doc)[left.idx : noun.idx + len(noun.text)])


def _concept_of(noun: Any) -> str:
    lemma = noun.lemma_.lower()
    words = [t.lemma_.lower() for t in noun.doc[noun.left_edge.i : noun.i] if t.pos_ in ("NOUN", "ADJ", "PROPN")]
    for compound in (f"{w} {lemma}" for w in words):
        if compound in lx.CONCEPT_OF:
            return lx.CONCEPT_OF[compound]
    concept = lx.CONCEPT_OF.get(lemma) or lx.CONCEPT_OF.get(noun.lower_, "")
    if concept in ("", "people"):
        # a modifier can be more telling than a generic head: "military construction workers"
        for word in words:
            hint = lx.CONCEPT_OF.get(word, "")
            if hint and hint != "people":
                return hint
    return concept or lemma


def _event_of(noun: Any) -> str:
    node = noun
    for _ in range(3):
        node = node.head
        if node.pos_ in ("VERB", "ADJ") or node.head.i == node.i:
            break
    verb = node.lemma_.lower()
    if node.pos_ in ("VERB", "ADJ") and verb in lx.EVENT_OF:
        return lx.EVENT_OF[verb]
    for child in node.children if node.pos_ == "VERB" else ():  # "left two people dead"
        if child.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and lx.CONCEPT_OF.get(child.lower_) in EVENT_STATES:
            return lx.CONCEPT_OF[child.lower_]
    for child in noun.children:  # "600 people killed", "two people dead"
        if child.dep_ in ("acl", "amod") and child.lemma_.lower() in lx.EVENT_OF:
            return lx.EVENT_OF[child.lemma_.lower()]
        if (
            child.dep_ in ("acl", "amod")
            and child.lower_ in lx.CONCEPT_OF
            and lx.CONCEPT_OF[child.lower_] in EVENT_STATES
        ):
            return lx.CONCEPT_OF[child.lower_]
    return ""


def _change_of(token: Any) -> str:
    """ "rose by 5%", "fell 0.9%", "lost 190 points, or 0.6%", "was up 19 cents": a change, not
    a level ("rose to 5%" is a level)."""
    first = token.doc[max(token.left_edge.i, token.i - 3)]
    before = token.doc[first.i - 1] if first.i > 0 else None
    if before is not None and before.lower_ in ("up", "down", "higher", "lower") and before.pos_ != "VERB":
        return "up" if before.lower_ in ("up", "higher") else "down"
    node = token
    for _ in range(4):  # out of the figure's own phrase and any "X, or Y" apposition
        if node.dep_ in ("appos", "conj", "nummod", "quantmod", "compound", "npadvmod") and node.head.i != node.i:
            node = node.head
        else:
            break
    head = node.head
    prep = head if head.dep_ == "prep" or head.pos_ == "ADP" else None
    verb = prep.head if prep is not None else head
    if prep is not None and prep.lower_ != "by":
        return ""
    if verb.pos_ not in ("VERB", "AUX", "ADV", "ADJ"):
        return ""  # "a 3 percent drop" names a change, but it is reported as a level
    lemma = verb.lemma_.lower()
    if lemma in lx.CHANGE_UP:
        return "up"
    if lemma in lx.CHANGE_DOWN:
        return "down"
    return ""


_CHANGE_BEFORE_RE = re.compile(
    rf"\b(?:(?P<up>{'|'.join(lx.CHANGE_FORMS_UP)})|(?P<down>{'|'.join(lx.CHANGE_FORMS_DOWN)}))"
    r"(?:\s+(?:by|another|a\sfurther|nearly|almost|about|around|some|roughly|just|only|more\sthan|over))*\s+\Z",
    re.IGNORECASE,
)


def _change_before(text: str, start: int, floor: int) -> str:
    """A change stated by the verb right before the figure: "rose 0.65 per cent", "decrease by 1"."""
    match = _CHANGE_BEFORE_RE.search(text[max(floor, start - 40) : start])
    if match is None:
        return ""
    return "up" if match.group("up") else "down"


# "thousands of people", "one of the students": the counted thing follows "of"
OF_COUNTERS = ("dozens", "hundreds", "thousands", "millions", "billions", "dozen", "scores", "one")
LABEL_WORDS = {
    "category",
    "level",
    "stage",
    "phase",
    "grade",
    "room",
    "gate",
    "flight",
    "route",
    "highway",
    "channel",
    "game",
    "part",
    "chapter",
    "section",
    "article",
    "page",
    "row",
    "seat",
    "track",
    "version",
    "model",
    "platform",
    "terminal",
    "district",
    "ward",
    "zone",
    "size",
    "type",
    "class",
    "series",
    "episode",
    "no",
    "no.",
    "number",
    "#",
    "act",
    "clause",
    "rule",
    "figure",
    "table",
}
_SCORE_RE = re.compile(r"\A\d{1,2}\s?[-–]\s?\d{1,2}\Z")


# A number that names a thing: a market index ("FTSE 100", "the sp 500") or a street address
# ("49 Harbour Road", "9 E 71st St").
_INDEX_NAME_RE = re.compile(
    r"\b(?:S\s?&\s?P|S\s?P|FTSE|Nasdaq|Stoxx|Euro\sStoxx|Russell|Nikkei|CAC|DAX|ASX|Hang\sSeng|Kospi"
    r"|Sensex|Nifty|MSCI|TSX|IBEX|AEX|SMI|STI|KLCI|Dow\sJones)\s?\Z",
    re.IGNORECASE,
)
_ADDRESS_RE = re.compile(
    r"\A\s+(?:(?:[A-Z][\w'.]*|\d+(?:st|nd|rd|th))\s+){0,3}"
    r"(?:St|Street|Rd|Road|Ave|Avenue|Way|Lane|Ln|Drive|Dr|Boulevard|Blvd|Place|Pl|Court|Ct|Terrace|Crescent)\b"
)


def _is_label(q: Quantity, sent: Any) -> bool:
    """A number that is part of a name: "Big 12", "iPhone 11 Pro", "S&P 500 rose", "category 4"."""
    token = _token_at(sent, q.start)
    if q.kind != "count" or q.approx or not q.text.isdigit():
        return False
    text = _text_of(sent.doc)
    if _INDEX_NAME_RE.search(text[max(0, q.start - 12) : q.start]) or _ADDRESS_RE.match(text[q.end : q.end + 40]):
        return True
    if token is None or token.i == sent.start:
        return False
    previous = token.doc[token.i - 1]
    if previous.lower_ in LABEL_WORDS:
        return True
    named = previous.pos_ == "PROPN" or (previous.text[:1].isupper() and previous.i != sent.start)
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    counted_next = following is not None and following.pos_ in ("NOUN", "ADJ") and following.text[:1].islower()
    return named and not counted_next


def _is_definite_reference(q: Quantity, text: str) -> bool:
    before = text[max(0, q.start - 6) : q.start].lower()
    return (
        q.kind == "count"
        and q.low == q.high
        and q.low < 10
        and bool(re.search(r"\b(?:the|these|those|both)\s+$", before))
    )


def _is_ordinal_context(q: Quantity, sent: Any, offset: int) -> bool:
    before = _text_of(sent.doc)[max(0, q.start - 12) : q.start].lower()
    return bool(re.search(r"(no\.|number|page|article|chapter|section|#)\s*$", before))


# No \s* before \s+: the two split a run of spaces every way (quadratic in its length).
_LIST_GLUE_RE = re.compile(
    r"\A(?:\s+(?:of|in|from)\s+[\w .'-]{1,40}?)?(?:\s*,\s*(?:and\s+)?|\s+(?:and|plus|as\s+well\s+as)\s+)\Z"
)


def _list_totals(figures: Sequence[Quantity], text: str) -> list[Quantity]:
    """Totals of coordinated figures of one kind: "1,000 sappers and 5,000 workers" → 6,000."""
    totals: list[Quantity] = []
    run: list[Quantity] = []
    for figure in figures:
        if run and _continues_list(run[-1], figure, text):
            run.append(figure)
            continue
        if len(run) > 1:
            totals.append(_total(run, text))
        run = [figure] if _listable(figure) else []
    if len(run) > 1:
        totals.append(_total(run, text))
    return totals


def _listable(q: Quantity) -> bool:
    return bool(q.noun) and q.kind in ("count", "money", "measure") and not q.change


def _continues_list(prev: Quantity, q: Quantity, text: str) -> bool:
    if not _listable(q) or (q.kind, q.unit, q.concept) != (prev.kind, prev.unit, prev.concept):
        return False
    noun_end = text.find(prev.noun, prev.end) + len(prev.noun) if prev.noun else prev.end
    glue = text[max(noun_end, prev.end) : q.start]
    return bool(_LIST_GLUE_RE.match(glue))


def _total(parts: Sequence[Quantity], text: str) -> Quantity:
    concept = parts[0].concept  # a list only continues with figures of the same concept
    nouns = [p.noun for p in parts]
    noun = nouns[0] if len(set(nouns)) == 1 else " + ".join(nouns)
    start, end = parts[0].start, max(p.end + len(p.noun) + 1 for p in parts)
    last = parts[-1]
    noun_at = text.find(last.noun, last.end)
    end = noun_at + len(last.noun) if last.noun and noun_at >= 0 else last.end
    return Quantity(
        text=text[start:end],
        start=start,
        end=end,
        low=sum(p.low for p in parts),
        high=sum(p.high for p in parts),
        unit=parts[0].unit,
        approx=next((p.approx for p in parts if p.approx), ""),
        kind=parts[0].kind,
        noun=noun,
        concept=concept,
        parts=tuple(parts),
    )
