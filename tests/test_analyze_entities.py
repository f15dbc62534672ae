from __future__ import annotations

from typing import Any

import pytest

from triangulate.analyze import analyze
from triangulate.analyze.entities import acronyms, canonical_names, entity_key, same_entity
from triangulate.model import Article


@pytest.mark.parametrize(
    "name,key",
    [
        ("Lee Seong-kweun", "lee seong kweun"),
        ("Lee Seong Kweun", "lee seong kweun"),
        ("Kim Jong-un", "kim jong un"),
        ("Kim Jong Un", "kim jong un"),
        ("Mr. Smith", "smith"),
        ("Mr Smith", "smith"),
        ("Dr. Ana Ruiz", "ana ruiz"),
        ("President Ana Ruiz", "ana ruiz"),
        ("Prime Minister Olu Bade", "olu bade"),
        ("Gen. Alan Fry", "alan fry"),
        ("José", "jose"),
        ("José Álvarez", "jose alvarez"),
        ("Zoë Kravitz", "zoe kravitz"),
        ("the Red Cross", "red cross"),
        ("The Red Cross's", "red cross"),
        ("Britain's", "britain"),
        ("Ana Ruiz’s", "ana ruiz"),
        ("O'Neill", "o neill"),
        ("  Ana   Ruiz ", "ana ruiz"),
        ("U.N.", "u n"),
        ("(NWS)", "nws"),
        ("", ""),
    ],
)
def test_entities_entity_key(name: str, key: str) -> None:
    assert entity_key(name) == key


@pytest.mark.parametrize(
    "a,b",
    [
        ("Lee Seong-kweun", "Lee Seong Kweun"),
        ("Kim Jong-un", "Kim Jong Un"),
        ("Mr. Smith", "smith"),
        ("José Álvarez", "Jose Alvarez"),
        ("the Red Cross", "Red Cross"),
    ],
)
def test_entities_entity_key_spelling_variants_meet(a: str, b: str) -> None:
    assert entity_key(a) == entity_key(b)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("the National Weather Service (NWS) said", {"nws": "national weather service"}),
        ("The South Korean National Intelligence Service (NIS) said", {"nis": "national intelligence service"}),
        ("World Health Organization (WHO) data", {"who": "world health organization"}),
        (
            "The Coastal Rescue Team (CRT) and the Harbour Police Unit (HPU) met.",
            {"crt": "coastal rescue team", "hpu": "harbour police unit"},
        ),
        ("the Red Cross (ICRC) said", {}),  # initials do not fit
        ("Bank of England (BoE)", {}),  # mixed-case short forms are not read
        ("no acronyms here", {}),
        ("(NWS) alone", {}),
        ("agents of the Federal Bureau of Investigation (FBI) arrived", {"fbi": "federal bureau of investigation"}),
    ],
)
def test_entities_acronyms(text: str, expected: dict[str, str]) -> None:
    assert acronyms(text) == expected


@pytest.mark.parametrize(
    "a,b,expected",
    [
        ("lee seong kweun", "lee seong kweun", True),
        ("john smith", "jon smith", True),  # near-equal spelling
        ("ana ruiz", "ana maria ruiz", True),  # fuller form
        ("national weather service", "weather service", True),
        ("red cross", "american red cross", True),
        ("ruiz", "ana ruiz", False),  # a single word is too weak
        ("ana ruiz", "ana ruis", False),
        ("paris", "parris", False),
        ("london", "lisbon", False),
        ("ana ruiz", "maria lopez", False),
        ("kim jong un", "kim jong il", False),
        ("", "ana", False),
        ("ana", "", False),
        ("", "", True),
    ],
)
def test_entities_same_entity(a: str, b: str, expected: bool) -> None:
    assert same_entity(a, b) is expected
    assert same_entity(b, a) is expected


@pytest.mark.parametrize(
    "keys,expected",
    [
        ([], {}),
        (["seoul"], {"seoul": "seoul"}),
        (["a b", "a b", "c"], {"a b": "a b", "c": "c"}),
        (
            ["ana ruiz", "ana maria ruiz", "ruiz", "maria lopez", "lopez"],
            {
                "ana maria ruiz": "ana maria ruiz",
                "ana ruiz": "ana maria ruiz",
                "ruiz": "ruiz",
                "maria lopez": "maria lopez",
                "lopez": "lopez",
            },
        ),
        (["john smith", "jon smith"], {"john smith": "john smith", "jon smith": "john smith"}),
        (
            ["weather service", "national weather service"],
            {"national weather service": "national weather service", "weather service": "national weather service"},
        ),
    ],
)
def test_entities_canonical_names(keys: list[str], expected: dict[str, str]) -> None:
    assert canonical_names(keys) == expected


def test_entities_acronym_alias_in_analysis(nlp: Any) -> None:
    text = "The National Weather Service (NWS) issued a warning. The NWS expects snow in Denver."
    analysis = analyze(Article(id="t", title="", text=text), nlp)
    keys = {e.text: e.key for e in analysis.entities}
    assert keys["NWS"] == "national weather service"
    assert keys["Denver"] == "denver"
    for e in analysis.entities:
        assert text[e.start : e.end] == e.text
    second = [c for c in analysis.claims if c.kind == "statement"][1]
    assert "national weather service" in second.entities
