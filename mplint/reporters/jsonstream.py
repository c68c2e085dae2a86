"""Write a JSON document with `indent=2` a piece at a time, byte for byte as json.dumps would.

`cut` renders a document whose large arrays are left out and cuts the text where they
go; `Array` writes such an array an item at a time at the right indentation. JSON strings
never hold a raw line break, so indenting every line of an item's own dump places it
exactly where json.dumps of the whole document would.
"""

from __future__ import annotations

import json
from typing import Any

from mplint.reporters import Writable


def _marker(i: int) -> str:
    return f"\x00mplint-array-{i}\x00"  # a NUL cannot come from a report: json escapes it


def cut(
    document: dict[str, Any], *holders: tuple[dict[str, Any], str], ensure_ascii: bool = True
) -> tuple[list[str], list[int]]:
    """`document` rendered with the arrays at `holders` ((dict, key) pairs inside it, in
    document order) cut out: `parts[i]` is the text before array i and the last part the
    text after them all; `indents[i]` is the indentation of the line array i opens on."""
    for i, (holder, key) in enumerate(holders):
        holder[key] = _marker(i)
    text = json.dumps(document, indent=2, ensure_ascii=ensure_ascii)
    parts, indents = [], []
    for i in range(len(holders)):
        head, text = text.split(json.dumps(_marker(i)), 1)
        line = head[head.rfind("\n") + 1 :]
        parts.append(head)
        indents.append(len(line) - len(line.lstrip(" ")))
    parts.append(text)
    return parts, indents


class Array:
    """A JSON array opened on a line indented by `indent`, written an item at a time."""

    def __init__(self, out: Writable, indent: int, *, ensure_ascii: bool = True) -> None:
        self.out = out
        self.count = 0
        self._pad = "\n" + " " * (indent + 2)
        self._end = "\n" + " " * indent + "]"
        self._ensure_ascii = ensure_ascii

    def add(self, item: Any) -> None:
        text = json.dumps(item, indent=2, ensure_ascii=self._ensure_ascii)
        self.out.write(("[" if self.count == 0 else ",") + self._pad)
        self.out.write(text.replace("\n", self._pad))
        self.count += 1

    def close(self) -> None:
        self.out.write(self._end if self.count else "[]")
