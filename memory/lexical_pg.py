"""Lexical search with PostgreSQL full-text search, written in the same transaction as the records.

The counterpart of :mod:`memory.lexical` (SQLite FTS5) in server mode. Each record's words are
kept as a ``tsvector`` (the ``english`` configuration: Snowball's English stemmer, as FTS5's
Porter stemmer, and its stop words), under a GIN index; a search matches any meaningful word
of the query and ranks by cover density (``ts_rank_cd``). The text itself is not kept here:
SQL rows hold it once, and forgetting a record deletes its row of words with it.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session as DbSession

from memory import lexical

CONFIG = "english"

DDL = (
    "CREATE TABLE IF NOT EXISTS lexical ("
    "doc_id TEXT NOT NULL, user_id TEXT NOT NULL, kind TEXT NOT NULL, words TSVECTOR NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_lexical_words ON lexical USING gin (words)",
    "CREATE INDEX IF NOT EXISTS ix_lexical_user_kind ON lexical (user_id, kind)",
    "CREATE INDEX IF NOT EXISTS ix_lexical_doc_id ON lexical (doc_id)",
)


def create(db: DbSession) -> None:
    """The table and its indexes, where they are missing."""
    for statement in DDL:
        db.exec(text(statement))  # type: ignore[call-overload]


def _any_word(words: list[str]) -> tuple[str, dict[str, object]]:
    """A ``tsquery`` expression matching any of ``words``, each as a bound parameter (no
    query syntax can leak in), and its parameters."""
    parts = [f"plainto_tsquery('{CONFIG}', :w{i})" for i in range(len(words))]
    return " || ".join(parts), {f"w{i}": w for i, w in enumerate(words)}


class PostgresLexicalIndex:
    """PostgreSQL's full-text search (``tsvector``, GIN, ``ts_rank_cd``)."""

    enabled = True

    def index(self, db: DbSession, rows: list[tuple[str, str, str, str]]) -> None:
        if rows:
            sql = text("INSERT INTO lexical(doc_id, user_id, kind, words) "
                       f"VALUES (:d, :u, :k, to_tsvector('{CONFIG}', :t))")
            db.exec(sql, params=[{"d": d, "u": u, "k": k, "t": t}  # type: ignore[call-overload]
                                 for d, u, k, t in rows])

    def remove(self, db: DbSession, doc_ids: list[str]) -> None:
        if doc_ids:
            db.exec(text("DELETE FROM lexical WHERE doc_id = ANY(:ids)"),  # type: ignore[call-overload]
                    params={"ids": list(doc_ids)})

    def remove_user(self, db: DbSession, user_id: str) -> None:
        db.exec(text("DELETE FROM lexical WHERE user_id = :u"),  # type: ignore[call-overload]
                params={"u": user_id})

    def search(self, db: DbSession, user_id: str, query: str, k: int,
               kinds: list[str] | None = None) -> list[tuple[str, float]]:
        words = self.query_words(query)
        if not words:
            return []
        matching, params = _any_word(words)
        sql = ("SELECT doc_id, ts_rank_cd(words, q) AS rank "
               f"FROM lexical, (SELECT {matching}) AS s(q) WHERE words @@ q AND user_id = :u")
        params.update({"u": user_id, "k": k})
        if kinds:
            sql += " AND kind = ANY(:kinds)"
            params["kinds"] = list(kinds)
        sql += " ORDER BY rank DESC, doc_id LIMIT :k"
        rows = db.exec(text(sql), params=params).all()  # type: ignore[call-overload]
        return [(row[0], float(row[1])) for row in rows]

    def frequency(self, db: DbSession, user_id: str, word: str, kind: str = "turn") -> int:
        sql = (f"SELECT count(*) FROM lexical WHERE words @@ plainto_tsquery('{CONFIG}', :w) "
               "AND user_id = :u AND kind = :k")
        return int(db.exec(text(sql), params={"w": word, "u": user_id,  # type: ignore[call-overload]
                                              "k": kind}).one()[0])

    def query_words(self, query: str) -> list[str]:
        return lexical.query_words(query)
