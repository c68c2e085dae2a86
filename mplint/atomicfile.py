"""Replace a file whole, or not at all, and never write through a link.

Reports (`-o`) and baselines are written to a new temporary file in the target's folder and
renamed over the target: an interrupted or failed write leaves the previous file whole, and a
symbolic link at the target's name (one committed by a pull request can point anywhere the
runner may write) is replaced by the file instead of being followed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from typing import TextIO


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def replace(path: str, write: Callable[[TextIO], object]) -> None:
    """Call `write` with a text stream (UTF-8) whose content becomes the file `path` at once.
    The folder is created if missing. Raises OSError."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".mplint-", suffix=".tmp", dir=folder)
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # what open() would have given a new file
        with open(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
            write(handle)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def check_writable(path: str) -> None:
    """Raise OSError now when `path` could not be replaced at the end of a run: its folder
    cannot be created or written, or the name is a folder."""
    if os.path.isdir(path) and not os.path.islink(path):
        raise IsADirectoryError(21, "Is a directory", path)
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".mplint-", suffix=".tmp", dir=folder)
    os.close(fd)
    os.unlink(temporary)
