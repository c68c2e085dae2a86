"""Reporters turn the file reports of a run into text for people or machines.

Each reporter module has a `Reporter` class: it is given an output stream, then every
FileReport of the run as it comes (`add`, in the order of their files), and writes its
format as it goes; `finish` writes what needs the whole run (counts, summaries). A reporter
keeps only what its format needs at the end, never a record per clean file, so memory does
not grow with the number of files. `render(reports, context) -> str` does the same into a
string. Modules are imported only when selected, so a text run never pays for SARIF.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from mplint.catalogue import Catalogue
from mplint.model import FileReport, Level
from mplint.textsafety import safe_report

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")
# Reports that are not a --format of their own (`--statistics` replaces standard output's).
_OTHER_REPORTS = ("statistics",)


@dataclass(slots=True)
class RunContext:
    """What a reporter may need besides the findings."""

    catalogue: Catalogue
    levels: dict[str, Level]  # effective level of every enabled rule
    fail_on: Level = Level.ERROR
    verbose: bool = False
    quiet: bool = False  # findings only: no summary line (-q)
    include_suppressed: bool = False  # SARIF: also suppressed findings, with `suppressions`
    color: bool = False
    extra: dict = field(default_factory=dict)
    api_model: dict | None = None  # the API model the verdicts come from (ApiModel.describe)


class Writable(Protocol):
    """Where a reporter writes: a text stream, or a Spool."""

    def write(self, text: str, /) -> Any: ...


class Reporter:
    """Writes one format to `out`, a report at a time; reports come in file order."""

    def __init__(self, out: Writable, context: RunContext) -> None:
        self.out = out
        self.context = context

    def add(self, report: FileReport) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        raise NotImplementedError


def _module(name: str):
    if name not in FORMATS + _OTHER_REPORTS:
        raise ValueError(f"unknown format '{name}'; choose from {', '.join(FORMATS)}")
    return importlib.import_module(f"mplint.reporters.{name}_report")


def reporter(name: str) -> type[Reporter]:
    """The Reporter class of a format (its module is imported now)."""
    return _module(name).Reporter


def get(name: str) -> Callable[[Iterable[FileReport], RunContext], str]:
    """`render(reports, context) -> str` of a format."""
    return _module(name).render


def render_with(kind: type[Reporter], reports: Iterable[FileReport], context: RunContext) -> str:
    """The whole output of `kind` for `reports`, as a string."""
    buffer = io.StringIO()
    writer = kind(buffer, context)
    for report in reports:
        writer.add(safe_report(report))
    writer.finish()
    return buffer.getvalue()
