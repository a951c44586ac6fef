"""Operations revisions share: each safe on a database that already has what it adds (a
table created whole from the newer schema has its columns and indexes already)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


def _columns(table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}


def _indexes(table: str) -> dict[str, bool]:
    """Index name -> unique."""
    return {str(i["name"]): bool(i.get("unique")) for i in
            sa.inspect(op.get_bind()).get_indexes(table)}


def add_column(table: str, column: sa.Column[object]) -> None:
    if column.name not in _columns(table):
        op.add_column(table, column)


def create_index(name: str, table: str, columns: list[str], unique: bool = False) -> None:
    """The index, made anew when it is missing or differs in uniqueness."""
    found = _indexes(table)
    if name in found and found[name] == unique:
        return
    if name in found:
        op.drop_index(name, table_name=table)
    op.create_index(name, table, columns, unique=unique)
