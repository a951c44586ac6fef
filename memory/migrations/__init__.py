"""Schema migrations (Alembic): how a database made by an older Tacit is brought up to date.

``upgrade`` runs at every open. Tables the schema has and the database lacks are created
first (as they always were); then each revision after the database's own runs in order.
Revisions use Alembic's operations, not one database's SQL, so they run on PostgreSQL as on
SQLite. A database made before migrations were Alembic's names its version in ``schemainfo``:
it is stamped with the matching revision (``v1`` ... ``v5``) and upgraded from there.

To change the schema: change ``memory/schema.py``, add a revision to ``versions/`` whose
``down_revision`` is the current ``HEAD``, and make ``HEAD`` name it (a test checks both).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

if TYPE_CHECKING:
    from alembic.config import Config

HEAD = "v7"
HERE = Path(__file__).resolve().parent


def current(conn: Connection) -> str | None:
    """The revision the database is at, or None when it has never been stamped."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    found = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return str(found) if found else None


def upgrade(engine: Engine) -> None:
    """Bring the database to ``HEAD`` (a new one is created at it)."""
    with engine.begin() as conn:
        SQLModel.metadata.create_all(conn)
        at = current(conn)
        if at == HEAD:
            return  # the common case, without loading Alembic
        from alembic import command

        config = _config(conn)
        if at is None:
            command.stamp(config, _legacy_revision(conn))
        command.upgrade(config, "head")


def _legacy_revision(conn: Connection) -> str:
    """The revision of a database from before Alembic: its ``schemainfo`` version (a database
    with no version row is new, and already has every table at its newest)."""
    version = conn.execute(text("SELECT version FROM schemainfo WHERE id = 1")).scalar()
    return f"v{int(version)}" if version else HEAD


def _config(conn: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(HERE))
    config.attributes["connection"] = conn
    return config
