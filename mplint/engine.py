"""Check one file: read, parse, find specs, run schema and rule checks, filter, return findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mplint import parsing, sources
from mplint.catalogue import Catalogue
from mplint.checks import Violation
from mplint.config import Settings
from mplint.model import Finding, Level, Span, Spec

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(slots=True)
class FileReport:
    """What happened to one file."""

    file: str  # display path
    status: str  # "checked", "skipped" (not a spec) or "error" (unreadable)
    findings: list[Finding] = field(default_factory=list)
    specs: int = 0
    reason: str = ""  # why it was skipped or could not be read


class Linter:
    """Holds what is built once per run (catalogue, enabled rules, checks, options)."""

    def __init__(self, settings: Settings) -> None:
        from mplint.checks import load_all

        self.settings = settings
        self.catalogue: Catalogue = settings.catalogue()
        self.levels = settings.enabled(self.catalogue)
        checks = load_all()
        self.checks = {rid: fn for rid, fn in checks.items() if rid in self.levels}
        self.options = {
            rid: settings.rule_options(self.catalogue.rules[rid])
            for rid in self.checks
            if rid in self.catalogue.rules
        }
        self._validate_options()
        self.checks.update(self._declarative())

    def _validate_options(self) -> None:
        """Bad rule options are a configuration error (exit 2), found before any file."""
        from mplint.checks import validate_options
        from mplint.config import ConfigError

        for rule_id, options in self.options.items():
            try:
                validate_options(rule_id, options)
            except ValueError as exc:
                where = next(
                    (at for key, at in self.settings.locations.items()
                     if key[:2] == ("options", rule_id)),
                    None,
                )  # fmt: skip
                prefix = f"{where}: " if where else ""
                raise ConfigError(f"{prefix}rule {rule_id}: {exc}") from None

    def _declarative(self) -> dict[str, Any]:
        """Check functions for the enabled rules written as when/require conditions,
        compiled once per run (again only when the configuration changes their options)."""
        from mplint.conditions import ConditionError, compile_rule
        from mplint.config import ConfigError

        compiled = {}
        for rule_id in self.levels:
            rule = self.catalogue.rules.get(rule_id)
            if rule is None or rule.compiled is None:
                continue
            if rule_id in self.checks:
                raise ConfigError(f"{rule.defined_at}: rule {rule_id} has both a Python check"
                                  " and a declarative condition")  # fmt: skip
            options = self.settings.rule_options(rule)
            declarative = rule.compiled
            if options != rule.options:
                try:
                    declarative = compile_rule(
                        rule.condition or {},
                        options,
                        summary=rule.summary,
                        where=lambda path, at_key, rule=rule: rule.defined_at,
                        option_where=lambda name, rule=rule: self.settings.locations.get(
                            ("options", rule.id, name)
                        ),
                    )
                except ConditionError as exc:
                    raise ConfigError(str(exc)) from None
            compiled[rule_id] = declarative.check
        return compiled

    # -- one file ----------------------------------------------------------------------

    def check_path(self, path: str, display: str, *, explicit: bool) -> FileReport:
        try:
            with open(path, "rb") as handle:
                raw = handle.read(DEFAULT_MAX_BYTES + 1)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            return self._unreadable(display, f"cannot read file: {reason}")
        return self.check_bytes(raw, display, explicit=explicit)

    def check_bytes(self, raw: bytes, display: str, *, explicit: bool) -> FileReport:
        if len(raw) > DEFAULT_MAX_BYTES:
            return self._unreadable(display, f"file is larger than {DEFAULT_MAX_BYTES} bytes")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return self._unreadable(display, f"not UTF-8 text (byte {exc.start})")
        return self.check_text(text, display, explicit=explicit)

    def check_text(self, text: str, display: str, *, explicit: bool) -> FileReport:
        forced = self.settings.source
        if not explicit and not sources.worth_reading(display, text, forced):
            python = sources.is_python(display, forced)
            reason = "no create_model_package call" if python else "no model package keys"
            return FileReport(display, "skipped", reason=reason)
        documents, problems = sources.parse(display, text, forced)
        specs = list(sources.find_specs(documents, forced=forced, explicit=explicit))
        problems = sources.in_scope(problems, documents, specs, forced)
        if not specs and not problems and not explicit:
            return FileReport(display, "skipped", reason="not a model package spec")
        findings = [
            self._finding(p.rule, p.message, display, p.span, p.path, p.document) for p in problems
        ]
        for spec in specs:
            findings += self.check_spec(spec, display)
        if not documents and not problems and not sources.is_python(display, forced):
            findings.append(
                self._finding("MP004", "the file is empty; expected a model package spec",
                              display, Span.point(1, 1), (), 0)
            )  # fmt: skip
        findings = [f for f in findings if f is not None]
        kept = self._filter(findings, display, text, documents)
        return FileReport(display, "checked", kept, len(specs))

    def check_spec(self, spec: Spec, display: str) -> list[Finding | None]:
        from mplint.schema_check import check_schema, describe_type
        from mplint.sources.values import interpreted

        doc = spec.document
        if not isinstance(spec.data, dict):
            where = f" ({spec.label})" if spec.label else ""
            message = (
                "the document is empty; expected a model package spec"
                if spec.data is None
                else f"the top level{where} is {describe_type(spec.data)}; expected a mapping"
                " of CreateModelPackage parameters"
            )
            return [
                self._finding("MP004", message, display, spec.value_span(()), spec.root, doc.index)
            ]
        findings: list[Finding | None] = []
        for path, tag in doc.tags.items():
            if (
                path[: len(spec.root)] == spec.root
                and not tag.startswith("tag:yaml.org,2002:")
                and not interpreted(spec.data, path[len(spec.root) :])
            ):  # a tag the source interpreted (CloudFormation's !Ref) is no finding
                message = f"YAML tag '{tag}' cannot be loaded by yaml.safe_load; write the value"
                findings.append(
                    self._finding("MP006", message, display, doc.value_span(path), path, doc.index)
                )
        for rule, path, message, at_key in check_schema(spec):
            if _under_tag(doc, spec.root + path):
                continue  # the tag finding (MP005/MP006) already says what is wrong here
            span = spec.span(path) if at_key else spec.value_span(path)
            findings.append(
                self._finding(rule, message, display, span, spec.root + path, doc.index, spec)
            )
        for rule_id, check in self.checks.items():
            try:
                for violation in check(spec, self.options.get(rule_id, {})):
                    findings.append(self._violation(rule_id, violation, display, spec))
            except Exception as exc:  # a bug in one rule must not hide the others' findings
                message = f"rule {rule_id} failed: {type(exc).__name__}: {exc}"
                findings.append(
                    self._finding("MP000", message, display, spec.span(()), spec.root, doc.index)
                )
        return findings

    # -- helpers -----------------------------------------------------------------------

    def _violation(self, rule_id: str, v: Violation, display: str, spec: Spec) -> Finding | None:
        span = spec.span(v.path) if v.at_key else spec.value_span(v.path)
        return self._finding(
            rule_id, v.message, display, span, spec.root + v.path, spec.document.index, spec
        )

    def _finding(self, rule: str, message: str, file: str, span: Span, path: Any,
                 document: int, spec: Spec | None = None) -> Finding | None:  # fmt: skip
        level = self.levels.get(rule)
        if level is None:
            return None
        if spec is not None and spec.label:
            message = f"{message} [{spec.label}]"
        return Finding(rule, level, message, file, span, tuple(path), document)

    def _unreadable(self, display: str, reason: str) -> FileReport:
        finding = Finding("MP007", Level.ERROR, reason, display, Span.point(1, 1))
        return FileReport(display, "error", [finding], reason=reason)

    def _filter(self, findings: list[Finding], display: str, text: str | None = None,
                documents: list | None = None) -> list[Finding]:  # fmt: skip
        """Configuration (per-file-ignores), then inline suppressions (which mark findings
        as suppressed rather than dropping them, and report those that suppress nothing)."""
        ignored = self.settings.ignored_for(self.catalogue, display)
        kept = [f for f in findings if f.rule not in ignored or f.rule == "MP000"]
        if text is not None and not parsing.looks_like_json(display, text):
            from mplint import suppressions

            active = {rule for rule in self.levels if rule not in ignored}
            problems = suppressions.apply(text, documents or [], kept, self.catalogue, active)
            if suppressions.UNUSED_RULE in active:
                for span, message in problems:
                    kept.append(
                        self._finding(suppressions.UNUSED_RULE, message, display, span, (), 0)
                    )
        kept.sort(key=Finding.sort_key)
        return kept


def _under_tag(document, path) -> bool:
    return bool(document.tags) and any(path[:n] in document.tags for n in range(len(path) + 1))


def exit_code(reports: list[FileReport], fail_on: Level) -> int:
    """0: nothing at or above `fail_on`; 1: something is; 2: an internal error happened."""
    findings = [f for r in reports for f in r.findings if f.suppressed is None]
    if any(f.rule == "MP000" for f in findings):
        return 2
    return 1 if any(f.level >= fail_on for f in findings) else 0
