"""SQLite storage of articles, their analyses, stories and findings.

One :class:`Store` wraps one connection. The schema is created and upgraded by the ordered
:data:`MIGRATIONS`; each one runs in its own transaction and is recorded in
``schema_migrations``, so opening a database again never re-runs it. Every write is one
transaction, and every ``sqlite3`` error leaves as a :class:`StoreError` naming the operation.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

from triangulate import codec
from triangulate.errors import StoreError
from triangulate.model import Analysis, Article, Claim, Entity, Finding, Sentence, Story

MEMORY = ":memory:"
MIN_PREFIX = 4  # shortest id prefix that :meth:`Store.article` accepts

_INITIAL_SCHEMA = """
CREATE TABLE articles (
    id        TEXT PRIMARY KEY,
    title     TEXT NOT NULL,
    text      TEXT NOT NULL,
    source    TEXT NOT NULL DEFAULT '',
    published TEXT,
    url       TEXT NOT NULL DEFAULT '',
    author    TEXT NOT NULL DEFAULT '',
    ref       TEXT NOT NULL DEFAULT '',
    path      TEXT NOT NULL DEFAULT '',
    added_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX articles_ref ON articles (ref);

CREATE TABLE analyses (
    article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    analyzed_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    label      TEXT NOT NULL,
    key        TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX entities_key ON entities (key);

CREATE TABLE claims (
    id         TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    sentence   INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    data       TEXT NOT NULL
);
CREATE INDEX claims_article ON claims (article_id);

CREATE TABLE stories (
    id    TEXT PRIMARY KEY,
    title TEXT NOT NULL
);

CREATE TABLE story_articles (
    story_id   TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (story_id, position)
);
CREATE INDEX story_articles_article ON story_articles (article_id);

CREATE TABLE findings (
    id       TEXT PRIMARY KEY,
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    relation TEXT NOT NULL,
    kind     TEXT NOT NULL,
    what     TEXT NOT NULL,
    why      TEXT NOT NULL,
    data     TEXT NOT NULL
);
CREATE INDEX findings_story ON findings (story_id);
"""

_WATCH_SCHEMA = """
CREATE TABLE watch_feeds (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    next_poll     TEXT,
    failures      INTEGER NOT NULL DEFAULT 0,
    last_status   TEXT NOT NULL DEFAULT '',
    last_error    TEXT NOT NULL DEFAULT '',
    polled_at     TEXT
);

CREATE TABLE watch_entries (
    source     TEXT NOT NULL,
    entry      TEXT NOT NULL,
    url        TEXT NOT NULL DEFAULT '',
    version    TEXT NOT NULL,
    article_id TEXT,
    seen_at    TEXT NOT NULL,
    PRIMARY KEY (source, entry)
);
CREATE INDEX watch_entries_url ON watch_entries (url);
CREATE INDEX watch_entries_article ON watch_entries (article_id);

CREATE TABLE watch_pending (
    article_id TEXT PRIMARY KEY
);

CREATE TABLE watch_known_findings (
    key TEXT PRIMARY KEY
);

CREATE TABLE watchlist (
    kind     TEXT NOT NULL CHECK (kind IN ('entity', 'keyword', 'outlet')),
    value    TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (kind, value)
);

CREATE TABLE alerts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    key        TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL,
    story_id   TEXT NOT NULL,
    finding_id TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL,
    message    TEXT NOT NULL,
    data       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE alert_deliveries (
    alert_id     INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    channel      TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    delivered_at TEXT,
    next_try     TEXT,
    last_error   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (alert_id, channel)
);
"""

# The clusterer's warm stories, so adding articles extends them (triangulate.cluster.StoryClusterer.state).
_CLUSTER_STATE_SCHEMA = """
CREATE TABLE cluster_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    data     BLOB NOT NULL,
    saved_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
"""

# A story's id names its articles, so it changes when an article joins: the old id points on to the
# story that took over its articles, and links (web pages, alerts) keep working.
_STORY_ALIASES_SCHEMA = """
CREATE TABLE story_aliases (
    old_id   TEXT PRIMARY KEY,
    new_id   TEXT NOT NULL,
    moved_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
"""

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "initial schema", _INITIAL_SCHEMA),
    (2, "cluster state: the warm stories of the online clusterer", _CLUSTER_STATE_SCHEMA),
    (3, "watch: feed state, seen entries, watchlist, alerts and their deliveries", _WATCH_SCHEMA),
    (4, "story aliases: where the old id of a changed story leads", _STORY_ALIASES_SCHEMA),
]

_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
)
"""

_ARTICLE_COLUMNS = "id, title, text, source, published, url, author, ref, path"
_COUNTED = ("articles", "sentences", "claims", "stories", "findings")


class Store:
    """The database of one triangulate workspace; ``":memory:"`` gives a throwaway one."""

    def __init__(self, path: str | Path = "triangulate.db") -> None:
        self.path = str(path)
        with self._errors(f"open {self.path}"):
            self._db = sqlite3.connect(self.path, timeout=30.0)
        try:
            self._configure()
            self._migrate()
        except BaseException:
            self._db.close()
            raise

    # -- lifecycle --------------------------------------------------------------------------------

    def close(self) -> None:
        with self._errors("close"):
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _configure(self) -> None:
        with self._errors(f"configure {self.path}"):
            if self.path != MEMORY:
                self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=30000")
            self._db.execute("PRAGMA synchronous=NORMAL")

    def _migrate(self) -> None:
        with self._write("create schema_migrations"):
            self._db.execute(_MIGRATIONS_TABLE)
        applied = self.applied_migrations()
        for version, name, sql in MIGRATIONS:
            if version not in applied:
                self._apply(version, name, sql)

    def _apply(self, version: int, name: str, sql: str) -> None:
        """Run one migration and record it, in one transaction (skipped if another connection
        applied it meanwhile)."""
        with self._write(f"migration {version} ({name})"):
            self._db.execute("BEGIN IMMEDIATE")
            if version in self.applied_migrations():
                return
            for statement in _statements(sql):
                self._db.execute(statement)
            self._db.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (version, name))

    def applied_migrations(self) -> dict[int, str]:
        """Version -> applied_at of every migration recorded in this database."""
        with self._errors("read schema_migrations"):
            rows = self._db.execute("SELECT version, applied_at FROM schema_migrations")
            return {int(v): str(at) for v, at in rows}

    # -- articles ---------------------------------------------------------------------------------

    def add_article(self, article: Article) -> bool:
        """Store ``article`` unless its id is already there; True if it was new."""
        with self._write(f"add article {article.id}"):
            return self._insert_article(article)

    def has_article(self, article_id: str) -> bool:
        with self._errors(f"look up article {article_id}"):
            row = self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,))
            return row.fetchone() is not None

    def article(self, article_id: str) -> Article | None:
        """The article with this id, else the one with this exact ref, else the only one whose id
        starts with it (at least :data:`MIN_PREFIX` characters); None when none or ambiguous."""
        if not article_id:
            return None
        with self._errors(f"look up article {article_id}"):
            for where in self._article_lookups(article_id):
                rows = self._db.execute(
                    f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE {where} LIMIT 2",
                    (article_id,),
                ).fetchall()
                if len(rows) == 1:
                    return _article(rows[0])
            return None

    @staticmethod
    def _article_lookups(key: str) -> list[str]:
        lookups = ["id = ?1", "ref = ?1"]
        if len(key) >= MIN_PREFIX:
            lookups.append("substr(id, 1, length(?1)) = ?1")
        return lookups

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        """All articles, or those with the given ids (unknown ids are skipped), oldest first."""
        query = f"SELECT {_ARTICLE_COLUMNS} FROM articles"
        params: tuple[str, ...] = ()
        if ids is not None:
            query += " WHERE id IN (SELECT value FROM json_each(?))"
            params = (json.dumps(list(ids)),)
        with self._errors("list articles"):
            rows = self._db.execute(query + " ORDER BY rowid", params).fetchall()
        return [_article(row) for row in rows]

    def delete_article(self, article_id: str) -> bool:
        """Delete an article with its analysis and story memberships; True if it existed."""
        with self._write(f"delete article {article_id}"):
            cur = self._db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            return cur.rowcount > 0

    def _insert_article(self, a: Article) -> bool:
        cur = self._db.execute(
            f"INSERT OR IGNORE INTO articles ({_ARTICLE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                a.id,
                a.title,
                a.text,
                a.source,
                a.published.isoformat() if a.published else None,
                a.url,
                a.author,
                a.ref,
                a.path,
            ),
        )
        return cur.rowcount > 0

    # -- analyses ---------------------------------------------------------------------------------

    def save_analysis(self, analysis: Analysis) -> None:
        """Replace what is stored for the analysis's article (storing the article if new)."""
        aid = analysis.article.id
        with self._write(f"save analysis of {aid}"):
            self._insert_article(analysis.article)
            for table in ("sentences", "entities", "claims"):
                self._db.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
            self._db.execute("INSERT OR REPLACE INTO analyses (article_id) VALUES (?)", (aid,))
            self._insert_sentences(aid, analysis.sentences)
            self._insert_entities(aid, analysis.entities)
            self._insert_claims(analysis.claims)

    def _insert_sentences(self, aid: str, sentences: Sequence[Sentence]) -> None:
        self._db.executemany(
            'INSERT INTO sentences (article_id, idx, start, "end") VALUES (?, ?, ?, ?)',
            [(aid, s.index, s.start, s.end) for s in sentences],
        )

    def _insert_entities(self, aid: str, entities: Sequence[Entity]) -> None:
        self._db.executemany(
            'INSERT INTO entities (article_id, idx, start, "end", text, label, key) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [(aid, i, e.start, e.end, e.text, e.label, e.key) for i, e in enumerate(entities)],
        )

    def _insert_claims(self, claims: Sequence[Claim]) -> None:
        self._db.executemany(
            'INSERT INTO claims (id, article_id, sentence, kind, start, "end", text, data)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(c.id, c.article_id, c.sentence, c.kind, c.start, c.end, c.text, codec.dumps(c)) for c in claims],
        )

    def analysis(self, article_id: str) -> Analysis | None:
        """The stored analysis of an article; None if it was never analyzed."""
        article = self.article(article_id)
        if article is None or article.id not in self.analyzed_ids([article.id]):
            return None
        aid = article.id
        with self._errors(f"read analysis of {aid}"):
            sentences = self._db.execute(
                'SELECT idx, start, "end" FROM sentences WHERE article_id = ? ORDER BY idx', (aid,)
            ).fetchall()
            entities = self._db.execute(
                'SELECT text, label, key, start, "end" FROM entities WHERE article_id = ? ORDER BY idx',
                (aid,),
            ).fetchall()
            claims = self._db.execute("SELECT data FROM claims WHERE article_id = ? ORDER BY rowid", (aid,)).fetchall()
        return Analysis(
            article=article,
            sentences=tuple(Sentence(aid, idx, start, end, article.text[start:end]) for idx, start, end in sentences),
            entities=tuple(Entity(*row) for row in entities),
            claims=tuple(codec.loads(Claim, data) for (data,) in claims),
        )

    def analyzed_ids(self, ids: Iterable[str] | None = None) -> set[str]:
        """Ids of the articles with a stored analysis (among ``ids`` when given)."""
        query = "SELECT article_id FROM analyses"
        params: tuple[str, ...] = ()
        if ids is not None:
            query += " WHERE article_id IN (SELECT value FROM json_each(?))"
            params = (json.dumps(list(ids)),)
        with self._errors("list analyzed articles"):
            return {str(aid) for (aid,) in self._db.execute(query, params)}

    # -- stories and findings ---------------------------------------------------------------------

    def save_stories(self, stories: Sequence[Story], findings: Sequence[Finding]) -> None:
        """Replace the articles and findings of the given stories; each finding must belong to
        one of them. A story saved again keeps its place in :meth:`stories`."""
        with self._write("save stories"):
            self._save_stories(stories, findings)

    def replace_all_stories(
        self, stories: Sequence[Story], findings: Sequence[Finding], cluster_state: dict[str, Any] | None = None
    ) -> None:
        """Drop every stored story and finding, then save these (and the clusterer's state), in
        one transaction."""
        with self._write("replace all stories"):
            kept = {s.id for s in stories}
            self._alias([r[0] for r in self._db.execute("SELECT id FROM stories") if r[0] not in kept], stories)
            self._db.execute("DELETE FROM stories")  # cascades to story_articles and findings
            self._save_stories(stories, findings)
            if cluster_state is not None:
                self._save_cluster_state(cluster_state)

    def _save_stories(self, stories: Sequence[Story], findings: Sequence[Finding]) -> None:
        ids = {s.id for s in stories}
        strays = sorted({f.story_id for f in findings} - ids)
        if strays:
            raise StoreError(f"save stories: findings of unsaved story {', '.join(strays)}")
        for story in stories:
            self._db.execute(
                "INSERT INTO stories (id, title) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title",
                (story.id, story.title),
            )
            self._db.execute("DELETE FROM story_articles WHERE story_id = ?", (story.id,))
            self._db.execute("DELETE FROM findings WHERE story_id = ?", (story.id,))
            self._db.executemany(
                "INSERT INTO story_articles (story_id, article_id, position) VALUES (?, ?, ?)",
                [(story.id, aid, i) for i, aid in enumerate(story.article_ids)],
            )
        self._db.executemany(
            "INSERT INTO findings (id, story_id, relation, kind, what, why, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(f.id, f.story_id, f.relation.value, f.kind, f.what, f.why, codec.dumps(f)) for f in findings],
        )

    def update_stories(
        self,
        removed: Sequence[str],
        stories: Sequence[Story],
        findings: Sequence[Finding],
        cluster_state: dict[str, Any] | None = None,
    ) -> None:
        """In one transaction: drop the ``removed`` stories (ids that changed membership), save
        ``stories`` with their findings, and keep the clusterer's state beside them."""
        with self._write("update stories"):
            self._alias(removed, stories)
            self._db.executemany("DELETE FROM stories WHERE id = ?", [(i,) for i in removed])
            self._save_stories(stories, findings)
            if cluster_state is not None:
                self._save_cluster_state(cluster_state)

    def _alias(self, removed: Sequence[str], stories: Sequence[Story]) -> None:
        """Point each removed story at the new story holding most of its articles."""
        home = {aid: s.id for s in stories for aid in s.article_ids}
        for old in removed:
            members = [
                r[0] for r in self._db.execute("SELECT article_id FROM story_articles WHERE story_id = ?", (old,))
            ]
            heirs = Counter(home[a] for a in members if a in home)
            if heirs:
                new = min(heirs, key=lambda k: (-heirs[k], k))
                self._db.execute(
                    "INSERT INTO story_aliases (old_id, new_id) VALUES (?, ?)"
                    " ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id, moved_at = CURRENT_TIMESTAMP",
                    (old, new),
                )

    def current_story_id(self, story_id: str) -> str | None:
        """The id the story now has (itself if it still exists), following renames; None if it
        is gone."""
        seen = set()
        with self._errors(f"resolve story {story_id}"):
            while story_id not in seen:
                seen.add(story_id)
                if self._db.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone():
                    return story_id
                row = self._db.execute("SELECT new_id FROM story_aliases WHERE old_id = ?", (story_id,)).fetchone()
                if row is None:
                    return None
                story_id = str(row[0])
        return None

    def cluster_state(self) -> dict[str, Any] | None:
        """The clusterer state saved with the stories; None before the first grouping."""
        with self._errors("read cluster state"):
            row = self._db.execute("SELECT data FROM cluster_state WHERE id = 1").fetchone()
        if row is None:
            return None
        try:
            state: dict[str, Any] = json.loads(zlib.decompress(row[0]))
        except (zlib.error, ValueError) as exc:
            raise StoreError(f"read cluster state: unreadable ({exc})") from exc
        return state

    def _save_cluster_state(self, state: dict[str, Any]) -> None:
        data = zlib.compress(json.dumps(state, separators=(",", ":")).encode(), 6)
        self._db.execute(
            "INSERT INTO cluster_state (id, data) VALUES (1, ?)"
            " ON CONFLICT (id) DO UPDATE SET data = excluded.data, saved_at = CURRENT_TIMESTAMP",
            (data,),
        )

    def unanalyzed_ids(self) -> set[str]:
        """Stored articles with no analysis yet."""
        with self._errors("list articles awaiting analysis"):
            rows = self._db.execute(
                "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM analyses)"
            ).fetchall()
        return {str(aid) for (aid,) in rows}

    def unassigned_ids(self) -> set[str]:
        """Analysed articles that belong to no story yet."""
        with self._errors("list unassigned articles"):
            rows = self._db.execute(
                "SELECT article_id FROM analyses WHERE article_id NOT IN (SELECT article_id FROM story_articles)"
            ).fetchall()
        return {str(aid) for (aid,) in rows}

    def stories(self) -> list[Story]:
        """Every story, in the order they were first saved."""
        with self._errors("list stories"):
            rows = self._db.execute("SELECT id, title FROM stories ORDER BY rowid").fetchall()
            members = self._db.execute(
                "SELECT story_id, article_id FROM story_articles ORDER BY story_id, position"
            ).fetchall()
        article_ids: dict[str, list[str]] = {}
        for story_id, aid in members:
            article_ids.setdefault(story_id, []).append(aid)
        return [Story(sid, title, tuple(article_ids.get(sid, ()))) for sid, title in rows]

    def findings(self, story_id: str | None = None) -> list[Finding]:
        """Every finding, or those of one story, in the order they were saved."""
        query = "SELECT data FROM findings"
        params: tuple[str, ...] = ()
        if story_id is not None:
            query += " WHERE story_id = ?"
            params = (story_id,)
        with self._errors("list findings"):
            rows = self._db.execute(query + " ORDER BY rowid", params).fetchall()
        return [codec.loads(Finding, data) for (data,) in rows]

    def story_of(self, article_id: str) -> Story | None:
        """The (first saved) story that contains the article, if any."""
        with self._errors(f"find story of {article_id}"):
            row = self._db.execute(
                "SELECT s.id, s.title FROM stories s JOIN story_articles sa ON sa.story_id = s.id"
                " WHERE sa.article_id = ? ORDER BY s.rowid LIMIT 1",
                (article_id,),
            ).fetchone()
            if row is None:
                return None
            members = self._db.execute(
                "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY position",
                (row[0],),
            ).fetchall()
        return Story(row[0], row[1], tuple(aid for (aid,) in members))

    # -- tables another module owns (the watch state) ----------------------------------------------

    def rows(self, operation: str, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """The rows of one query, for a module that keeps its own tables in this database."""
        with self._errors(operation):
            return self._db.execute(sql, params).fetchall()

    @contextmanager
    def transaction(self, operation: str) -> Iterator[sqlite3.Connection]:
        """The connection, inside one write transaction (committed on success, rolled back on
        error, errors as :class:`StoreError`), for a module that keeps its own tables here."""
        with self._write(operation):
            yield self._db

    # -- misc -------------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        with self._errors("count rows"):
            return {table: int(self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) for table in _COUNTED}

    @contextmanager
    def _errors(self, operation: str) -> Iterator[None]:
        """Turn a ``sqlite3`` error into a one-line :class:`StoreError` naming ``operation``."""
        try:
            yield
        except sqlite3.Error as exc:
            detail = " ".join(str(exc).split())
            raise StoreError(f"{operation}: {detail}") from exc

    @contextmanager
    def _write(self, operation: str) -> Iterator[None]:
        """One transaction: committed on success, rolled back on any error."""
        with self._errors(operation), self._db:
            yield


def _statements(script: str) -> Iterator[str]:
    """The SQL statements of a script, one at a time."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        raise StoreError(f"incomplete SQL statement: {pending.strip()[:60]}")


def _article(row: tuple[object, ...]) -> Article:
    aid, title, text, source, published, url, author, ref, path = row
    return Article(
        id=str(aid),
        title=str(title),
        text=str(text),
        source=str(source),
        published=date.fromisoformat(str(published)) if published is not None else None,
        url=str(url),
        author=str(author),
        ref=str(ref),
        path=str(path),
    )
