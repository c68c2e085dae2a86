"""Run a check over many paths: discover candidates, check each file, stream the reports.

Reports come out one at a time, in the order of their display paths (the order discovery
yields candidates in), whatever the number of jobs, so a reporter can write each as it
comes and nothing in a run grows with the number of files. With several jobs, worker
processes (each builds its Linter once) check the files in chunks, answering cache hits
themselves; an ordered `imap` over the candidate stream keeps only what its pipes hold in
flight. Workers re-read the file they check and keep nothing but its report.
"""

from __future__ import annotations

import dataclasses
import glob
import heapq
import itertools
import os
import stat
from collections.abc import Generator, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from mplint import discovery
from mplint.config import Settings
from mplint.engine import Linter
from mplint.model import FileReport
from mplint.reading import read_at_most
from mplint.textsafety import safe_report

if TYPE_CHECKING:
    from mplint.cache import Cache
    from mplint.discovery import Candidate

# Starting a worker and building its Linter costs about as much as checking a dozen files;
# below this many files per worker, one process is faster.
MIN_FILES_PER_WORKER = 32
MAX_CHUNK = 64  # files sent to a worker at once: large enough to keep pickling cheap

STDIN = "-"


def suffixes(settings: Settings) -> tuple[str, ...]:
    """The file names a directory scan reads: Python files only when asked for."""
    if settings.source == "python":
        return (".py",)
    return discovery.SPEC_SUFFIXES + ((".py",) if settings.python else ())


def stream(
    paths: list[str],
    settings: Settings,
    *,
    stdin: bytes | None = None,
    stdin_name: str = "<stdin>",
    skip_non_specs: bool = False,
    jobs: int | None = 1,
    cache: Cache | None = None,
) -> tuple[Linter, Iterator[FileReport]]:
    """Check every candidate under `paths` (the configuration's `include` when empty); the
    path `-` is `stdin` (bytes), shown as `stdin_name`. Returns the Linter and an iterator
    of the reports, sorted by file; a file is checked only when its report is asked for
    (with several jobs, a bounded distance ahead).

    Files named in `paths` are always checked as specs, unless `skip_non_specs`: then they
    are treated like files found in a directory, and skipped quietly when they are not model
    package specs (what a pre-commit hook that receives every YAML file wants).

    Up to `jobs` processes check the files (None: one per CPU); `cache` answers unchanged ones.

    Raises ConfigError for a bad configuration and FileNotFoundError for a missing path now,
    before any file is checked.
    """
    linter = Linter(settings)
    named = [path for path in paths if path != STDIN]
    only_stdin = STDIN in paths and not named
    candidates: Iterable[Candidate] = () if only_stdin else candidates_for(named, settings)
    if skip_non_specs:
        candidates = (dataclasses.replace(c, explicit=False) for c in candidates)
    reports = check_each(linter, candidates, jobs=jobs, cache=cache)
    if STDIN in paths:
        # Placed among the files by its name, as a sort of every report would place it.
        read = _check_stdin(linter, stdin or b"", stdin_name)
        reports = heapq.merge(reports, read, key=_file)
    # Every report and baseline written from here on holds valid text, whatever the files did.
    return linter, map(safe_report, reports)


def run(paths: list[str], settings: Settings, **options: Any) -> tuple[Linter, list[FileReport]]:
    """`stream` (same options), with every report in a list, for callers that want them all."""
    linter, reports = stream(paths, settings, **options)
    return linter, list(reports)


def _file(report: FileReport) -> str:
    return report.file


def _check_stdin(linter: Linter, raw: bytes, name: str) -> Iterator[FileReport]:
    yield linter.check_bytes(raw, name, explicit=True)


def candidates_for(paths: list[str], settings: Settings) -> Iterator[discovery.Candidate]:
    """Candidates sorted by display path; raises FileNotFoundError now for a missing path."""
    excluded = settings.excluded if settings.exclude else discovery._never
    if paths:
        return discovery.discover(paths, suffixes(settings), excluded)
    streams = _included(settings.include, suffixes(settings), excluded)
    return _unique(discovery.merge(streams))


def _unique(candidates: Iterator[discovery.Candidate]) -> Iterator[discovery.Candidate]:
    seen: set[str] = set()
    for candidate in candidates:
        key = os.path.realpath(candidate.path)
        if key not in seen:  # include patterns may overlap
            seen.add(key)
            yield candidate


def _included(
    patterns: list[str], names: tuple[str, ...], excluded: discovery.Excluded
) -> list[discovery.Stream]:
    streams = []
    for pattern in patterns:
        if not glob.has_magic(pattern):
            streams.append(discovery.stream(_shown(pattern), names, excluded))
            continue
        # Files a glob names are read like files found in a folder: only specs count.
        matches, inside = discovery.expand_glob(pattern)
        for match in matches:
            if os.path.isdir(match):
                streams.append(discovery.stream(_shown(match), names, excluded))
            elif match.endswith(names) and not excluded(match):
                path = _shown(match)
                outside = not discovery.within(os.path.realpath(match), inside)
                found = discovery.Candidate(
                    path, discovery.display_path(path), explicit=False,
                    skipped="a link to a file outside the folder of the include pattern;"
                    " not read" if outside else "",
                )  # fmt: skip
                streams.append((found.display, lambda found=found: (found,)))
    return streams


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


def check_each(
    linter: Linter,
    candidates: Iterable[Candidate],
    *,
    jobs: int | None = 1,
    cache: Cache | None = None,
) -> Iterator[FileReport]:
    """The reports of `candidates`, in their order, one at a time, whatever the number of
    jobs. How many processes to start is decided from a bounded look-ahead: the first
    `jobs * MIN_FILES_PER_WORKER` candidates; when discovery ends before, the files are
    known and few, and only those the cache does not answer count."""
    allowed = default_jobs() if jobs is None else jobs
    pending = iter(candidates)
    if allowed <= 1:
        for candidate in pending:
            yield cached_or_checked(linter, cache, candidate)
        return
    ahead = list(itertools.islice(pending, allowed * MIN_FILES_PER_WORKER))
    if len(ahead) == allowed * MIN_FILES_PER_WORKER:  # many files: every worker has work
        yield from _parallel(itertools.chain(ahead, pending), linter.settings, cache, allowed)
        return
    hits = [_cached(linter, cache, candidate) for candidate in ahead]
    todo = [candidate for candidate, hit in zip(ahead, hits, strict=True) if hit is None]
    workers = worker_count(len(todo), allowed)
    if workers == 1:
        checked: Generator[FileReport, None, None] = (
            cached_or_checked(linter, cache, c) for c in todo
        )
    else:
        checked = _parallel(iter(todo), linter.settings, cache, workers)
    for hit in hits:
        yield next(checked) if hit is None else hit
    checked.close()  # ends the workers now


def check_all(
    linter: Linter, candidates: Iterable[Candidate], *, jobs: int | None = 1,
    cache: Cache | None = None,
) -> list[FileReport]:  # fmt: skip
    """`check_each` as a list."""
    return list(check_each(linter, candidates, jobs=jobs, cache=cache))


def cached_or_checked(linter: Linter, cache: Cache | None, candidate: Candidate) -> FileReport:
    """One file's report, from the cache when its bytes and the run's settings are known."""
    cacheable = cache is not None and not candidate.error and not candidate.skipped
    raw = _read_regular(candidate.path, linter.max_bytes) if cacheable else None
    if raw is None:  # no cache, or not a plain readable file: the engine reports it its way
        return linter.check_file(candidate)
    key = cache.key(raw, candidate.display, candidate.explicit)  # type: ignore[union-attr]
    report = cache.get(key, candidate.display)  # type: ignore[union-attr]
    if report is None:
        report = linter.check_bytes(raw, candidate.display, explicit=candidate.explicit)
        if report.status != "error":
            cache.put(key, report)  # type: ignore[union-attr]
    return report


def _cached(linter: Linter, cache: Cache | None, candidate: Candidate) -> FileReport | None:
    if cache is None or candidate.error or candidate.skipped:
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
            raw = read_at_most(handle, limit)
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
    # SIGTERM (sent to the process group, or by Pool.terminate) ends a worker silently; the
    # parent's handler, inherited through fork, would report the end once per worker.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker_linter = Linter(settings)
    _worker_cache = cache


def _check_in_worker(chunk: list[Candidate]) -> list[FileReport]:
    assert _worker_linter is not None
    return [cached_or_checked(_worker_linter, _worker_cache, candidate) for candidate in chunk]


def _chunks(candidates: Iterator[Candidate], workers: int) -> Iterator[list[Candidate]]:
    """Several chunks per worker balance uneven files, large chunks keep pickling cheap: a
    chunk is 1/8 of a worker's share of the files seen so far (at least the look-ahead that
    decided to start the workers), at most MAX_CHUNK."""
    seen = workers * MIN_FILES_PER_WORKER
    while True:
        size = max(1, min(MAX_CHUNK, seen // (workers * 8)))
        chunk = list(itertools.islice(candidates, size))
        if not chunk:
            return
        seen += len(chunk)
        yield chunk


def _parallel(
    candidates: Iterator[Candidate], settings: Settings, cache: Cache | None, workers: int
) -> Generator[FileReport, None, None]:
    import multiprocessing

    # fork starts a worker in milliseconds with mplint already imported; elsewhere spawn.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(workers, _init_worker, (settings, cache)) as pool:
        # imap reads the candidates from a thread of its own, as far ahead as its pipe holds.
        for reports in pool.imap(_check_in_worker, _chunks(candidates, workers)):
            yield from reports
