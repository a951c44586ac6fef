"""The SQL schema: the source of truth for everything Tacit remembers.

Every row that belongs to a person carries ``user_id``; every query filters on it.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

SCHEMA_VERSION = 6  # the last legacy number; revisions are Alembic's (memory/migrations)
MEMORY_KINDS = ("fact", "preference", "instruction", "episode", "sensitive")


def now() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return uuid.uuid4().hex


class SchemaInfo(SQLModel, table=True):
    """One row: the schema version this database was last migrated to."""

    id: int = Field(default=1, primary_key=True)
    version: int


class User(SQLModel, table=True):
    id: str = Field(primary_key=True)
    created_at: datetime = Field(default_factory=now)


class Session(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True)
    user_id: str = Field(index=True, foreign_key="user.id")
    title: str = ""
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now, index=True)
    closed_at: datetime | None = None


class Turn(SQLModel, table=True):
    """One exchange: what the user said, what Tacit replied, and why (the trace)."""

    # Recall looks turns up by their place in a session (the turns around a hit); unique, so
    # two turns stored at once can never take the same place.
    __table_args__ = (Index("ix_turn_session_seq", "session_id", "seq", unique=True),)

    id: str = Field(default_factory=new_id, primary_key=True)
    user_id: str = Field(index=True, foreign_key="user.id")
    session_id: str = Field(index=True, foreign_key="session.id")
    seq: int
    user_text: str
    reply_text: str
    created_at: datetime = Field(default_factory=now, index=True)
    trace: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    # Shown under the reply, never part of it: what was assumed, what was noted. Kept apart so
    # recall and the recent turns never hand Tacit's own notes back to the model.
    footer: str = ""


class MemoryItem(SQLModel, table=True):
    """A remembered fact, preference, instruction, episode or sensitive detail."""

    id: str = Field(default_factory=new_id, primary_key=True)
    user_id: str = Field(index=True, foreign_key="user.id")
    kind: str = Field(index=True)
    text: str
    valid_from: datetime = Field(default_factory=now)
    valid_to: datetime | None = Field(default=None, index=True)
    provenance: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    superseded_by: str | None = None
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)
    # How sure Tacit is: 1.0 when the user said it outright, lower when inferred from a choice.
    confidence: float = 1.0


class StandingInstruction(SQLModel, table=True):
    """A rule the user set once: when ``condition`` holds (or always), do ``action``."""

    id: str = Field(default_factory=new_id, primary_key=True)
    user_id: str = Field(index=True, foreign_key="user.id")
    condition: str = ""
    action: str
    scope: str = "all"
    priority: int = 0
    enabled: bool = True
    source_turn_id: str | None = None
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)
    text: str = ""                      # the instruction in the user's words
    condition_kind: str = "always"      # always | domain | detail | trigger
    domain: str = ""                    # the domains it is conditioned on, comma-separated
    trigger_text: str = ""              # a free-text condition
    replaced_by: str | None = None      # the newer instruction that took its place
    history: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON))


class ProfileAttribute(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True)
    user_id: str = Field(index=True, foreign_key="user.id")
    domain: str = "general"
    name: str
    value: str
    confidence: float = 0.5
    source: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    updated_at: datetime = Field(default_factory=now)


class TreeNode(SQLModel, table=True):
    """A node of the memory tree: level 0 turns ... level 3 the user root."""

    id: str = Field(default_factory=new_id, primary_key=True)
    user_id: str = Field(index=True, foreign_key="user.id")
    level: int = Field(index=True)
    parent_id: str | None = Field(default=None, index=True)
    summary: str = ""
    children: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    source_turn_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    start_at: datetime | None = None
    end_at: datetime | None = None
    updated_at: datetime = Field(default_factory=now)
    # Key facts of the node (level 1: what the session established) and how it was made
    # (summary method, summarizer failures, session id): added in schema version 2.
    facts: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    meta: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))


class AuditEntry(SQLModel, table=True):
    """What happened to a user's records: added, updated, deleted, forgotten, exported."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: str = Field(index=True)
    at: datetime = Field(default_factory=now)
    action: str
    target_kind: str
    target_id: str = Field(index=True)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))


class ApiKey(SQLModel, table=True):
    """A key that lets one person's clients talk to ``tacit serve``; only its hash is kept."""

    id: str = Field(default_factory=new_id, primary_key=True)
    user_id: str = Field(index=True)
    key_hash: str = Field(index=True, unique=True)
    shown: str = ""                     # the key's first characters, to tell keys apart
    created_at: datetime = Field(default_factory=now)
    revoked_at: datetime | None = None


class ApiConversation(SQLModel, table=True):
    """Which session an HTTP conversation continues: clients that resend the whole history
    are recognised by their key and first message."""

    digest: str = Field(primary_key=True)
    user_id: str = Field(index=True)
    session_id: str


class ThreadRef(SQLModel, table=True):
    """A memory id that a conversation's checkpoints hold: forgetting the memory finds the
    conversations to purge by this index, per user, without reading any checkpoint."""

    __table_args__ = (Index("ix_threadref_user_memory", "user_id", "memory_id"),)

    thread_id: str = Field(primary_key=True)
    memory_id: str = Field(primary_key=True)
    user_id: str
    session_id: str = ""
