"""Positions in text: offsets to lines and columns, and spans made only when looked up.

Positions are 1-based lines and columns counted in characters; lines end at \n, \r\n or
\r (YAML's other line breaks, NEL, LS and PS, do not start a line, as in editors).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cached_property
from typing import Any

from mplint.model import Path, Span

_LINE_BREAK = re.compile(r"\r\n?|\n")


class Lines:
    """Character offset -> (line, column) with mplint's line breaks (\n, \r\n, \r).

    The line starts are found on first use: most YAML files never need them (libyaml's
    own marks are used as they are)."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def starts(self) -> list[int]:
        return [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def point(self, offset: int) -> Span:
        return Span.point(*self.position(offset))


class LazySpans(dict):
    """Path -> Span. A parser stores what it has at hand (the YAML walker a composed node,
    the JSON scanner a pair of offsets); the Span is made the first time it is looked up.
    Most never are: only findings and suppressions need a position, and a spec has hundreds
    of values."""

    __slots__ = ("_make",)

    def __init__(self, make: Any) -> None:
        super().__init__()
        self._make = make

    def __getitem__(self, path: Path) -> Span:
        value = dict.__getitem__(self, path)
        if not isinstance(value, Span):
            value = self._make(value)
            dict.__setitem__(self, path, value)
        return value

    def get(self, path: Path, default: Any = None) -> Any:
        return self[path] if path in self else default  # noqa: SIM401 (this is get)

    def items(self) -> Iterator[tuple[Path, Span]]:  # type: ignore[override]
        return ((path, self[path]) for path in self)

    def values(self) -> Iterator[Span]:  # type: ignore[override]
        return (self[path] for path in self)

    def copy(self) -> dict[Path, Span]:
        return dict(self.items())

    def __reduce__(self) -> Any:
        return dict, (list(self.items()),)
