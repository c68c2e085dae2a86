"""Check one file: read, parse, find specs, run schema and rule checks, filter, return findings."""

from __future__ import annotations

import os
import stat
from typing import Any

from mplint import parsing, sources
from mplint.apimodel import use
from mplint.catalogue import Catalogue, Rule
from mplint.checks import Violation, load_all, validate_options
from mplint.conditions import ConditionError, compile_rule
from mplint.config import ConfigError, Settings
from mplint.filters import suppressions
from mplint.model import FileReport, Finding, Kind, Level, MaybeAbsent, Path, Span, Spec
from mplint.model.describe import describe_exception, describe_type
from mplint.model.limits import DEFAULT_MAX_BYTES, MAX_MESSAGE
from mplint.parsing import decoding
from mplint.reading import read_at_most
from mplint.schema.check import check_schema
from mplint.sources.values import interpreted

# Without blocking: a FIFO found in a directory walk must not wait for a writer.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class Linter:
    """Holds what is built once per run (catalogue, enabled rules, checks, options)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.api_model = use(settings.api_model)  # the CLI chose it already; workers too
        self.catalogue: Catalogue = settings.catalogue()
        self.levels = settings.enabled(self.catalogue)
        # The rule id of each kind of problem the parser, sources, schema and engine report.
        self.rule_ids = {kind: self.catalogue.rule_for(kind).id for kind in Kind}
        self.checks = {
            rule.id: check for rule, check in self._python_checks() if rule.id in self.levels
        }
        self.options = {
            rid: settings.rule_options(self.catalogue.rules[rid]) for rid in self.checks
        }
        self.max_bytes = settings.max_file_size or DEFAULT_MAX_BYTES
        self._validate_options()
        self.checks.update(self._declarative())
        self._by_source: dict[str, list[tuple[str, Any]]] = {}

    def _python_checks(self) -> list[tuple[Rule, Any]]:
        """(rule, check) of every Python check, found by its rule's name."""
        found = []
        for name, check in load_all().items():
            rule = self.catalogue.by_name.get(name)
            if rule is None:  # a bug in mplint, not in the user's files
                raise ConfigError(f"a Python check is registered for '{name}', which no rule"
                                  " in rules/*.yaml is named")  # fmt: skip
            found.append((rule, check))
        return found

    def _validate_options(self) -> None:
        """Bad rule options are a configuration error (exit 2), found before any file."""
        for rule_id, options in self.options.items():
            try:
                validate_options(self.catalogue.rules[rule_id].name, options)
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

    def checks_for(self, source: str) -> list[tuple[str, Any]]:
        """(rule id, check) of the enabled rules that apply to specs of `source`."""
        checks = self._by_source.get(source)
        if checks is None:
            rules = self.catalogue.rules
            checks = self._by_source[source] = [
                (rule_id, check)
                for rule_id, check in self.checks.items()
                if not rules[rule_id].sources or source in rules[rule_id].sources
            ]
        return checks

    # -- one file ----------------------------------------------------------------------
    # Each entry point turns any unexpected exception into an internal-error finding for its
    # file: one file never stops the run, and a crash never passes as "no findings".

    def check_file(self, candidate: Any, *, explicit: bool | None = None) -> FileReport:
        """A discovery.Candidate: a file to read, or a folder that could not be listed.
        `explicit` overrides the candidate's own (a pre-commit hook reads named files as if
        found in a folder)."""
        if getattr(candidate, "error", ""):
            return self._unreadable(candidate.display, candidate.error)
        if getattr(candidate, "skipped", ""):
            return FileReport(candidate.display, "skipped", reason=candidate.skipped)
        named = candidate.explicit if explicit is None else explicit
        return self.check_path(candidate.path, candidate.display, explicit=named)

    def check_path(self, path: str, display: str, *, explicit: bool) -> FileReport:
        try:
            raw = self._read(path, explicit)
        except OSError as exc:
            return self._unreadable(display, f"cannot read file: {_os_reason(exc, path)}")
        except Exception as exc:
            return self._crashed(display, exc)
        if isinstance(raw, str):
            return FileReport(display, "skipped", reason=raw)
        return self.check_bytes(raw, display, explicit=explicit)

    def _read(self, path: str, explicit: bool) -> bytes | str:
        """The file's bytes (at most max_bytes + 1), or why it is skipped.

        A named file is read as given (it may be a pipe: `mplint check <(cmd)`); a file found
        in a directory walk is opened without blocking and read only if it is a regular file.
        """
        fd = os.open(path, os.O_RDONLY | _BINARY | (0 if explicit else _NONBLOCK))
        with open(fd, "rb", closefd=True) as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) and not explicit:
                return "not a regular file"
            return read_at_most(handle, self.max_bytes)

    def check_bytes(self, raw: bytes, display: str, *, explicit: bool) -> FileReport:
        try:
            # In a directory scan, a file that cannot be checked is reported only if it
            # mentions model package keys: big data files and binaries are not specs.
            if len(raw) > self.max_bytes:
                if not explicit and not _mentions_spec_keys(raw):
                    return FileReport(
                        display, "skipped", reason="large file, no model package keys"
                    )
                return self._too_large(display)
            decoded = decoding.decode(raw)
            if decoded.error:
                if not explicit and not _mentions_spec_keys(raw):
                    return FileReport(display, "skipped", reason="not text")
                span = Span.point(decoded.line, decoded.col)
                return self._unreadable(display, decoded.error, span)
            report = self._check_text(decoded.text, display, explicit=explicit)
            return self._encoding_note(report, decoded, display)
        except Exception as exc:
            return self._crashed(display, exc)

    def check_text(self, text: str, display: str, *, explicit: bool) -> FileReport:
        try:
            return self._check_text(text, display, explicit=explicit)
        except Exception as exc:
            return self._crashed(display, exc)

    def _check_text(self, text: str, display: str, *, explicit: bool) -> FileReport:
        forced = self.settings.source
        if not explicit and not sources.worth_reading(display, text, forced):
            python = sources.is_python(display, forced)
            reason = (
                "no create_model_package or SDK register call"
                if python
                else "no model package keys"
            )
            return FileReport(display, "skipped", reason=reason)
        documents, problems = sources.parse(display, text, forced)
        if not explicit:
            problems = [p for p in problems if not p.quiet_in_scans]
        if (
            not explicit
            and self._only_a_template(documents, problems)
            and not sources.unrendered_request(text)
        ):
            return FileReport(
                display,
                "skipped",
                reason="a template of something other than a model package request",
            )
        skip = None if problems else sources.skip_reason(documents, forced)
        if skip is not None:
            return FileReport(display, "skipped", reason=skip)
        specs = list(sources.find_specs(documents, forced=forced, explicit=explicit))
        problems = sources.in_scope(problems, documents, specs, forced)
        if not specs and not problems and not explicit:
            return FileReport(display, "skipped", reason="not a model package spec")
        findings = [
            self._report(p.kind, p.message, display, p.span, p.path, p.document) for p in problems
        ]
        findings = self._supersede(findings)
        for spec in specs:
            if spec.cut_short:
                span, index = spec.value_span(()), spec.document.index
                cut = self._report(
                    Kind.TOO_COMPLEX, spec.cut_short, display, span, spec.root, index, spec
                )
                findings.append(cut)
            findings += self.check_spec(spec, display)
        if not documents and not problems:
            message = (
                "no create_model_package(...) call and no SageMaker SDK register(...) call"
                " found in this file"
                if sources.is_python(display, forced)
                else "the file is empty; expected a model package spec"
            )
            findings.append(self._report(Kind.NOT_A_SPEC, message, display, Span.point(1, 1)))
        elif documents and not specs and not problems:
            # Named (or forced) but nothing to check: say so rather than pass in silence.
            read_as = f" (read with --source {forced})" if forced else ""
            message = f"no CreateModelPackage request found in this file{read_as}"
            findings.append(self._report(Kind.NOT_A_SPEC, message, display, Span.point(1, 1)))
        findings = [f for f in findings if f is not None]
        kept = self._filter(findings, display, text, documents)
        return FileReport(display, "checked", kept, len(specs))

    def check_spec(self, spec: Spec, display: str) -> list[Finding | None]:
        doc = spec.document
        if not isinstance(spec.data, dict):
            where = f" ({spec.label})" if spec.label else ""
            message = (
                "the document is empty; expected a model package spec"
                if spec.data is None
                else f"the top level{where} is {describe_type(spec.data)}; expected a mapping"
                " of CreateModelPackage parameters"
            )
            span = spec.value_span(())
            return [self._report(Kind.NOT_A_SPEC, message, display, span, spec.root, doc.index)]
        findings: list[Finding | None] = []
        for path, tag in doc.tags.items():
            if (
                path[: len(spec.root)] == spec.root
                and not tag.startswith("tag:yaml.org,2002:")
                and not interpreted(spec.data, path[len(spec.root) :])
            ):  # a tag the source interpreted (CloudFormation's !Ref) is no finding
                message = f"YAML tag '{tag}' cannot be loaded by yaml.safe_load; write the value"
                span = doc.value_span(path)
                findings.append(
                    self._report(Kind.UNKNOWN_YAML_TAG, message, display, span, path, doc.index)
                )
        for kind, path, message, at_key in check_schema(spec):
            if _under_tag(doc, spec.root + path):
                continue  # the value is not what a loader would read: the tag is the defect
            span = spec.span(path) if at_key else spec.value_span(path)
            path = spec.root + path
            findings.append(self._report(kind, message, display, span, path, doc.index, spec))
        for rule_id, check in self.checks_for(spec.source):
            try:
                for violation in check(spec, self.options.get(rule_id, {})):
                    if not _maybe_absent(spec.data, violation.path):
                        findings.append(self._violation(rule_id, violation, display, spec))
            except Exception as exc:  # a bug in one rule must not hide the others' findings
                message = f"rule {rule_id} failed: {describe_exception(exc)}"
                span = spec.span(())
                findings.append(
                    self._report(Kind.INTERNAL_ERROR, message, display, span, spec.root, doc.index)
                )
        return self._supersede(findings)

    # -- helpers -----------------------------------------------------------------------

    def _violation(self, rule_id: str, v: Violation, display: str, spec: Spec) -> Finding | None:
        span = spec.span(v.path) if v.at_key else spec.value_span(v.path)
        return self._finding(
            rule_id, v.message, display, span, spec.root + v.path, spec.document.index, spec
        )

    def _report(self, kind: Kind, message: str, file: str, span: Span, path: Any = (),
                document: int = 0, spec: Spec | None = None) -> Finding | None:  # fmt: skip
        """A finding of the rule that owns `kind` (None when that rule does not run)."""
        finding = self._finding(self.rule_ids[kind], message, file, span, path, document, spec)
        if finding is not None:
            finding.kind = kind
        return finding

    def _finding(self, rule: str, message: str, file: str, span: Span, path: Any,
                 document: int, spec: Spec | None = None) -> Finding | None:  # fmt: skip
        level = self.levels.get(rule)
        if level is None:
            return None
        if spec is not None and spec.label:
            message = f"{message} [{spec.label}]"
        if len(message) > MAX_MESSAGE:  # a message quoting a 100,000-character key
            message = f"{message[: MAX_MESSAGE - 300]} [...] {message[-300:]}"
        return Finding(rule, level, message, file, span, tuple(path), document)

    def _only_a_template(self, documents: list, problems: list) -> bool:
        """Whether `sources.parse` gave up on a file as a template: no document, and no
        problem but the template and those its rule supersedes (its syntax errors)."""
        if documents or not problems or problems[0].kind is not Kind.UNRENDERED_TEMPLATE:
            return False
        hidden = self.catalogue.supersedes.get(self.rule_ids[Kind.UNRENDERED_TEMPLATE], ())
        return all(self.rule_ids[p.kind] in hidden for p in problems[1:])

    def _supersede(self, findings: list[Finding | None]) -> list[Finding | None]:
        """One defect, one finding: the findings of one spec (or the file's own problems)
        without those of the rules that a rule with a finding among them supersedes
        (`supersedes` on the rule entries)."""
        table = self.catalogue.supersedes
        if not table:
            return findings
        superseded: set[str] = set()
        for finding in findings:
            if finding is not None and finding.rule in table:
                superseded |= table[finding.rule]
        if not superseded:
            return findings
        return [f for f in findings if f is None or f.rule not in superseded]

    def _error(self, kind: Kind, display: str, reason: str, span: Span) -> FileReport:
        """A file that could not be checked at all: always an error, whatever the levels."""
        finding = Finding(self.rule_ids[kind], Level.ERROR, reason, display, span, kind=kind)
        return FileReport(display, "error", [finding], reason=reason)

    def _unreadable(self, display: str, reason: str, span: Span | None = None) -> FileReport:
        return self._error(Kind.UNREADABLE_FILE, display, reason, span or Span.point(1, 1))

    def _too_large(self, display: str) -> FileReport:
        reason = (
            f"the file is larger than the limit of {self.max_bytes:,} bytes and is not"
            " checked (raise the limit with --max-file-size)"
        )
        return self._error(Kind.TOO_COMPLEX, display, reason, Span.point(1, 1))

    def _crashed(self, display: str, exc: Exception) -> FileReport:
        reason = f"internal error while checking this file: {describe_exception(exc)}"
        return self._error(Kind.INTERNAL_ERROR, display, reason, Span.point(1, 1))

    def _encoding_note(self, report: FileReport, decoded: Any, display: str) -> FileReport:
        """A note when the bytes are fine for mplint but not for common loaders."""
        if decoded.encoding != "UTF-8":
            message = (
                f"the file is {decoded.encoding} text; mplint read it, but Python's open(),"
                " json.load and most tools expect UTF-8: save it as UTF-8"
            )
        elif decoded.bom and parsing.looks_like_json(display, decoded.text):
            message = (
                "the file starts with a UTF-8 byte order mark, which Python's json module"
                " rejects ('Unexpected UTF-8 BOM'): remove it"
            )
        else:
            return report
        finding = self._report(Kind.NON_UTF8_ENCODING, message, display, Span.point(1, 1))
        if finding is not None:
            report.findings[:0] = self._filter([finding], display)
        return report

    def _filter(self, findings: list[Finding], display: str, text: str | None = None,
                documents: list | None = None) -> list[Finding]:  # fmt: skip
        """Configuration (per-file-ignores), then inline suppressions (which mark findings
        as suppressed rather than dropping them, and report those that suppress nothing)."""
        ignored = self.settings.ignored_for(self.catalogue, display)
        kept = [f for f in findings if f.rule not in ignored or f.kind is Kind.INTERNAL_ERROR]
        if text is not None and not parsing.looks_like_json(display, text):
            active = {rule for rule in self.levels if rule not in ignored}
            python = sources.is_python(display, self.settings.source)
            problems = suppressions.apply(
                text, documents or [], kept, self.catalogue, active, python=python
            )
            if self.rule_ids[Kind.UNUSED_SUPPRESSION] in active:
                for span, message in problems:
                    kept.append(self._report(Kind.UNUSED_SUPPRESSION, message, display, span))
        kept.sort(key=Finding.sort_key)
        return kept


def _under_tag(document, path) -> bool:
    return bool(document.tags) and any(path[:n] in document.tags for n in range(len(path) + 1))


def _mentions_spec_keys(raw: bytes) -> bool:
    """Whether the bytes hold a signature key, as UTF-8 or as UTF-16 without a mark."""
    return any(
        word.encode(codec) in raw
        for word in sources.SIGNATURES
        for codec in ("utf-8", "utf-16-le", "utf-16-be")
    )


def _os_reason(exc: OSError, path: str) -> str:
    reason = exc.strerror or str(exc)
    if isinstance(exc, FileNotFoundError) and os.path.islink(path):
        return f"broken symbolic link to '{os.readlink(path)}'"
    if isinstance(exc, FileNotFoundError):
        return f"{reason} (it may have been removed while mplint ran)"
    return reason


def _maybe_absent(data: Any, path: Path) -> bool:
    """Whether the member a rule points at is set on some paths only (see MaybeAbsent)."""
    for part in path:
        if isinstance(data, MaybeAbsent):
            return True
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(data, MaybeAbsent)
