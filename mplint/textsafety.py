"""Text from checked files made safe to write: no lone surrogates, no terminal controls.

A finding's text comes from the files it describes: a JSON string may hold an escaped lone
surrogate (`"\\ud800"`), a file name that is not UTF-8 is decoded by Python into surrogates
(`caf\\udce9.yaml`), and a value may hold terminal escapes or line breaks. Written as they are,
the first two cannot be encoded as UTF-8 (or come out as JSON no strict parser accepts), and
the last two rewrite the user's terminal or forge lines of a report.

`without_surrogates` is applied once to every report before any reporter or baseline sees it,
so every format, file and baseline holds the same, valid text; `without_controls` is for the
formats a terminal shows (text, the messages of GitHub annotations).
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mplint.model import FileReport, Finding

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls but tab, DEL, C1 controls, and the line and paragraph separators.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def without_surrogates(text: str) -> str:
    """`text` with every lone surrogate written as its escape (`\\ud800`, `\\xe9` for a byte)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub(_escape_surrogate, text)
    return text


def _escape_control(match: re.Match[str]) -> str:
    char = match.group()
    if char in "\n\r":
        return "\\n" if char == "\n" else "\\r"
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def without_controls(text: str) -> str:
    """`text` with control characters written as escapes (`\\n`, `\\x1b`), so that it stays on
    its line and cannot move the cursor, erase or recolour a terminal."""
    return _CONTROL.sub(_escape_control, text) if _CONTROL.search(text) else text


def _part(part: str | int) -> str | int:
    return without_surrogates(part) if isinstance(part, str) else part


def _finding(finding: Finding) -> Finding:
    message, file = without_surrogates(finding.message), without_surrogates(finding.file)
    path = tuple(_part(p) for p in finding.path)
    suppressed = finding.suppressed
    if suppressed is not None:
        suppressed = without_surrogates(suppressed)
    if (message is finding.message and file is finding.file and suppressed is finding.suppressed
            and all(a is b for a, b in zip(path, finding.path, strict=True))):  # fmt: skip
        return finding
    return dataclasses.replace(
        finding, message=message, file=file, path=path, suppressed=suppressed
    )


def safe_report(report: FileReport) -> FileReport:
    """`report` with no lone surrogate in any text (the same object when it had none)."""
    findings = [_finding(f) for f in report.findings]
    file, reason = without_surrogates(report.file), without_surrogates(report.reason)
    if (
        file == report.file
        and reason == report.reason
        and all(a is b for a, b in zip(findings, report.findings, strict=True))
    ):
        return report
    return dataclasses.replace(report, file=file, reason=reason, findings=findings)
