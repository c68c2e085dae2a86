"""Run a check over many paths: discover candidates, check each file, collect reports."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator

from mplint import discovery
from mplint.config import Settings
from mplint.engine import FileReport, Linter

STDIN = "-"


def suffixes(settings: Settings) -> tuple[str, ...]:
    """The file names a directory scan reads: Python files only when asked for."""
    if settings.source == "python":
        return (".py",)
    return discovery.SPEC_SUFFIXES + ((".py",) if settings.python else ())


def run(
    paths: list[str],
    settings: Settings,
    *,
    stdin: bytes | None = None,
    stdin_name: str = "<stdin>",
    skip_non_specs: bool = False,
) -> tuple[Linter, list[FileReport]]:
    """Check every candidate under `paths` (the configuration's `include` when empty); the
    path `-` is `stdin` (bytes), shown as `stdin_name`.

    Files named in `paths` are always checked as specs, unless `skip_non_specs`: then they
    are treated like files found in a directory, and skipped quietly when they are not model
    package specs (what a pre-commit hook that receives every YAML file wants).

    Raises ConfigError for a bad configuration and FileNotFoundError for a missing path,
    before any file is checked.
    """
    linter = Linter(settings)
    named = [path for path in paths if path != STDIN]
    only_stdin = STDIN in paths and not named
    candidates = [] if only_stdin else list(candidates_for(named, settings))
    reports = [
        linter.check_candidate(c, explicit=c.explicit and not skip_non_specs) for c in candidates
    ]
    if STDIN in paths:
        reports.append(linter.check_bytes(stdin or b"", stdin_name, explicit=True))
    return linter, reports


def candidates_for(paths: list[str], settings: Settings) -> Iterator[discovery.Candidate]:
    excluded = settings.excluded if settings.exclude else discovery._never
    if paths:
        yield from discovery.discover(paths, suffixes(settings), excluded)
        return
    seen: set[str] = set()
    for candidate in _included(settings.include, suffixes(settings), excluded):
        key = os.path.realpath(candidate.path)
        if key not in seen:  # include patterns may overlap
            seen.add(key)
            yield candidate


def _included(
    patterns: list[str], names: tuple[str, ...], excluded: discovery.Excluded
) -> Iterator[discovery.Candidate]:
    for pattern in patterns:
        if not glob.has_magic(pattern):
            yield from discovery.discover([_shown(pattern)], names, excluded)
            continue
        # Files a glob names are read like files found in a folder: only specs count.
        for match in sorted(glob.glob(pattern, recursive=True)):
            if os.path.isdir(match):
                yield from discovery.discover([_shown(match)], names, excluded)
            elif match.endswith(names) and not excluded(match):
                path = _shown(match)
                yield discovery.Candidate(path, discovery.display_path(path), explicit=False)


def _shown(path: str) -> str:
    """Relative to the current directory when under it, so that reports print short paths."""
    return discovery.display_path(path) if os.path.isabs(path) else path
