"""On PostgreSQL, the lexical index is a table of ``tsvector`` words under a GIN index.

A PostgreSQL database made before it had no word search: its turns and current memory items
are indexed here from their SQL rows, as they are when stored. On SQLite the index is FTS5's
virtual table, made at every open (``memory.db``): nothing to do.
"""

from __future__ import annotations

from alembic import op

revision = "v7"
down_revision = "v6"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from memory.lexical_pg import CONFIG, DDL
    from memory.records import turn_text

    for statement in DDL:
        op.execute(statement)
    if bind.exec_driver_sql("SELECT 1 FROM lexical LIMIT 1").first() is not None:
        return  # indexed already
    rows = [(tid, uid, "turn", turn_text(u, r)) for tid, uid, u, r in bind.exec_driver_sql(
        "SELECT id, user_id, user_text, reply_text FROM turn")]
    rows += [tuple(row) for row in bind.exec_driver_sql(
        "SELECT id, user_id, kind, text FROM memoryitem "
        "WHERE valid_to IS NULL AND kind != 'sensitive'")]
    if rows:
        bind.exec_driver_sql(
            "INSERT INTO lexical(doc_id, user_id, kind, words) "
            f"VALUES (%s, %s, %s, to_tsvector('{CONFIG}', %s))", rows)
