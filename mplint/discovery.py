"""Which files to check: explicit files as given, directories walked recursively.

The walk never follows a symbolic link to a folder (the folder is checked where it lives, and
no loop can form), reports a folder it cannot list instead of skipping it silently, and
yields files whatever they turn out to be: reading decides (a FIFO is skipped, a broken link
or a file removed meanwhile is reported).
"""

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
    error: str = ""  # set for a folder that could not be listed: reported as MP007


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
    """Files under `root`, depth first, each folder's files before its subfolders, sorted."""
    seen: set[tuple[int, int]] = set()  # bind mounts can still make a folder appear twice
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            yield Candidate(folder, display_path(folder), False, f"cannot read folder: {reason}")
            continue
        subfolders = []
        for entry in entries:
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:  # removed meanwhile: reading it reports that
                is_folder = False
            if is_folder:
                if not _skip_dir(folder, entry.name) and not excluded(entry.path):
                    subfolders.append(entry.path)
            elif (
                entry.name.endswith(suffixes)
                and not _is_linked_folder(entry)
                and not excluded(entry.path)
            ):
                yield Candidate(entry.path, display_path(entry.path), explicit=False)
        stack.extend(reversed(subfolders))


def _is_linked_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink() and entry.is_dir()
    except OSError:
        return False
