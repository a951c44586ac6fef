"""Memory items have a confidence; instructions keep their words, domain and history."""

from __future__ import annotations

import sqlalchemy as sa

from memory.migrations.ops import add_column

revision = "v3"
down_revision = "v2"


def upgrade() -> None:
    add_column("memoryitem", sa.Column("confidence", sa.Float(), nullable=False,
                                       server_default="1.0"))
    for name, default in (("text", ""), ("condition_kind", "always"), ("domain", ""),
                          ("trigger_text", "")):
        add_column("standinginstruction", sa.Column(name, sa.String(), nullable=False,
                                                    server_default=default))
    add_column("standinginstruction", sa.Column("replaced_by", sa.String(), nullable=True))
    add_column("standinginstruction", sa.Column("history", sa.JSON(), nullable=True))
