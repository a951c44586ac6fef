"""Conversation checkpoints are indexed by the memory ids they hold, per user.

Forgetting a memory finds the conversations whose checkpoints hold it with one lookup,
instead of reading every user's checkpoints.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "v6"
down_revision = "v5"


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("threadref"):
        return  # created whole from the schema
    op.create_table(
        "threadref",
        sa.Column("thread_id", sa.String(), primary_key=True),
        sa.Column("memory_id", sa.String(), primary_key=True),
        sa.Column("user_id", sa.String(), nullable=False),
        sa.Column("session_id", sa.String(), nullable=False, server_default=""),
    )
    op.create_index("ix_threadref_user_memory", "threadref", ["user_id", "memory_id"])
