"""The cluster stage: assign each article to a story as it arrives.

An article joins the story whose centroid (an IDF-weighted bag of its content words and
entities) is most similar, if similar enough, else it starts a new story. This is the simple
online grouping the engine needs to report several stories from one input; corpus-level state
follows scikit-learn's convention (configured in the constructor, learned attributes end in _).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from triangulate.errors import ConfigError
from triangulate.model import Analysis, Story

__all__ = ["StoryClusterer", "stories_of"]


@dataclass
class _Cluster:
    article_ids: list[str] = field(default_factory=list)
    centroid: Counter[str] = field(default_factory=Counter)
    titles: list[str] = field(default_factory=list)


class StoryClusterer:
    """Online clustering by cosine similarity to story centroids."""

    def __init__(self, threshold: float = 0.18) -> None:
        if not 0.0 <= threshold <= 1.0:
            raise ConfigError("threshold must be in [0.0, 1.0]")
        self.threshold = threshold
        self.idf_: dict[str, float] = {}
        self.clusters_: list[_Cluster] = []

    def fit(self, analyses: Sequence[Analysis]) -> StoryClusterer:
        """Learn word weights from a corpus (document frequency over articles)."""
        df = Counter(w for a in analyses for w in set(_words(a)))
        n = max(1, len(analyses))
        self.idf_ = {w: math.log((1 + n) / (1 + k)) + 1 for w, k in df.items()}
        return self

    def assign(self, analysis: Analysis) -> int:
        """The index of the story this article joins (a new one if none is close enough)."""
        vector = self._vector(analysis)
        best, best_score = -1, 0.0
        for index, cluster in enumerate(self.clusters_):
            score = _cosine(vector, cluster.centroid)
            if score > best_score:
                best, best_score = index, score
        if best < 0 or best_score < self.threshold:
            self.clusters_.append(_Cluster())
            best = len(self.clusters_) - 1
        cluster = self.clusters_[best]
        cluster.article_ids.append(analysis.article.id)
        cluster.titles.append(analysis.article.title)
        cluster.centroid.update(vector)
        return best

    def stories(self) -> list[Story]:
        return [
            Story(id=story_id(c.article_ids), title=c.titles[0], article_ids=tuple(c.article_ids))
            for c in self.clusters_
        ]

    def _vector(self, analysis: Analysis) -> Counter[str]:
        counts = Counter(_words(analysis))
        return Counter({w: n * self.idf_.get(w, 1.0) for w, n in counts.items()})


def story_id(article_ids: Iterable[str]) -> str:
    """Stable across runs while the membership does not change."""
    return hashlib.sha1("|".join(sorted(article_ids)).encode()).hexdigest()[:12]


def stories_of(analyses: Sequence[Analysis], threshold: float = 0.18) -> list[Story]:
    """Group a batch of analysed articles into stories, in arrival order."""
    clusterer = StoryClusterer(threshold).fit(analyses)
    for analysis in analyses:
        clusterer.assign(analysis)
    return clusterer.stories()


def _words(analysis: Analysis) -> list[str]:
    words: list[str] = []
    for claim in analysis.claims:
        if claim.kind == "statement":
            words += claim.lemmas
            words += [f"ent:{e}" for e in claim.entities]
    return words


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0
