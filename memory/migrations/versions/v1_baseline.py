"""The first schema: every table as ``SQLModel.metadata.create_all`` made it."""

from __future__ import annotations

revision = "v1"
down_revision = None


def upgrade() -> None:
    pass  # tables are created from the schema itself; later revisions change them
