"""Run a check over many paths: discover candidates, check each file, collect reports.

Files already in the cache are answered in this process. The others are checked here when
there are few of them, else spread over worker processes (each builds its Linter once) in
chunks; results come back in the order of discovery, so the output does not depend on the
number of jobs. Workers re-read the file they check and keep nothing but its report.
"""

from __future__ import annotations

import dataclasses
import glob
import os
import stat
from collections.abc import Iterator
from typing import TYPE_CHECKING

from mplint import discovery
from mplint.config import Settings
from mplint.engine import FileReport, Linter

if TYPE_CHECKING:
    from mplint.cache import Cache
    from mplint.discovery import Candidate

# Starting a worker and building its Linter costs about as much as checking a dozen files;
# below this many files per worker, one process is faster.
MIN_FILES_PER_WORKER = 32

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
    jobs: int | None = 1,
    cache: Cache | None = None,
) -> tuple[Linter, list[FileReport]]:
    """Check every candidate under `paths` (the configuration's `include` when empty); the
    path `-` is `stdin` (bytes), shown as `stdin_name`.

    Files named in `paths` are always checked as specs, unless `skip_non_specs`: then they
    are treated like files found in a directory, and skipped quietly when they are not model
    package specs (what a pre-commit hook that receives every YAML file wants).

    Up to `jobs` processes check the files (None: one per CPU); `cache` answers unchanged ones.

    Raises ConfigError for a bad configuration and FileNotFoundError for a missing path,
    before any file is checked.
    """
    linter = Linter(settings)
    named = [path for path in paths if path != STDIN]
    only_stdin = STDIN in paths and not named
    candidates = [] if only_stdin else list(candidates_for(named, settings))
    if skip_non_specs:
        candidates = [dataclasses.replace(c, explicit=False) for c in candidates]
    reports = check_all(linter, candidates, jobs=jobs, cache=cache)
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


def default_jobs() -> int:
    """The number of CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def worker_count(files: int, jobs: int) -> int:
    """How many processes to use for `files` files when `jobs` are allowed."""
    return max(1, min(jobs, files // MIN_FILES_PER_WORKER))


def check_all(
    linter: Linter, candidates: list[Candidate], *, jobs: int | None = 1, cache: Cache | None = None
) -> list[FileReport]:
    """The reports of `candidates`, in their order, whatever the number of jobs."""
    reports: list[FileReport | None] = [None] * len(candidates)
    pending: list[int] = []
    for i, candidate in enumerate(candidates):
        hit = _cached(linter, cache, candidate)
        if hit is None:
            pending.append(i)
        else:
            reports[i] = hit
    workers = worker_count(len(pending), default_jobs() if jobs is None else jobs)
    todo = [candidates[i] for i in pending]
    if workers == 1:
        done = [check_candidate(linter, cache, c) for c in todo]
    else:
        done = _parallel(todo, linter.settings, cache, workers)
    for i, report in zip(pending, done, strict=True):
        reports[i] = report
    return reports  # type: ignore[return-value]


def check_candidate(linter: Linter, cache: Cache | None, candidate: Candidate) -> FileReport:
    """One file's report, from the cache when its bytes and the run's settings are known."""
    cacheable = cache is not None and not candidate.error
    raw = _read_regular(candidate.path, linter.max_bytes) if cacheable else None
    if raw is None:  # no cache, or not a plain readable file: the engine reports it its way
        return linter.check_candidate(candidate)
    key = cache.key(raw, candidate.display, candidate.explicit)  # type: ignore[union-attr]
    report = cache.get(key, candidate.display)  # type: ignore[union-attr]
    if report is None:
        report = linter.check_bytes(raw, candidate.display, explicit=candidate.explicit)
        if report.status != "error":
            cache.put(key, report)  # type: ignore[union-attr]
    return report


def _cached(linter: Linter, cache: Cache | None, candidate: Candidate) -> FileReport | None:
    if cache is None or candidate.error:
        return None
    raw = _read_regular(candidate.path, linter.max_bytes)
    if raw is None:
        return None
    return cache.get(cache.key(raw, candidate.display, candidate.explicit), candidate.display)


def _read_regular(path: str, limit: int) -> bytes | None:
    """The bytes of a regular file of acceptable size; None for anything else."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError:
        return None
    return raw if len(raw) <= limit else None


# --- worker processes ---------------------------------------------------------------------

_worker_linter: Linter | None = None
_worker_cache: Cache | None = None


def _init_worker(settings: Settings, cache: Cache | None) -> None:
    import signal

    global _worker_linter, _worker_cache
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, once
    _worker_linter = Linter(settings)
    _worker_cache = cache


def _check_in_worker(candidate: Candidate) -> FileReport:
    assert _worker_linter is not None
    return check_candidate(_worker_linter, _worker_cache, candidate)


def _parallel(
    candidates: list[Candidate], settings: Settings, cache: Cache | None, workers: int
) -> list[FileReport]:
    import multiprocessing

    # fork starts a worker in milliseconds with mplint already imported; elsewhere spawn.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # Several chunks per worker balance uneven files; large chunks keep pickling cheap.
    chunk = max(1, min(64, len(candidates) // (workers * 8)))
    with context.Pool(workers, _init_worker, (settings, cache)) as pool:
        return list(pool.imap(_check_in_worker, candidates, chunksize=chunk))
