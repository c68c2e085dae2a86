"""Read at most a limit from a file or stream, without allocating the limit.

`handle.read(limit + 1)` asks Python for a buffer of the full size up front: a limit of 100G
(`--max-file-size`) is a MemoryError for every file, even a tiny one. Reading in blocks costs
one call for any file under a block.
"""

from __future__ import annotations

from typing import BinaryIO

BLOCK = 1 << 20


def read_at_most(handle: BinaryIO, limit: int) -> bytes:
    """Up to `limit` + 1 bytes of `handle` (one more than allowed tells a reader it is over)."""
    wanted = limit + 1
    first = handle.read(min(wanted, BLOCK))
    if len(first) < min(wanted, BLOCK) or len(first) == wanted:
        return first
    blocks = [first]
    size = len(first)
    while size < wanted:
        block = handle.read(min(wanted - size, BLOCK))
        if not block:
            break
        blocks.append(block)
        size += len(block)
    return b"".join(blocks)
