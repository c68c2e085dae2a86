"""mplint's Python API: check a spec held in memory, or files and folders, from Python.

    import mplint

    for finding in mplint.check_text("ModelPackageGroupName: 1\\n"):
        print(finding.line, finding.column, finding.rule, finding.message)   # 1 24 MP103 ...
    report = mplint.check_paths(["specs/"], select=["MP1"])
    print(report.exit_code, len(report.files), len(report.findings))

It is the code path of `mplint check`: the same configuration discovery (`.mplint.yaml` or
`pyproject.toml` [tool.mplint] above the checked paths), rule selection, engine, inline
suppressions and exit code; the command line and the language server call `configure` and
the functions below. Findings silenced by an inline suppression are left out, as in the text
and JSON reports. A bad configuration raises ConfigError; a path that does not exist,
FileNotFoundError.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mplint import sources
from mplint.config import ConfigError, Selection
from mplint.model import Level

if TYPE_CHECKING:
    from mplint.catalogue import Catalogue
    from mplint.config import Settings
    from mplint.engine import Linter
    from mplint.model import FileReport
    from mplint.model import Finding as _Finding

__all__ = ["ConfigError", "FileResult", "Finding", "Report", "check_paths", "check_text"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, as the JSON report writes it: `rule` its id (`MP104`), `name` the rule's
    name (`invalid-enum-value`), `level` "error", "warning" or "note", `line`/`column` where
    it starts and `end_line`/`end_column` where it ends (1-based, counting characters;
    `end_column` is exclusive), `path` the JSON Pointer of the value inside the document
    (`/InferenceSpecification/Containers/0/Image`), `file` the file as given or found, and
    `document` the index of the document in a multi-document YAML file."""

    rule: str
    name: str
    level: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    path: str
    file: str
    document: int = 0


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one file: `status` is "checked", "skipped" (not a model package spec;
    `reason` says why) or "error" (it could not be read); `specs` counts the requests in it."""

    file: str
    status: str
    specs: int = 0
    reason: str = ""


@dataclass(slots=True)
class Report:
    """The result of `check_paths`: every finding (in file order), every file looked at, and
    the exit code `mplint check` would give (0 clean, 1 a finding at or above `fail_on`,
    2 an internal error in a rule, MP000)."""

    findings: list[Finding] = field(default_factory=list)
    files: list[FileResult] = field(default_factory=list)
    exit_code: int = 0


def configure(
    paths: Sequence[str] = (),
    *,
    config: str | os.PathLike[str] | None = None,
    isolated: bool = False,
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    fail_on: str | None = None,
    source: str | None = None,
    python: bool = False,
    max_file_size: int | None = None,
) -> Settings:
    """The settings of a run over `paths`: the configuration file found from them (or
    `config`, or none when `isolated`), then these overrides, as on the command line. Rule
    selectors are ids, names, prefixes or ALL (comma-separated strings are split).
    Raises ConfigError."""
    # `mplint server` imports this module at start-up; what a check needs, it loads later.
    from mplint.config.files import settings_for

    if config is not None and isolated:
        raise ConfigError("--config and --isolated exclude each other")
    settings = settings_for(list(paths), os.fspath(config) if config else None, isolated)
    if fail_on is not None:
        try:
            settings.fail_on = Level.parse(fail_on)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
    chosen = _selectors(select) if select is not None else None
    if chosen is not None or extend_select or ignore:
        settings.cli = Selection(chosen, _selectors(extend_select), _selectors(ignore))
    if source is not None:
        if source not in sources.NAMES:
            raise ConfigError(f"unknown source '{source}'; use one of {', '.join(sources.NAMES)}")
        settings.source = source
    settings.python = settings.python or python
    if max_file_size is not None:
        settings.max_file_size = max_file_size
    return settings


def _selectors(values: Iterable[str] | str) -> list[str]:
    if isinstance(values, str):
        values = [values]
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def check_text(
    text: str,
    name: str = "spec.yaml",
    *,
    config: str | os.PathLike[str] | None = None,
    isolated: bool = False,
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    source: str | None = None,
    skip_non_specs: bool = False,
) -> list[Finding]:
    """The findings of one spec held in memory, as `mplint check` reports the file `name`.

    `name` decides how the text is read (`.json`, `.py`, else YAML or JSON by content) and
    which configuration applies (found from its folder, relative to the current directory);
    the file need not exist. Like a file named on the command line, the text is checked as a
    spec whatever it holds, unless `skip_non_specs` (then a text that is no model package
    request gives no finding, as with --skip-non-specs). A name the configuration's `exclude`
    covers gives no finding. Raises ConfigError for a bad configuration."""
    linter = linter_for(
        name, config=config, isolated=isolated, select=select, extend_select=extend_select,
        ignore=ignore, source=source,
    )  # fmt: skip
    if linter is None:
        return []
    report = linter.check_text(text, name, explicit=not skip_non_specs)
    return findings_of(report, linter.catalogue)


def linter_for(name: str, **options) -> Linter | None:
    """The checker `check_text` uses for the file `name` (options as `configure`'s), or None
    when the configuration excludes it; the language server's fixes run with it too."""
    from mplint.engine import Linter  # (as in configure: not at the server's start-up)

    settings = configure([name], **options)
    return None if settings.excluded(name) else Linter(settings)


def check_paths(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str] = (),
    *,
    config: str | os.PathLike[str] | None = None,
    isolated: bool = False,
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    fail_on: str | None = None,
    source: str | None = None,
    python: bool = False,
    skip_non_specs: bool = False,
    jobs: int | None = 1,
) -> Report:
    """Check files and folders (recursively) as `mplint check PATH...` does (one path may be
    given alone); no path: the
    configuration's `include` list (default: the current directory). `jobs` processes
    check the files (None: one per CPU). No cache is read or written.

    Raises ConfigError for a bad configuration, FileNotFoundError for a missing path."""
    from mplint.runner import stream  # (as in configure: not at the server's start-up)

    if isinstance(paths, (str, os.PathLike)):  # one path, not a sequence of characters
        paths = [paths]
    names = [os.fspath(path) for path in paths]
    settings = configure(
        names, config=config, isolated=isolated, select=select, extend_select=extend_select,
        ignore=ignore, fail_on=fail_on, source=source, python=python,
    )  # fmt: skip
    linter, reports = stream(names, settings, skip_non_specs=skip_non_specs, jobs=jobs)
    result = Report()
    for report in reports:
        result.findings += findings_of(report, linter.catalogue)
        result.files.append(FileResult(report.file, report.status, report.specs, report.reason))
        result.exit_code = max(result.exit_code, report.exit_code(settings.fail_on))
    return result


def findings_of(report: FileReport, catalogue: Catalogue) -> list[Finding]:
    """The public findings of a file report: those no inline suppression silenced."""
    return [public(f, catalogue) for f in report.findings if f.suppressed is None]


def public(finding: _Finding, catalogue: Catalogue) -> Finding:
    rule = catalogue.rules.get(finding.rule)
    span = finding.span
    return Finding(
        rule=finding.rule,
        name=rule.name if rule is not None else finding.rule,
        level=str(finding.level),
        line=span.line,
        column=span.col,
        end_line=span.end_line,
        end_column=span.end_col,
        message=finding.message,
        path=finding.pointer,
        file=finding.file.replace("\\", "/"),
        document=finding.document,
    )
