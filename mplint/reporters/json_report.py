"""A stable JSON document of the findings (format version 1, documented in docs/output-formats.md).

Written as it goes: each finding as its file comes; the `files` list, which follows the
findings and has an entry per file, is spooled (reporters/spool.py) until the end.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from mplint.model import FileReport
from mplint.reporters import Reporter as Base
from mplint.reporters import RunContext, Writable, render_with
from mplint.reporters.jsonstream import Array, cut
from mplint.reporters.spool import Spool
from mplint.version import __version__


class Reporter(Base):
    def __init__(self, out: Writable, context: RunContext) -> None:
        super().__init__(out, context)
        document: dict = {"version": 1, "tool": {"name": "mplint", "version": __version__}}
        if context.api_model is not None:
            document["tool"]["apiModel"] = context.api_model
        self._parts, indents = cut(document, (document, "findings"), (document, "files"))
        out.write(self._parts[0])
        self._findings = Array(out, indents[0])
        self._spool = Spool()
        self._files = Array(self._spool, indents[1])

    def add(self, report: FileReport) -> None:
        rules = self.context.catalogue.rules
        for f in report.findings:
            if f.suppressed is not None:
                continue
            self._findings.add(
                {
                    "file": f.file.replace(os.sep, "/"),
                    "line": f.span.line,
                    "column": f.span.col,
                    "end_line": f.span.end_line,
                    "end_column": f.span.end_col,
                    "rule": f.rule,
                    "name": rules[f.rule].name if f.rule in rules else f.rule,
                    "level": str(f.level),
                    "message": f.message,
                    "path": f.pointer,
                    "document": f.document,
                }
            )
        self._files.add(
            {
                "file": report.file.replace(os.sep, "/"),
                "status": report.status,
                "specs": report.specs,
                "reason": report.reason,
            }
        )

    def finish(self) -> None:
        self._findings.close()
        self.out.write(self._parts[1])
        self._files.close()
        self._spool.copy_to(self.out)
        self.out.write(self._parts[2] + "\n")


def render(reports: Iterable[FileReport], context: RunContext) -> str:
    return render_with(Reporter, reports, context)
