"""`mplint check --fix` / `--diff` over a run: fix the files whose reports hold a fixable
finding, and give back the reports of the fixed files, checked afresh.

Reports pass through one at a time, as they stream from the runner; a file without a
fixable finding passes untouched, so a run with nothing to fix costs what `check` costs and
never loads this package's heavier parts (ruamel.yaml, difflib).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mplint.fixes.files import decode, encode_like, write_atomic

if TYPE_CHECKING:
    from mplint.engine import Linter
    from mplint.fixes.apply import Outcome, Rejected
    from mplint.model import FileReport


@dataclass(slots=True)
class FileFix:
    """One file's fixes: the bytes before and after, and what was done."""

    display: str
    before: bytes
    after: bytes
    outcome: Outcome


def fix_bytes(raw: bytes, display: str, linter: Linter, *, unsafe: bool) -> FileFix | None:
    """The fixes of one file's bytes (None when mplint cannot read them as text)."""
    from mplint.fixes.apply import fix_text  # the fix engine: once a file has a fix

    text = decode(raw)
    if text is None:
        return None
    outcome = fix_text(text, display, linter, unsafe=unsafe)
    after = encode_like(raw, outcome.text) if outcome.changed else raw
    return FileFix(display, raw, after, outcome)


@dataclass
class Session:
    """Fixes every report's file that needs it; `write` replaces the files (--fix), else
    the diffs are kept for printing (--diff)."""

    linter: Linter
    unsafe: bool = False
    write: bool = True
    files: list[FileFix] = field(default_factory=list)  # files that changed
    rejected: list[tuple[str, Rejected]] = field(default_factory=list)
    unsafe_left: int = 0
    errors: list[str] = field(default_factory=list)
    # Rules whose findings a fixer may repair, from the catalogue (tests/test_fixes.py keeps
    # it equal to the fixers' registry): deciding that a file has nothing to fix loads no
    # fixer.
    fixable: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.fixable = frozenset(r.id for r in self.linter.catalogue if r.autofix.fixable)

    @property
    def applied(self) -> int:
        return sum(len(f.outcome.applied) for f in self.files)

    def reports(self, reports: Iterable[FileReport]) -> Iterator[FileReport]:
        for report in reports:
            yield self.report(report)

    def report(self, report: FileReport) -> FileReport:
        if report.status != "checked" or not any(
            f.suppressed is None and f.rule in self.fixable for f in report.findings
        ):
            return report
        try:
            with open(report.file, "rb") as handle:
                raw = handle.read()
        except OSError as exc:
            self.errors.append(f"{report.file}: cannot read the file to fix it: {exc.strerror}")
            return report
        return self.fixed(raw, report, report.file if self.write else None)

    def fixed(self, raw: bytes, report: FileReport, destination: str | None) -> FileReport:
        """The report of `raw` after fixing; the file at `destination`, if any, is replaced
        by the fixed bytes."""
        result = fix_bytes(raw, report.file, self.linter, unsafe=self.unsafe)
        if result is None:
            return report
        self.unsafe_left += result.outcome.unsafe_left
        self.rejected += [(report.file, r) for r in result.outcome.rejected]
        if not result.outcome.changed:
            return report
        self.files.append(result)
        if destination is not None:
            try:
                write_atomic(destination, result.after)
            except OSError as exc:
                self.errors.append(f"{report.file}: cannot write the fixed file: {exc}")
                self.files.pop()
                return report
        # The fixed file checked afresh (never from the cache: its bytes are new).
        return self.linter.check_bytes(result.after, report.file, explicit=True)

    # -- what is printed ------------------------------------------------------------------

    def diff(self) -> str:
        """A unified diff of every change (--diff), files in the order they were checked."""
        import difflib

        parts: list[str] = []
        for file in self.files:
            before = decode(file.before) or ""
            lines = difflib.unified_diff(
                before.splitlines(keepends=True),
                file.outcome.text.splitlines(keepends=True),
                fromfile=_header("a", file.display),
                tofile=_header("b", file.display),
            )
            for line in lines:
                if not line.endswith(("\n", "\r")):
                    line += "\n\\ No newline at end of file\n"
                parts.append(line)
        return "".join(parts)

    def notes(self, *, quiet: bool = False) -> list[str]:
        """Lines for standard error: files that could not be fixed, fixes rolled back, then
        (unless `quiet`) the summary and how many unsafe fixes were left."""
        lines = [f"mplint: {error}" for error in self.errors]
        for file, rejected in self.rejected:
            from mplint.fixes.apply import describe  # (as in fix_bytes)

            lines.append(
                f"mplint: {file}: fix not applied, {describe(rejected.fix)}: {rejected.reason}"
            )
        if quiet:
            return lines
        count = self.applied
        files = len(self.files)
        verb = "fixed" if self.write else "would fix"
        if count:
            lines.append(
                f"mplint: {verb} {count} finding{'s' if count != 1 else ''}"
                f" in {files} file{'s' if files != 1 else ''}"
            )
        if self.unsafe_left:
            n = self.unsafe_left
            lines.append(
                f"mplint: {n} more fix{'es' if n != 1 else ''} available with --unsafe-fixes"
            )
        return lines


def _header(side: str, path: str) -> str:
    """`a/specs/x.yaml` as git writes it (`git apply` takes it); an absolute path as it is."""
    shown = path.replace(os.sep, "/")
    return shown if os.path.isabs(path) else f"{side}/{shown}"
