"""`path:line:col: LEVEL RULE message` lines, sorted, then a summary."""

from __future__ import annotations

from collections import Counter

from mplint.engine import FileReport
from mplint.reporters import RunContext

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "note": "\033[36m"}
_RESET = "\033[0m"


def render(reports: list[FileReport], context: RunContext) -> str:
    lines: list[str] = []
    for report in sorted(reports, key=lambda r: r.file):
        if context.verbose and report.status == "skipped":
            lines.append(f"{report.file}: skipped ({report.reason})")
        for f in report.findings:
            if f.suppressed is not None:
                continue
            level = str(f.level)
            shown = f"{_COLORS[level]}{level}{_RESET}" if context.color else level
            lines.append(f"{f.file}:{f.span.line}:{f.span.col}: {shown} {f.rule} {f.message}")
    lines.append(summary(reports))
    return "\n".join(lines) + "\n"


def summary(reports: list[FileReport]) -> str:
    checked = sum(1 for r in reports if r.status != "skipped")
    skipped = len(reports) - checked
    counts = Counter(str(f.level) for r in reports for f in r.findings if f.suppressed is None)
    parts = [
        f"{counts[name]} {name}{'s' if counts[name] != 1 else ''}"
        for name in ("error", "warning", "note")
    ]
    text = f"Checked {checked} file{'s' if checked != 1 else ''}"
    if skipped:
        text += f" ({skipped} skipped: not model package specs)"
    return f"{text}: {', '.join(parts)}."
