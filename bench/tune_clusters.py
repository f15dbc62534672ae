"""Calibrate the story clusterer on ECB+ train+dev (never test) by grid search.

    python bench/tune_clusters.py            # the score's weights and threshold
    python bench/tune_clusters.py --titles   # short_threshold, on headlines alone
    python bench/tune_clusters.py --cascade  # sure_join and rival_margin: fewest model calls
    python bench/tune_clusters.py --refine   # the batch pass's merge, move and split margins
    python bench/tune_clusters.py --split    # the batch pass's story cuts: split_cut, split_least

Embeddings are computed once per article and cached in memory, so each configuration costs
only the online pass. Prints the best configurations by mean B-cubed F1 over train and dev;
--write prints the ClusterConfig line to paste (defaults live in src/triangulate/cluster/).
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
from triangulate.cluster import ClusterConfig, RefineConfig, StoryClusterer, bisect_stories, recluster
from triangulate.cluster.online import _lead
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


CASCADE_GRID: dict[str, list[float]] = {
    "sure_join": [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6],
    "rival_margin": [0.1, 0.15, 0.25],
    "clash_names": [0, 3],
    "lead_margin": [1.0, 0.1],
}


def tune_cascade(splits: dict[str, tuple[list[Article], list[str]]], embedder: CachedEmbedder) -> int:
    """The cascade's shortcuts: the configuration that calls the model least while scoring as
    well as the full decision (every article through the model) on train and dev."""
    full = ClusterConfig(sure_join=2.0, sure_new=-1.0)

    def score(config: ClusterConfig) -> tuple[float, int]:
        f1s, calls = [], 0
        for arts, gold in splits.values():
            clusterer = StoryClusterer(config, embedder).fit(arts)
            f1s.append(bcubed(gold, [str(i) for i in clusterer.assign_many(arts)])[2])
            calls += clusterer.embedded_
        return sum(f1s) / len(f1s), calls

    reference, most = score(full)
    print(f"full decision: B3-F1 mean {reference:.3f}, {most} model calls")
    keys = list(CASCADE_GRID)
    good = []
    for values in itertools.product(*(CASCADE_GRID[k] for k in keys)):
        params = dict(zip(keys, values, strict=True))
        f1, calls = score(ClusterConfig(**params))  # type: ignore[arg-type]
        print(f"B3-F1 mean {f1:.3f}, {calls} model calls ({calls / most:.0%})  {params}", flush=True)
        if f1 >= reference - 0.001:
            good.append((calls, -f1, params))
    if good:
        calls, f1, params = min(good, key=lambda g: (g[0], g[1]))
        print(f"chosen: {params} (B3-F1 {-f1:.3f}, {calls} model calls)")
    return 0


REFINE_GRID: dict[str, list[float]] = {
    "merge_margin": [0.1, 0.2, 0.3, 0.4],
    "move_margin": [0.0, 0.05, 0.1, 0.2],
    "split_margin": [0.2, 0.3, 0.5, 1.0],
}


def tune_refine(splits: dict[str, tuple[list[Article], list[str]]], embedder: CachedEmbedder, top: int) -> int:
    """The batch pass's margins (the online pass at its defaults)."""
    keys = list(REFINE_GRID)
    results = []
    for values in itertools.product(*(REFINE_GRID[k] for k in keys)):
        params = dict(zip(keys, values, strict=True))
        f1s = []
        for arts, gold in splits.values():
            label = {
                a: str(i) for i, ids in enumerate(recluster(arts, None, RefineConfig(**params), embedder)) for a in ids
            }
            f1s.append(bcubed(gold, [label[a.id] for a in arts])[2])
        results.append((sum(f1s) / len(f1s), f1s, params))
        print(f"{results[-1][0]:.3f} {params}", flush=True)
    results.sort(key=lambda r: -r[0])
    for mean, f1s, params in results[:top]:
        print(f"B3-F1 mean {mean:.3f} (train {f1s[0]:.3f}, dev {f1s[1]:.3f})  {params}")
    return 0


SPLIT_GRID: dict[str, list[float]] = {
    "split_cut": [round(0.5 + 0.025 * i, 3) for i in range(19)],  # 0.5 ... 0.95
    "split_least": [2, 3, 4],
}


def tune_split(splits: dict[str, tuple[list[Article], list[str]]], embedder: CachedEmbedder, top: int) -> int:
    """The batch pass's story cuts, on the stories its merges and moves leave (computed once)."""
    before = {}
    for name, (arts, _) in splits.items():
        groups = recluster(arts, None, RefineConfig(split_cut=0.0), embedder)
        label = {a: i for i, ids in enumerate(groups) for a in ids}
        before[name] = [label[a.id] for a in arts]
    defaults = ClusterConfig()
    results = []
    for cut, least in itertools.product(SPLIT_GRID["split_cut"], SPLIT_GRID["split_least"]):
        refine = RefineConfig(split_cut=cut, split_least=int(least))
        f1s = [
            bcubed(gold, bisect_stories(arts, before[name], refine, defaults.lead_chars))[2]
            for name, (arts, gold) in splits.items()
        ]
        results.append((sum(f1s) / len(f1s), f1s, {"split_cut": cut, "split_least": int(least)}))
    off = [bcubed(gold, before[name])[2] for name, (_, gold) in splits.items()]
    print(f"no cuts: B3-F1 mean {sum(off) / len(off):.3f} (train {off[0]:.3f}, dev {off[1]:.3f})")
    results.sort(key=lambda r: -r[0])
    for mean, f1s, params in results[:top]:
        print(f"B3-F1 mean {mean:.3f} (train {f1s[0]:.3f}, dev {f1s[1]:.3f})  {params}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--top", type=int, default=5)
    parser.add_argument("--titles", action="store_true", help="calibrate short_threshold on the titles alone")
    parser.add_argument("--cascade", action="store_true", help="calibrate the cascade's shortcuts (model calls)")
    parser.add_argument("--refine", action="store_true", help="calibrate the batch pass's margins")
    parser.add_argument("--split", action="store_true", help="calibrate the batch pass's story cuts")
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
    if args.cascade:
        return tune_cascade(splits, embedder)
    if args.refine:
        return tune_refine(splits, embedder, args.top)
    if args.split:
        return tune_split(splits, embedder, args.top)
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
