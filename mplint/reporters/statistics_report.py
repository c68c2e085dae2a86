"""`--statistics`: one line per rule with findings, the most frequent first, like ruff's.

    29  MP104  invalid-enum-value
     3  MP101  unknown-key

Suppressed findings do not count. Not a --format of its own: it replaces the report that
would print to standard output.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from mplint.model import FileReport
from mplint.reporters import Reporter as Base
from mplint.reporters import RunContext, Writable, render_with


class Reporter(Base):
    def __init__(self, out: Writable, context: RunContext) -> None:
        super().__init__(out, context)
        self.counts: Counter[str] = Counter()

    def add(self, report: FileReport) -> None:
        self.counts.update(f.rule for f in report.findings if f.suppressed is None)

    def finish(self) -> None:
        if not self.counts:
            return
        rows = sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))
        count_width = len(str(rows[0][1]))
        id_width = max(len(rule_id) for rule_id, _ in rows)
        lines = []
        for rule_id, count in rows:
            rule = self.context.catalogue.rules.get(rule_id)
            name = rule.name if rule is not None else ""
            lines.append(f"{count:>{count_width}}  {rule_id:<{id_width}}  {name}".rstrip())
        self.out.write("\n".join(lines) + "\n")


def render(reports: Iterable[FileReport], context: RunContext) -> str:
    return render_with(Reporter, reports, context)
