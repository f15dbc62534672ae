"""Calibrate the story clusterer on ECB+ train+dev (never test) by grid search.

    python bench/tune_clusters.py [--write]

Embeddings are computed once per article and cached in memory, so each configuration costs
only the online pass. Prints the best configurations by mean B-cubed F1 over train and dev;
--write prints the ClusterConfig line to paste (defaults live in src/triangulate/cluster.py).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cluster_metrics import bcubed
from bench.eval_stories import load_ecbplus
from triangulate.cluster import ClusterConfig, StoryClusterer, _lead
from triangulate.embed import Embedder
from triangulate.model import Article


class CachedEmbedder:
    """Serves vectors computed once, so a grid search does not re-run the model."""

    def __init__(self, texts: list[str]) -> None:
        vectors = Embedder(max_tokens=128).encode(texts)
        self.cache = {t: vectors[i] for i, t in enumerate(texts)}

    def encode(self, texts: list[str]) -> Any:
        return np.stack([self.cache[t] for t in texts])


GRID: dict[str, list[float]] = {
    "threshold": [0.35, 0.45, 0.55, 0.65],
    "dense_weight": [0.4, 0.6],
    "lexical_weight": [0.2, 0.4],
    "names_weight": [0.2, 0.4],
    "names_penalty": [0.0, 0.15, 0.3],
}


def run(config: ClusterConfig, articles: list[Article], embedder: CachedEmbedder) -> list[str]:
    clusterer = StoryClusterer(config, embedder).fit(articles)
    return [str(i) for i in clusterer.assign_many(articles)]


def tune_titles(splits: dict[str, tuple[list[Article], list[str]]]) -> int:
    """short_threshold on headline-only versions of ECB+ train+dev (the other weights fixed)."""
    titled = {
        name: ([Article(id=a.id, title=a.title, text=a.title) for a in arts], gold)
        for name, (arts, gold) in splits.items()
    }
    defaults = ClusterConfig()
    embedder = CachedEmbedder([_lead(a, defaults.lead_chars) for arts, _ in titled.values() for a in arts])
    for value in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45):
        config = ClusterConfig(short_threshold=value)
        f1s = [bcubed(gold, run(config, arts, embedder))[2] for arts, gold in titled.values()]
        print(f"short_threshold {value:.2f}: B3-F1 mean {sum(f1s) / 2:.3f} (train {f1s[0]:.3f}, dev {f1s[1]:.3f})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--top", type=int, default=5)
    parser.add_argument("--titles", action="store_true", help="calibrate short_threshold on the titles alone")
    args = parser.parse_args(argv)
    splits = {name: load_ecbplus(name) for name in ("train", "dev")}
    if args.titles:
        return tune_titles(splits)
    if not splits["train"][0]:
        print("skipped: ECB+ is absent (../shared/data/ecbplus)")
        return 0
    defaults = ClusterConfig()
    texts = [_lead(a, defaults.lead_chars) for arts, _ in splits.values() for a in arts]
    embedder = CachedEmbedder(texts)
    results = []
    keys = list(GRID)
    for values in itertools.product(*(GRID[k] for k in keys)):
        config = ClusterConfig(**dict(zip(keys, values, strict=True)))  # type: ignore[arg-type]
        f1s = [bcubed(gold, run(config, arts, embedder))[2] for arts, gold in splits.values()]
        results.append((sum(f1s) / len(f1s), f1s, dict(zip(keys, values, strict=True))))
        print(f"{results[-1][0]:.3f} {results[-1][2]}", flush=True)
    results.sort(key=lambda r: -r[0])
    for mean, f1s, params in results[: args.top]:
        print(f"B3-F1 mean {mean:.3f} (train {f1s[0]:.3f}, dev {f1s[1]:.3f})  {params}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
