"""Fixing files: bytes in and out in the file's own encoding, written atomically.

The text is decoded as the checker decodes it (mplint/parsing/decoding.py) and encoded back the same
way: UTF-8, UTF-16 or UTF-32, with the byte order mark the file had. A file is replaced by
writing a temporary file in the same folder and renaming it over the original, so a reader
never sees half a file and an interrupted run leaves the original intact.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat

from mplint.parsing import decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(raw: bytes) -> str | None:
    """The text of a file's bytes, or None when the checker could not read them either."""
    decoded = decoding.decode(raw)
    return None if decoded.error else decoded.text


def encode_like(raw: bytes, text: str) -> bytes:
    """`text` encoded as `raw` was: the same byte order mark and encoding."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return bom + text.encode(codec)
    return text.encode("utf-8")


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file at `path` (the target of a symbolic link) with `data`, keeping its
    permission bits."""
    import tempfile  # only when a file is written (it imports random, hashlib...)

    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    mode = stat.S_IMODE(os.stat(target).st_mode)
    fd, temporary = tempfile.mkstemp(prefix=".mplint-fix-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
