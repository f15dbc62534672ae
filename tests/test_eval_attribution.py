from __future__ import annotations

from bench.eval_attribution import DATA, evaluate, load_items

CATEGORIES = {
    "according_to",
    "said_after",
    "said_before",
    "told_reporters",
    "citing",
    "quoted_as",
    "direct_quote",
    "reported_speech_two_sentences",
    "anonymous",
    "pronoun",
    "org",
    "none",
    "hedged_no_speaker",
    "nested",
}


def test_data_is_well_formed() -> None:
    items = load_items(DATA)
    assert len(items) >= 110
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids))
    for item in items:
        assert set(item) == {"id", "text", "sentence", "speaker", "chain", "anonymous", "category"}, item["id"]
        assert isinstance(item["text"], str) and item["text"].strip()
        assert isinstance(item["sentence"], int) and item["sentence"] >= 0
        assert item["speaker"] is None or (isinstance(item["speaker"], str) and item["speaker"])
        assert isinstance(item["chain"], list) and all(isinstance(x, str) and x for x in item["chain"])
        assert isinstance(item["anonymous"], bool)
        assert item["category"] in CATEGORIES, item["id"]
        if item["speaker"] is None:
            assert item["chain"] == [] and not item["anonymous"], item["id"]
        else:
            assert item["chain"] and item["chain"][0] == item["speaker"], item["id"]


def test_evaluate_runs() -> None:
    result = evaluate()
    assert result["n"] == len(load_items())
    for key in ("speaker_accuracy", "chain_accuracy"):
        assert 0.0 <= result[key] <= 1.0
    assert sum(row["n"] for row in result["by_category"].values()) == result["n"]
    assert all({"id", "text", "expected", "got"} <= set(m) for m in result["misses"])
