"""A stable JSON document of the findings (format version 1, documented in README)."""

from __future__ import annotations

import json

from mplint import __version__
from mplint.engine import FileReport
from mplint.reporters import RunContext


def render(reports: list[FileReport], context: RunContext) -> str:
    findings = [
        {
            "file": f.file.replace("\\", "/"),
            "line": f.span.line,
            "column": f.span.col,
            "end_line": f.span.end_line,
            "end_column": f.span.end_col,
            "rule": f.rule,
            "name": context.catalogue.rules[f.rule].name
            if f.rule in context.catalogue.rules
            else f.rule,
            "level": str(f.level),
            "message": f.message,
            "path": f.pointer,
            "document": f.document,
        }
        for report in sorted(reports, key=lambda r: r.file)
        for f in report.findings
        if f.suppressed is None
    ]
    files = [
        {
            "file": r.file.replace("\\", "/"),
            "status": r.status,
            "specs": r.specs,
            "reason": r.reason,
        }
        for r in sorted(reports, key=lambda r: r.file)
    ]
    document = {"version": 1, "tool": {"name": "mplint", "version": __version__},
                "findings": findings, "files": files}  # fmt: skip
    return json.dumps(document, indent=2) + "\n"
