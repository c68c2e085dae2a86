"""Positions in a document, as mplint counts them and as LSP does.

mplint: lines and columns are 1-based and count characters (code points); a line ends at
`\\n`, `\\r\\n` or `\\r`. LSP: lines and characters are 0-based; a line ends at the same three
breaks; characters are counted in the code units the client and server agreed on: UTF-16
unless the client offered another (`general.positionEncodings`, LSP 3.17).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

Units = Callable[[str], int]  # how many code units a piece of text takes


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def utf8(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def utf32(text: str) -> int:
    return len(text)


ENCODINGS: dict[str, Units] = {"utf-16": utf16, "utf-8": utf8, "utf-32": utf32}


def lines(text: str) -> list[str]:
    """The document's lines, without their breaks, as LSP numbers them."""
    return _LINE_BREAK.split(text)


def to_lsp(doc_lines: list[str], line: int, column: int, units: Units = utf16) -> tuple[int, int]:
    """(line, character) for LSP from mplint's 1-based line and column; a position past the
    end of a line (a finding that spans the break) stays at the line's end."""
    index = min(max(line, 1), len(doc_lines)) - 1
    text = doc_lines[index] if doc_lines else ""
    if line > len(doc_lines):  # past the last line: its end
        return index, units(text)
    return index, units(text[: max(column, 1) - 1])


def from_lsp(
    doc_lines: list[str], line: int, character: int, units: Units = utf16
) -> tuple[int, int]:
    """mplint's 1-based (line, column) of an LSP position (clamped to the document)."""
    if not doc_lines:
        return 1, 1
    index = min(max(line, 0), len(doc_lines) - 1)
    text = doc_lines[index]
    counted = 0
    for column, char in enumerate(text):
        if counted >= character:
            return index + 1, column + 1
        counted += units(char)
    return index + 1, len(text) + 1
