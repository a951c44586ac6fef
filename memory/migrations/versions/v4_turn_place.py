"""Turns are looked up by their place in a session."""

from __future__ import annotations

from memory.migrations.ops import create_index

revision = "v4"
down_revision = "v3"


def upgrade() -> None:
    create_index("ix_turn_session_seq", "turn", ["session_id", "seq"])
