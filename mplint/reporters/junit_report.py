"""JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines).

One test case per file checked (files skipped as "not a spec" are not test cases). A case
with findings at or above --fail-on fails: one <failure> lists them all, one line each, so the
report fails exactly when the exit code does, and `failures` counts failing cases, as
consumers expect (Jenkins, Azure Pipelines and others show only the first <failure> of a
case). Findings below --fail-on are listed in the case's <system-out>. A file that could not
be read is an <error>.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from mplint.model import FileReport, Finding
from mplint.model.locations import repository_path
from mplint.reporters import Reporter as Base
from mplint.reporters import RunContext, Writable, render_with
from mplint.reporters.spool import Spool

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
    """The <testcase> element, and whether it fails and whether it is an error (0 or 1)."""
    findings = [f for f in report.findings if f.suppressed is None]
    name = repository_path(report.file)
    parts = [f'    <testcase name={_attr(name)} classname="mplint" file={_attr(name)} time="0">']
    failures = errors = 0
    if report.status == "error":
        errors = 1
        message = report.reason or "the file could not be read"
        # the rule that says why the file could not be checked (unreadable, too large...)
        kind = next((f" type={_attr(f.rule)}" for f in report.findings), "")
        parts.append(f"      <error{kind} message={_attr(message)}/>")
    else:
        failing = [f for f in findings if f.level >= context.fail_on]
        if failing:
            failures = 1
            first = failing[0]
            message = f"{first.rule} {first.message}"
            if len(failing) > 1:
                message = f"{len(failing)} findings; first: {message}"
            text = "\n".join(_line(f) for f in failing)
            parts.append(
                f"      <failure type={_attr(first.rule)} message={_attr(message)}>"
                f"{escape(_clean(text))}</failure>"
            )
    below = [f for f in findings if f.level < context.fail_on]
    if below:
        text = "\n".join(_line(f) for f in below)
        parts.append(f"      <system-out>{escape(_clean(text))}</system-out>")
    parts.append("    </testcase>")
    return "\n".join(parts), failures, errors


class Reporter(Base):
    """The counts head the document, so the test cases are spooled as they come
    (reporters/spool.py, on disk past a size) and copied out at the end: the format needs
    one case per file, and this keeps them out of memory."""

    def __init__(self, out: Writable, context: RunContext) -> None:
        super().__init__(out, context)
        self._cases = Spool()
        self._tests = self._failures = self._errors = 0

    def add(self, report: FileReport) -> None:
        if report.status == "skipped":
            return
        case, failures, errors = _case(report, self.context)
        self._cases.write(case + "\n")
        self._tests += 1
        self._failures += failures
        self._errors += errors

    def finish(self) -> None:
        counts = f'tests="{self._tests}" failures="{self._failures}" errors="{self._errors}"'
        self.out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites name="mplint" {counts} time="0">\n'
            f'  <testsuite name="mplint" {counts} skipped="0" time="0">\n'
        )
        self._cases.copy_to(self.out)
        self.out.write("  </testsuite>\n</testsuites>\n")


def render(reports: Iterable[FileReport], context: RunContext) -> str:
    return render_with(Reporter, reports, context)
