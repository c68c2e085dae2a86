"""Standard output as users expect it of other tools: whether it gets colour, and quiet
when the reader goes away.

`--color always|never` wins; with `auto` (the default), NO_COLOR (https://no-color.org: set
and not empty) turns colour off, FORCE_COLOR (set, not empty and not `0`) turns it on even
when standard output is not a terminal (CI logs that render ANSI codes), and otherwise
colour is used only on a terminal.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TextIO

MODES = ("auto", "always", "never")


def use_color(mode: str, environ: Mapping[str, str], isatty: bool) -> bool:
    if mode == "always":
        return True
    if mode == "never":
        return False
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    return isatty


def silence(stdout: TextIO) -> None:
    """Point the broken standard output at the null device, so that the interpreter's last
    flush does not fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test's buffer)
