"""Baselines: adopt mplint on a repository that already has findings.

`--write-baseline FILE` records today's findings; `--baseline FILE` then reports only
findings that are not in it. An entry is keyed on the file, the rule id and where the finding
is inside the document (document index and JSON Pointer), never on its line or column, so
edits elsewhere in the file do not invalidate it, and a finding in another file never matches.
Files are recorded relative to the repository root (as in SARIF), so the baseline holds
whichever directory mplint runs from.
Each entry absorbs one finding: two identical findings need two entries. Entries that no longer
match anything are returned so that the caller can tell the user to shrink the baseline.

Internal errors are never recorded nor hidden.

A baseline is written whole or not at all (a temporary file renamed into place), its text
holds no lone surrogate (textsafety), and reading one is bounded (MAX_BYTES, nesting, number
sizes) and checks its shape, so a damaged or hostile baseline is a baseline error, never an
internal error or an unbounded read.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from mplint import atomicfile
from mplint.model import FileReport, Finding, Kind
from mplint.model.locations import repository_path, source_root
from mplint.textsafety import without_surrogates

FORMAT_VERSION = 1
MAX_BYTES = 256 * 1024 * 1024  # a baseline of a million findings is about 200 MB
NEVER_BASELINED = frozenset({Kind.INTERNAL_ERROR})


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the CLI exits 2."""


@dataclass(frozen=True, slots=True, order=True)
class Entry:
    file: str  # relative to the repository root, forward slashes (as in SARIF)
    rule: str
    document: int
    path: str  # JSON Pointer inside the document
    message: str = ""  # informative only: not part of the key

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.file, self.rule, self.document, self.path)

    def describe(self) -> str:
        where = self.path or "/"
        if self.document:
            where = f"document {self.document} {where}"
        return f"{self.file}: {self.rule} at {where}"


def entry_for(finding: Finding) -> Entry:
    file, rule, document, pointer = finding.identity()
    return Entry(
        without_surrogates(file),
        rule,
        document,
        without_surrogates(pointer),
        without_surrogates(finding.message),
    )


def _recordable(finding: Finding) -> bool:
    return finding.suppressed is None and finding.kind not in NEVER_BASELINED


def entries(reports: Iterable[FileReport]) -> list[Entry]:
    return sorted(entry_for(f) for r in reports for f in r.findings if _recordable(f))


def write(path: str, reports: Iterable[FileReport]) -> int:
    """Record every current finding in `path`; returns how many entries were written."""
    return write_entries(path, entries(reports))


def write_entries(path: str, recorded: list[Entry]) -> int:
    """Write `recorded` (sorted here) to `path`; returns how many entries were written."""
    recorded = sorted(recorded)
    document = {
        "version": FORMAT_VERSION,
        "tool": "mplint",
        "findings": [
            {"file": e.file, "rule": e.rule, "document": e.document, "path": e.path,
             "message": e.message}
            for e in recorded
        ],
    }  # fmt: skip
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    try:
        atomicfile.replace(path, lambda handle: handle.write(text))
    except OSError as exc:
        raise BaselineError(f"cannot write baseline {path}: {exc.strerror or exc}") from None
    return len(recorded)


def read(path: str) -> list[Entry]:
    try:
        raw = _read_bounded(path)
    except FileNotFoundError:
        raise BaselineError(
            f"baseline {path} does not exist; create it with --write-baseline {path}"
        ) from None
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"{path}:{exc.lineno}:{exc.colno}: baseline is not valid JSON: {exc.msg}"
        ) from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, deep nesting
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        reason = reason.split(": value has")[0]  # Python's advice on int digits is not ours
        raise BaselineError(f"{path}: baseline is not valid: {reason}") from None
    version = data.get("version") if isinstance(data, dict) else None
    if type(version) is not int or version != FORMAT_VERSION:
        raise BaselineError(
            f'{path}: not an mplint baseline (expected an object with "version": {FORMAT_VERSION})'
        )
    items = data.get("findings")
    if not isinstance(items, list):
        raise BaselineError(f"{path}: 'findings' must be a list")
    return [_entry(item, path, i) for i, item in enumerate(items)]


def _read_bounded(path: str) -> bytes:
    """The bytes of `path`, read a block at a time: /dev/zero, a FIFO or a huge file is a
    BaselineError as soon as it shows (NUL bytes never appear in JSON text)."""
    blocks: list[bytes] = []
    size = 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            size += len(block)
            if size > MAX_BYTES:
                raise BaselineError(f"{path}: baseline is larger than {MAX_BYTES >> 20} MiB")
            if b"\0" in block:
                raise BaselineError(f"{path}: not an mplint baseline (it holds NUL bytes)")
            blocks.append(block)
    return b"".join(blocks)


def _entry(item: Any, path: str, index: int) -> Entry:
    where = f"{path}: findings[{index}]"
    if not isinstance(item, dict):
        raise BaselineError(f"{where}: expected an object")
    fields = {"file": str, "rule": str, "path": str}
    for name, kind in fields.items():
        if not isinstance(item.get(name), kind):
            raise BaselineError(f"{where}: '{name}' must be a string")
    document = item.get("document", 0)
    if not isinstance(document, int) or isinstance(document, bool) or document < 0:
        raise BaselineError(f"{where}: 'document' must be a non-negative integer")
    message = item.get("message", "")
    if not isinstance(message, str):
        raise BaselineError(f"{where}: 'message' must be a string")
    return Entry(item["file"], item["rule"], document, item["path"], message)


class Filter:
    """A baseline applied to a stream of reports, one report at a time.

    Given entries, each hides one finding with its key. Given None, it records: every
    finding it sees becomes an entry and is hidden (what `--write-baseline` shows: the
    findings it just recorded are the baseline now). Only findings are kept, never a
    record per file."""

    def __init__(self, baseline: list[Entry] | None) -> None:
        self.baseline = baseline
        self.recorded: list[Entry] = []
        self.hidden = 0
        self.checked: set[str] = set()  # the files of this run, as entries name them
        self._available = Counter(entry.key for entry in baseline or [])

    def __call__(self, report: FileReport) -> FileReport:
        self.checked.add(without_surrogates(repository_path(report.file)))
        kept: list[Finding] = []
        for finding in report.findings:
            if not _recordable(finding):
                kept.append(finding)
            elif self.baseline is None:
                self.recorded.append(entry_for(finding))
            else:
                key = entry_for(finding).key
                if self._available[key] > 0:
                    self._available[key] -= 1
                else:
                    kept.append(finding)
        self.hidden += len(report.findings) - len(kept)
        return report if len(kept) == len(report.findings) else replace(report, findings=kept)

    def unmatched(self) -> list[Entry]:
        """The entries that matched no finding (fixed findings, renamed or deleted files),
        sorted, so the baseline can shrink. A run over some files (a pre-commit hook passes
        the staged ones) says nothing of the entries of other files that still exist."""
        available = Counter(self._available)
        unmatched: list[Entry] = []
        root = source_root()
        for entry in sorted(self.baseline or []):
            judged = entry.file in self.checked or not (root / entry.file).is_file()
            if judged and available[entry.key] > 0:
                available[entry.key] -= 1
                unmatched.append(entry)
        return unmatched


def kept_from(path: str, checked: set[str]) -> list[Entry]:
    """The entries of an existing baseline `path` that a `--write-baseline` run over some
    files keeps: those of files the run did not check that still exist (a deleted file's
    entries go). None when there is no readable baseline to keep from."""
    try:
        previous = read(path)
    except BaselineError:
        return []
    root = source_root()
    return [e for e in previous if e.file not in checked and (root / e.file).is_file()]


def apply(
    reports: Iterable[FileReport], baseline: list[Entry]
) -> tuple[list[FileReport], list[Entry]]:
    """Drop findings the baseline holds. Returns the filtered reports and the entries that
    matched nothing (fixed findings, renamed files) so the baseline can shrink."""
    drop = Filter(baseline)
    filtered = [drop(report) for report in reports]
    return filtered, drop.unmatched()
