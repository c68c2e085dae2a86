"""Reporters turn the file reports of a run into text for people or machines.

Each reporter module has `render(reports, context) -> str`. They are imported only when
selected, so a text run never pays for SARIF.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from mplint.catalogue import Catalogue
from mplint.engine import FileReport
from mplint.model import Level

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")


@dataclass(slots=True)
class RunContext:
    """What a reporter may need besides the findings."""

    catalogue: Catalogue
    levels: dict[str, Level]  # effective level of every enabled rule
    fail_on: Level = Level.ERROR
    verbose: bool = False
    color: bool = False
    extra: dict = field(default_factory=dict)


def get(name: str) -> Callable[[list[FileReport], RunContext], str]:
    if name not in FORMATS:
        raise ValueError(f"unknown format '{name}'; choose from {', '.join(FORMATS)}")
    return importlib.import_module(f"mplint.reporters.{name}_report").render
