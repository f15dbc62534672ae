"""Named entities and their normalized keys, so spelling variants of one name meet.

"Lee Seong-kweun" / "Lee Seong Kweun" and "Kim Jong Un" / "Kim Jong-un" share a key; an
acronym defined in the text ("National Intelligence Service (NIS)") is an alias of its long form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz

from triangulate.model import Entity

KEPT_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
TITLES = (
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "sir",
    "dame",
    "sgt",
    "sergeant",
    "capt",
    "captain",
    "gen",
    "general",
    "col",
    "colonel",
    "lt",
    "president",
    "prime minister",
    "minister",
    "senator",
    "sen",
    "rep",
    "lawmaker",
    "mayor",
    "governor",
    "gov",
    "judge",
    "justice",
    "chancellor",
    "secretary",
    "chief",
    "commissioner",
    "councillor",
    "councilor",
    "inspector",
    "officer",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "rev",
    "father",
    "superintendent",
    "deputy",
    "director",
    "professor",
)
_TITLE_RE = re.compile(rf"^(?:(?:{'|'.join(TITLES)})\.?\s+)+", re.IGNORECASE)
# At most ten words, each after exactly one run of spaces: "\s+(?:of)?\s*" split a run of
# spaces two ways and the words were unbounded, so a long run of capitalised words took
# quadratic time (3,000 "Mr." took 6 s).
_ACRONYM_RE = re.compile(
    r"([A-Z][\w'’.-]*(?:\s+(?:(?:of|for|and|the|on|de|du)\s+)?[A-Z][\w'’.-]*){1,9})\s+\(([A-Z][A-Z0-9&.]{1,9})\)"
)


def entity_key(name: str) -> str:
    """A spelling-insensitive key: titles, accents, hyphens, case and possessives removed."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’']s\b", "", text)
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)
    text = _TITLE_RE.sub("", text)
    text = re.sub(r"[-‐‑–.,’'\"“”()]+", " ", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def acronyms(text: str) -> dict[str, str]:
    """Acronyms the text defines, mapped to their long form's key: {"nis": "national ..."}."""
    found: dict[str, str] = {}
    for m in _ACRONYM_RE.finditer(text):
        long_form, short = m.group(1), m.group(2).replace(".", "")
        tokens = re.split(r"\s+", long_form)
        capitals = [i for i, w in enumerate(tokens) if w[:1].isupper()]
        initials = "".join(tokens[i][0] for i in capitals)
        # the long form may carry a leading qualifier: "South Korean National Intelligence Service"
        for k, first in enumerate(capitals):
            if initials[k:].upper() == short.upper():
                found[short.lower()] = entity_key(" ".join(tokens[first:]))
                break
    return found


def extract_entities(doc: Any, aliases: dict[str, str]) -> list[Entity]:
    entities = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS:
            continue
        key = entity_key(ent.text)
        if not key:
            continue
        entities.append(
            Entity(text=ent.text, label=ent.label_, key=aliases.get(key, key), start=ent.start_char, end=ent.end_char)
        )
    return entities


def same_entity(a: str, b: str) -> bool:
    """Two keys name one entity: equal, near-equal spellings, or one the other's fuller form."""
    if a == b:
        return True
    if not a or not b:
        return False
    if fuzz.ratio(a, b) >= 92:
        return True
    short, long = sorted((a, b), key=len)
    return len(short.split()) >= 2 and fuzz.token_set_ratio(short, long) >= 95


def canonical_names(keys: Iterable[str]) -> dict[str, str]:
    """Map every key to one representative, merging keys :func:`same_entity` joins."""
    representative: dict[str, str] = {}
    for key in sorted(set(keys), key=lambda k: (-len(k.split()), k)):
        match = next((r for r in dict.fromkeys(representative.values()) if same_entity(key, r)), None)
        representative[key] = match or key
    return representative
