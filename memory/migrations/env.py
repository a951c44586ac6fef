"""Alembic's entry point: run the revisions on the connection ``memory.migrations`` gives."""

from __future__ import annotations

from alembic import context

context.configure(connection=context.config.attributes["connection"], target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
