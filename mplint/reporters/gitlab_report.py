"""GitLab Code Quality (a Code Climate subset): merge requests show findings inline.

A JSON array; each issue has a description, check_name, a unique fingerprint (the SARIF
fingerprint, so it survives lines moving), a severity and a repository-relative location.
Each issue is written as its file comes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from mplint.model import FileReport
from mplint.model.locations import repository_path
from mplint.reporters import Reporter as Base
from mplint.reporters import RunContext, Writable, render_with
from mplint.reporters.jsonstream import Array
from mplint.reporters.sarif_report import Fingerprints

SEVERITIES = {"error": "major", "warning": "minor", "note": "info"}


class Reporter(Base):
    def __init__(self, out: Writable, context: RunContext) -> None:
        super().__init__(out, context)
        self._issues = Array(out, 0, ensure_ascii=False)
        self._fingerprints = Fingerprints()

    def add(self, report: FileReport) -> None:
        for finding in report.findings:
            if finding.suppressed is not None:
                continue
            # GitLab needs every fingerprint unique
            base, count = self._fingerprints.next(report.file, finding)
            unique = hashlib.sha256(f"{base}:{count}".encode()).hexdigest()[:32]
            rule = self.context.catalogue.rules.get(finding.rule)
            self._issues.add(
                {
                    "description": f"{finding.rule} {finding.message}",
                    "check_name": f"{finding.rule} {rule.name}" if rule else finding.rule,
                    "fingerprint": unique,
                    "severity": SEVERITIES[str(finding.level)],
                    "location": {
                        "path": repository_path(finding.file),
                        "lines": {"begin": finding.span.line, "end": finding.span.end_line},
                    },
                }
            )

    def finish(self) -> None:
        self._issues.close()
        self.out.write("\n")


def render(reports: Iterable[FileReport], context: RunContext) -> str:
    return render_with(Reporter, reports, context)
