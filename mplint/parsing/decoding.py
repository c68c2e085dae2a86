"""Bytes -> text, or a clear reason why a file is not text.

Read: UTF-8 (with or without a byte order mark), and UTF-16 or UTF-32 when they start with a
byte order mark (YAML allows them; the mark says how to read them). Refused, each with the
position of the first bad byte: other bytes that are not UTF-8 (binary data, Latin-1, ...),
NUL bytes, and UTF-16 without a byte order mark (its NUL bytes give it away).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Longest first: a UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text of a file, or `error` (a message) at `line`/`col` when it has none."""

    text: str = ""
    encoding: str = "UTF-8"  # UTF-8, UTF-16 or UTF-32
    bom: bool = False  # the file started with a byte order mark
    error: str = ""
    line: int = 1
    col: int = 1


_BREAK = re.compile(r"\r\n?|\n")


def _text_position(before: str) -> tuple[int, int]:
    """Line and column of the character after `before` (lines end at \n, \r\n or \r)."""
    breaks = list(_BREAK.finditer(before))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, len(before) - start + 1


def _position(raw: bytes, offset: int, codec: str) -> tuple[int, int]:
    """Line and column (characters) of the byte at `offset`."""
    return _text_position(raw[:offset].decode(codec, "replace"))


def _utf16_without_bom(raw: bytes) -> str:
    """'UTF-16-LE'/'UTF-16-BE' when the first bytes look like ASCII text in UTF-16."""
    head = raw[:64]
    if len(head) >= 4 and head[1::2].count(0) == len(head[1::2]) and 0 not in head[0::2]:
        return "UTF-16-LE"
    if len(head) >= 4 and head[0::2].count(0) == len(head[0::2]) and 0 not in head[1::2]:
        return "UTF-16-BE"
    return ""


def decode(raw: bytes) -> Decoded:
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            body = raw[len(bom) :]  # the mark is not text: positions start after it
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as exc:
                line, col = _position(body, exc.start, codec)
                return Decoded(
                    encoding=name,
                    bom=True,
                    error=f"not valid {name} text: {exc.reason} at byte"
                    f" {exc.start + len(bom)} (line {line}, column {col})",
                    line=line,
                    col=col,
                )
            return _checked(Decoded(text, name, bom=True))
    if 0 in raw:
        utf16 = _utf16_without_bom(raw)
        if utf16:
            return Decoded(
                encoding=utf16,
                error=f"looks like {utf16} text without a byte order mark; save it as UTF-8",
            )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        nul = raw.find(0, 0, exc.start)
        if nul >= 0:  # a NUL before the first bad byte: report the first sign of binary data
            return _checked(Decoded(raw[: nul + 1].decode("utf-8")))
        line, col = _position(raw, exc.start, "utf-8")
        byte = raw[exc.start]
        return Decoded(
            error=f"not UTF-8 text: byte 0x{byte:02x} at line {line}, column {col}"
            " (binary data or another encoding); save it as UTF-8",
            line=line,
            col=col,
        )
    return _checked(Decoded(text))


def _checked(decoded: Decoded) -> Decoded:
    """Refuse text with a NUL character: a binary file, whatever its first bytes said."""
    nul = decoded.text.find("\x00")
    if nul < 0:
        return decoded
    line, col = _text_position(decoded.text[:nul])
    return Decoded(
        encoding=decoded.encoding,
        bom=decoded.bom,
        error=f"binary file: NUL character at line {line}, column {col}",
        line=line,
        col=col,
    )
