"""Figures in news prose: points, ranges, approximations, bounds, vague plurals, money, units,
percentages, durations, and lists that add up.

Two steps, so the text-only part can be tested without a language model:

* :func:`find_figures` reads the figures of a sentence from its characters alone;
* :func:`attach_nouns` uses the parsed sentence to say what each figure counts ("personnel",
  "dead") and groups coordinated figures into a sum ("1,000 sappers and 5,000 workers").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from triangulate.analyze import lexicon as lx
from triangulate.analyze.numbers import NUMBER, VAGUE_RE, parse_number, vague_range
from triangulate.model import Quantity

INF = math.inf

_CURRENCY_PREFIX = (
    r"(?:US\s?\$|\$US|\$A|A\$|C\$|NZ\$|HK\s?\$|S\$|R\$|\$|€|£|¥|₩|₹|₪|USD\s?|EUR\s?|GBP\s?"
    r"|(?:RM|Rs\.?)(?=\s?\d))"
)
_ISO_CODES = ("usd", "eur", "gbp", "jpy", "cny", "krw", "inr", "chf")
_CURRENCY_WORDS = sorted((w for w in lx.CURRENCIES if w.isalpha() and w not in _ISO_CODES), key=len, reverse=True)
_MEASURE_WORDS = sorted(lx.MEASURES, key=len, reverse=True)
_DURATION_WORDS = "|".join(lx.DURATIONS)
_APPROX = "|".join(re.escape(w) for w in sorted(lx.APPROX_WORDS, key=len, reverse=True))

_PERCENT = r"\s?(?:%|per\s?cent\b|percent\b)"
FIGURE_RE = re.compile(
    rf"(?P<sign>(?<![\w.,)-])(?:[-−+]|minus[\s-]?|plus\s)(?=[$€£¥₩₹₪\d]|[A-Z]{{2,3}}\s?\d))?"
    rf"(?P<cur>{_CURRENCY_PREFIX})?(?P<num>{NUMBER})(?P<pct1>{_PERCENT})?"
    rf"(?:(?P<link>\s?(?:-|–|—|to)\s?|\sor\s)(?P<cur2>{_CURRENCY_PREFIX})?(?P<num2>{NUMBER}))?",
    re.IGNORECASE | re.ASCII,
)
BETWEEN_RE = re.compile(
    rf"\b(?:between|from)\s+(?P<cur>{_CURRENCY_PREFIX})?(?P<num>{NUMBER})\s+(?:and|to)\s+"
    rf"(?P<cur2>{_CURRENCY_PREFIX})?(?P<num2>{NUMBER})",
    re.IGNORECASE,
)
A_DURATION_RE = re.compile(
    rf"\b(?:a|an)\s+(?P<unit>{_DURATION_WORDS.replace('second|', '')})\b(?!\s+(?:ago|earlier|later)\b)",
    re.IGNORECASE | re.ASCII,
)
_UNIT_AFTER_RE = re.compile(
    r"\A(?:(?P<pct>\s?%|\s?percent(?:age points?)?\b|\s?per\s?cent\b|\s?pc\b)"
    rf"|(?P<cur>\s?(?:{'|'.join(_CURRENCY_WORDS)}|usd|eur|gbp)\b)"
    rf"|(?P<dur>(?:\s|-)(?:{_DURATION_WORDS})s?\b)"
    rf"|(?P<measure>(?:\s|-)?(?:{'|'.join(re.escape(w) for w in _MEASURE_WORDS)})(?![\w]))"
    r"|(?P<of>\s(?:tens|hundreds)\sof\s(?:thousands|millions)))?",
    re.IGNORECASE | re.ASCII,
)
_APPROX_BEFORE_RE = re.compile(rf"(?<![\w])(?P<approx>{_APPROX})\s*\Z", re.IGNORECASE)
_AGE_RE = re.compile(r"\A(?:\s?-\s?|\s)years?[- ]old\b|\A\s+years?\s+old\b", re.IGNORECASE)
_YEAR_CONTEXT_RE = re.compile(
    r"(?:\b(?:in|since|by|of|from|until|till|before|after|during|year|early|late|mid)\s*-?"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s*|[-/])$",
    re.IGNORECASE,
)
_ORDINAL_RE = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_CLOCK_RE = re.compile(r"\A(?::\d{2}|\s?(?:a\.?m\.?|p\.?m\.?)(?!\w))", re.IGNORECASE)
_WORDISH_NUMBER_RE = re.compile(r"\A[a-z]", re.IGNORECASE)


def find_figures(text: str, exclude: Sequence[tuple[int, int]] = ()) -> list[Quantity]:
    """Every figure in ``text`` whose span does not overlap an ``exclude`` span (dates, times)."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = list(exclude)
    for match in BETWEEN_RE.finditer(text):
        quantity = _figure_from_match(text, match, between=True)
        if quantity and not _overlaps(quantity.start, quantity.end, taken):
            found.append(quantity)
            taken.append((quantity.start, quantity.end))
    for match in VAGUE_RE.finditer(text):
        if _overlaps(match.start(), match.end(), taken):
            continue
        low, high = vague_range(match.group(0)) or (0.0, 0.0)
        start = _approx_start(text, match.start())[0]
        found.append(
            Quantity(
                text=text[start : match.end()],
                start=start,
                end=match.end(),
                low=low,
                high=high,
                approx=match.group(0).lower(),
            )
        )
        taken.append((match.start(), match.end()))
    for match in A_DURATION_RE.finditer(text):
        if _overlaps(match.start(), match.end(), taken):
            continue
        start, approx = _approx_start(text, match.start())
        if approx not in lx.APPROX_NEAR:
            continue  # "more than a decade", "pennies a day": not a reported figure
        days = lx.DURATIONS[match.group("unit").lower()]
        found.append(
            Quantity(
                text=text[start : match.end()],
                start=start,
                end=match.end(),
                low=days,
                high=days,
                unit="day",
                approx=approx,
                kind="duration",
            )
        )
        taken.append((start, match.end()))
    found += _scan_figures(text, taken)
    return sorted(found, key=lambda q: q.start)


def _scan_figures(text: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    found: list[Quantity] = []
    position = 0
    while (figure := FIGURE_RE.search(text, position)) is not None:
        position = figure.end()
        if figure.start() > 0 and (text[figure.start() - 1].isalnum() or text[figure.start() - 1] in "_.:"):
            continue  # inside a word, a version or a clock time: "COVID19", "v2.1", "10:30"
        if not figure.group("sign") and re.search(
            r"[A-Za-z\d][-–]\Z", text[max(0, figure.start() - 2) : figure.start()]
        ):
            continue  # a name with a number ("COVID-19", "TA-35"), or the tail of a rejected span ("1990-91")
        quantity = _figure_from_match(text, figure)
        if quantity is None or quantity.end < figure.end():
            # "by $43.6bn to $419.2bn", "in 2018 to 3.9 million": the second figure is read on its own
            position = quantity.end if quantity else figure.end("num")
        if quantity and not _overlaps(quantity.start, quantity.end, taken):
            found.append(quantity)
            taken.append((quantity.start, quantity.end))
    return found


def _figure_from_match(text: str, match: re.Match[str], between: bool = False) -> Quantity | None:
    raw, raw2 = match.group("num"), match.group("num2")
    low = parse_number(raw)
    if low is None:
        return None
    high = parse_number(raw2) if raw2 else low
    if high is None:
        return None
    groups = match.groupdict()
    num_start = match.start("cur") if match.group("cur") else match.start("num")
    end = match.end() if raw2 else match.end("num")
    after = text[end:]
    if _CLOCK_RE.match(after) or _ORDINAL_RE.match(text, match.end("num")):
        return None
    approx_before = _approx_start(text, num_start)[1]
    if raw2 and not approx_before and _is_year_span(raw, raw2, low, high):
        return None  # "1990-91", "between 1600 and 1900": years, not figures
    if raw2 and (high < low or not (between or _plausible_range(text, match, low, high))):
        end, high, raw2 = match.end("num"), low, None  # "2-1"; "by 43.6 to 419.2": two figures
        after = text[end:]
    if raw2 is None and not approx_before and _is_year(text, match, low):
        return None
    currency = _currency_code(match.group("cur") or match.group("cur2") or "")
    unit, kind = currency, "money" if currency else "count"
    scale_from_second = _trailing_scale(raw2) if raw2 else None
    if scale_from_second and _trailing_scale(raw) is None and low * scale_from_second <= high:
        low *= scale_from_second  # "1.2-1.5bn", but not "$800,000 to $1.3 million"
    unit_match = _UNIT_AFTER_RE.match(after)
    age = _AGE_RE.match(after)
    if age:
        end += len(age.group(0))
        unit, kind = "year", "age"
    elif unit_match and unit_match.group(0):
        end += len(unit_match.group(0))
        unit, kind, factor = _unit_of(unit_match, unit, kind)
        low, high = low * factor, high * factor
    if kind == "count" and raw.lower() in ("a", "an"):
        return None
    if groups.get("pct1") and kind == "count":
        kind, unit = "percent", "%"  # "5% to 10%"
    start, approx = _approx_start(text, num_start)
    if between:
        start = match.start()
    change = ""
    sign = (groups.get("sign") or "").strip().lower()
    if sign:
        start = match.start("sign")
        if sign in ("-", "−", "minus", "minus-"):
            low, high = -high, -low
        if kind == "percent":
            change = "down" if low < 0 else "up"  # "-1.3%", "+0.2%": a move
    q_low, q_high = _apply_bound(approx, low, high)
    return Quantity(
        text=text[start:end],
        start=start,
        end=end,
        low=q_low,
        high=q_high,
        unit=unit,
        approx=approx,
        kind=kind,
        change=change,
    )


def _is_year(text: str, match: re.Match[str], value: float) -> bool:
    """A four-digit number without a comma is a year unless a unit or a plural noun follows."""
    raw = match.group("num")
    if match.group("cur") or not raw.isdigit() or len(raw) != 4 or not 1000 <= value <= 2100:
        return False
    end = match.end("num")
    before, after = text[: match.start()].rstrip(), text[end:]
    unit = _UNIT_AFTER_RE.match(after)
    if unit is not None and unit.group(0):
        return False
    if _YEAR_CONTEXT_RE.search(before):
        return True
    plural = re.match(r"\A\s+[a-z]+s\b", after)  # "1500 workers"
    return plural is None


def _is_year_span(raw: str, raw2: str, low: float, high: float) -> bool:
    four = raw.isdigit() and len(raw) == 4 and 1000 <= low <= 2100
    return four and (raw2.isdigit() and (len(raw2) == 2 or (len(raw2) == 4 and 1000 <= high <= 2100)))


def _plausible_range(text: str, match: re.Match[str], low: float, high: float) -> bool:
    """ "10,000-12,000" is a range; "rose by 5 to 8" and "60% in 2018 to 3.9 million" are not."""
    connector = match.group("link") or ""
    if connector.strip().lower() == "or":
        return 0 < low < high < 1000  # "three or four", not "1 or 2,000"
    if "to" not in connector.lower():
        return True
    before = text[max(0, match.start() - 8) : match.start()].lower()
    if re.search(r"\b(?:by|from)\s*$", before):
        return False
    scale = _trailing_scale(match.group("num2"))
    first = low * scale if scale and _trailing_scale(match.group("num")) is None else low
    return 0 < first <= high <= 20 * first


def _trailing_scale(raw: str) -> float | None:
    m = re.search(r"(hundred|thousand|million|billion|trillion|bn|mn|mln|k|m|b)s?$", raw, re.I)
    return lx_scale(m.group(1)) if m else None


def lx_scale(word: str) -> float:
    from triangulate.analyze.numbers import SCALES

    return SCALES[word.lower()]


def _currency_code(symbol: str) -> str:
    return lx.CURRENCIES.get(re.sub(r"\s+", "", symbol).lower(), "")


def _unit_of(match: re.Match[str], unit: str, kind: str) -> tuple[str, str, float]:
    if match.group("pct"):
        return ("pp" if "point" in match.group("pct").lower() else "%"), "percent", 1.0
    if match.group("cur"):
        return lx.CURRENCIES[match.group("cur").strip().lower()], "money", 1.0
    if match.group("dur"):
        word = match.group("dur").strip(" -").lower().rstrip("s")
        return "day", "duration", lx.DURATIONS[word]
    if match.group("measure"):
        canonical, factor = lx.MEASURES[match.group("measure").strip(" -").lower()]
        return canonical, "measure", factor
    return unit, kind, 1.0


def _approx_start(text: str, start: int) -> tuple[int, str]:
    window_start = max(0, start - 24)
    before = _APPROX_BEFORE_RE.search(text[window_start:start])
    if not before:
        return start, ""
    return window_start + before.start("approx"), before.group("approx").lower()


def _apply_bound(approx: str, low: float, high: float) -> tuple[float, float]:
    if approx in lx.LOWER_BOUND:
        return low, INF
    if approx in lx.UPPER_BOUND:
        return 0.0, high
    return low, high


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


# ---------------------------------------------------------------------------------------------
# What a figure counts, from the parsed sentence


def attach_nouns(figures: Sequence[Quantity], sent: Any, offset: int) -> list[Quantity]:
    """Name what each figure counts and add the totals of coordinated lists.

    ``sent`` is a spaCy ``Span`` for the sentence; figure offsets are relative to the article
    (``offset`` is the sentence's start in the article).
    """
    attached = []
    for figure in figures:
        noun, concept, change = _counted_noun(figure, sent, offset)
        if _is_definite_reference(figure, sent.doc.text):
            continue  # "the two countries" refers back; it reports nothing
        bare = not noun and figure.kind == "count" and figure.low == figure.high and not figure.approx
        if _is_label(figure, sent) or (bare and (figure.low < 1 or _is_ordinal_context(figure, sent, offset))):
            continue
        if not noun and figure.kind == "count" and (_SCORE_RE.match(figure.text) or figure.text.lower() == "one"):
            continue  # "ended 2-2"; "one said"
        if not change and _INCREMENT_RE.match(sent.doc.text, figure.end):
            change = "up"  # "three more bodies", "another 200 troops": an increment, not a level
        attached.append(
            replace(
                figure,
                noun=noun,
                concept=concept,
                change=change,
                verb=_governing_lemma(sent, figure.end - 1),
                about=_about(figure, sent, noun if figure.kind == "percent" else ""),
            )
        )
    return attached + _list_totals(attached, sent.doc.text)


def _about(q: Quantity, sent: Any, of_noun: str) -> str:
    """What the figure describes: the noun it belongs to ("a fine of $10m", "a 25% duty") and
    the subject of its clause ("Dell plans to cut 6,650 jobs")."""
    inside = {t.i for t in sent if q.start <= t.idx < q.end}
    if not inside:
        return ""
    node = sent.doc[max(inside)]
    for _ in range(4):  # out of the figure and its counted noun or unit
        head = node.head
        if head.i == node.i or not (
            head.i in inside or node.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod")
        ):
            break
        if head.pos_ not in ("NOUN", "PROPN", "SYM", "NUM", "ADJ"):
            break
        node = head
    parts = [of_noun] if of_noun else []
    owner = node.head.head if node.dep_ == "pobj" and node.head.pos_ == "ADP" else node.head
    if owner.i != node.i and owner.pos_ in ("NOUN", "PROPN") and owner.i not in inside:
        parts.append(_noun_phrase(owner))
    subject = _clause_subject(node)
    if subject is not None and subject.i not in inside and subject.i != node.i:
        parts.append(_noun_phrase(subject))
    return ", ".join(dict.fromkeys(p for p in parts if p))


def _clause_subject(token: Any) -> Any | None:
    node = token
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX"):
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects and subjects[0].pos_ in ("NOUN", "PROPN"):
                return subjects[0]
            if subjects and node.dep_ == "relcl" and node.head.pos_ in ("NOUN", "PROPN"):
                return node.head  # "a squad that contained 17 players": the squad
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _noun_phrase(token: Any) -> str:
    """A noun with its modifiers, without determiners or possessive marks: "platforms annual turnover"."""
    words = [
        t
        for t in token.subtree
        if t.i <= token.i and t.dep_ not in ("det", "case", "punct", "predet") and t.pos_ != "NUM"
    ]
    words = [
        t
        for t in words
        if t.i >= token.left_edge.i
        and not any(
            a.dep_ in ("relcl", "acl", "prep") and a.i != token.i
            for a in t.ancestors
            if a.i > token.i - 99 and a.i in range(token.left_edge.i, token.i)
        )
    ]
    return " ".join(t.text for t in words if t.text.isalnum() or "-" in t.text or "&" in t.text)


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
        if noun_token is None or noun_token.pos_ not in ("NOUN", "PROPN"):
            return "", q.kind, change
        return _phrase(noun_token, q.end), q.kind, change
    noun_token = _noun_after(last, q.end)
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
            break
    return str(noun.doc.text[left.idx : noun.idx + len(noun.text)])


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


def _is_label(q: Quantity, sent: Any) -> bool:
    """A number that is part of a name: "Big 12", "iPhone 11 Pro", "S&P 500 rose", "category 4"."""
    token = _token_at(sent, q.start)
    if token is None or token.i == sent.start or q.kind != "count" or q.approx or not q.text.isdigit():
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
    before = sent.doc.text[max(0, q.start - 12) : q.start].lower()
    return bool(re.search(r"(no\.|number|page|article|chapter|section|#)\s*$", before))


_LIST_GLUE_RE = re.compile(
    r"\A(?:\s+(?:of|in|from)\s+[\w .'-]{1,40}?)?\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+plus\s+|\s+as\s+well\s+as\s+)\Z"
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
