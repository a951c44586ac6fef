"""Turns keep a footer apart from the reply, and no two turns share a place in a session.

Turns stored at the same moment could share a place: every session's turns are numbered
again by time before the place is made unique.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from memory.migrations.ops import add_column, create_index

revision = "v5"
down_revision = "v4"


def upgrade() -> None:
    add_column("turn", sa.Column("footer", sa.String(), nullable=False, server_default=""))
    op.execute(
        "UPDATE turn SET seq = (SELECT count(*) FROM turn AS t WHERE t.session_id = "
        "turn.session_id AND (t.created_at < turn.created_at OR (t.created_at = "
        "turn.created_at AND t.id <= turn.id)))")
    create_index("ix_turn_session_seq", "turn", ["session_id", "seq"], unique=True)
