"""How a noun is written as what a figure is about: with its modifiers and complements
("average life expectancy men Glasgow" for "the average life expectancy for men in Glasgow"), its
other name ("the ferry, named the Aurora") and a name run on to it ("the retailer Brightmart",
"the S&P/ASX 50"); without determiners, pronouns, adverbs, other figures with their units, or a
count's own noun. ``concepts`` decides which noun; this module writes it.
"""

from __future__ import annotations

from typing import Any

from triangulate.analyze import lexicon as lx

NOUNS = ("NOUN", "PROPN")
_DROP_DEPS = ("det", "predet", "case", "punct", "cc", "relcl", "acl", "advcl", "prep", "conj", "appos")
_LEFT_DROP_DEPS = tuple(d for d in _DROP_DEPS if d != "conj")
_COMPLEMENT_PREPS = ("of", "for", "in", "on", "at", "from", "per", "to", "across", "between", "among")
TIME_NOUNS = (
    "year", "month", "week", "day", "hour", "minute", "second", "time", "today", "yesterday", "morning",
    "evening", "night", "afternoon", "season", "quarter", "decade",
)  # fmt: skip
MAX_WORDS = 8
# verbs of measure that read as nouns after a plural subject ("the glass panes measure 90 cm")
_MEASURE_VERBS = ("measure", "weigh", "cost", "total", "number", "average", "range", "span", "stretch")
WHEN = ("DATE", "TIME")
CURRENCY_COUNTRIES = ("US", "A", "AU", "C", "CA", "HK", "NZ", "S", "NT")
AMOUNT_WORDS = ("total",)  # says how much of the thing, not which thing
_NAMING_VERBS = ("call", "dub", "name", "nickname")  # "the ferry, named the Aurora": its other name


def is_figure_word(token: Any) -> bool:
    """A figure's word the tagger took for a name ("80GB", "RM59", "125 PS", "S $3mil"), not a name a
    figure was read in ("the S&P 500")."""
    low, text = token.lower_, token.text
    if any(c.isdigit() for c in low) or low in lx.MEASURES or low in lx.CURRENCIES:
        return True
    return text in lx.CASED_SYMBOLS or text.replace(".", "") in CURRENCY_COUNTRIES


def is_figure(token: Any) -> bool:
    """A number or symbol, or a noun a number modifies."""
    return token.pos_ in ("NUM", "SYM") or any(c.dep_ in ("nummod", "quantmod") for c in token.children)


def infinitive(verb: Any) -> bool:
    """ "plans to cut 600 jobs": the plan is not what is cut; the subject of the plans is."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def is_name_or_noun(token: Any) -> bool:
    # a name the tagger took for an adjective or adverb ("OHSU has performed", "Duly has") counts
    # and so does an adjective used as a noun ("the lowest is 74.07"), and a name ending in a
    # number the parser made the head ("the sp 500 was down 2.1%")
    if token.pos_ == "ADJ" and any(c.dep_ == "det" for c in token.children):
        return True
    if token.pos_ == "NUM" and any(c.dep_ == "compound" and c.pos_ in NOUNS for c in token.lefts):
        return True
    if (
        token.tag_ == "VBG"
        and token.dep_ in ("nsubj", "nsubjpass")
        and not any(c.dep_ == "dobj" for c in token.children)
    ):
        return True  # a gerund with no object is a noun: "testing came back at 12 ppb"
    return token.pos_ in NOUNS or (token.pos_ in ("ADJ", "ADV", "X") and token.text[:1].isupper())


def noun_phrase(token: Any, inside: set[int]) -> str:
    """A noun with its modifiers and complements, without determiners, pronouns or figures."""
    subject = _subject_of_verb_as_noun(token)
    if subject is not None:
        return noun_phrase(subject, inside)
    figure = token.i in inside and (_is_unit(token) or is_figure_word(token))
    chosen = [*_left_modifiers(token, inside), *([] if figure else [token])]
    chosen += [c for c in token.rights if _names_number(c, token, inside)]
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in _COMPLEMENT_PREPS:
            chosen += [t for obj in child.children if obj.dep_ == "pobj" for t in _complement(obj, inside)]
        elif child.dep_ == "acl" and child.lemma_ in _NAMING_VERBS:  # "the ferry, named the Aurora": its other name
            chosen += [w for o in child.children if o.dep_ == "oprd" for w in _complement(o, inside)]
        elif child.dep_ == "acl" and child.tag_ in ("VBN", "VBG") and not infinitive(child):
            chosen += _participle(child, inside)
        elif _coordinated(token, child, inside):
            chosen += [*_left_modifiers(child, inside), child]  # "CN and CP", "people and families"
        elif _ticker(token, child, inside):
            chosen += token.doc[child.i - 1 : child.i + 2]  # "Ford (F)": the name's symbol
        elif _name_right_after(token, child, inside):
            chosen.append(child)  # "the retailer Brightmart", "the new X7 M60"
        elif _slashed(token, child, inside):
            chosen += [child, *(c for c in child.rights if _names_number(c, child, inside))]  # "S&P/ASX 50"
    chosen = sorted({t.i: t for t in _with_hyphenated(chosen)}.values(), key=lambda t: t.i)[:MAX_WORDS]
    return _render(chosen)


def _subject_of_verb_as_noun(token: Any) -> Any | None:
    """ "The glass panes measure 90 cm": a plural noun, then a verb of measure the tagger took for the
    head noun of a compound; the plural noun is the subject and the verb no part of the thing."""
    if token.tag_ != "NN" or token.lower_ not in _MEASURE_VERBS or token.i == 0:
        return None
    before = token.doc[token.i - 1]
    return before if before.head.i == token.i and before.dep_ == "compound" and before.tag_ == "NNS" else None


def _with_hyphenated(tokens: list[Any]) -> list[Any]:
    """A word the tokenizer split at its hyphens is one word: "e-minis", "year-old", not "e", "old"."""
    out = list(tokens)
    for t in tokens:
        doc, i = t.doc, t.i
        while i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_ and not doc[i + 1].whitespace_:
            if not doc[i + 2].is_alpha:
                break
            out += [doc[i + 1], doc[i + 2]]
            i += 2
        i = t.i
        while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
            if not doc[i - 2].is_alpha:
                break
            out += [doc[i - 2], doc[i - 1]]
            i -= 2
    return out


def _coordinated(token: Any, child: Any, inside: set[int]) -> bool:
    """A noun joined to ``token`` by "and"/"or" alone: one thing named in two words ("the wealthiest
    people and families"), not an item of a comma-separated list."""
    if child.dep_ != "conj" or child.pos_ not in NOUNS or child.i in inside or is_figure(child):
        return False
    if any(c.dep_ == "det" for c in child.children):
        return False  # "a premium and the rest": two things
    between = {t.lower_ for t in token.doc[token.i + 1 : child.i] if t.is_punct or t.pos_ == "CCONJ"}
    return bool(between & {"and", "or", "&"}) and not between - {"and", "or", "&"}


def _name_right_after(token: Any, child: Any, inside: set[int]) -> bool:
    """A noun right after ``token``, with no comma, which the parser made an apposition: one name."""
    if child.dep_ != "appos" or child.i != token.i + 1 or child.pos_ not in NOUNS:
        return False
    return child.i not in inside and not is_figure(child)


def _slashed(token: Any, child: Any, inside: set[int]) -> bool:
    """A name written on to another after a slash: "the S&P/ASX 50", "the S&P/TSX index"."""
    doc = token.doc
    if child.dep_ != "appos" or child.i in inside or child.i != token.i + 2:
        return False
    return doc[token.i + 1].text == "/" and not token.whitespace_ and not doc[token.i + 1].whitespace_


def _ticker(token: Any, child: Any, inside: set[int]) -> bool:
    """A short upper-case symbol in parentheses right after a name: "Ford (F)", "automakers (.SXAP)"."""
    doc = token.doc
    if child.dep_ != "appos" or child.i in inside or child.i != token.i + 2 or child.i + 1 >= len(doc):
        return False
    symbol = child.text.lstrip(".")
    return doc[child.i - 1].text == "(" and doc[child.i + 1].text == ")" and symbol.isupper() and len(symbol) <= 5


def _participle(verb: Any, inside: set[int]) -> list[Any]:
    """A participle that says which ones: "the charge stored in the capacitor", "men aged 18 to 34"."""
    words = []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ not in ("by", "with"):
            words += [t for obj in child.children if obj.dep_ == "pobj" for t in _complement(obj, inside)]
        elif child.dep_ in ("advmod", "npadvmod") and child.pos_ == "ADV" and child.i > verb.i:
            words.append(child)
    # a bare participle ("the engine tuned by M-Sport") or one that holds the figure itself ("products
    # priced at $10") says no more about the thing
    return [verb, *words] if words and not any(t.i in inside for t in verb.subtree) else []


def _left_modifiers(token: Any, inside: set[int]) -> list[Any]:
    words = []
    for t in token.subtree:
        if t.i >= token.i:
            break
        if t.i in inside or t.pos_ in ("DET", "PRON", "ADP", "PUNCT", "CCONJ", "PART", "SYM", "AUX"):
            continue
        if _is_unit_word(t) or (t.pos_ == "NUM" and t.ent_type_ in WHEN):
            continue  # a unit or a date; a number no figure took is part of a name ("Stoxx 600 index")
        if t.lower_ in AMOUNT_WORDS or (t.pos_ == "ADV" and t.whitespace_):
            continue  # "the total pay package", "essentially a pizza oven": how much, how said
        if any(a.dep_ in _LEFT_DROP_DEPS for a in [t, *_ancestors_below(t, token)]):
            continue  # but coordinated modifiers stay: "issued and outstanding shares"
        words.append(t)
    return words


def _is_unit_word(t: Any) -> bool:
    """A measure's word, but not one in a name ("Foot Locker"); a currency's, which no figure took,
    names a thing ("the dollar index", "the euro zone")."""
    unit = t.lower_ in lx.MEASURES
    return unit and not (t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ not in ("MONEY", "QUANTITY"))


def _names_number(t: Any, head: Any, inside: set[int]) -> bool:
    """A number right after a name, which no figure took: "the S&P 500", "the iPhone 14"."""
    if head.ent_type_ == "PERSON" or t.ent_type_ in WHEN:
        return False  # "Nick Hague, 44": an age
    return t.dep_ in ("nummod", "compound") and t.pos_ == "NUM" and t.i == head.i + 1 and t.i not in inside


def _is_unit(t: Any) -> bool:
    """A number or a unit word: "the 78 per cent of the deal" is about the deal, not the cent."""
    low = t.lower_
    return t.pos_ in ("NUM", "SYM") or low in lx.MEASURES or low in lx.CURRENCIES or low in ("percent", "pc")


def _complement(obj: Any, inside: set[int]) -> list[Any]:
    if obj.i in inside or obj.pos_ not in NOUNS or obj.ent_type_ in WHEN or obj.lemma_.lower() in TIME_NOUNS:
        return []  # "a rise of 4% in March", "a meal in the evening": when, not what
    if _is_unit(obj) and (obj.lower_ not in lx.CURRENCIES or any(c.pos_ == "NUM" for c in obj.lefts)):
        return []  # "a price of 90 yen": a unit; but "reserves in Canadian dollars" are of a currency
    words = [*_left_modifiers(obj, inside), obj, *(c for c in obj.rights if _names_number(c, obj, inside))]
    words += [w for c in obj.rights if _coordinated(obj, c, inside) for w in (*_left_modifiers(c, inside), c)]
    for child in obj.rights:  # one more level: "life expectancy for men in Glasgow"
        if child.dep_ == "prep" and child.lower_ in _COMPLEMENT_PREPS:
            grand = [g for g in child.children if g.dep_ == "pobj" and g.pos_ in NOUNS and g.i not in inside]
            words += [w for g in grand for w in (*_left_modifiers(g, inside), g)]  # with its modifiers
    return words


def _ancestors_below(t: Any, top: Any) -> list[Any]:
    out: list[Any] = []
    node = t.head
    while node.i != top.i and node.head.i != node.i and len(out) < 6:
        out.append(node)
        node = node.head
    return out if node.i == top.i else [t]


def _render(tokens: list[Any]) -> str:
    """Words as written; tokens written together stay together ("non-OPEC", "first-quarter")."""
    words: list[str] = []
    for k, t in enumerate(tokens):
        before = tokens[k - 1] if k else None
        glued = before is not None and before.i + 1 == t.i and not before.whitespace_
        hyphen = before is not None and before.i + 2 == t.i and not before.whitespace_
        hyphen = hyphen and t.doc[t.i - 1].text == "-" and not t.doc[t.i - 1].whitespace_
        if words and (glued or hyphen):
            words[-1] += ("-" if hyphen else "") + t.text
        else:
            words.append(t.text)
    return " ".join(w.strip("-") for w in words if any(c.isalnum() for c in w))
