"""Tree nodes keep their key facts and how they were summarised."""

from __future__ import annotations

import sqlalchemy as sa

from memory.migrations.ops import add_column

revision = "v2"
down_revision = "v1"


def upgrade() -> None:
    add_column("treenode", sa.Column("facts", sa.JSON(), nullable=True))
    add_column("treenode", sa.Column("meta", sa.JSON(), nullable=True))
