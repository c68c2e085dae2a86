"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

What GitHub reads is filled in: every rule that ran with its documentation and effective
level, results with `ruleIndex`, a repository-relative location and a full region,
`partialFingerprints` that survive lines moving, honoured inline suppressions, and files that
could not be read or parsed as tool execution notifications.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mplint import __version__
from mplint.catalogue import Rule
from mplint.engine import FileReport, exit_code
from mplint.model import Finding, Level
from mplint.reporters import RunContext
from mplint.reporters.locations import relative_to_root, root_uri

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://pypi.org/project/mplint/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "mplintFinding/v1"
MAX_DESCRIPTION = 1024  # GitHub truncates (and may reject) longer descriptions
# Findings that mean "this file could not be read or parsed", echoed as notifications.
UNREADABLE_RULES = frozenset({"MP007"})
UNPARSABLE_RULES = frozenset({"MP001", "MP002"})


def render(reports: list[FileReport], context: RunContext) -> str:
    rule_ids = sorted(set(context.levels) | {f.rule for r in reports for f in r.findings})
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for report in sorted(reports, key=lambda r: r.file):
        for finding in report.findings:
            results.append(_result(finding, index, seen))
            if finding.rule in UNREADABLE_RULES | UNPARSABLE_RULES:
                notifications.append(_notification(finding, index))
    failed = any(r.status == "error" for r in reports) or any(
        f.rule == "MP000" for r in reports for f in r.findings
    )
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "mplint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(rule_id, context) for rule_id in rule_ids],
            }
        },
        "invocations": [
            {
                "executionSuccessful": not failed,
                "exitCode": exit_code(reports, context.fail_on),
                "toolExecutionNotifications": notifications,
            }
        ],
        "originalUriBaseIds": {SRCROOT: {"uri": root_uri()}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


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
    return {
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
        },
    }


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


def fingerprint(finding: Finding) -> str:
    """Identity of a finding that survives edits elsewhere in the file: the file, the rule
    and where in the document it is, never its line number."""
    file = relative_to_root(finding.file) or finding.file.replace(os.sep, "/")
    key = "\0".join((file, finding.rule, str(finding.document), finding.pointer))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _result(finding: Finding, index: dict[str, int], seen: dict[str, int]) -> dict[str, Any]:
    base = fingerprint(finding)
    seen[base] = seen.get(base, 0) + 1  # two findings with one identity stay distinct
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": str(finding.level),
        "message": {"text": finding.message},
        "locations": [_location(finding)],
        "partialFingerprints": {FINGERPRINT_KEY: f"{base}:{seen[base]}"},
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


def _notification(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    unreadable = finding.rule in UNREADABLE_RULES
    what = "could not be read" if unreadable else "could not be parsed"
    return {
        "level": "error" if unreadable else "warning",
        "message": {"text": f"{finding.file} {what}: {finding.message}"},
        "locations": [_location(finding)],
        "associatedRule": {"id": finding.rule, "index": index[finding.rule]},
    }
