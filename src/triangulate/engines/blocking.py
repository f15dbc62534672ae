"""Story clustering at scale, with the online clusterer's results.

:class:`~triangulate.cluster.StoryClusterer` is online: each article is placed against the warm
stories before it (near-duplicates by LSH, candidates from an inverted index), and a story goes
cold ``window_days`` after its last article, leaving the index and the LSH. The time block is
therefore the blocking key: an article can only join a story that was warm less than
``window_days`` before it. The stream, in publication order, is cut into blocks of
``block_days`` (longer than the window), and:

1. **speculation**, all blocks in parallel: each block is clustered from an empty state (with
   the corpus-wide word weights), giving its stories and its end state
   (:meth:`StoryClusterer.state`: the warm stories);
2. **replay**, all blocks in parallel: block *k* is clustered again from the end state of the
   speculation of block *k-1* (:meth:`StoryClusterer.from_state`), in step with a run from an
   empty state, until the two agree on every warm story (members, last date and vector, bit
   for bit) once the stories carried in have gone cold; from there on both runs decide alike,
   so the rest of the block is the speculation's;
3. **check**, in order: a replay's seed was right when the block before converged (its true end
   state is then its speculation's); the rare block after one that did not converge is replayed
   again from the true state. The result equals one clusterer run over the whole stream.

Articles without a date come last, as in the local engine; they join the last block, since an
undated article is placed against the stories still warm at the end of the stream.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from triangulate.cluster import ClusterConfig, StoryClusterer
from triangulate.model import Article

__all__ = [
    "BlockInput",
    "BlockResult",
    "Inline",
    "Runner",
    "block_of",
    "cluster_blocks",
    "cluster_inline",
    "doc_freq",
    "replay",
    "speculate",
]

Members = list[str]  # one story: article ids in the order they joined


@dataclass
class BlockInput:
    """One time block's articles in publication order."""

    block: int
    articles: list[Article] = field(default_factory=list)


@dataclass
class Words:
    """Corpus-wide document frequencies, from which every clusterer derives the same weights."""

    df: Counter[str]
    n: int


@dataclass
class BlockResult:
    """What one block contributes: stories finished in it, and the warm state it hands on."""

    finished: list[Members]
    state: dict[str, Any]
    replayed: int = 0  # articles the replay went through
    converged: bool = True


def block_of(published: date | None, start: date, config: ClusterConfig, block_days: int, last: int) -> int:
    """The time block of an article; undated ones join the ``last`` block, and everything is one
    block when stories never go cold."""
    if published is None:
        return last
    if not config.window_days:
        return 0
    return (published - start).days // block_days


def doc_freq(articles: Iterable[Article], config: ClusterConfig) -> Counter[str]:
    """Document frequencies counted exactly as the clusterer's ``partial_fit`` counts them."""
    return StoryClusterer(config).partial_fit(list(articles)).df_


def speculate(block: BlockInput, words: Words, config: ClusterConfig, embedder: Any = None) -> BlockResult:
    """The block clustered from an empty state."""
    clusterer = _fresh(words, config, embedder or _vectors(config.dense_tokens))
    clusterer.assign_many(block.articles)
    return BlockResult(_cold(clusterer.stories_), clusterer.state(), 0)


def replay(
    block: BlockInput,
    seed: dict[str, Any] | None,
    spec: BlockResult,
    words: Words,
    config: ClusterConfig,
    embedder: Any = None,
) -> BlockResult:
    """The block clustered from the true state before it (``seed``), reusing the speculation
    from the point where both provably agree."""
    if seed is None or not seed["stories"]:
        return spec
    embedder = embedder or _vectors(config.dense_tokens)  # the two runs embed the same leads
    true = StoryClusterer.from_state(seed, _sorted_stream(config), embedder)
    fresh = _fresh(words, config, embedder)
    articles = block.articles
    for i, article in enumerate(articles):
        true.assign(article)
        fresh.assign(article)
        following = articles[i + 1].published if i + 1 < len(articles) else None
        if following is not None and following != article.published and _agree(true, fresh, following, config):
            return _splice(true, spec, block, following - timedelta(days=config.window_days), i + 1)
    return BlockResult(_cold(true.stories_), true.state(), len(articles), converged=False)


def _splice(true: StoryClusterer, spec: BlockResult, block: BlockInput, horizon: date, done: int) -> BlockResult:
    """The replay's stories that are final by ``horizon``, then the speculation's stories that
    were warm there or began later (the two runs hold the same warm stories at that point)."""
    dates = {a.id: a.published or date.max for a in block.articles}
    kept = [list(s.article_ids) for s in true.stories_ if not _warm(s, horizon)]
    later = [m for m in spec.finished if max(dates[i] for i in m) >= horizon]
    return BlockResult(kept + later, spec.state, done)


def _agree(true: StoryClusterer, fresh: StoryClusterer, following: date, config: ClusterConfig) -> bool:
    """Whether both runs hold the same warm stories for the article dated ``following``."""
    horizon = following - timedelta(days=config.window_days)
    a = {s.article_ids[0]: s for s in true.stories_ if _warm(s, horizon)}
    b = {s.article_ids[0]: s for s in fresh.stories_ if _warm(s, horizon)}
    return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)


def _same(a: Any, b: Any) -> bool:
    if a.article_ids != b.article_ids or a.last_seen != b.last_seen:
        return False
    if a.vector is None or b.vector is None:
        return a.vector is None and b.vector is None
    return bool(np.array_equal(a.vector, b.vector))


def _warm(story: Any, horizon: date) -> bool:
    return bool(story.warm) and (story.last_seen is None or story.last_seen >= horizon)


def _cold(stories: Sequence[Any]) -> list[Members]:
    return [list(s.article_ids) for s in stories if not s.warm]


def _sorted_stream(config: ClusterConfig) -> ClusterConfig:
    """A corpus in publication order has no late reports: keeping stories past their window
    (``late_days``) changes no decision there, only which stories a block's state carries."""
    return replace(config, late_days=0)


@lru_cache(maxsize=2)
def _vectors(tokens: int) -> Any:
    """One per worker process (and per input cap): a replay runs two clusterers over the same
    articles, and on the same worker the speculation has embedded them already."""
    from triangulate.embed import RememberingEmbedder

    return RememberingEmbedder(size=50_000, max_tokens=tokens)


def _fresh(words: Words, config: ClusterConfig, embedder: Any) -> StoryClusterer:
    clusterer = StoryClusterer(_sorted_stream(config), embedder)
    clusterer.df_, clusterer.n_docs_ = Counter(words.df), words.n
    return clusterer.partial_fit([])  # the weights from the corpus-wide counts


class Runner(Protocol):
    """Where the steps run: in this process, or on Dask (``client.submit``/``client.gather``)."""

    def submit(self, fn: Any, *args: Any) -> Any: ...

    def gather(self, handles: list[Any]) -> list[Any]: ...


class Inline:
    """Runs each step at once, in this process."""

    def submit(self, fn: Any, *args: Any) -> Any:
        return fn(*args)

    def gather(self, handles: list[Any]) -> list[Any]:
        return list(handles)


def cluster_blocks(
    runner: Runner, blocks: Sequence[Any], words: Any, config: ClusterConfig, embedder: Any = None
) -> tuple[list[Members], int]:
    """Every story (member ids in joining order) over ``blocks`` (handles of :class:`BlockInput`
    in stream order), and how many articles were replayed; see the module docstring."""
    specs = [runner.submit(speculate, b, words, config, embedder) for b in blocks]
    seeds = [None] + [runner.submit(_state, spec) for spec in specs[:-1]]
    first = [runner.submit(replay, b, seeds[k], specs[k], words, config, embedder) for k, b in enumerate(blocks)]
    stories: list[Members] = []
    replayed, seed_true = 0, True
    previous: BlockResult | None = None
    for k, block in enumerate(blocks):
        result: BlockResult = runner.gather([first[k]])[0]
        if not seed_true and previous is not None:  # the optimistic seed was wrong: replay again
            result = runner.gather([runner.submit(replay, block, previous.state, specs[k], words, config, embedder)])[0]
        stories += result.finished
        replayed += result.replayed
        seed_true, previous = result.converged, result
    if previous is not None:
        stories += [list(s["article_ids"]) for s in previous.state["stories"]]
    return stories, replayed


def _state(result: BlockResult) -> dict[str, Any]:
    return result.state


def cluster_inline(
    articles: Sequence[Article], config: ClusterConfig, block_days: int, embedder: Any = None
) -> tuple[list[Members], int]:
    """:func:`cluster_blocks` in this process, over articles already in publication order."""
    dated = [a.published for a in articles if a.published is not None]
    start = min(dated) if dated else date.min
    last = max(((d - start).days // block_days for d in dated), default=0) if config.window_days else 0
    blocks: dict[int, BlockInput] = {}
    for article in articles:
        b = block_of(article.published, start, config, block_days, last)
        blocks.setdefault(b, BlockInput(b)).articles.append(article)
    words = Words(doc_freq(articles, config), len(articles))
    return cluster_blocks(Inline(), [blocks[b] for b in sorted(blocks)], words, config, embedder)
