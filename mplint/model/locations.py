"""Where a finding's file is, as CI systems want it: relative to the repository root.

GitHub (SARIF upload, workflow annotations) resolves paths against the root of the checkout,
while mplint prints them relative to the current directory. When mplint runs from a
subdirectory the two differ, so machine reports rebase paths onto the repository root (the
nearest parent holding `.git`), falling back to the current directory outside a repository.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path, PurePosixPath


@lru_cache(maxsize=1)
def source_root() -> Path:
    """The repository root containing the current directory, else the current directory."""
    cwd = Path.cwd().resolve()
    for folder in (cwd, *cwd.parents):
        if (folder / ".git").exists():  # a directory, or a file in a worktree/submodule
            return folder
    return cwd


def root_uri() -> str:
    """`file:` URI of the source root, with the trailing slash SARIF requires."""
    uri = source_root().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def relative_to_root(display: str) -> str | None:
    """`display` (a path as mplint prints it) relative to the source root, with forward
    slashes; None when the file is outside the root (or is standard input)."""
    if display in ("-", "<stdin>"):
        return None
    absolute = Path(os.path.abspath(display))
    try:
        relative = absolute.relative_to(source_root())
    except ValueError:
        return None
    return PurePosixPath(*relative.parts).as_posix()


def repository_path(display: str) -> str:
    """The best path to show a CI system: root-relative where possible, else as given."""
    return relative_to_root(display) or display.replace(os.sep, "/")
