"""API keys for ``tacit serve``: each names one user; only a hash of the key is stored.

A key is 32 random bytes, so a plain SHA-256 of it cannot be searched back (a slow password
hash guards guessable secrets, which these are not) and lookup is one indexed equality.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from memory.db import transaction
from memory.schema import ApiConversation, ApiKey, Session, now

PREFIX = "tacit-"
SHOWN = 12  # characters of a key kept in clear, so `tacit keys list` can tell them apart


@dataclass
class Caller:
    """Who a presented key belongs to."""

    key_id: str
    user_id: str


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def add(engine: Engine, user_id: str) -> tuple[ApiKey, str]:
    """A new key for ``user_id``: the stored row, and the key itself (shown once, never kept)."""
    if not user_id.strip():
        raise ValueError("a key needs a user")
    secret = PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(user_id=user_id, key_hash=digest(secret), shown=secret[:SHOWN])
    with transaction(engine) as db:
        db.add(row)
    return row, secret


def listing(engine: Engine, user_id: str | None = None) -> list[ApiKey]:
    """Every key (of one user when given), oldest first, revoked ones included."""
    with DbSession(engine, expire_on_commit=False) as db:
        query = select(ApiKey).order_by(col(ApiKey.created_at))
        if user_id is not None:
            query = query.where(ApiKey.user_id == user_id)
        return list(db.exec(query).all())


def revoke(engine: Engine, ref: str) -> ApiKey | None:
    """Revoke the key whose id (or unambiguous id prefix) is ``ref``; None if none matches."""
    ref = ref.strip()
    if not ref:
        return None
    with transaction(engine) as db:
        rows = db.exec(select(ApiKey).where(col(ApiKey.id).startswith(ref))).all()
        if len(rows) != 1:
            return None
        row = rows[0]
        if row.revoked_at is None:
            row.revoked_at = now()
            db.add(row)
    return row


def caller(engine: Engine, secret: str) -> Caller | None:
    """The user a presented key belongs to, or None for an unknown or revoked key."""
    if not secret.startswith(PREFIX):
        return None
    with DbSession(engine) as db:
        row = db.exec(select(ApiKey).where(ApiKey.key_hash == digest(secret))).first()
    if row is None or row.revoked_at is not None:
        return None
    return Caller(row.id, row.user_id)


def conversation(engine: Engine, digest_: str) -> ApiConversation | None:
    with DbSession(engine, expire_on_commit=False) as db:
        return db.get(ApiConversation, digest_)


def link_conversation(engine: Engine, digest_: str, user_id: str, session_id: str) -> None:
    """Remember that the conversation ``digest_`` continues ``session_id`` (replacing a link
    to a session since forgotten)."""
    with transaction(engine) as db:
        row = db.get(ApiConversation, digest_)
        if row is None:
            row = ApiConversation(digest=digest_, user_id=user_id, session_id=session_id)
        row.session_id = session_id
        db.add(row)


def drop_dangling(engine: Engine) -> int:
    """Forget which conversations led to sessions that no longer exist (the link is a digest
    of the conversation's first message: derived from what was forgotten)."""
    with transaction(engine) as db:
        alive = select(Session.id)
        doomed = db.exec(select(ApiConversation)
                         .where(col(ApiConversation.session_id).not_in(alive))).all()
        for row in doomed:
            db.delete(row)
    return len(doomed)
