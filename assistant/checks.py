"""What text Tacit can store: the one check every edge (CLI, HTTP, import) applies to input.

SQLite, the tokenizers and the vector store all take UTF-8; a Python string can still hold a
lone surrogate (from a JSON escape such as ``\\ud800``, or a file name that is not UTF-8) and
NUL bytes cut strings short in C code and file paths. Both are refused where they come in,
with the place named, rather than failing deep inside a store.
"""

from __future__ import annotations

import re
from typing import Any

MAX_INT = 2**63 - 1  # the largest integer SQLite stores
# One scan in C: a character at a time in Python took half a second on a 200 KB paste.
_SURROGATE = re.compile("[\ud800-\udfff]")


def unstorable(text: str) -> str | None:
    """Why ``text`` cannot be stored, or None when it can."""
    if "\x00" in text:
        return "a NUL byte"
    if _SURROGATE.search(text):
        return "text that is not valid UTF-8 (a lone surrogate)"
    return None


def first_unstorable(data: Any, where: str = "") -> tuple[str, str] | None:
    """The first string (keys too) or integer in nested JSON data that cannot be stored:
    (where it is, why), or None."""
    stack: list[tuple[str, Any]] = [(where, data)]
    while stack:
        place, value = stack.pop()
        if isinstance(value, str):
            reason = unstorable(value)
            if reason:
                return place or "the text", reason
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int) and abs(value) > MAX_INT:
            return place or "a number", "a number too large to store"
        elif isinstance(value, dict):
            for key, item in reversed(list(value.items())):
                reason = unstorable(str(key))
                if reason:
                    return f"{place} key", reason
                stack.append((f"{place}.{key}" if place else str(key), item))
        elif isinstance(value, list):
            stack.extend((f"{place}[{n}]", item) for n, item in reversed(list(enumerate(value))))
    return None
