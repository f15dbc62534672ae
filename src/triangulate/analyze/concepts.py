"""What a figure is about (``Quantity.about``): the thing it measures or belongs to, read from the
parse of its sentence.

Following NewsQuant's definition of a quantity's referred concepts, a figure is about

* the noun it modifies, when the figure and its unit describe something ("a 6kW electric motor",
  "an $800 pizza oven", "a 25% duty"; for a count, the noun after the counted one: "a 12 page
  document");
* the noun it is a value of ("a speed of 15 mph", "a fine of $10m", "investments over 35 GWh"),
  what it is an amount of ("8 miles of new tunnels"), what is bought or sold for it, or what a
  level holds for ("tickets remain $12 for adults");
* what the figure is predicated of: the subject of its clause ("global debt was $113 trillion",
  "Dell plans to cut 6,650 jobs"), or the noun a relative clause hangs from ("a country that is
  90 miles wide"); in a list of names and figures, the name right before it ("Unite Group, down
  68p at 1112p"); with the company a market report names as its heading ("Halvorsen Foods —
  Shares of the meal maker fell 4%"); what a figure moved rather than what moved it ("Banks
  pulled the index 0.7% lower");
* failing all of these, the sentence's topic: its main subject, or the head of a verbless
  fragment ("Rainfall records: 310 mm in 24 hours").

A noun is written as ``noun_phrases`` writes it (modifiers and complements kept; determiners,
pronouns, other figures and units left out). A level word ("a close of 2,210 points") and the label
a count numbers ("a category four hurricane") are not what a figure is about. A duration used as a
time adverbial ("nine days later"), "one of the X", a fraction ("half the condos") and a clause
whose subject is a pronoun ("they rose 5%") are about nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from triangulate.analyze import lexicon as lx
from triangulate.analyze.noun_phrases import (
    AMOUNT_WORDS,
    CURRENCY_COUNTRIES,
    NOUNS,
    TIME_NOUNS,
    WHEN,
    infinitive,
    is_figure,
    is_figure_word,
    is_name_or_noun,
    noun_phrase,
)
from triangulate.analyze.quantities import FRACTION_RE
from triangulate.model import Quantity

_MODIFIER_DEPS = ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "appos")
_LIST_GLUE = ("(", ",", ":", "+", "-", "up", "down", "at")
_FINITE = ("VBZ", "VBD", "VBP")
_PRONOUN_TAGS = ("PRP", "WDT", "WP", "DT", "EX")
_LEVEL_NOUNS = ("close", "high", "low")  # "a close of 2,210 points": which level of the thing, not what
# "broke a record with $7.2 billion", "raised the fee by 5%", "cut its forecast to 2%": the object
_ON_OBJECT_PREPS = ("with", "by", "at", "to", "from")
_PARTITIVE_RE = re.compile(r"\s+of\s+(?:the|its|their|his|her|our|my|your|these|those)\b", re.IGNORECASE)
# "nine days later", "two years ago", "after 55 minutes": a time adverbial describes no thing
_TIME_ADVERBIAL_RE = re.compile(r"\s+(?:later|earlier|ago|before|after|since|afterwards)\b", re.IGNORECASE)


def text_of(doc: Any) -> str:
    """``doc.text``, joined once per Doc: spaCy rebuilds it from every token on each access,
    which made reading it per figure quadratic in the article's length (a 16 kB article took 15 s)."""
    text = doc.user_data.get("triangulate.text")
    if text is None:
        text = doc.user_data["triangulate.text"] = doc.text
    return str(text)


def figure_about(q: Quantity, sent: Any, of_noun: str = "", spans: Sequence[tuple[int, int]] = ()) -> str:
    """What ``q`` describes, as comma-separated noun phrases ("" when nothing is found).

    ``spans`` are the character spans of the sentence's figures: another figure and its unit
    ("9 billion shekels", "50 per cent") are never part of what this one describes.
    """
    tokens = [t for t in sent if q.start <= t.idx < q.end]
    if not tokens or _describes_nothing(q, text_of(sent.doc)):
        return ""
    inside = {t.i for t in tokens} | _currency_country(q, tokens)
    node = _phrase_head(tokens, inside)
    node = _bare_copula(node, tokens[0]) or node
    parts: list[str] = []
    node, modified = _climb_noun_phrase(q, node, inside)
    own = set(inside)
    figures = _tokens_in(sent, spans) | {t.i for t in tokens}
    inside |= {i for i in figures if sent.doc[i].pos_ != "PROPN" or is_figure_word(sent.doc[i])}
    inside |= _counted_modifiers(sent.doc, figures - own)
    while (node.dep_ == "appos" and is_figure(node.head)) or _restated(node, figures):
        node = node.head  # "15 cm (6 inches)": a conversion is about what the first figure is about
    if modified is not None:
        parts.append(noun_phrase(modified, inside))
    measured = [noun_phrase(t, inside) for t in _measured(q, node, inside)]
    parts += measured or ([of_noun] if of_noun else [])
    owner = _owner(node, inside)
    if owner is not None and owner.lower_ not in (*AMOUNT_WORDS, *_LEVEL_NOUNS):
        parts.append(noun_phrase(owner, inside))
    traded = _traded(q, node, inside) or _beneficiary(node, inside)
    if traded is not None:
        parts.append(noun_phrase(traded, inside))
    named = _name_before(tokens[0], figures)
    subject = named if named is not None and named.i not in own else _moved(node) or _clause_subject(node)
    heading = _heading(sent)
    if heading is not None and subject is not None and subject.i < heading.end:
        subject = _body_subject(subject, heading.end)
    if subject is not None and subject.i not in own and subject.i != node.i:
        parts.append(noun_phrase(subject, inside))
    if heading is not None and tokens[0].i > heading.end and parts:
        parts.append(heading.text)
    if not any(parts) and named is not None:
        parts.append(noun_phrase(named, inside))
    topic = _sentence_topic(node, own) if not any(parts) else None
    if topic is not None:
        parts.append(noun_phrase(topic, inside))
    return ", ".join(_distinct(parts))


def _heading(sent: Any) -> Any | None:
    """ "Halvorsen Foods — Shares of the meal maker fell 4%": the company a market report names before a dash
    as the heading of its sentence (a span of capitalised words; a dateline, "TORONTO -", is no name)."""
    for t in sent[1:4]:
        if t.text in ("—", "–") or (t.text == "-" and t.whitespace_):
            words = sent.doc[sent.start : t.i]
            if all(w.text[:1].isupper() and w.ent_type_ not in ("GPE", "LOC") for w in words):
                return words if not words.text.isupper() else None
            return None
    return None


def _body_subject(subject: Any, end: int) -> Any | None:
    """The subject after a heading: "Halvorsen Foods — Shares of the maker fell", where the parser took
    the heading's name for the subject (beside the real one, or with it as an apposition)."""
    others = [c for c in subject.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > end]
    others += [c for c in subject.children if c.dep_ == "appos" and c.i > end]
    return others[0] if others else None


def _describes_nothing(q: Quantity, text: str) -> bool:
    if q.kind == "duration" and _TIME_ADVERBIAL_RE.match(text, q.end):
        return True  # "nine days later": when, not what
    if q.kind == "count" and q.low == q.high == 1 and _PARTITIVE_RE.match(text, q.end):
        return True  # "one of the best screens": a member of a set, which is all it counts
    return q.kind == "percent" and _counts(q)  # "a third of the voters": a share of what it counts


def _distinct(parts: list[str]) -> list[str]:
    """The phrases, without one whose words another already says ("markup rivals, rivals")."""
    out: list[str] = []
    for part in parts:
        words = set(part.lower().split())
        if words and not any(words <= set(o.lower().split()) for o in out):
            out = [o for o in out if not set(o.lower().split()) < words] + [part]
    return out


def _tokens_in(sent: Any, spans: Sequence[tuple[int, int]]) -> set[int]:
    """The tokens of the sentence's figures, found once per sentence (not once per figure)."""
    key = ("triangulate.figure_tokens", sent.start, tuple(spans))
    cache = sent.doc.user_data
    if key not in cache:
        starts = [t.idx for t in sent]
        found: set[int] = set()
        for start, end in spans:
            k = bisect_left(starts, start)
            while k < len(starts) and starts[k] < end:
                found.add(sent.start + k)
                k += 1
        cache[key] = found
    return set(cache[key])


def _currency_country(q: Quantity, tokens: list[Any]) -> set[int]:
    """ "$76 US a barrel", "S $1mil": the country of the currency, written apart from its sign."""
    if q.kind != "money":
        return set()
    doc = tokens[0].doc
    near = [doc[i] for i in (tokens[0].i - 1, tokens[-1].i + 1) if 0 <= i < len(doc)]
    return {t.i for t in near if t.text.replace(".", "") in CURRENCY_COUNTRIES}


def _phrase_head(tokens: list[Any], inside: set[int]) -> Any:
    """The figure's token that attaches it to the sentence: its unit rather than an article the
    parser hung elsewhere ("a million dollar house", "several hundred or even 1,000 megawatts")."""
    outward = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    content = [t for t in outward if t.pos_ not in ("DET", "ADV", "ADP", "PUNCT", "CCONJ", "PART")]
    return (content or outward or tokens)[-1]


def _counted_modifiers(doc: Any, others: set[int]) -> set[int]:
    """ "a four course dinner", "the 12 nation bloc": the noun another count counts, which
    modifies a noun, belongs to that figure ("a four-cylinder engine", one hyphenated word, stays)."""
    out = set()
    for i in others:
        head = doc[i].head
        if doc[i].dep_ != "nummod" or head.i < i or head.dep_ != "compound" or head.pos_ != "NOUN":
            continue
        if doc[head.i - 1].text != "-":
            out.add(head.i)
    return out


def _restated(node: Any, figures: set[int]) -> bool:
    """ "40% of its market value, or $2 billion": the same amount said again, joined to the figure by "or"."""
    if node.dep_ != "conj" or node.head.i not in figures:
        return False
    return any(c.dep_ == "cc" and c.lower_ == "or" for c in node.head.children)


def _bare_copula(node: Any, first: Any) -> Any | None:
    """ "the mean score for pupils is around 47": a figure the parser hung as punctuation, right
    after a "be" that has a subject and no complement, is that verb's complement."""
    if node.dep_ not in ("punct", "dep") or first.i == 0:
        return None
    verb = first.doc[first.i - 1]
    complements = [c for c in verb.children if c.dep_ in ("attr", "acomp", "oprd", "dobj")]
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return verb if verb.lemma_ == "be" and subjects and not complements else None


def _name_before(token: Any, inside: set[int]) -> Any | None:
    """In a list of names and figures, the name right before the figure: "Dow +0.2%",
    "Acme (12 stores)", "Unite Group, down 68p at 1112p"."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and i > token.i - 9 and (doc[i].i in inside or doc[i].lower_ in _LIST_GLUE):
        i -= 1
    if i > 0 and doc[i].pos_ == "NUM" and doc[i - 1].pos_ == "PROPN":
        i -= 1  # "S&P 500 +0.3%"
    if i < 0 or doc[i].pos_ != "PROPN" or doc[i].ent_type_ in (*WHEN, "GPE", "LOC"):
        return None  # "In St Paul, Minnesota, about 460 cars": where, not what
    if i == token.i - 1 and doc[i].head.i not in inside:
        return None  # "orbiting the Blue Planet 3200 times": a name, but not the figure's
    return doc[i]


def _measured(q: Quantity, node: Any, inside: set[int]) -> list[Any]:
    """What a figure is an amount of: "8 miles of new tunnels", "$1 billion in gains"."""
    out = []
    counted = q.noun.split()[-1].lower() if q.noun and _counts(q) else ""
    for prep in node.rights:
        if prep.dep_ == "prep" and (prep.lower_ == "of" or (prep.lower_ == "in" and q.kind == "money")):
            out += [
                obj
                for obj in prep.children
                if obj.dep_ == "pobj"
                and obj.pos_ in NOUNS
                and obj.i not in inside
                and obj.lower_ != counted
                and obj.lower_ not in lx.CURRENCIES
                and obj.ent_type_ not in WHEN
                and obj.lemma_.lower() not in TIME_NOUNS  # "9 litre cases of a year": a rate's time
            ]
    return out


def _traded(q: Quantity, node: Any, inside: set[int]) -> Any | None:
    """In a price frame, what is bought or sold: "sells the phone for $799", "paid $40 for a ticket"."""
    via = node if node.dep_ == "prep" and node.i in inside else node.head if node.dep_ == "pobj" else None
    if via is not None and via.lower_ in _ON_OBJECT_PREPS and via.head.pos_ == "VERB":
        # "broke a record with $7.2 billion", "raised the price by 5%": the verb's object, unless
        # it is another figure ("added 15 sen to RM2.70")
        objects = [c for c in via.head.children if c.dep_ == "dobj" and c.pos_ in NOUNS]
        return objects[0] if objects and objects[0].i not in inside and not is_figure(objects[0]) else None
    if q.kind != "money":
        return None
    if node.dep_ == "pobj" and node.head.lower_ == "for" and node.head.head.pos_ == "VERB":
        objects = [c for c in node.head.head.children if c.dep_ == "dobj" and c.pos_ in NOUNS]
        return objects[0] if objects and objects[0].i not in inside else None
    if node.dep_ == "dobj" and node.head.pos_ == "VERB":
        for prep in node.head.children:
            if prep.dep_ == "prep" and prep.lower_ == "for":
                objects = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in NOUNS]
                if objects and objects[0].i not in inside:
                    return objects[0]
    return None


def _beneficiary(node: Any, inside: set[int]) -> Any | None:
    """What a level holds for: "sizes remain 5.4 inches for the mini", "2.2 billion for the CVT"."""
    verb = node.head if node.dep_ in ("dobj", "attr", "npadvmod", "oprd") else None
    holders = [node, *([verb] if verb is not None and verb.pos_ in ("VERB", "AUX") else [])]
    for prep in (c for h in holders for c in h.rights if c.dep_ == "prep" and c.lower_ == "for" and c.i > node.i):
        objects = [o for o in prep.children if o.dep_ == "pobj" and o.pos_ in NOUNS and o.i not in inside]
        for obj in objects:
            if not is_figure(obj) and obj.ent_type_ not in WHEN and obj.lemma_.lower() not in TIME_NOUNS:
                return obj
    return None


def _climb_noun_phrase(q: Quantity, node: Any, inside: set[int]) -> tuple[Any, Any | None]:
    """Out of the figure's own phrase: its unit or counted noun, and the noun they modify."""
    modified = None
    counted = q.noun.split()[-1].lower() if q.noun else ""
    nouns_seen = 0
    for _ in range(4):
        head = node.head
        if _modifies_modifier(node, head):
            head = head.head  # "a 352 μm pixel pitch" (the tagger's adjective), "30% fuming sulfuric acid"
        if head.i == node.i or node.dep_ not in _MODIFIER_DEPS or head.pos_ not in (*NOUNS, "NUM", "SYM"):
            break
        if node.dep_ == "appos" and (is_figure(head) or modified is not None):
            break  # "40 cm (16 inches)": a conversion; "Top scorers: F Lena Ortiz (21.4 ppg)": a list's title
        if head.pos_ in NOUNS and head.i not in inside:
            nouns_seen += 1
            # a count's own noun is what it counts ("700 heart transplants"); any other, or a
            # measure's first, is what the figure describes ("a 6kW electric motor", "a 12 page report")
            is_counted = _counts(q) and (head.lower_ == counted if counted else nouns_seen == 1)
            if q.kind == "count" and node.dep_ == "nummod" and head.i < node.i:
                inside.add(head.i)  # "a category four hurricane": the figure's label, not what it describes
            elif is_counted:
                inside.add(head.i)
            elif head.lemma_.lower() not in TIME_NOUNS:
                modified = head
        node = head
    # the counted noun, all its words, is not part of what the figure describes ("a 40 basis point
    # improvement")
    words = q.noun.lower().split()
    for child in modified.lefts if modified is not None and counted and _counts(q) else ():
        if child.lower_ == counted:
            inside |= {child.i, *(c.i for c in child.lefts if c.dep_ == "compound" and c.lower_ in words)}
    return node, modified


def _modifies_modifier(node: Any, head: Any) -> bool:
    """The figure modifies a word that modifies a noun: what it describes is that noun."""
    if node.dep_ not in _MODIFIER_DEPS or head.pos_ not in ("ADJ", "VERB"):
        return False
    return head.dep_ in ("compound", "amod") and head.head.pos_ in NOUNS


def _counts(q: Quantity) -> bool:
    """A count, or a fraction of a count ("one in three voters"): its noun is what it counts."""
    return q.kind == "count" or (q.kind == "percent" and FRACTION_RE.search(q.text + " of") is not None)


def _owner(node: Any, inside: set[int]) -> Any | None:
    """The noun a figure is the value of: "a speed of 15 mph", "a rate of 1.4pc", "X ($Y)"."""
    head = node.head
    if node.dep_ == "prep" and node.i in inside and head.pos_ in NOUNS and head.i not in inside:
        return head  # the figure's own "over"/"under" hangs it from the noun: "investments over 35 GWh"
    if head.lower_ in ("worth", "valued", "priced", "costing") and head.head.pos_ in NOUNS:
        return head.head  # "a grant worth $8 million", "a bond valued at $2bn"
    if node.dep_ == "pobj" and head.pos_ == "ADP" and head.head.lower_ in ("valued", "priced"):
        return head.head.head if head.head.head.pos_ in NOUNS else None
    if node.dep_ == "pobj" and head.head.pos_ == "ADJ" and head.head.dep_ == "amod" and head.head.head.pos_ in NOUNS:
        return head.head.head  # "a pitch as high as 352 μm", "a tower taller than 300 m"
    if node.dep_ == "pobj" and head.pos_ == "ADP":
        owner = head.head
        if (
            head.lower_ in ("of", "at", "to", "for", "about", "on", "with", "by", "in", "from")
            and owner.pos_ in NOUNS
            and owner.i not in inside
        ):
            return owner
        return None
    # "the fee ($40)": a figure in apposition; a name in apposition to a name is another item of
    # a list ("LHP Sam Ito (1.2 WAR), RHP Dan Cole (0.8 WAR)"), and a list's title is no owner
    if (
        node.dep_ == "appos"
        and is_figure(node)
        and head.i not in inside
        and head.pos_ in NOUNS
        and not _titles_list(head)
    ):
        return head
    return None


def _titles_list(head: Any) -> bool:
    """ "Top scorers: F Lena Ortiz (21.4 ppg), ...": a title before a colon names the list, not its items."""
    doc = head.doc
    return head.i + 1 < len(doc) and str(doc[head.i + 1].text) == ":"


def _moved(node: Any) -> Any | None:
    """ "Banks pulled the index 0.7% lower", "it makes the car $900 cheaper": what the figure moved
    is the object before it, not the verb's subject, which only caused the move."""
    if node.dep_ != "npadvmod" or node.head.tag_ not in ("RBR", "JJR"):
        return None
    verb = node.head.head
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ in NOUNS and c.i < node.i]
    return objects[0] if objects and verb.pos_ == "VERB" and not is_figure(objects[0]) else None


def _clause_subject(token: Any) -> Any | None:
    node = token
    for _ in range(8):
        subjects = [_partitive_whole(c) for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        subjects = subjects or _mislabelled_subject(node)
        if node.pos_ in ("VERB", "AUX") or subjects:  # "a grant worth $8 million": a predicate too
            named = [c for c in subjects if is_name_or_noun(c)]
            if named:
                return named[0]
            relative = subjects and all(c.tag_ in ("WDT", "WP") for c in subjects)
            antecedent = _antecedent(node) if relative else None
            if antecedent is not None:
                return antecedent  # "a squad that contained 17 players": the squad
            if subjects and node.dep_ not in ("ccomp", "conj"):
                return None  # "they rose 5%": the clause's own subject, which names nothing here;
                # but "the firm said it had 90 staff" is about the firm
        if node.dep_ in ("relcl", "acl") and node.head.pos_ in NOUNS and not infinitive(node):
            return node.head  # "the products priced at $10", "a country that is 90 miles wide"
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _mislabelled_subject(verb: Any) -> list[Any]:
    """ "The stock trades on 6.5 times earnings": a noun with its article right before a verb that
    has no subject, which the parser hung from the verb as a compound."""
    if verb.pos_ != "VERB":
        return []
    doc = verb.doc
    found = [
        c
        for c in verb.lefts
        if c.dep_ in ("compound", "npadvmod", "dep") and c.pos_ in NOUNS and c.i > 0 and doc[c.i - 1].pos_ == "DET"
    ]
    return found or _name_as_adverb(verb)


def _name_as_adverb(verb: Any) -> list[Any]:
    """ "Presently runs 80 schools", "Lately has opened 40 stores": a capitalised first word right before a
    finite verb (or its auxiliaries) that has no subject is a name the tagger took for an adverb."""
    auxiliaries = [c for c in verb.lefts if c.dep_ in ("aux", "neg")]
    first = auxiliaries[0].i if auxiliaries else verb.i
    before = verb.doc[first - 1] if first > 0 else None
    if before is None or before.head.i != verb.i or before.pos_ not in ("ADV", "ADJ"):
        return []
    if not any(t.tag_ in (*_FINITE, "MD") for t in (*auxiliaries, verb)):
        return []  # "Quickly go ...": an imperative
    return [before] if before.is_sent_start and before.text[:1].isupper() else []


def _antecedent(verb: Any) -> Any | None:
    """What a relative clause (its subject a relative pronoun) is about: the noun it hangs from,
    or, where the parser hung it from a pronoun, the noun right before its "that"/"which"
    ("everyone in the country that is ...")."""
    if verb.dep_ == "ROOT":
        return None  # "that is an underpowered XI": a demonstrative, not a relative pronoun
    if verb.head.pos_ in NOUNS:
        return _rated(verb.head)  # also where the parser labelled the relative clause a complement
    relative = next((c for c in verb.children if c.tag_ in ("WDT", "WP") and c.dep_.startswith("nsubj")), None)
    before = verb.doc[relative.i - 1] if relative is not None and relative.i > 0 else None
    return before if before is not None and before.pos_ in NOUNS else None


def _rated(noun: Any) -> Any:
    """ "an investment per person which is $5,000": what is counted per person, not the person."""
    per = noun.head if noun.dep_ == "pobj" else None
    return per.head if per is not None and per.lower_ == "per" and per.head.pos_ in NOUNS else noun


def _partitive_whole(subject: Any) -> Any:
    """ "Each of the buildings costs $40 million": the buildings."""
    if subject.pos_ in ("PRON", "DET", "NUM") or subject.lower_ in ("each", "all", "some", "most", "many", "both"):
        whole = next((o for p in subject.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"), None)
        if whole is not None and whole.pos_ in NOUNS:
            return whole
    return subject


def _sentence_topic(node: Any, own: set[int]) -> Any | None:
    """For a figure the parse ties to nothing, in a sentence without a pronoun subject on its
    path: the subject of the main clause, or the head noun of a verbless fragment ("a pixel pitch
    as high as 352 um", "Properties including: ...")."""
    path = [node, *node.ancestors]
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in _PRONOUN_TAGS for t in path for c in t.children):
        return None  # "it was trading at 180p": the pronoun's antecedent is not ours to guess
    root = path[-1]
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in NOUNS and c.i not in own]
    if subjects:
        return subjects[0]
    return root if (root.pos_ in NOUNS or _plural_as_verb(root)) and root.i not in own else None


def _plural_as_verb(root: Any) -> bool:
    """ "sizes at most 3 um": a fragment's first word, a plural noun the tagger took for a
    verb with no subject."""
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    return root.tag_ == "VBZ" and root.is_sent_start and root.is_lower and not subjects
