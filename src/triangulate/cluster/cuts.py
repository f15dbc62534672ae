"""Cut a story that holds two look-alike events in two: the last step of the batch pass.

Inside a story, words and names are weighted by how few of its articles use them, so the kind of
event (shared by all) counts for little and who, where and how many (shared by some) for much;
the story is split along the Fiedler vector of that similarity while the normalised cut
(Shi & Malik 2000) stays low.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from triangulate.cluster.online import _names, _words
from triangulate.model import Article

if TYPE_CHECKING:
    from triangulate.cluster.batch import RefineConfig

__all__ = ["bisect_stories"]

# A bigger story (a saga, not an event) stays whole: the dense similarity matrix and eigensolver
# cost seconds at a few thousand articles.
SPLIT_MAX = 1000
NEAR_COPY = 0.8  # similarity (story-local words and names) of two copies of one report


def bisect_stories(
    articles: Sequence[Article], labels: Sequence[int], refine: RefineConfig, lead_chars: int
) -> list[int]:
    """Cut each story in two, again and again, while its articles fall into two groups that are
    similar within and dissimilar between. Look-alike events (two DUI arrests, two pirate
    hijackings) share the vocabulary of their kind of event, so inside a story the words and names
    every member uses are weighted down (inverse document frequency over the story alone) and what
    is left, who, where and how many, tells the events apart."""
    stories: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        stories.setdefault(label, []).append(i)
    out = list(labels)
    fresh = max(labels, default=0) + 1
    for members in stories.values():
        parts = _cut(articles, members, refine, lead_chars)
        for part in parts[1:]:
            for i in part:
                out[i] = fresh
            fresh += 1
    return out


def _cut(articles: Sequence[Article], members: list[int], refine: RefineConfig, lead_chars: int) -> list[list[int]]:
    if len(members) < 2 * refine.split_least or len(members) > SPLIT_MAX:
        return [members]
    texts = [articles[i].title + " " + articles[i].text[: lead_chars * 3] for i in members]
    words = _local_tfidf([Counter(_words(t)) for t in texts])
    names = _local_tfidf([Counter(_names(t)) for t in texts])
    similarity = 0.5 * (words @ words.T) + 0.5 * (names @ names.T)
    cut, side = _best_bisection(similarity)
    left = [m for m, s in zip(members, side, strict=True) if s]
    right = [m for m, s in zip(members, side, strict=True) if not s]
    if cut >= refine.split_cut or min(len(left), len(right)) < refine.split_least:
        return [members]
    if similarity[np.ix_(side, ~side)].max() >= NEAR_COPY:
        return [members]  # copies of one report are one story, whatever else differs
    return _cut(articles, left, refine, lead_chars) + _cut(articles, right, refine, lead_chars)


def _local_tfidf(counts: list[Counter[str]]) -> Any:
    """Rows of sublinear tf x smoothed idf over these documents only, L2-normalised. Only terms
    of two or more documents get a column (one document's own terms add nothing to any dot
    product), but every term counts in the norms, so the rows' dot products are exact cosines."""
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(counts)
    shared = {term: column for column, term in enumerate(t for t, k in df.items() if k >= 2)}
    matrix = np.zeros((n, max(len(shared), 1)), dtype=np.float32)
    for row, c in enumerate(counts):
        squares = 0.0
        for term, k in c.items():
            weight = (1.0 + math.log(k)) * (math.log((1 + n) / (1 + df[term])) + 1.0)
            squares += weight * weight
            column = shared.get(term)
            if column is not None:
                matrix[row, column] = weight
        if squares:
            matrix[row] /= math.sqrt(squares)
    return matrix


def _best_bisection(similarity: Any) -> tuple[float, Any]:
    """The normalised cut of the best split along the Fiedler vector of the normalised Laplacian,
    and the split (a boolean per row): the standard spectral relaxation of the minimum Ncut."""
    s = np.clip(similarity, 0.0, None)
    np.fill_diagonal(s, 0.0)
    degree = s.sum(axis=1) + 1e-9
    scale = 1.0 / np.sqrt(degree)
    laplacian = np.eye(len(s)) - scale[:, None] * s * scale[None, :]
    _, vectors = np.linalg.eigh(laplacian)
    # the second eigenvector, less any part along the trivial one (sqrt of the degrees): when the
    # story falls apart into two unconnected groups both eigenvalues are 0 and either may come first
    trivial = np.sqrt(degree) / np.linalg.norm(np.sqrt(degree))
    candidates = [v - (v @ trivial) * trivial for v in (vectors[:, 0], vectors[:, 1])]
    fiedler = max(candidates, key=lambda v: float(np.linalg.norm(v)))
    order = np.argsort(fiedler * scale, kind="stable")
    total = degree.sum()
    # move rows one by one from the right side to the left, keeping the cut's weight up to date
    in_left = np.zeros(len(s), dtype=bool)
    cut = volume = 0.0
    best, best_k = math.inf, 1
    for k, row in enumerate(order[:-1], start=1):
        cut += s[row, ~in_left].sum() - s[row, in_left].sum()
        in_left[row] = True
        volume += degree[row]
        ncut = cut / volume + cut / (total - volume)
        if ncut < best:
            best, best_k = ncut, k
    side = np.zeros(len(s), dtype=bool)
    side[order[:best_k]] = True
    return float(best), side
