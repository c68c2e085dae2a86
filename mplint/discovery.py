"""Which files to check: explicit files as given, directories walked recursively.

The walk never follows a symbolic link to a folder (the folder is checked where it lives, and
no loop can form), never reads through a file link that resolves outside the walked folder (a
link committed next to the specs could point at a file of secrets, and messages quote
values; it is reported as skipped, which -v shows), reports a folder it cannot list instead of skipping it silently, and
yields files whatever they turn out to be: reading decides (a FIFO is skipped, a broken link
or a file removed meanwhile is reported).

Candidates come in the order of their display paths, the order reports are printed in, so a
run streams: each report can be written as soon as its file is checked.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Callable, Iterable, Iterator
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
    error: str = ""  # set for a folder that could not be listed: reported as unreadable-file
    skipped: str = ""  # set for a file that is not read: why (shown with -v)


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
    """Candidates in the order of their display paths (the order reports are printed in), so
    that a run can stream its reports; two equal display paths keep the order of `paths`.

    Raises FileNotFoundError for a path that does not exist, at once, before any folder is
    listed. `suffixes` are the file names a directory walk picks up (explicit files are
    always taken). `excluded` applies to paths named on the command line too (like ruff's
    --force-exclude), so that a pre-commit hook passing file names respects the configuration.
    """
    return merge([stream(path, suffixes, excluded) for path in paths])


# A stream of candidates sorted by display path, none below `bound`, produced on demand.
Stream = tuple[str, Callable[[], Iterable[Candidate]]]


def stream(path: str, suffixes: tuple[str, ...], excluded: Excluded = _never) -> Stream:
    """The candidates of one named path; raises FileNotFoundError now if it does not exist."""
    if os.path.isdir(path):
        if excluded(path):
            return "", tuple
        bound, in_order = _walk_bound(path)
        if in_order:
            return bound, lambda: _walk(path, suffixes, excluded)
        # Rare: the current directory is inside `path`, so the files under it are shown
        # relative and the others absolute, and no walk yields them in order; sort this one.
        return bound, lambda: sorted(_walk(path, suffixes, excluded), key=_display)
    if os.path.exists(path) or os.path.islink(path):
        if excluded(path):
            return "", tuple
        candidate = Candidate(path, display_path(path), explicit=True)
        return candidate.display, lambda: (candidate,)
    raise FileNotFoundError(path)


def _display(candidate: Candidate) -> str:
    return candidate.display


def _walk_bound(folder: str) -> tuple[str, bool]:
    """The least display path under `folder`, and whether a walk yields them in order."""
    absolute, cwd = os.path.abspath(folder), os.getcwd()
    if absolute == cwd:
        return "", True  # its files are shown as bare names
    try:
        holds_cwd = os.path.commonpath([absolute, cwd]) == absolute
    except ValueError:  # another drive on Windows
        holds_cwd = False
    return ("", False) if holds_cwd else (display_path(folder), True)


def merge(streams: list[Stream]) -> Iterator[Candidate]:
    """The candidates of `streams`, each sorted by display path, in one sorted sequence;
    equal display paths keep the order of their streams. A stream starts (its folder is
    listed) only when the output reaches its bound, so that many streams cost little."""
    pending = sorted(range(len(streams)), key=lambda i: (streams[i][0], i))
    pending.reverse()  # popped from the end, least first
    heap: list[tuple[str, int, Candidate, Iterator[Candidate]]] = []
    while heap or pending:
        while pending and (not heap or (streams[pending[-1]][0], pending[-1]) < heap[0][:2]):
            index = pending.pop()
            candidates = iter(streams[index][1]())
            first = next(candidates, None)
            if first is not None:
                heapq.heappush(heap, (first.display, index, first, candidates))
        if not heap:
            continue
        _, index, candidate, candidates = heap[0]
        yield candidate
        following = next(candidates, None)
        if following is None:
            heapq.heappop(heap)
        else:
            heapq.heapreplace(heap, (following.display, index, following, candidates))


def _walk(
    root: str, suffixes: tuple[str, ...] = SPEC_SUFFIXES, excluded: Excluded = _never
) -> Iterator[Candidate]:
    """Files under `root`, sorted by display path: a folder's entries in the order of their
    display paths, a subfolder where its path plus a separator sorts (`a.yaml` before
    `a/x.yaml`, as a sort of all paths puts them) and walked when its turn comes, and a
    folder that cannot be listed reported where its own path sorts. Memory holds the
    listings of the folders on the current path only."""
    seen: set[tuple[int, int]] = set()  # bind mounts can still make a folder appear twice
    problem = _enter(root, seen)
    if problem is not None:
        if problem:
            yield _unreadable(root, display_path(root), problem)
        return
    inside = os.path.realpath(root)
    listing = _list(root, suffixes, excluded, seen, inside)
    if isinstance(listing, str):
        yield _unreadable(root, display_path(root), listing)
        return
    stack = [iter(listing)]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
            continue
        _, kind, path, display, reason = item
        if kind == _FILE:
            yield Candidate(path, display, explicit=False)
        elif kind == _OUTSIDE:
            yield Candidate(path, display, False, skipped=reason)
        elif kind == _UNREADABLE:
            yield _unreadable(path, display, reason)
        else:
            listing = _list(path, suffixes, excluded, seen, inside)
            if isinstance(listing, str):  # it could be opened a moment ago
                yield _unreadable(path, display, listing)
            else:
                stack.append(iter(listing))


_FILE, _FOLDER, _UNREADABLE, _OUTSIDE = 0, 1, 2, 3
# (sort key, kind, path, display path, why it cannot be read)
_Item = tuple[str, int, str, str, str]


def _unreadable(path: str, display: str, reason: str) -> Candidate:
    return Candidate(path, display, False, f"cannot read folder: {reason}")


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _enter(folder: str, seen: set[tuple[int, int]]) -> str | None:
    """None when `folder` can be listed and was not seen yet; "" when it was seen; else why
    it cannot be read. Opening it now lets an unreadable folder sort as itself."""
    try:
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in seen:
            return ""
        seen.add((info.st_dev, info.st_ino))
        os.scandir(folder).close()
    except OSError as exc:
        return _reason(exc)
    return None


def _list(
    folder: str,
    suffixes: tuple[str, ...],
    excluded: Excluded,
    seen: set[tuple[int, int]],
    inside: str,
) -> list[_Item] | str:
    """The entries of `folder` to visit, sorted; or why it cannot be listed. `inside` is the
    real path of the walked root: a file link resolving elsewhere is not read."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError as exc:
        return _reason(exc)
    items: list[_Item] = []
    for entry in entries:
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
        except OSError:  # removed meanwhile: reading it reports that
            is_folder = False
        if is_folder:
            if _skip_dir(folder, entry.name) or excluded(entry.path):
                continue
            display = display_path(entry.path)
            problem = _enter(entry.path, seen)
            if problem is None:
                items.append((display + os.sep, _FOLDER, entry.path, display, ""))
            elif problem:
                items.append((display, _UNREADABLE, entry.path, display, problem))
        elif (
            entry.name.endswith(suffixes)
            and not _is_linked_folder(entry)
            and not excluded(entry.path)
        ):
            display = display_path(entry.path)
            outside = _leaves(entry, inside)
            if outside:
                items.append((display, _OUTSIDE, entry.path, display, outside))
            else:
                items.append((display, _FILE, entry.path, display, ""))
    items.sort()
    return items


def within(path: str, root: str) -> bool:
    """Whether the real path `path` lies in the real folder `root`."""
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # another drive on Windows
        return False


def _leaves(entry: os.DirEntry, inside: str) -> str:
    """Why a file link is not read (it resolves outside the walked folder), else ""."""
    try:
        if not entry.is_symlink():
            return ""
    except OSError:
        return ""
    target = os.path.realpath(entry.path)
    if within(target, inside):
        return ""
    return "a link to a file outside the checked folder; not read"


def _is_linked_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink() and entry.is_dir()
    except OSError:
        return False


def expand_glob(pattern: str) -> tuple[list[str], str]:
    """The paths an `include` glob names (`specs/**/*.yaml`), sorted, and the real path of its
    literal start (`specs`). Like glob.glob(recursive=True), `*` skips hidden names; unlike
    it, no folder link is followed (two links to `.` would make it endless), and a folder is
    visited once per pattern part however many `**` could reach it, so the cost stays linear
    in the size of the tree."""
    import fnmatch
    import glob as stdlib_glob

    parts = pattern.replace(os.sep, "/").split("/")
    literal = 0
    while literal < len(parts) - 1 and not stdlib_glob.has_magic(parts[literal]):
        literal += 1
    base = "/".join(parts[:literal]) or ("/" if pattern.startswith("/") else "")
    rest = [p for p in parts[literal:] if p]
    found: set[str] = set()
    visited: set[tuple[int, int, int]] = set()

    def visit(folder: str, index: int, deeper: bool = False) -> None:
        try:
            info = os.stat(folder or ".")
        except OSError:
            return
        if (info.st_dev, info.st_ino, index) in visited:
            return
        visited.add((info.st_dev, info.st_ino, index))
        if index == len(rest):
            found.add(folder)
            return
        part = rest[index]
        last = index + 1 == len(rest)
        if part == "**":
            if last:  # a trailing `**` names the folder itself and everything under it
                if folder and not deeper:
                    found.add(os.path.join(folder, ""))
            else:
                visit(folder, index + 1)  # no folder at all
        try:
            with os.scandir(folder or ".") as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith(".") and not part.startswith("."):
                continue
            path = os.path.join(folder, entry.name) if folder else entry.name
            try:
                real_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                real_folder = False
            if part == "**":
                if last and not _is_linked_folder(entry):
                    found.add(path)
                if real_folder:
                    visit(path, index, True)  # `**` takes this folder and may take more
            elif fnmatch.fnmatchcase(entry.name, part):
                if last:
                    if not _is_linked_folder(entry):
                        found.add(path)
                elif real_folder:
                    visit(path, index + 1)

    if not base or os.path.isdir(base):
        visit(base, 0)
    return sorted(found), os.path.realpath(base or ".")
