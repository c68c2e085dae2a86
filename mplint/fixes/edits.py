"""Text edits: a replacement of a character range, and how to apply several at once.

An edit is stated in character offsets of the text it was computed from, with the same
range as 1-based line/column Span for editors (a language server's code action).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from mplint.model import Span
from mplint.parsing.positions import Lines


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] with `text`: an insertion when start == end, a deletion when
    `text` is empty."""

    start: int
    end: int
    text: str

    def span(self, lines: Lines) -> Span:
        """The edited range as lines and columns of the original text (end exclusive)."""
        return Span(*lines.position(self.start), *lines.position(self.end))


def offset(lines: Lines, line: int, col: int) -> int:
    """Character offset of a 1-based (line, column) position of `lines.text`."""
    starts = lines.starts
    if line > len(starts):
        return len(lines.text)
    return min(starts[line - 1] + col - 1, len(lines.text))


def overlaps(a: Edit, b: Edit) -> bool:
    """Whether two edits touch the same characters (two insertions at one point count)."""
    return (a.start < b.end and b.start < a.end) or a.start == b.start


def apply_edits(text: str, edits: list[Edit]) -> str:
    """`text` with every edit applied; the edits must not overlap (ValueError if they do)."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for before, after in itertools.pairwise(ordered):
        if overlaps(before, after):
            raise ValueError(f"overlapping edits at {before.start}-{before.end} and {after.start}")
    parts: list[str] = []
    position = 0
    for edit in ordered:
        if not 0 <= edit.start <= edit.end <= len(text):
            raise ValueError(f"edit {edit.start}-{edit.end} is outside the text")
        parts += [text[position : edit.start], edit.text]
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)
