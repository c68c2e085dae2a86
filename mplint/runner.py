"""Run a check over many paths: discover candidates, check each file, collect reports."""

from __future__ import annotations

from mplint import discovery
from mplint.config import Settings
from mplint.engine import FileReport, Linter

STDIN = "-"


def suffixes(settings: Settings) -> tuple[str, ...]:
    """The file names a directory scan reads: Python files only when asked for."""
    if settings.source == "python":
        return (".py",)
    return discovery.SPEC_SUFFIXES + ((".py",) if settings.python else ())


def run(
    paths: list[str],
    settings: Settings,
    *,
    stdin: bytes | None = None,
    stdin_name: str = "<stdin>",
    skip_non_specs: bool = False,
) -> tuple[Linter, list[FileReport]]:
    """Check every candidate under `paths`; the path `-` is `stdin` (bytes), shown as
    `stdin_name`.

    Files named in `paths` are always checked as specs, unless `skip_non_specs`: then they
    are treated like files found in a directory, and skipped quietly when they are not model
    package specs (what a pre-commit hook that receives every YAML file wants).

    Raises ConfigError for a bad configuration and FileNotFoundError for a missing path,
    before any file is checked.
    """
    linter = Linter(settings)
    named = [path for path in paths if path != STDIN]
    candidates = list(discovery.discover(named, suffixes(settings)))
    reports = [
        linter.check_path(c.path, c.display, explicit=c.explicit and not skip_non_specs)
        for c in candidates
    ]
    if STDIN in paths:
        reports.append(linter.check_bytes(stdin or b"", stdin_name, explicit=True))
    return linter, reports
