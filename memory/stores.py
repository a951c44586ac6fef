"""The stores every part of memory writes to and reads from, behind one door each.

SQL (the engine) is the source of truth; the vector index and the lexical index are derived
from it and written in the same unit of work. The tree, facts, standing instructions and the
profile all receive one :class:`Stores` and use only its public methods, so a store can be
swapped (PostgreSQL full text for FTS5, a Chroma server for a directory) in one place.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy.engine import Engine
from sqlmodel import Session as DbSession

from memory import lexical
from memory.db import is_sqlite, open_engine, transaction
from memory.fusion import rrf
from memory.schema import User
from memory.tuning import RecallTuning

if TYPE_CHECKING:
    from memory.vectors import VectorIndex

SENSITIVE = "sensitive"   # kept with consent, read only by safety, never searched or recalled


class LexicalIndex(Protocol):
    """Full-text search over the records' text, written in the caller's SQL transaction."""

    enabled: bool

    def index(self, db: DbSession, rows: list[tuple[str, str, str, str]]) -> None:
        """Index (doc_id, user_id, kind, text) rows."""

    def remove(self, db: DbSession, doc_ids: list[str]) -> None:
        """Remove documents, their words included."""

    def remove_user(self, db: DbSession, user_id: str) -> None:
        """Remove every document of ``user_id``."""

    def search(self, db: DbSession, user_id: str, query: str, k: int,
               kinds: list[str] | None = None) -> list[tuple[str, float]]:
        """(doc_id, score) of the best ``k`` matches, best first."""

    def frequency(self, db: DbSession, user_id: str, word: str, kind: str = "turn") -> int:
        """In how many of the user's records of ``kind`` ``word`` occurs."""

    def query_words(self, query: str) -> list[str]:
        """The words of ``query`` the index would search for."""


@dataclass
class Fts5Index:
    """SQLite's FTS5 (BM25, Porter stemming): see :mod:`memory.lexical`. ``tuning`` says when
    a word too common to tell documents apart leaves a query."""

    tuning: RecallTuning = field(default_factory=RecallTuning.defaults)
    enabled = True

    def index(self, db: DbSession, rows: list[tuple[str, str, str, str]]) -> None:
        lexical.index_many(db, rows)

    def remove(self, db: DbSession, doc_ids: list[str]) -> None:
        lexical.remove(db, doc_ids)

    def remove_user(self, db: DbSession, user_id: str) -> None:
        lexical.remove_user(db, user_id)

    def search(self, db: DbSession, user_id: str, query: str, k: int,
               kinds: list[str] | None = None) -> list[tuple[str, float]]:
        return lexical.search(db, user_id, query, k, kinds, self.tuning)

    def frequency(self, db: DbSession, user_id: str, word: str, kind: str = "turn") -> int:
        return lexical.frequency(db, user_id, word, kind)

    def query_words(self, query: str) -> list[str]:
        return lexical.query_words(query)


@dataclass(frozen=True)
class Ranked:
    """One fused search result: its id, its fused score and which searches found it."""

    id: str
    score: float
    matched_by: list[str]


@dataclass
class Stores:
    """The SQL engine, the vector index and the lexical index of one memory."""

    engine: Engine
    vectors: VectorIndex
    lexical: LexicalIndex

    @classmethod
    def over(cls, engine: Engine, vectors: VectorIndex,
             tuning: RecallTuning | None = None) -> Stores:
        """The stores over ``engine``, with its database's own full-text index: FTS5 on
        SQLite, ``tsvector`` search on PostgreSQL (:mod:`memory.lexical_pg`)."""
        if is_sqlite(str(engine.url)):
            return cls(engine, vectors, Fts5Index(tuning or RecallTuning.defaults()))
        from memory.lexical_pg import PostgresLexicalIndex

        return cls(engine, vectors, PostgresLexicalIndex())

    @classmethod
    def open(cls, url: str, vectors: VectorIndex) -> Stores:
        return cls.over(open_engine(url), vectors)

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(str(self.engine.url))

    @contextmanager
    def read(self) -> Iterator[DbSession]:
        """A read-only SQL session (rows stay readable after it closes)."""
        with DbSession(self.engine, expire_on_commit=False) as db:
            yield db

    def write(self) -> Any:
        """A unit of work: committed whole, or rolled back whole with a clear error."""
        return transaction(self.engine)

    def index_text(self, db: DbSession, doc_id: str, user_id: str, kind: str, text: str,
                   created_at: datetime) -> None:
        """(Re)index one record's text: its lexical row and its vector.

        Sensitive items are never indexed: only safety reads them, by kind, so no search or
        recall can surface them.
        """
        if kind == SENSITIVE:
            return
        self.lexical.remove(db, [doc_id])
        self.lexical.index(db, [(doc_id, user_id, kind, text)])
        self.vectors.add([doc_id], [text], [vector_meta(user_id, kind, created_at, None)])

    def hybrid(self, db: DbSession, user_id: str, query: str, pool: int, kinds: list[str],
               min_similarity: float | None = None) -> list[Ranked]:
        """Search by meaning and by words, fused by reciprocal rank, best first.

        Dense hits below ``min_similarity`` (cosine) are dropped: nearest is not the same as
        related, and unrelated memories in a prompt mislead small models.
        """
        dense = [h for h in self.vectors.query(user_id, query, pool, kinds)
                 if min_similarity is None or h.score >= min_similarity]
        lex = self.lexical.search(db, user_id, query, pool, kinds)
        how: dict[str, list[str]] = {h.id: ["dense"] for h in dense}
        for doc, _ in lex:
            how.setdefault(doc, []).append("lexical")
        fused = rrf([[h.id for h in dense], [doc for doc, _ in lex]])
        return [Ranked(doc, score, how[doc]) for doc, score in fused]


def ensure_user(db: DbSession, user_id: str) -> None:
    """Create the user's row if it is missing (every record points at it)."""
    if db.get(User, user_id) is None:
        db.add(User(id=user_id))
        db.flush()


def vector_meta(user_id: str, kind: str, created: datetime,
                session_id: str | None) -> dict[str, Any]:
    """The metadata every vector carries (its owner first: every query filters on it)."""
    meta: dict[str, Any] = {"user_id": user_id, "kind": kind, "created_at": created.isoformat()}
    if session_id:
        meta["session_id"] = session_id
    return meta
