from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from bench import eval_stories
from bench.cluster_metrics import ari
from bench.eval_stories import (
    DATA,
    Labelled,
    average_link_merges,
    baseline,
    cut,
    evaluate,
    load_basil,
    load_ecbplus,
    load_googlenews,
    undated,
)

from triangulate.model import Article


def _need_data() -> None:
    if not DATA.is_dir():
        pytest.skip(f"../shared/data is absent ({DATA}); the story-clustering loaders are not checked")


def _check(data: Labelled, n: int, clusters: int) -> None:
    articles, gold = data
    assert len(articles) == len(gold) == n
    assert len(set(gold)) == clusters
    assert len({a.id for a in articles}) == n
    assert all(isinstance(a, Article) and a.text for a in articles)


@pytest.mark.parametrize(("split", "n", "clusters"), [("train", 575, 50), ("dev", 197, 16), ("test", 210, 20)])
def test_load_ecbplus(split: str, n: int, clusters: int) -> None:
    _need_data()
    articles, gold = load_ecbplus(split)
    _check((articles, gold), n, clusters)
    assert all(a.text.startswith(a.title) and a.title for a in articles)
    first = articles[0]
    assert gold[0].startswith(first.id.split("_")[0] + "_")  # subtopic = "<topic>_<ecb|ecbplus>", topic = id prefix
    assert all(a.published is None for a in articles)  # ECB+ records carry no dates


def test_load_basil() -> None:
    _need_data()
    articles, gold = load_basil()
    _check((articles, gold), 300, 100)
    assert set(Counter(gold).values()) == {3}
    by_event: dict[str, set[str]] = {}
    for article, label in zip(articles, gold, strict=True):
        by_event.setdefault(label, set()).add(article.source)
    assert all(s == {"Fox News", "New York Times", "HuffPost"} for s in by_event.values())
    assert all(a.text.startswith(a.title) for a in articles)  # headline first, as the project's ingest does
    dates: dict[str, list[date]] = {}
    for article, label in zip(articles, gold, strict=True):
        assert article.published is not None  # every BASIL record carries its publication date
        dates.setdefault(label, []).append(article.published)
    assert max((max(d) - min(d)).days for d in dates.values()) <= 7  # one event's reports, days apart
    assert all(a.published is None for a in undated((articles, gold))[0])


def test_load_googlenews() -> None:
    _need_data()
    articles, gold = load_googlenews()
    _check((articles, gold), 11109, 152)
    assert articles[0].id == "000001"  # file order is the stream order
    assert all(a.text == a.title and a.source == "" for a in articles[:100])


def _toy() -> Labelled:
    texts = {
        "quake": [
            "Earthquake of magnitude 6 strikes Chile, buildings collapse",
            "Chile earthquake: buildings collapse after magnitude 6 quake",
            "Strong earthquake hits Chile; several buildings collapse",
        ],
        "budget": [
            "Parliament passes budget after long debate on taxes",
            "Budget approved by parliament following tax debate",
        ],
        "final": ["Local team wins cup final on penalties"],
    }
    articles, gold = [], []
    for story, titles in texts.items():
        for i, title in enumerate(titles):
            articles.append(Article(id=f"{story}-{i}", title=title, text=f"{title}\n\nBody of the report."))
            gold.append(story)
    return articles, gold


def test_evaluate_perfect() -> None:
    articles, gold = _toy()
    result = evaluate(lambda batch: [a.id.split("-")[0] for a in batch], articles, gold)
    for key in ("bcubed_p", "bcubed_r", "bcubed_f1", "nmi", "nmi_geometric", "ari", "pairwise_p", "pairwise_r"):
        assert result[key] == pytest.approx(1.0), key
    assert result["pairwise_f1"] == pytest.approx(1.0)
    assert (result["n_articles"], result["n_gold_clusters"], result["n_pred_clusters"]) == (6, 3, 3)
    assert result["seconds"] >= 0 and result["articles_per_second"] > 0


def test_evaluate_rejects_wrong_length() -> None:
    articles, gold = _toy()
    with pytest.raises(ValueError):
        evaluate(lambda batch: ["x"], articles, gold)


@pytest.mark.parametrize("online", [False, True])
def test_baseline_on_toy_stories(online: bool) -> None:
    articles, gold = _toy()
    pred = baseline(0.9, online=online)(articles)
    assert ari(gold, pred) == pytest.approx(1.0)


def _naive_average_link(sim: np.ndarray, distance: float) -> list[int]:
    """Textbook O(n^3) average linkage: merge the closest pair while its average distance is below the threshold."""
    clusters = [[i] for i in range(len(sim))]
    while len(clusters) > 1:
        pairs = [
            (sim[np.ix_(a, b)].mean(), i, j) for i, a in enumerate(clusters) for j, b in enumerate(clusters) if i < j
        ]
        best, i, j = max(pairs)
        if 1 - best >= distance:
            break
        clusters[i] += clusters.pop(j)
    labels = [0] * len(sim)
    for k, members in enumerate(clusters):
        for m in members:
            labels[m] = k
    return labels


def test_nearest_neighbour_chain_matches_naive_average_link() -> None:
    rng = np.random.default_rng(7)
    for _ in range(20):
        x = rng.random((int(rng.integers(2, 25)), 3))
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        sim = x @ x.T
        merges = average_link_merges(sim)
        for distance in (0.002, 0.01, 0.05):
            assert ari(_naive_average_link(sim, distance), cut(merges, len(sim), distance)) == pytest.approx(1.0)


def test_main_skips_without_data(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(eval_stories, "DATA", Path("/nonexistent/shared/data"))
    assert eval_stories.main(["--dataset", "basil"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("skipped:") and "absent" in out
