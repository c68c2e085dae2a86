"""JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines).

One test case per file checked (files skipped as "not a spec" are not test cases). Each
finding at or above --fail-on is a <failure> of its file's case, so the report fails exactly
when the exit code does; findings below it are listed in the case's <system-out>. A file
that could not be read is an <error>.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from mplint.engine import FileReport
from mplint.model import Finding
from mplint.reporters import RunContext
from mplint.reporters.locations import repository_path

# Characters XML 1.0 cannot carry at all; a message quoting a hostile file may hold them.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _attr(text: str) -> str:
    return quoteattr(_clean(text))


def _line(finding: Finding) -> str:
    span = finding.span
    return (
        f"{finding.file}:{span.line}:{span.col}: {finding.level} {finding.rule} {finding.message}"
    )


def _case(report: FileReport, context: RunContext) -> tuple[str, int, int]:
    """The <testcase> element, and how many failures and errors it holds."""
    findings = [f for f in report.findings if f.suppressed is None]
    name = repository_path(report.file)
    parts = [f'    <testcase name={_attr(name)} classname="mplint" file={_attr(name)} time="0">']
    failures = errors = 0
    if report.status == "error":
        errors = 1
        message = report.reason or "the file could not be read"
        parts.append(f'      <error type="MP007" message={_attr(message)}/>')
    else:
        for finding in findings:
            if finding.level < context.fail_on:
                continue
            failures += 1
            message = f"{finding.rule} {finding.message}"
            parts.append(
                f"      <failure type={_attr(finding.rule)} message={_attr(message)}>"
                f"{escape(_clean(_line(finding)))}</failure>"
            )
    below = [f for f in findings if f.level < context.fail_on]
    if below:
        text = "\n".join(_line(f) for f in below)
        parts.append(f"      <system-out>{escape(_clean(text))}</system-out>")
    parts.append("    </testcase>")
    return "\n".join(parts), failures, errors


def render(reports: list[FileReport], context: RunContext) -> str:
    checked = [r for r in sorted(reports, key=lambda r: r.file) if r.status != "skipped"]
    cases = [_case(report, context) for report in checked]
    failures = sum(c[1] for c in cases)
    errors = sum(c[2] for c in cases)
    counts = f'tests="{len(cases)}" failures="{failures}" errors="{errors}"'
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="mplint" {counts} time="0">',
        f'  <testsuite name="mplint" {counts} skipped="0" time="0">',
        *(case for case, _, _ in cases),
        "  </testsuite>",
        "</testsuites>",
    ]
    return "\n".join(lines) + "\n"
