"""Problems with the text itself, found while parsing (syntax errors, duplicate keys,
unsafe tags, limits reached)."""

from __future__ import annotations

from dataclasses import dataclass

from mplint.model import Path, Span
from mplint.model.kinds import Kind


@dataclass(slots=True)
class Problem:
    """Something wrong with the text itself, found while parsing."""

    kind: Kind
    message: str
    span: Span
    path: Path = ()
    document: int = 0
    # Worth saying about a file named on the command line, noise in a directory scan (a
    # call whose request is decided at run time).
    quiet_in_scans: bool = False


def duplicate_key(key: str, first_line: int, span: Span, path: Path, document: int = 0) -> Problem:
    """A key given twice in one YAML or JSON mapping (loaders keep the last)."""
    message = (
        f"duplicate key '{key}' (first defined at line {first_line});"
        " only the last value would be sent"
    )
    return Problem(Kind.DUPLICATE_KEY, message, span, path, document)
