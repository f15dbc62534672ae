"""Blocked clustering gives the online clusterer's stories (no model: a hashed-words embedder)."""

from __future__ import annotations

import random
import zlib
from datetime import date, timedelta

import numpy as np
import pytest

from triangulate.cluster import ClusterConfig, stories_of
from triangulate.engines.blocking import block_of, cluster_inline
from triangulate.ingest import make_article
from triangulate.model import Article

EVENTS = [
    ("flood", "River {p} bursts its banks as rain floods {n} homes in {p}", "Rescuers in boats"),
    ("strike", "Dock workers at {p} walk out over pay; {n} ships wait offshore", "The union said"),
    ("fire", "Warehouse fire in {p} sends smoke over the town; {n} firefighters called", "Crews from"),
    ("vote", "Council of {p} votes on the new bypass after {n} objections", "Councillors debated"),
    ("quake", "Earthquake of magnitude {n} shakes {p} overnight", "Residents felt"),
]
PLACES = ["Ambleford", "Brindle", "Corran", "Dunmere", "Eskby", "Fallow", "Gorse", "Hythe", "Inver", "Jarrow"]


class HashedWords:
    """A stand-in for the dense model: deterministic unit vectors from the words of a text."""

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, zlib.crc32(word.encode()) % 384] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return (out / np.maximum(norms, 1e-9)).astype(np.float32)


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


SYLLABLES = ["ba", "ko", "ri", "sen", "tal", "mu", "dor", "vi", "len", "ga", "pho", "ness", "ru", "tek"]


def _corpus(n: int, seed: int, undated: int = 0) -> list[Article]:
    """Stories of 1-12 reports over up to three weeks, each with words of its own, some copied
    word for word a few days later."""
    rng = random.Random(seed)
    articles: list[Article] = []
    start = date(2026, 1, 1)
    while len(articles) < n:
        kind, headline, lead = rng.choice(EVENTS)
        place, number = rng.choice(PLACES), rng.randint(2, 900)
        vocabulary = [_word(rng) for _ in range(25)] + [place, str(number), kind]
        day = start + timedelta(days=rng.randint(0, 120))
        for k in range(rng.randint(1, 12)):
            when = day + timedelta(days=k + rng.choice([0, 1, 2]))
            body = f"{lead} {place} on day {k}. " + " ".join(rng.choice(vocabulary) for _ in range(60))
            title = headline.format(p=place, n=number)
            articles.append(make_article(title=title, text=body, published=when, source=f"Outlet {k}"))
        if rng.random() < 0.2:  # a syndicated copy a few days later
            copy = articles[-1]
            later = (copy.published or start) + timedelta(days=rng.randint(0, 9))
            text = copy.text[len(copy.title) :] + " (syndicated)"
            articles.append(make_article(title=copy.title, text=text, source="Copy Desk", published=later))
    articles = list({a.id: a for a in articles}.values())[:n]
    for a in rng.sample(articles, undated):
        articles[articles.index(a)] = make_article(title=a.title, text=a.text[len(a.title) :] + " undated")
    key = [(a.published is None, a.published or start, i) for i, a in enumerate(articles)]
    return [articles[i] for i in sorted(range(len(articles)), key=key.__getitem__)]


def _online(articles: list[Article], config: ClusterConfig) -> list[tuple[str, ...]]:
    return sorted(s.article_ids for s in stories_of(articles, config, HashedWords()))


@pytest.mark.parametrize(("seed", "block_days", "undated"), [(1, 8, 0), (2, 10, 3), (3, 30, 0), (4, 9, 5)])
def test_engines_blocking_equals_online(seed: int, block_days: int, undated: int) -> None:
    articles = _corpus(300, seed, undated)
    config = ClusterConfig()
    stories, replayed = cluster_inline(articles, config, block_days, HashedWords())
    assert sorted(tuple(s) for s in stories) == _online(articles, config)
    assert sorted(i for s in stories for i in s) == sorted(a.id for a in articles)  # none lost, none twice
    assert replayed > 0  # the corpus has stories crossing block edges


def test_engines_blocking_without_window_is_one_block() -> None:
    config = ClusterConfig(window_days=0)
    articles = _corpus(60, 5)
    stories, _ = cluster_inline(articles, config, 8, HashedWords())
    assert sorted(tuple(s) for s in stories) == _online(articles, config)
    assert {block_of(a.published, date(2026, 1, 1), config, 8, 3) for a in articles} == {0}


class _CountingModel:
    def __init__(self) -> None:
        self.texts: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:  # type: ignore[type-arg]
        self.texts += texts
        return np.array([[float(len(t)), 1.0] for t in texts], dtype=np.float32)


def test_blocking_lead_vectors_run_the_model_once_per_text_and_stay_bounded() -> None:
    from triangulate.embed import RememberingEmbedder

    model = _CountingModel()
    cache = RememberingEmbedder(model, size=2)
    first = cache.encode(["flood", "quake", "flood"])
    again = cache.encode(["quake", "flood"])
    assert model.texts == ["flood", "quake"]  # the replay's second run costs no model call
    assert np.array_equal(first[0], again[1]) and np.array_equal(first[1], again[0])
    cache.encode(["storm"])  # over the bound: the least recently used ("quake") goes
    assert list(cache.vectors) == ["flood", "storm"]
    assert cache.encode([]).shape == (0, 384)
