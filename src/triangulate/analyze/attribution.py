"""Who says what: speakers, chains of sources, anonymous sourcing and hedging.

"according to a lawmaker who referenced the intelligence agency" gives the chain
(lawmaker, intelligence agency); "Mr. Lee quoted the NIS as stating ..." gives (Lee, NIS);
"He told reporters ..." resolves "He" to the last named speaker.
"""

from __future__ import annotations

import re
from typing import Any

from triangulate.analyze.entities import entity_key
from triangulate.model import Attribution

SPEECH_VERBS = {
    "say",
    "tell",
    "state",
    "add",
    "note",
    "report",
    "inform",
    "announce",
    "claim",
    "warn",
    "explain",
    "elaborate",
    "indicate",
    "acknowledge",
    "confirm",
    "estimate",
    "quote",
    "insist",
    "argue",
    "suggest",
    "believe",
    "write",
    "testify",
    "disclose",
    "reveal",
    "assert",
    "deny",
    "admit",
    "maintain",
    "mention",
    "allege",
    "stress",
    "emphasise",
    "emphasize",
    "predict",
    "forecast",
    "anticipate",
    "brief",
    "tweet",
    "post",
    "observe",
    "recall",
    "describe",
    "speak",
}
SOURCE_VERBS = {"cite", "reference", "quote", "source"}
ANONYMOUS_HEADS = {
    "official",
    "source",
    "person",
    "people",
    "diplomat",
    "analyst",
    "observer",
    "insider",
    "aide",
    "witness",
    "resident",
    "expert",
    "authority",
    "government",
    "police",
    "investigator",
}
SOURCE_NOUNS = ANONYMOUS_HEADS | {
    "agency",
    "service",
    "ministry",
    "intelligence",
    "report",
    "media",
    "statement",
    "document",
    "study",
    "survey",
    "data",
    "figure",
    "estimate",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "lawmaker",
    "committee",
    "department",
    "office",
    "council",
    "commission",
    "military",
    "army",
}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
HEDGE_RE = re.compile(
    r"\b(?:(?:is|are|was|were)\s+)?(?:believed|thought|said|reported|understood|suspected|alleged|"
    r"estimated|expected|projected|likely|unlikely|set)\s+to\b|\bconsidering\b|\banticipat\w+|"
    r"\bcould\b|(?-i:\bmay\b)|\bmight\b|\blikely\b|\breportedly\b|\ballegedly\b|\bpossibly\b|\bprobably\b|"
    r"\bapparently\b|\bunconfirmed\b|\bappears?\s+to\b|\bseems?\s+to\b|\bplans?\s+to\b|\bis\s+weighing\b|"
    r"\bbelief\b|\bpresumably\b|\bpotentially\b|\bperhaps\b",
    re.IGNORECASE,
)
_QUOTE_RE = re.compile(r"[“\"][^”\"]{3,}[”\"]")


def hedge_of(text: str) -> str:
    """The first hedging cue of a sentence ("believed to", "could"), or ""."""
    m = HEDGE_RE.search(text)
    return re.sub(r"\s+", " ", m.group(0).lower()) if m else ""


def attribute(sent: Any, previous: Attribution | None, resolve_name: Any) -> Attribution | None:
    """The attribution of one spaCy sentence, or None; ``previous`` serves pronouns and quotes.

    ``resolve_name`` maps a speaker phrase to its fullest form in the article ("Lee" → "Lee
    Seong-kweun").
    """
    according = _according_to(sent, resolve_name)
    spoken = _speech_verb(sent, previous, resolve_name)
    found = according or spoken
    if according and spoken and not set(spoken.chain) & set(according.chain):
        # "X told a committee that ..., according to Y": the outlet has it from Y, Y from X
        found = Attribution(
            (*according.chain, *spoken.chain), according.cue, according.start, according.end, according.anonymous
        )
    if found is None and previous is not None and _QUOTE_RE.search(sent.text) and sent.text.lstrip()[:1] in '“"':
        return Attribution(previous.chain, "quote (continued)", sent.start_char, sent.end_char, previous.anonymous)
    return found


def _according_to(sent: Any, resolve_name: Any) -> Attribution | None:
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
            to = token.nbor(1)
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if not objects:
                continue
            head = objects[0]
            speaker = _name(head, resolve_name)
            chain = (speaker, *_sources_below(head, resolve_name))
            return Attribution(
                chain, "according to", token.idx, head.right_edge.idx + len(head.right_edge.text), _anonymous(head)
            )
    return None


def _speech_verb(sent: Any, previous: Attribution | None, resolve_name: Any) -> Attribution | None:
    verbs = [t for t in sent if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in ("VERB", "AUX")]
    verbs.sort(key=lambda t: (len(list(t.ancestors)), t.i))
    for verb in verbs:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"] or _named_before(sent, verb)
        if not subjects:
            continue
        subject = subjects[0]
        if subject.lower_ in PRONOUNS:
            if subject.lower_ in ("it", "we", "i"):
                continue
            chain: tuple[str, ...]
            named = [e for e in sent.ents if e.label_ == "PERSON" and e.end <= subject.i]
            if named:
                chain, anonymous = (str(resolve_name(named[-1].text)),), False
            elif previous is not None:
                chain, anonymous = previous.chain[:1], previous.anonymous
            else:
                continue
        elif subject.pos_ in ("PROPN", "NOUN"):
            chain, anonymous = (_name(subject, resolve_name),), _anonymous(subject)
        else:
            continue
        chain = (
            *chain,
            *_sources_of_verb(verb, resolve_name),
            *_sources_below(subject, resolve_name),
            *_reported_speakers(verb, resolve_name),
        )
        if verb.lemma_.lower() == "quote":  # "Lee quoted the NIS as stating": NIS is the source
            chain = (*chain, *(_name(c, resolve_name) for c in verb.children if c.dep_ == "dobj"))
        chain = tuple(dict.fromkeys(c for c in chain if c))
        if not chain:
            continue
        cue = "quote" if _QUOTE_RE.search(sent.text) else verb.lemma_.lower()
        return Attribution(chain, cue, verb.idx, verb.idx + len(verb.text), anonymous)
    return None


def _named_before(sent: Any, verb: Any) -> list[Any]:
    """A parse with no subject ("X, a top official, stated ..."): the nearest person before."""
    if verb.dep_ != "ROOT":
        return []
    people = [e for e in sent.ents if e.label_ == "PERSON" and e.end <= verb.i]
    return [people[-1].root] if people else []


def _reported_speakers(verb: Any, resolve_name: Any) -> list[str]:
    """Speakers of speech verbs inside what is reported: "told reporters that the NIS noted"."""
    found = []
    for token in verb.subtree:
        if (
            token.i != verb.i
            and token.lemma_.lower() in SPEECH_VERBS
            and token.dep_ in ("ccomp", "xcomp", "advcl", "conj")
        ):
            found += [
                _name(c, resolve_name)
                for c in token.children
                if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS and _is_source(c)
            ]
    return found


def _is_source(head: Any) -> bool:
    """Something that can be quoted: a name, or a noun like "officials", "agency", "report"."""
    return head.pos_ == "PROPN" or head.lemma_.lower() in SOURCE_NOUNS


def _sources_of_verb(verb: Any, resolve_name: Any) -> list[str]:
    """Sources a speaker relays: "citing X", "after a briefing by X", "quoting X"."""
    sources = []
    for token in verb.subtree:
        if token.lemma_.lower() in SOURCE_VERBS and token.i != verb.i:
            sources += [_name(c, resolve_name) for c in token.children if c.dep_ in ("dobj", "pobj") and _is_source(c)]
        if token.lower_ == "by" and token.head.lemma_.lower() in ("briefing", "report", "assessment", "statement"):
            sources += [_name(c, resolve_name) for c in token.children if c.dep_ == "pobj"]
    return sources


def _sources_below(head: Any, resolve_name: Any) -> list[str]:
    """Sources inside a speaker phrase: "a lawmaker who referenced the intelligence agency"."""
    sources = []
    for token in head.subtree:
        if token.lemma_.lower() in SOURCE_VERBS:
            sources += [_name(c, resolve_name) for c in token.children if c.dep_ in ("dobj", "pobj") and _is_source(c)]
    return sources


def _name(head: Any, resolve_name: Any) -> str:
    """The speaker phrase without relative clauses, appositions of role, or determiners."""
    tokens = [t for t in head.subtree if not _in_clause(t, head)]
    phrase = head.doc[tokens[0].i : tokens[-1].i + 1] if tokens else head.doc[head.i : head.i + 1]
    propn = [t for t in phrase if t.pos_ == "PROPN"]
    if head.pos_ != "PROPN" and propn:
        # a common-noun speaker qualified by a name: "South Korea's intelligence agency"
        return re.sub(r"^(?:the|a|an)\s+", "", phrase.text.strip(), flags=re.IGNORECASE)
    if propn:
        # the named part: "lawmaker Lee Seong-kweun" -> "Lee Seong-kweun"
        ents = [
            e
            for e in head.doc.ents
            if e.start >= phrase.start and e.end <= phrase.end and e.label_ in ("PERSON", "ORG", "GPE", "NORP")
        ]
        person = [e for e in ents if e.label_ in ("PERSON", "ORG")]
        if person:
            return _without_article(str(resolve_name(person[-1].text)))
        first, last = propn[0].i, propn[-1].i
        return _without_article(str(resolve_name(head.doc[first : last + 1].text)))
    text = re.sub(r"^(?:the|a|an)\s+", "", phrase.text.strip(), flags=re.IGNORECASE)
    return text


def _without_article(name: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)


def _in_clause(token: Any, head: Any) -> bool:
    node = token
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ in ("relcl", "acl", "advcl", "appos", "punct", "cc", "conj") and node.head.i == head.i:
            return True
        if node.dep_ == "prep" and node.head.i == head.i and node.lower_ not in ("of",):
            return True
        node = node.head
    return False


def _anonymous(head: Any) -> bool:
    """Unnamed people as the source: "officials said", "US officials", "a source familiar"."""
    named_person = any(e.label_ == "PERSON" and e.start <= head.i < e.end for e in head.doc.ents)
    return head.pos_ != "PROPN" and not named_person and head.lemma_.lower() in ANONYMOUS_HEADS


def full_name_resolver(person_names: list[str], aliases: dict[str, str]) -> Any:
    """Map "Lee" or "Mr. Lee" to "Lee Seong-kweun" when the article names the person in full."""
    names = sorted(set(person_names), key=len, reverse=True)

    def resolve(phrase: str) -> str:
        key = entity_key(phrase)
        if key in aliases:
            return phrase.strip()
        words = key.split()
        if len(words) == 1:
            for name in names:
                if words[0] in entity_key(name).split() and len(entity_key(name).split()) > 1:
                    return name
        return re.sub(r"^(?:Mr|Mrs|Ms|Dr)\.?\s+", "", phrase.strip())

    return resolve
