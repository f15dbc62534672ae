"""Story clustering on ECB+, BASIL and GoogleNews-T, scored with B-cubed, NMI, ARI and pairwise F1.

    python bench/eval_stories.py [--dataset ecbplus|basil|googlenews|all] [--system baseline|triangulate|all]
                                 [--tune] [--threshold D] [--limit N] [--json] [--no-dates]

Reads ``../shared/data/{ecbplus,basil,googlenews_t}`` in place (never copied into the project);
prints "skipped: ..." and exits 0 when it is absent. Gold labels: ECB+ ``cluster`` = subtopic (the
seminal event; scored on the test split), BASIL ``cluster`` = the triplet uuid (3 outlets per event),
GoogleNews-T ``cluster`` = the Google News story (headlines only, preprocessed, fed in file order).
A record's ``date``, where the data set has one (BASIL), is the article's publication date, as a
feed would give it; ``--no-dates`` drops it, to see what the text alone gives.

Systems:

* ``baseline`` — TF-IDF (lower-cased ``\\w\\w+`` tokens, spaCy's English stop words, sublinear tf,
  smoothed idf from the batch being clustered, L2 norm) and cosine *average-link* agglomerative
  clustering cut at a distance threshold (1 - cosine; merge while the average distance is below it).
  For GoogleNews-T (11k headlines, a stream) it is instead a *single-pass* clustering: each headline,
  in file order, joins the existing cluster with the highest average cosine to its members if that
  average is at least 1 - threshold, else starts a new one (same threshold, same TF-IDF weights).
  ``--tune`` picks the threshold on ECB+ train and dev (never test) by mean B-cubed F1.
* ``triangulate`` — ``triangulate.cluster.cluster_labels(articles) -> list[str]``, when it exists.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.cluster_metrics import ari, bcubed, nmi, pairwise
from triangulate.model import Article

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
DATASETS = ("ecbplus", "basil", "googlenews")
DEFAULT_DISTANCE = 0.80  # average-link distance threshold; `--tune` re-derives it from ECB+ train + dev
GRID = tuple(round(0.50 + 0.01 * i, 2) for i in range(49))  # 0.50 ... 0.98

Labelled = tuple[list[Article], list[str]]
ClusterFn = Callable[[list[Article]], list[str]]
Row = tuple[NDArray[np.int64], NDArray[np.float64]]  # one sparse TF-IDF vector: term ids, weights
TOKEN = re.compile(r"(?u)\b\w\w+\b")


# ---------------------------------------------------------------- loading


def _read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _full_text(title: str, text: str) -> str:
    """The project's layout (headline, blank line, body), unless the body already starts with the headline."""
    if not title or text.lstrip().startswith(title):
        return text
    return f"{title}\n\n{text}"


def _published(row: dict[str, Any]) -> date | None:
    """The record's publication date (BASIL has one for every article; ECB+ and GoogleNews-T
    none): the clusterer reads it as a feed's date, so dropping it would hide the time signals."""
    value = row.get("date")
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _labelled(rows: list[dict[str, Any]]) -> Labelled:
    articles = [
        Article(
            id=str(row["id"]),
            title=row.get("title") or "",
            text=_full_text(row.get("title") or "", row.get("text") or ""),
            source=row.get("source") or "",
            published=_published(row),
        )
        for row in rows
    ]
    return articles, [str(row["cluster"]) for row in rows]


def undated(data: Labelled) -> Labelled:
    """The same articles without their dates: what the text alone gives."""
    articles, gold = data
    return [replace(a, published=None) for a in articles], gold


def load_ecbplus(split: str = "test") -> Labelled:
    """ECB+ ``train``/``dev``/``test``; gold = subtopic (``cluster``). The title is always the text's first line."""
    if split not in ("train", "dev", "test"):
        raise ValueError(f"unknown ECB+ split {split!r}")
    return _labelled(_read(DATA / "ecbplus" / f"{split}.jsonl"))


def load_basil() -> Labelled:
    """BASIL: 300 articles, 100 events x (Fox News, New York Times, HuffPost); gold = ``cluster`` (triplet uuid)."""
    return _labelled(_read(DATA / "basil" / "all.jsonl"))


def load_googlenews() -> Labelled:
    """GoogleNews-T: 11,109 preprocessed headlines in file order; gold = ``cluster`` (152 stories)."""
    return _labelled(_read(DATA / "googlenews_t" / "test.jsonl"))


def load(dataset: str) -> Labelled:
    loaders: dict[str, Callable[[], Labelled]] = {
        "ecbplus": load_ecbplus,
        "basil": load_basil,
        "googlenews": load_googlenews,
    }
    return loaders[dataset]()


# ---------------------------------------------------------------- scoring


def evaluate(cluster_fn: ClusterFn, articles: list[Article], gold: Sequence[str]) -> dict[str, float | int]:
    """Run ``cluster_fn`` once (timed) and score its labels against ``gold``."""
    start = time.perf_counter()
    pred = list(cluster_fn(articles))
    seconds = time.perf_counter() - start
    if len(pred) != len(articles):
        raise ValueError(f"cluster_fn returned {len(pred)} labels for {len(articles)} articles")
    b3_p, b3_r, b3_f = bcubed(gold, pred)
    pw_p, pw_r, pw_f = pairwise(gold, pred)
    return {
        "bcubed_p": b3_p,
        "bcubed_r": b3_r,
        "bcubed_f1": b3_f,
        "nmi": nmi(gold, pred, "arithmetic"),
        "nmi_geometric": nmi(gold, pred, "geometric"),
        "ari": ari(gold, pred),
        "pairwise_p": pw_p,
        "pairwise_r": pw_r,
        "pairwise_f1": pw_f,
        "n_articles": len(articles),
        "n_gold_clusters": len(set(gold)),
        "n_pred_clusters": len(set(pred)),
        "seconds": seconds,
        "articles_per_second": len(articles) / seconds if seconds > 0 else math.inf,
    }


# ---------------------------------------------------------------- baseline: TF-IDF


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    try:
        from spacy.lang.en.stop_words import STOP_WORDS
    except ImportError:  # pragma: no cover - spaCy is a project dependency
        return frozenset()
    return frozenset(STOP_WORDS)


def tfidf(texts: Sequence[str]) -> tuple[list[Row], int]:
    """Sparse L2-normalised TF-IDF rows (sublinear tf, smoothed idf over ``texts``) and the vocabulary size."""
    stops = stop_words()
    counts = [Counter(w for w in TOKEN.findall(t.lower()) if w not in stops) for t in texts]
    vocab: dict[str, int] = {}
    for c in counts:
        for w in c:
            vocab.setdefault(w, len(vocab))
    df = np.zeros(len(vocab))
    for c in counts:
        df[[vocab[w] for w in c]] += 1
    idf = np.log((1 + len(texts)) / (1 + df)) + 1
    rows: list[Row] = []
    for c in counts:
        ids = np.array([vocab[w] for w in c], dtype=np.int64)
        weights = (1 + np.log(np.array(list(c.values()), dtype=np.float64))) * idf[ids]
        norm = float(np.linalg.norm(weights))
        rows.append((ids, weights / norm if norm else weights))
    return rows, len(vocab)


def cosine_matrix(rows: Sequence[Row], n_terms: int, dtype: type[np.floating[Any]] = np.float64) -> NDArray[Any]:
    dense = np.zeros((len(rows), n_terms), dtype=dtype)
    for i, (ids, weights) in enumerate(rows):
        dense[i, ids] = weights
    return dense @ dense.T


def _text(article: Article) -> str:
    return _full_text(article.title, article.text)


# ---------------------------------------------------------------- baseline: clustering


def average_link_merges(sim: NDArray[Any]) -> list[tuple[int, int, float]]:
    """The full average-linkage dendrogram of a similarity matrix, by the nearest-neighbour chain (O(n^2)).

    Each merge is (kept, absorbed, average similarity); items are named by index and a merged cluster
    keeps the name ``kept``. Average linkage has no inversions, so cutting at a threshold = applying
    every merge whose similarity is above it, in any order.
    """
    n = len(sim)
    s = np.array(sim, dtype=sim.dtype, copy=True)
    np.fill_diagonal(s, -np.inf)
    size = np.ones(n)
    active = np.ones(n, dtype=bool)
    merges: list[tuple[int, int, float]] = []
    chain: list[int] = []
    for _ in range(n - 1):
        if not chain:
            chain.append(int(np.flatnonzero(active)[0]))
        while True:
            x = chain[-1]
            y = int(np.argmax(s[x]))
            if len(chain) > 1 and s[x, chain[-2]] >= s[x, y]:
                y = chain[-2]  # ties go back down the chain, so the chain cannot cycle
                break
            chain.append(y)
        chain.pop()
        chain.pop()
        merges.append((x, y, float(s[x, y])))
        row = (size[x] * s[x] + size[y] * s[y]) / (size[x] + size[y])
        s[x, :] = row
        s[:, x] = row
        s[y, :] = -np.inf
        s[:, y] = -np.inf
        s[x, x] = -np.inf
        size[x] += size[y]
        active[y] = False
    return merges


def cut(merges: Sequence[tuple[int, int, float]], n: int, distance: float) -> list[str]:
    """Cluster labels after every merge with average distance ``1 - sim`` below ``distance``."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for x, y, similarity in merges:
        if 1.0 - similarity < distance:
            parent[root(y)] = root(x)
    return [str(root(i)) for i in range(n)]


def online_average_link(rows: Sequence[Row], n_terms: int, distance: float) -> list[str]:
    """Single pass in order: join the cluster of highest average cosine if >= 1 - distance, else start one."""
    min_sim = 1.0 - distance
    capacity = 256
    sums = np.zeros((n_terms, capacity))  # term x cluster: the sum of the members' vectors
    sizes: list[int] = []
    labels: list[str] = []
    for ids, weights in rows:
        k = len(sizes)
        best = -1
        if k and len(ids):
            scores = weights @ sums[ids, :k] / np.array(sizes)
            best = int(np.argmax(scores))
            if scores[best] < min_sim:
                best = -1
        if best < 0:
            if k == capacity:
                capacity *= 2
                sums = np.concatenate([sums, np.zeros_like(sums)], axis=1)
            best = k
            sizes.append(0)
        sums[ids, best] += weights
        sizes[best] += 1
        labels.append(str(best))
    return labels


def baseline(distance: float = DEFAULT_DISTANCE, online: bool = False) -> ClusterFn:
    """The TF-IDF baseline as a ``cluster_fn`` (batch average-link, or single-pass when ``online``)."""

    def cluster_fn(articles: list[Article]) -> list[str]:
        rows, n_terms = tfidf([_text(a) for a in articles])
        if online:
            return online_average_link(rows, n_terms, distance)
        return cut(average_link_merges(cosine_matrix(rows, n_terms)), len(articles), distance)

    return cluster_fn


def tune(grid: Sequence[float] = GRID) -> tuple[float, dict[str, dict[float, float]]]:
    """The distance threshold with the best mean B-cubed F1 over ECB+ train and dev, and every split's curve."""
    curves: dict[str, dict[float, float]] = {}
    for split in ("train", "dev"):
        articles, gold = load_ecbplus(split)
        rows, n_terms = tfidf([_text(a) for a in articles])
        merges = average_link_merges(cosine_matrix(rows, n_terms))
        curves[split] = {d: bcubed(gold, cut(merges, len(articles), d))[2] for d in grid}
    best = max(grid, key=lambda d: (sum(c[d] for c in curves.values()), -d))
    return best, curves


# ---------------------------------------------------------------- the project's clusterer and the CLI


def triangulate_fn() -> ClusterFn | None:
    """``triangulate.cluster.cluster_labels``, or None while the project does not have it."""
    try:
        import triangulate.cluster as module
    except ImportError:
        return None
    fn = getattr(module, "cluster_labels", None)
    return fn if callable(fn) else None


HEADER = (
    f"{'dataset':<11}{'system':<12}{'n':>6}{'gold':>6}{'found':>6}"
    f"{'B3-P':>7}{'B3-R':>7}{'B3-F1':>7}{'NMI-a':>7}{'NMI-g':>7}{'ARI':>7}{'pw-F1':>7}{'art/s':>9}"
)


def _line(dataset: str, system: str, r: dict[str, Any]) -> str:
    scores = (r[k] for k in ("bcubed_p", "bcubed_r", "bcubed_f1", "nmi", "nmi_geometric", "ari", "pairwise_f1"))
    return (
        f"{dataset:<11}{system:<12}{r['n_articles']:>6}{r['n_gold_clusters']:>6}{r['n_pred_clusters']:>6}"
        + "".join(f"{v:>7.3f}" for v in scores)
        + f"{r['articles_per_second']:>9.0f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--dataset", choices=[*DATASETS, "all"], default="all")
    parser.add_argument("--system", choices=["baseline", "triangulate", "batch", "all"], default="all")
    parser.add_argument("--tune", action="store_true", help="pick the threshold on ECB+ train + dev first")
    parser.add_argument("--threshold", type=float, default=DEFAULT_DISTANCE, help="baseline distance threshold")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles of each dataset")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--no-dates", action="store_true", help="drop the records' publication dates (BASIL's)")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"skipped: {DATA} absent (../shared/data holds ECB+, BASIL and GoogleNews-T)")
        return 0
    report: dict[str, Any] = {"threshold": args.threshold, "dates": not args.no_dates, "results": []}
    if args.tune and args.system != "triangulate":
        best, curves = tune()
        report.update(threshold=best, tuning={s: {str(d): f for d, f in c.items()} for s, c in curves.items()})
        if not args.json:
            shown = ", ".join(f"{s} {c[best]:.3f}" for s, c in curves.items())
            print(f"tuned on ECB+ train + dev: distance threshold {best:.2f} (B3-F1 {shown})")
    systems: list[tuple[str, Callable[[str], ClusterFn]]] = []
    if args.system in ("baseline", "all"):
        systems.append(("baseline", lambda ds: baseline(report["threshold"], online=ds == "googlenews")))
    if args.system in ("triangulate", "all"):
        fn = triangulate_fn()
        if fn is None:
            print("triangulate.cluster.cluster_labels not available yet", file=sys.stderr if args.json else sys.stdout)
        else:
            systems.append(("triangulate", lambda _ds: fn))
    if args.system in ("batch", "all"):
        from triangulate.cluster import recluster_labels

        # the batch pass (triangulate recluster) compares every article with every story: not for 11k headlines
        systems.append(("batch", lambda ds: recluster_labels if ds != "googlenews" else None))  # type: ignore[arg-type,return-value]
    if not args.json:
        print(HEADER)
    for dataset in DATASETS if args.dataset == "all" else (args.dataset,):
        articles, gold = undated(load(dataset)) if args.no_dates else load(dataset)
        if args.limit:
            articles, gold = articles[: args.limit], gold[: args.limit]
        for name, make in systems:
            cluster_fn = make(dataset)
            if cluster_fn is None:
                continue
            result = evaluate(cluster_fn, articles, gold)
            report["results"].append({"dataset": dataset, "system": name, **result})
            if not args.json:
                print(_line(dataset, name, result), flush=True)
    if args.json:
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
