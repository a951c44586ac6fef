"""Lexical search with SQLite FTS5 (BM25), written in the same transaction as the records."""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session as DbSession

from memory.text import STOP_WORDS
from memory.tuning import RecallTuning

# Split as FTS5's unicode61 tokenizer splits (an apostrophe separates words).
_WORD = re.compile(r"\w+", re.UNICODE)


def query_words(query: str) -> list[str]:
    """The meaningful words of ``query``, once each, in order."""
    return list(dict.fromkeys(w for w in _WORD.findall(query.lower()) if w not in STOP_WORDS))


def match_query(query: str, words: list[str] | None = None) -> str:
    """An FTS5 query that matches any meaningful word of ``query`` (quoted: no syntax leaks)."""
    return " OR ".join(f'"{w}"' for w in (query_words(query) if words is None else words))


def informative(db: DbSession, words: list[str],
                tuning: RecallTuning | None = None) -> list[str]:
    """``words`` without those that occur in a large share of the index
    (``lexical_common_share`` of ``tuning``, once it holds ``lexical_common_from`` documents).

    Ranking cost grows with every document a word matches: a word in most documents would make
    each search rank most of the index for almost no gain in order.
    """
    tuning = tuning or RecallTuning.defaults()
    total = db.exec(text("SELECT max(rowid) FROM lexical")).one()[0] or 0  # type: ignore[call-overload]
    if total < tuning.lexical_common_from:
        return words
    kept = []
    for word in words:
        found = db.exec(text("SELECT count(*) FROM lexical WHERE lexical MATCH :q"),  # type: ignore[call-overload]
                        params={"q": f'"{word}"'}).one()[0]
        if found <= tuning.lexical_common_share * total:
            kept.append(word)
    return kept


def index(db: DbSession, doc_id: str, user_id: str, kind: str, body: str) -> None:
    sql = text("INSERT INTO lexical(doc_id, user_id, kind, text) VALUES (:d, :u, :k, :t)")
    db.exec(sql, params={"d": doc_id, "u": user_id, "k": kind, "t": body})  # type: ignore[call-overload]


def index_many(db: DbSession, rows: list[tuple[str, str, str, str]]) -> None:
    """Index many (doc_id, user_id, kind, text) rows in one statement."""
    if rows:
        sql = text("INSERT INTO lexical(doc_id, user_id, kind, text) VALUES (:d, :u, :k, :t)")
        db.exec(sql, params=[{"d": d, "u": u, "k": k, "t": t}  # type: ignore[call-overload]
                             for d, u, k, t in rows])


def secure(db: DbSession) -> bool:
    """Ask FTS5 to erase a deleted document's tokens from its index segments at once.

    Without it FTS5 only marks them deleted, and the words stay in the file until segments
    merge. The option needs SQLite 3.42; older builds get :func:`remove`'s merge instead.
    Returns whether the option took.
    """
    try:
        with db.begin_nested():
            db.exec(text("INSERT INTO lexical(lexical, rank) "  # type: ignore[call-overload]
                         "VALUES('secure-delete', 1)"))
        return True
    except OperationalError:
        return False


def _secured(db: DbSession) -> bool:
    row = db.exec(text("SELECT v FROM lexical_config "  # type: ignore[call-overload]
                       "WHERE k = 'secure-delete'")).first()
    return bool(row and row[0])


def _erase_deleted(db: DbSession, removed: int) -> None:
    """After deleting documents, leave none of their tokens in the index file.

    Without the secure-delete option, 'optimize' merges every segment into one, dropping
    deleted entries: it rewrites the whole index, so it runs only when something was removed.
    """
    if removed and not _secured(db):
        db.exec(text("INSERT INTO lexical(lexical) VALUES('optimize')"))  # type: ignore[call-overload]


def remove(db: DbSession, doc_ids: list[str]) -> None:
    """Remove documents from the index, their tokens included."""
    removed = 0
    for doc_id in doc_ids:
        result = db.exec(text("DELETE FROM lexical WHERE doc_id = :d"),  # type: ignore[call-overload]
                         params={"d": doc_id})
        removed += max(result.rowcount or 0, 0)
    _erase_deleted(db, removed)


def remove_user(db: DbSession, user_id: str) -> None:
    result = db.exec(text("DELETE FROM lexical WHERE user_id = :u"),  # type: ignore[call-overload]
                     params={"u": user_id})
    _erase_deleted(db, max(result.rowcount or 0, 0))


def frequency(db: DbSession, user_id: str, word: str, kind: str = "turn") -> int:
    """In how many of ``user_id``'s records of ``kind`` ``word`` occurs (stemmed as indexed)."""
    sql = ("SELECT count(*) FROM lexical WHERE lexical MATCH :q AND user_id = :u "
           "AND kind = :k")
    return int(db.exec(text(sql), params={"q": f'"{word}"', "u": user_id,  # type: ignore[call-overload]
                                          "k": kind}).one()[0])


def search(db: DbSession, user_id: str, query: str, k: int = 10,
           kinds: list[str] | None = None,
           tuning: RecallTuning | None = None) -> list[tuple[str, float]]:
    """(doc_id, score) for the best ``k`` matches of ``user_id``; higher score is better."""
    fts = match_query(query, informative(db, query_words(query), tuning))
    if not fts:
        return []
    sql = ("SELECT doc_id, bm25(lexical) AS rank FROM lexical "
           "WHERE lexical MATCH :q AND user_id = :u")
    params: dict[str, object] = {"q": fts, "u": user_id, "k": k}
    if kinds:
        names = [f":kind{i}" for i in range(len(kinds))]
        sql += f" AND kind IN ({', '.join(names)})"
        params.update({f"kind{i}": kind for i, kind in enumerate(kinds)})
    sql += " ORDER BY rank LIMIT :k"
    rows = db.exec(text(sql), params=params).all()  # type: ignore[call-overload]
    return [(row[0], -float(row[1])) for row in rows]
