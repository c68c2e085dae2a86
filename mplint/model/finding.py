"""Levels, findings and the report of one file: what the checks produce and the reporters
read, and the identity of a finding that baselines and fingerprints share."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from mplint.model.document import Path, Span
from mplint.model.kinds import Kind
from mplint.model.locations import repository_path


class Level(enum.IntEnum):
    """Severity of a finding; higher is worse so `level >= fail_on` decides the exit code."""

    NOTE = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Level:
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(f"unknown level {text!r}; use error, warning or note") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(slots=True)
class Finding:
    """One problem found in one file."""

    rule: str  # the stable id of its rule, e.g. MP101
    level: Level
    message: str
    file: str  # as given to or discovered by mplint, relative where possible
    span: Span
    path: Path = ()  # path inside the document (root included), for fingerprints
    document: int = 0
    suppressed: str | None = None  # justification when an inline suppression matched
    kind: Kind | None = None  # set when mplint's own machinery reported it (not a check)

    def sort_key(self) -> tuple:
        return (self.file, self.span.line, self.span.col, self.rule, self.message)

    @property
    def pointer(self) -> str:
        """JSON Pointer (RFC 6901) of `path`, e.g. /InferenceSpecification/Containers/0."""
        parts = (str(p).replace("~", "~0").replace("/", "~1") for p in self.path)
        return "".join("/" + part for part in parts)

    def identity(self) -> tuple[str, str, int, str]:
        """What makes a finding the same one from run to run, whatever edits happen
        elsewhere in the file: its file (relative to the repository root), its rule, and
        where it is inside the document, never its line or column. Baseline entries are
        keyed on it, SARIF and GitLab fingerprints are made from it."""
        return (repository_path(self.file), self.rule, self.document, self.pointer)

    def fingerprint(self) -> str:
        """The identity as a short hash (SARIF partialFingerprints, GitLab fingerprints)."""
        import hashlib  # loads OpenSSL: only the SARIF and GitLab reports need it

        file, rule, document, pointer = self.identity()
        key = "\0".join((file, rule, str(document), pointer))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass(slots=True)
class FileReport:
    """What happened to one file."""

    file: str  # display path
    status: str  # "checked", "skipped" (not a spec) or "error" (unreadable)
    findings: list[Finding] = field(default_factory=list)
    specs: int = 0
    reason: str = ""  # why it was skipped or could not be read

    def exit_code(self, fail_on: Level) -> int:
        """What this file makes the run's exit code (the run's is the highest over its
        files): 0 nothing at or above `fail_on`, 1 something is, 2 an internal error."""
        code = 0
        for finding in self.findings:
            if finding.suppressed is not None:
                continue
            if finding.kind is Kind.INTERNAL_ERROR:
                return 2
            if finding.level >= fail_on:
                code = 1
        return code
