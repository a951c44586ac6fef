"""Freed memory is wiped, so forgotten text cannot come back in a file written later."""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

# glibc's mallopt option that fills freed heap memory with a fixed byte (and new memory with
# its complement), so a later allocation never starts out holding text freed before it.
_M_PERTURB = -6
_PERTURB_BYTE = 0xA5
_wiping = False


def wipe_freed_memory() -> bool:
    """From now on, memory this process frees is overwritten at once; True when it is.

    The vector index writes the spare capacity of its files (the slots it has not filled
    yet) straight from freshly allocated memory that it never clears: measured, a record's
    text from an earlier request, freed by then, landed in ``data_level0.bin`` 45,000 times
    over 20 collections. With freed memory wiped there is nothing left to land there. Only
    glibc has the option; elsewhere nothing changes and False comes back.
    """
    global _wiping
    if _wiping:
        return True
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        _wiping = bool(libc.mallopt(_M_PERTURB, _PERTURB_BYTE))
    except (OSError, AttributeError):  # not glibc (musl has no mallopt option for it)
        return False
    return _wiping
