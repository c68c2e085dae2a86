"""`path:line:col: LEVEL RULE message` lines, in file order as they come, then a summary.

File names, messages and reasons quote the checked files: their control characters are
printed escaped (textsafety), so a value cannot erase a line, move the cursor or forge a line
of the report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from mplint.model import FileReport
from mplint.reporters import Reporter as Base
from mplint.reporters import RunContext, Writable, render_with
from mplint.textsafety import without_controls as _shown

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "note": "\033[36m"}
_RESET = "\033[0m"


class Reporter(Base):
    def __init__(self, out: Writable, context: RunContext) -> None:
        super().__init__(out, context)
        self.tally = Tally()

    def add(self, report: FileReport) -> None:
        self.tally.add(report)
        lines = []
        if self.context.verbose and report.status == "skipped":
            lines.append(f"{_shown(report.file)}: skipped ({_shown(report.reason)})\n")
        for f in report.findings:
            if f.suppressed is not None:
                continue
            level = str(f.level)
            shown = f"{_COLORS[level]}{level}{_RESET}" if self.context.color else level
            where = f"{_shown(f.file)}:{f.span.line}:{f.span.col}"
            lines.append(f"{where}: {shown} {f.rule} {_shown(f.message)}\n")
        if lines:
            self.out.write("".join(lines))

    def finish(self) -> None:
        if not self.context.quiet:
            self.out.write(self.tally.summary() + "\n")


def render(reports: Iterable[FileReport], context: RunContext) -> str:
    return render_with(Reporter, reports, context)


class Tally:
    """The counts the summary line needs."""

    def __init__(self) -> None:
        self.files = 0
        self.skipped = 0
        self.levels: Counter[str] = Counter()

    def add(self, report: FileReport) -> None:
        self.files += 1
        self.skipped += report.status == "skipped"
        self.levels.update(str(f.level) for f in report.findings if f.suppressed is None)

    def summary(self) -> str:
        checked = self.files - self.skipped
        parts = [
            f"{self.levels[name]} {name}{'s' if self.levels[name] != 1 else ''}"
            for name in ("error", "warning", "note")
        ]
        text = f"Checked {checked} file{'s' if checked != 1 else ''}"
        if self.skipped:
            text += f" ({self.skipped} skipped: not model package specs)"
        return f"{text}: {', '.join(parts)}."


def summary(reports: Iterable[FileReport]) -> str:
    tally = Tally()
    for report in reports:
        tally.add(report)
    return tally.summary()
