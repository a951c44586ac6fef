"""After a forget, the bytes go too: logs and freed space of every store are emptied.

Deleting rows is not enough for "forget": SQLite keeps old page copies in its write-ahead
log until a checkpoint, Chroma keeps every write in its own log, and freed space in a file
keeps old bytes unless overwritten. Measured before this existed: a forgotten session's text
was still on disk 5 times in Chroma's log and in the FTS5 segments of tacit.db.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from memory.db import flush_log
from memory.facade import Memory
from memory.keys import drop_dangling


def erase_leftovers(memory: Memory, checkpoints: Any = None) -> None:
    """Empty the write-ahead logs and freed space that may still hold forgotten text.

    ``checkpoints`` is the conversation checkpointer's SQLite connection, when there is one
    (its log holds the recalled text of past turns).
    """
    drop_dangling(memory.engine)
    flush_log(memory.engine)
    memory.vectors.settle()
    if isinstance(checkpoints, sqlite3.Connection):
        checkpoints.execute("PRAGMA wal_checkpoint(TRUNCATE)")
