"""GitLab Code Quality (a Code Climate subset): merge requests show findings inline.

A JSON array; each issue has a description, check_name, a unique fingerprint (the SARIF
fingerprint, so it survives lines moving), a severity and a repository-relative location.
"""

from __future__ import annotations

import hashlib
import json

from mplint.engine import FileReport
from mplint.reporters import RunContext
from mplint.reporters.locations import repository_path
from mplint.reporters.sarif_report import fingerprint

SEVERITIES = {"error": "major", "warning": "minor", "note": "info"}


def render(reports: list[FileReport], context: RunContext) -> str:
    issues = []
    seen: dict[str, int] = {}
    for report in sorted(reports, key=lambda r: r.file):
        for finding in report.findings:
            if finding.suppressed is not None:
                continue
            base = fingerprint(finding)
            seen[base] = seen.get(base, 0) + 1  # GitLab needs every fingerprint unique
            unique = hashlib.sha256(f"{base}:{seen[base]}".encode()).hexdigest()[:32]
            rule = context.catalogue.rules.get(finding.rule)
            issues.append(
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
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
