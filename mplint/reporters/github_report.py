"""GitHub Actions workflow commands: one annotation per finding, then the summary line.

`::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=T::MESSAGE`. Values are escaped
as the Actions runner unescapes them: `%`, CR and LF everywhere, plus `:` and `,` inside
properties, so a message or path holding them cannot end the command early or inject one.
Control characters in the message and the file name, which people read, are first written
as escapes (textsafety), as in the text format.
"""

from __future__ import annotations

from collections.abc import Iterable

from mplint.model import FileReport, Finding
from mplint.model.locations import repository_path
from mplint.reporters import Reporter as Base
from mplint.reporters import RunContext, Writable, render_with
from mplint.reporters.text_report import Tally
from mplint.textsafety import without_controls

COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, context: RunContext) -> str:
    rule = context.catalogue.rules.get(finding.rule)
    title = f"{finding.rule} {rule.name}" if rule else finding.rule
    span = finding.span
    properties = {
        "file": repository_path(finding.file),
        "line": span.line,
        "col": span.col,
        "endLine": span.end_line,
        "endColumn": span.end_col,
        "title": title,
    }
    fields = ",".join(
        f"{key}={escape_property(without_controls(str(value)))}"
        for key, value in properties.items()
    )
    message = escape_data(without_controls(finding.message))
    return f"::{COMMANDS[str(finding.level)]} {fields}::{message}"


class Reporter(Base):
    def __init__(self, out: Writable, context: RunContext) -> None:
        super().__init__(out, context)
        self.tally = Tally()

    def add(self, report: FileReport) -> None:
        self.tally.add(report)
        for finding in report.findings:
            if finding.suppressed is None:
                self.out.write(annotation(finding, self.context) + "\n")

    def finish(self) -> None:
        if not self.context.quiet:
            self.out.write(self.tally.summary() + "\n")


def render(reports: Iterable[FileReport], context: RunContext) -> str:
    return render_with(Reporter, reports, context)
