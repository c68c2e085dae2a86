"""Which files to check: explicit files as given, directories walked recursively."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

SPEC_SUFFIXES = (".yaml", ".yml", ".json")
# Folders that never hold a team's specs. Hidden folders (.git, .venv, ...) are skipped too.
SKIPPED_DIRS = frozenset(
    {
        "node_modules",
        "__pycache__",
        "site-packages",
        "dist-packages",
        "venv",
        "env",
        "build",
        "dist",
    }
)


@dataclass(frozen=True, slots=True)
class Candidate:
    path: str  # to open
    display: str  # to print: relative to the current directory where possible
    explicit: bool  # named on the command line (always checked) or found in a directory


def display_path(path: str) -> str:
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        return absolute
    return absolute if relative.startswith("..") else relative


def _skip_dir(parent: str, name: str) -> bool:
    if name.startswith(".") or name in SKIPPED_DIRS:
        return True
    return os.path.exists(os.path.join(parent, name, "pyvenv.cfg"))  # a virtualenv


Excluded = Callable[[str], bool]  # the configuration's `exclude`: is this file/folder out?


def _never(path: str) -> bool:
    return False


def discover(
    paths: list[str], suffixes: tuple[str, ...] = SPEC_SUFFIXES, excluded: Excluded = _never
) -> Iterator[Candidate]:
    """Candidates in a stable order; raises FileNotFoundError for a path that does not exist.

    `suffixes` are the file names a directory walk picks up (explicit files are always taken).
    `excluded` applies to paths named on the command line too (like ruff's --force-exclude),
    so that a pre-commit hook passing file names respects the configuration.
    """
    for path in paths:
        if os.path.isdir(path):
            if not excluded(path):
                yield from _walk(path, suffixes, excluded)
        elif os.path.exists(path) or os.path.islink(path):
            if not excluded(path):
                yield Candidate(path, display_path(path), explicit=True)
        else:
            raise FileNotFoundError(path)


def _walk(
    root: str, suffixes: tuple[str, ...] = SPEC_SUFFIXES, excluded: Excluded = _never
) -> Iterator[Candidate]:
    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        try:
            stat = os.stat(folder)
        except OSError:
            continue
        if (stat.st_dev, stat.st_ino) in seen:  # a symlink loop
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs[:] = sorted(
            d for d in dirs if not _skip_dir(folder, d) and not excluded(os.path.join(folder, d))
        )
        for name in sorted(files):
            if name.endswith(suffixes):
                path = os.path.join(folder, name)
                if not excluded(path):
                    yield Candidate(path, display_path(path), explicit=False)
