"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

What GitHub reads is filled in: every rule that ran with its documentation, a link to it
(`helpUri`), its effective level and `problem.severity`, results with `ruleIndex`, a
repository-relative location and a full region, mplint's own `partialFingerprints` (GitHub
adds and matches on its `primaryLocationLineHash`), and files that could not be read or
parsed as tool execution notifications. Findings silenced by an inline suppression are left
out: GitHub does not read `suppressions` and would show them as open alerts; with
--include-suppressed they are written with `suppressions` for consumers that honour it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mplint.catalogue import Rule
from mplint.model import FileReport, Finding, Kind, Level
from mplint.model.kinds import SYNTAX_ERRORS
from mplint.model.locations import relative_to_root, root_uri
from mplint.project import repository_url, rule_doc_url
from mplint.reporters import Reporter as Base
from mplint.reporters import RunContext, Writable, render_with
from mplint.reporters.jsonstream import Array, cut
from mplint.reporters.spool import Spool
from mplint.version import __version__

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "mplintFinding/v1"
MAX_DESCRIPTION = 1024  # GitHub truncates (and may reject) longer descriptions
# Findings that mean "this file could not be read or parsed", echoed as notifications.
UNREADABLE = frozenset({Kind.UNREADABLE_FILE})
UNPARSABLE = SYNTAX_ERRORS
# GitHub's `problem.severity` of a non-security rule: error, warning or recommendation.
PROBLEM_SEVERITY = {Level.ERROR: "error", Level.WARNING: "warning", Level.NOTE: "recommendation"}


class Reporter(Base):
    """The log's rule list (with every rule a finding names) and its invocation (exit code,
    notifications) come before the results, so results and notifications are spooled as
    they come, a compact JSON line each, and written out at the end."""

    def __init__(self, out: Writable, context: RunContext) -> None:
        super().__init__(out, context)
        self._rules: set[str] = set(context.levels)
        self._results = Spool()
        self._notifications = Spool()
        self._fingerprints = Fingerprints()
        self._failed = False
        self._exit_code = 0

    def add(self, report: FileReport) -> None:
        self._failed = self._failed or report.status == "error"
        self._exit_code = max(self._exit_code, report.exit_code(self.context.fail_on))
        for finding in report.findings:
            if finding.suppressed is not None and not self.context.include_suppressed:
                continue
            self._rules.add(finding.rule)
            self._failed = self._failed or finding.kind is Kind.INTERNAL_ERROR
            result = _result(finding, self._fingerprints.next(report.file, finding))
            self._results.write(json.dumps(result) + "\n")
            if finding.kind in UNREADABLE or finding.kind in UNPARSABLE:
                self._notifications.write(json.dumps(_notification(finding)) + "\n")

    def finish(self) -> None:
        rule_ids = sorted(self._rules)
        index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
        invocation: dict[str, Any] = {
            "executionSuccessful": not self._failed,
            "exitCode": self._exit_code,
        }
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "mplint",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "informationUri": repository_url(),
                    "rules": [_rule(rule_id, self.context) for rule_id in rule_ids],
                }
            },
            "invocations": [invocation],
            "originalUriBaseIds": {SRCROOT: {"uri": root_uri()}},
            "columnKind": "unicodeCodePoints",
        }
        if self.context.api_model is not None:  # which API model the verdicts come from
            run["properties"] = {"apiModel": self.context.api_model}
        log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
        parts, indents = cut(
            log, (invocation, "toolExecutionNotifications"), (run, "results"), ensure_ascii=False
        )
        self.out.write(parts[0])
        notifications = Array(self.out, indents[0], ensure_ascii=False)
        for line in self._notifications.lines():
            notification = json.loads(line)
            rule = notification["associatedRule"]
            rule["index"] = index[rule["id"]]
            notifications.add(notification)
        notifications.close()
        self.out.write(parts[1])
        results = Array(self.out, indents[1], ensure_ascii=False)
        for line in self._results.lines():
            result = json.loads(line)
            result["ruleIndex"] = index[result["ruleId"]]
            results.add(result)
        results.close()
        self.out.write(parts[2] + "\n")


def render(reports: Iterable[FileReport], context: RunContext) -> str:
    return render_with(Reporter, reports, context)


# -- rules ------------------------------------------------------------------------------


def _rule(rule_id: str, context: RunContext) -> dict[str, Any]:
    rule: Rule | None = context.catalogue.rules.get(rule_id)
    level = context.levels.get(rule_id, rule.level if rule else Level.ERROR)
    if rule is None:  # a finding from a rule the catalogue does not know: still describe it
        return {
            "id": rule_id,
            "shortDescription": {"text": rule_id},
            "defaultConfiguration": {"level": str(level)},
        }
    documentation = rule.documentation()
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": _pascal(rule.name),
        "shortDescription": {"text": _clip(rule.summary.rstrip(".") + ".")},
        "fullDescription": {"text": _clip(" ".join(rule.explanation.split()))},
        "help": {"text": documentation, "markdown": documentation},
        "defaultConfiguration": {"level": str(level)},
        "properties": {
            "tags": list(dict.fromkeys(rule.tags)),
            # Every mplint rule decides from the spec's text and the API model, not by
            # heuristics, so a finding is very likely a real problem.
            "precision": "medium" if "heuristic" in rule.tags else "very-high",
            "problem.severity": PROBLEM_SEVERITY[level],
        },
    }
    help_uri = rule_doc_url(rule.id)
    if help_uri is not None:
        descriptor["helpUri"] = help_uri
    return descriptor


def _pascal(name: str) -> str:
    """SARIF recommends a Pascal-case `name` (`unknown-key` -> `UnknownKey`)."""
    return "".join(part[:1].upper() + part[1:] for part in name.replace("_", "-").split("-"))


def _clip(text: str) -> str:
    return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 1] + "…"


# -- results ----------------------------------------------------------------------------


def artifact_location(file: str) -> dict[str, str]:
    relative = relative_to_root(file)
    if relative is not None:
        return {"uri": quote(relative), "uriBaseId": SRCROOT}
    if file in ("-", "<stdin>"):
        return {"uri": quote(file)}
    return {"uri": Path(os.path.abspath(file)).as_uri()}


def _location(finding: Finding) -> dict[str, Any]:
    span = finding.span
    return {
        "physicalLocation": {
            "artifactLocation": artifact_location(finding.file),
            "region": {
                "startLine": span.line,
                "startColumn": span.col,
                "endLine": span.end_line,
                "endColumn": span.end_col,
            },
        }
    }


class Fingerprints:
    """Numbers findings that share a fingerprint, so that each stays distinct. Reports come
    in file order and a fingerprint names its file, so only the current file's count."""

    def __init__(self) -> None:
        self._file: str | None = None
        self._seen: dict[str, int] = {}

    def next(self, file: str, finding: Finding) -> tuple[str, int]:
        """The finding's fingerprint and how many times it was seen, this one included."""
        if file != self._file:
            self._file, self._seen = file, {}
        base = finding.fingerprint()
        self._seen[base] = self._seen.get(base, 0) + 1
        return base, self._seen[base]


def _result(finding: Finding, fingerprint: tuple[str, int]) -> dict[str, Any]:
    base, count = fingerprint
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": None,  # known at the end, with every rule id
        "level": str(finding.level),
        "message": {"text": finding.message},
        "locations": [_location(finding)],
        "partialFingerprints": {FINGERPRINT_KEY: f"{base}:{count}"},
    }
    if finding.pointer:
        result["properties"] = {"path": finding.pointer, "document": finding.document}
    if finding.suppressed is not None:
        # `kind` and `justification` only: the suppression's state member was renamed
        # between SARIF 2.1.0's committee draft and the OASIS standard ("state"/"status"),
        # and consumers treat a suppression without one as in force.
        suppression: dict[str, Any] = {"kind": "inSource"}
        if finding.suppressed:
            suppression["justification"] = finding.suppressed
        result["suppressions"] = [suppression]
    return result


def _notification(finding: Finding) -> dict[str, Any]:
    unreadable = finding.kind in UNREADABLE
    what = "could not be read" if unreadable else "could not be parsed"
    return {
        "level": "error" if unreadable else "warning",
        "message": {"text": f"{finding.file} {what}: {finding.message}"},
        "locations": [_location(finding)],
        "associatedRule": {"id": finding.rule, "index": None},  # known at the end
    }
