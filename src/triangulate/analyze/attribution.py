"""Who says what: speakers, chains of sources, anonymous sourcing and hedging.

"according to a lawmaker who referenced the intelligence agency" gives the chain
(lawmaker, intelligence agency); "Mr. Lee quoted the NIS as stating ..." gives (Lee, NIS);
"He told reporters ..." resolves "He" to the last named speaker.
"""

from __future__ import annotations

import re
from typing import Any

from triangulate.analyze.entities import TITLES, entity_key
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
ANONYMOUS_HEADS = {  # unnamed people: "officials said", "a union leader said"
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
    "investigator",
    "leader",
    "member",
    "employee",
    "staffer",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "lawmaker",
    "worker",
    "negotiator",
    "adviser",
    "advisor",
    "officer",
    "executive",
    "doctor",
    "scientist",
    "researcher",
    "economist",
}
SOURCE_NOUNS = ANONYMOUS_HEADS | {  # what can be cited or quoted
    "authority",
    "government",
    "police",
    "record",
    "image",
    "poll",
    "filing",
    "board",
    "brigade",
    "guard",
    "regulator",
    "bank",
    "auditor",
    "court",
    "judge",
    "prosecutor",
    "inspector",
    "institute",
    "organisation",
    "organization",
    "group",
    "company",
    "firm",
    "association",
    "union",
    "hospital",
    "statistic",
    "analysis",
    "assessment",
    "briefing",
    "source",
    "newspaper",
    "broadcaster",
    "channel",
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
ROLE_WORDS = set(TITLES) | {
    "coach",
    "manager",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "founder",
    "owner",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "analyst",
    "economist",
    "editor",
    "lawyer",
    "attorney",
    "detective",
    "constable",
    "trooper",
    "commander",
    "admiral",
    "major",
    "lieutenant",
}
# No opening mark inside a quote: with one allowed, every opener of a long run of them scanned to
# the end of the sentence (quadratic; 5,000 "“" took seconds).
_QUOTE_RE = re.compile(r"[“\"][^“”\"]{3,}[”\"]")


def hedge_of(text: str) -> str:
    """The first hedging cue of a sentence ("believed to", "could"), or ""."""
    m = HEDGE_RE.search(text)
    return re.sub(r"\s+", " ", m.group(0).lower()) if m else ""


def attribute(sent: Any, previous: Attribution | None, resolve_name: Any, last_person: str = "") -> Attribution | None:
    """The attribution of one spaCy sentence, or None.

    ``previous`` (the last attribution) serves continued quotes; ``last_person`` (the last person
    named before this sentence) serves "he" and "she"; ``resolve_name`` maps a speaker phrase to
    its fullest form in the article ("Lee" → "Lee Seong-kweun").
    """
    according = _according_to(sent, resolve_name, last_person)
    spoken = _speech_verb(sent, last_person, resolve_name)
    found = according or spoken
    if according and spoken and not set(spoken.chain) & set(according.chain):
        # "X told a committee that ..., according to Y": the outlet has it from Y, Y from X
        found = Attribution(
            (*according.chain, *spoken.chain), according.cue, according.start, according.end, according.anonymous
        )
    if found is None and _QUOTE_RE.search(sent.text) and sent.text.lstrip()[:1] in '“"':
        # a quote on its own continues the last speaker, or the person just introduced
        if previous is not None:
            return Attribution(previous.chain, "quote (continued)", sent.start_char, sent.end_char, previous.anonymous)
        if last_person:
            return Attribution((last_person,), "quote (continued)", sent.start_char, sent.end_char, False)
    return found


def _according_to(sent: Any, resolve_name: Any, last_person: str = "") -> Attribution | None:
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
            to = token.nbor(1)
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if not objects:
                continue
            head = objects[0]
            speaker = last_person if head.lower_ in ("him", "her") and last_person else _name(head, resolve_name)
            chain = (speaker, *_sources_below(head, resolve_name))
            return Attribution(
                chain, "according to", token.idx, head.right_edge.idx + len(head.right_edge.text), _anonymous(head)
            )
    return None


def _speech_verb(sent: Any, last_person: str, resolve_name: Any) -> Attribution | None:
    quoted = bool(_QUOTE_RE.search(sent.text))
    verbs = [
        t for t in sent if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in ("VERB", "AUX") and (quoted or _reports(t))
    ]
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
                chain, anonymous = (_person(named[-1].text, resolve_name),), False
            elif last_person and subject.lower_ in ("he", "she"):
                chain, anonymous = (last_person,), False
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


def _reports(verb: Any) -> bool:
    """The verb carries what was said ("said the bridge would reopen", "quoted X as saying"), not
    an object ("told the story", "posted record sales", "announce its decision")."""
    if verb.lemma_.lower() in ("quote", "brief"):
        return True
    return (
        any(c.dep_ in ("ccomp", "parataxis") for c in verb.children)
        or verb.dep_ in ("parataxis",)
        or (verb.dep_ == "ROOT" and any(c.dep_ == "ccomp" for c in verb.head.children))
    )


def _person(name: str, resolve_name: Any) -> str:
    return strip_title(str(resolve_name(name)))


def strip_title(name: str) -> str:
    """ "Interior Minister Josef Marek" -> "Josef Marek"; a bare title is kept ("Regional councillor")."""
    words = name.strip().split()
    titles = [i for i, w in enumerate(words) if w.lower().strip(".,") in ROLE_WORDS]
    if not titles:
        return name.strip()
    rest = words[titles[-1] + 1 :]
    weak = words[titles[-1]].lower().strip(".") in ("general", "chief", "director", "judge", "justice")
    if (
        not rest
        or not rest[0][:1].isupper()
        or (len(rest) < 2 and (weak or (titles[-1] > 0 and not words[0][:1].isupper())))
    ):
        return name.strip()  # "General Motors", "Regional councillor"
    return " ".join(rest)


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
    for child in head.children:  # "The company's chief executive, Laura Finch, said"
        if child.dep_ == "appos" and child.pos_ == "PROPN" and head.pos_ != "PROPN":
            return _person(_propn_run(child), resolve_name)
    tokens = [t for t in head.subtree if not _in_clause(t, head)]
    phrase = head.doc[tokens[0].i : tokens[-1].i + 1] if tokens else head.doc[head.i : head.i + 1]
    propn = [t for t in phrase if t.pos_ == "PROPN"]
    if head.pos_ != "PROPN" and propn:
        # a common-noun speaker qualified by a name: "South Korea's intelligence agency"
        return strip_title(re.sub(r"^(?:the|a|an)\s+", "", phrase.text.strip(), flags=re.IGNORECASE))
    covering = [e for e in head.doc.ents if e.start <= head.i < e.end and e.label_ not in ("DATE", "TIME", "CARDINAL")]
    if covering and head.pos_ == "PROPN" and len(covering[0]) > 1 and covering[0].label_ != "PERSON":
        return _without_article(covering[0].text)  # "the Port of Halvik", "the National Weather Service"
    if propn:
        # the named part: "lawmaker Lee Seong-kweun" -> "Lee Seong-kweun"
        ents = [
            e
            for e in head.doc.ents
            if e.start >= phrase.start and e.end <= phrase.end and e.label_ in ("PERSON", "ORG", "GPE", "NORP")
        ]
        person = [e for e in ents if e.label_ in ("PERSON", "ORG")]
        run = _propn_run(head) if head.pos_ == "PROPN" else ""
        if person and len(person[-1].text) >= len(run):
            return _without_article(_person(person[-1].text, resolve_name))
        if run:  # the entity missed part of the name: "Ana Costa" tagged "Costa"
            return _without_article(_person(run, resolve_name))
        first, last = propn[0].i, propn[-1].i
        return _without_article(_person(head.doc[first : last + 1].text, resolve_name))
    text = re.sub(r"^(?:the|a|an)\s+", "", phrase.text.strip(), flags=re.IGNORECASE)
    return text


def _propn_run(token: Any) -> str:
    """The proper nouns around ``token`` that name one thing: "Ana Costa", "Yoon Ha-jin"."""
    doc = token.doc
    first = last = token.i
    while (
        first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].whitespace_ != "" and doc[first - 1].text != ","
    ):
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].pos_ == "PROPN":
        last += 1
    return str(doc[first : last + 1].text)


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
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children):
        return False  # "the ministry's spokeswoman, Leila Haddad"
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
