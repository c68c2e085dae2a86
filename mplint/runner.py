"""Run a check over many paths: discover candidates, check each file, collect reports."""

from __future__ import annotations

from mplint import discovery
from mplint.config import Settings
from mplint.engine import FileReport, Linter


def suffixes(settings: Settings) -> tuple[str, ...]:
    """The file names a directory scan reads: Python files only when asked for."""
    if settings.source == "python":
        return (".py",)
    return discovery.SPEC_SUFFIXES + ((".py",) if settings.python else ())


def run(paths: list[str], settings: Settings) -> tuple[Linter, list[FileReport]]:
    """Check every candidate under `paths`.

    Raises ConfigError for a bad configuration and FileNotFoundError for a missing path,
    before any file is checked.
    """
    linter = Linter(settings)
    candidates = list(discovery.discover(paths, suffixes(settings)))
    reports = [linter.check_path(c.path, c.display, explicit=c.explicit) for c in candidates]
    return linter, reports
