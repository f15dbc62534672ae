from __future__ import annotations

from typing import Any

import pytest

from triangulate.analyze import analyze
from triangulate.analyze.attribution import full_name_resolver, hedge_of
from triangulate.model import Article, Attribution


def attributions(text: str, nlp: Any) -> list[Attribution | None]:
    """The attribution of each sentence, in order."""
    analysis = analyze(Article(id="t", title="", text=text), nlp)
    return [c.attribution for c in analysis.claims if c.kind == "statement"]


@pytest.mark.parametrize(
    "text,chain,cue,anonymous",
    [
        (
            "The bridge will reopen in June, according to the transport ministry.",
            ("transport ministry",),
            "according to",
            False,
        ),
        ("According to Maria Lopez, the bridge will reopen in June.", ("Maria Lopez",), "according to", False),
        ("According to officials, 40 people were rescued.", ("officials",), "according to", True),
        ("Maria Lopez said the bridge would reopen in June.", ("Maria Lopez",), "say", False),
        ("Officials said the dam had held.", ("Officials",), "say", True),
        ("Witnesses said the fire started at noon.", ("Witnesses",), "say", True),
        ("Police said 12 people were detained.", ("Police",), "say", False),  # an institution, not anonymous
        ("The weather service said heavy rain was expected.", ("weather service",), "say", False),
        ("Tomas Berg told reporters the harbour was closed.", ("Tomas Berg",), "tell", False),
        # inverted, with a quotation
        ('"The bridge will reopen in June," said Maria Lopez.', ("Maria Lopez",), "quote", False),
        # chains: outermost first
        (
            "A lawmaker, citing the intelligence agency, said the plant had shut.",
            ("lawmaker", "intelligence agency"),
            "say",
            True,  # an unnamed person
        ),
        (
            "Senator Ana Ruiz quoted the coast guard as saying the ship had sunk.",
            ("Ana Ruiz", "coast guard"),
            "quote",
            False,
        ),
        ("Tomas Berg told the council that the agency had reported 14 leaks.", ("Tomas Berg", "agency"), "tell", False),
        (
            "The council estimated that 200 homes were damaged, according to a local newspaper.",
            ("local newspaper", "council"),
            "according to",
            False,
        ),
    ],
)
def test_attribution_single_sentence(text: str, chain: tuple[str, ...], cue: str, anonymous: bool, nlp: Any) -> None:
    (found,) = attributions(text, nlp)
    assert found is not None
    assert (found.chain, found.cue, found.anonymous) == (chain, cue, anonymous)
    assert found.speaker == chain[0]
    assert 0 <= found.start < found.end <= len(text)


@pytest.mark.parametrize(
    "text,cue_text",
    [
        ("Maria Lopez said the bridge would reopen in June.", "said"),
        ("Tomas Berg told reporters the harbour was closed.", "told"),
        ("According to Maria Lopez, the bridge will reopen in June.", "According to Maria Lopez"),
    ],
)
def test_attribution_span_covers_the_cue(text: str, cue_text: str, nlp: Any) -> None:
    (found,) = attributions(text, nlp)
    assert found is not None
    assert text[found.start : found.end] == cue_text


@pytest.mark.parametrize(
    "text",
    [
        "The rain stopped at noon.",
        "The bridge reopened on Monday.",
        "Maria Lopez is the mayor.",
    ],
)
def test_attribution_none(text: str, nlp: Any) -> None:
    assert attributions(text, nlp) == [None]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The harbour was closed. Tomas Berg said the ferry was delayed. He added that repairs had begun.",
            [None, ("Tomas Berg", "say"), ("Tomas Berg", "add")],
        ),
        (
            "Maria Lopez, the mayor, said on Monday that the bridge was unsafe. "
            "She added that repairs would take a month.",
            [("Maria Lopez", "say"), ("Maria Lopez", "add")],
        ),
        (
            '"We will rebuild," Tomas Berg said. "Every house will be checked."',
            [("Tomas Berg", "quote"), ("Tomas Berg", "quote (continued)")],
        ),
        ("Maria Lopez is the mayor. She said the bridge would reopen.", [None, ("Maria Lopez", "say")]),
        pytest.param(
            "Maria Lopez, the mayor, spoke on Monday. She said the bridge would reopen.",
            [None, ("Maria Lopez", "say")],  # "spoke on Monday" reports nothing
            id="she-after-spoke",
        ),
    ],
)
def test_attribution_pronoun_and_quote_continuation(
    text: str, expected: list[tuple[str, str] | None], nlp: Any
) -> None:
    got = [(a.speaker, a.cue) if a else None for a in attributions(text, nlp)]
    assert got == expected


def test_attribution_resolves_short_name_to_full_name(nlp: Any) -> None:
    text = "Inspector Hugo Brandt visited the site on Monday. Brandt said the wall had been unstable for weeks."
    found = attributions(text, nlp)
    assert found[1] is not None
    assert found[1].chain == ("Hugo Brandt",)


@pytest.mark.parametrize(
    "phrase,expected",
    [
        ("Lopez", "Maria Lopez"),
        ("Mr. Lopez", "Maria Lopez"),
        ("Maria Lopez", "Maria Lopez"),
        ("Mr. Berg", "Berg"),
        ("the NWS", "the NWS"),
        ("Dr Ana Ruiz", "Ana Ruiz"),
    ],
)
def test_attribution_full_name_resolver(phrase: str, expected: str) -> None:
    resolve = full_name_resolver(["Maria Lopez", "Lopez"], {"nws": "national weather service"})
    assert resolve(phrase) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The minister is believed to have resigned.", "is believed to"),
        ("He was said to be ill.", "was said to"),
        ("She is expected to win.", "is expected to"),
        ("It is likely to rain.", "is likely to"),
        ("The river could burst its banks.", "could"),
        ("The board is considering a merger.", "considering"),
        ("The bank anticipates a rate cut.", "anticipates"),
        ("Analysts anticipated a fall in sales.", "anticipated"),
        ("Prices may rise.", "may"),
        ("The talks might collapse.", "might"),
        ("The suspect reportedly fled.", "reportedly"),
        ("The report was unconfirmed.", "unconfirmed"),
        ("The firm plans to hire 40 people.", "plans to"),
        ("The firm is weighing a bid.", "is weighing"),
        ("The dam appears to be stable.", "appears to"),
        ("Perhaps the bridge will hold.", "perhaps"),
        ("The minister is   believed to have resigned.", "is believed to"),
        ("The bridge reopened on Monday.", ""),
        ("The mayor said so.", ""),
        ("Maybe it will.", ""),
        ("", ""),
        pytest.param(
            "The bridge reopened in May.",
            "",
            id="month-May",
        ),
    ],
)
def test_attribution_hedge_of(text: str, expected: str) -> None:
    assert hedge_of(text) == expected


def test_attribution_hedge_reaches_claims(nlp: Any) -> None:
    text = "The dam could fail. The dam held."
    analysis = analyze(Article(id="t", title="", text=text), nlp)
    assert [c.hedge for c in analysis.claims if c.kind == "statement"] == ["could", ""]
