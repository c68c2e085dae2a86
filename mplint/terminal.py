"""Whether standard output gets colour, by the conventions users bring from other tools.

`--color always|never` wins; with `auto` (the default), NO_COLOR (https://no-color.org: set
and not empty) turns colour off, FORCE_COLOR (set, not empty and not `0`) turns it on even
when standard output is not a terminal (CI logs that render ANSI codes), and otherwise
colour is used only on a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping

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
