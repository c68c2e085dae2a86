"""The API's string patterns, compiled so that ASCII text never pays for Unicode classes.

The schema translates the API's `\\p{L}`, `\\p{N}`, ... into explicit Unicode ranges: a
pattern such as a description's is 21,000 characters long and takes ~20 ms to compile,
more than checking a whole spec. Almost every value is ASCII, and on ASCII text a character
class matches exactly the ASCII characters it contains. So each pattern also gets an ASCII
projection, every class cut down to its ASCII members, which compiles in microseconds and
answers for ASCII text; the full pattern is compiled only when a non-ASCII value needs it.
"""

from __future__ import annotations

import re

_ASCII_END = 0x80
# One item of a character class: a \u/\U/\x escape, another escape (\s, \-, \n ...), or a
# literal character.
_CLASS_ITEM = re.compile(
    r"\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})|\\x([0-9a-fA-F]{2})|\\(.)|(.)", re.S
)
_NAMED_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "f": "\f", "v": "\v", "a": "\a"}
# Escapes that stand for a set of characters rather than one (kept as they are).
_SET_ESCAPES = set("dDsSwW")
_DASH = None  # an unescaped '-' inside a class: a range when it stands between two characters


class ApiPattern:
    """`search(text)` as `re.search` with the full pattern, compiled lazily."""

    __slots__ = ("_ascii", "_full", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._ascii: re.Pattern[str] | None = None
        self._full: re.Pattern[str] | None = None

    def search(self, text: str) -> re.Match[str] | None:
        if text.isascii():
            if self._ascii is None:
                projected = ascii_projection(self.source)
                self._ascii = re.compile(projected if projected is not None else self.source)
            return self._ascii.search(text)
        if self._full is None:
            self._full = re.compile(self.source)
        return self._full.search(text)


def ascii_projection(pattern: str) -> str | None:
    """`pattern` with every character class reduced to its ASCII members: the same matches
    on ASCII text. None when the pattern holds a class this cannot read exactly (then the
    full pattern is used)."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        elif ch == "[":
            end = _class_end(pattern, i)
            if end is None:
                return None
            projected = _project_class(pattern[i + 1 : end])
            if projected is None:
                return None
            out.append(projected)
            i = end + 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _class_end(pattern: str, start: int) -> int | None:
    """The index of the `]` that closes the class opened at `start`."""
    i = start + 1
    if pattern.startswith("^", i):
        i += 1
    if pattern.startswith("]", i):  # a leading ] is a literal
        i += 1
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
        elif pattern[i] == "[":
            return None  # nested sets (a FutureWarning in re): not ours to guess
        elif pattern[i] == "]":
            return i
        else:
            i += 1
    return None


def _project_class(body: str) -> str | None:
    negated = body.startswith("^")
    if negated:
        body = body[1:]
    # Code point ranges, set escapes as written (\s), and _DASH for an unescaped '-'.
    items: list[tuple[int, int] | str | None] = []
    for match in _CLASS_ITEM.finditer(body):
        u4, u8, x2, escaped, literal = match.groups()
        if literal == "-":
            items.append(_DASH)
        elif escaped is not None and escaped in _SET_ESCAPES:
            items.append("\\" + escaped)
        elif escaped is not None and escaped.isalnum() and escaped not in _NAMED_ESCAPES:
            return None  # \b, \N{...}, octal ...: not in the schema's translation
        elif u4 or u8 or x2:
            code = int(u4 or u8 or x2, 16)
            items.append((code, code))
        else:
            code = ord(_NAMED_ESCAPES.get(escaped, escaped) if escaped is not None else literal)
            items.append((code, code))
    ranges: list[tuple[int, int] | str] = []
    k = 0
    while k < len(items):
        item = items[k]
        after = items[k + 2] if k + 2 < len(items) else None
        if isinstance(item, tuple) and items[k + 1 : k + 2] == [_DASH] and isinstance(after, tuple):
            ranges.append((item[0], after[1]))
            k += 3
            continue
        ranges.append((ord("-"), ord("-")) if item is _DASH else item)  # a '-' first or last
        k += 1
    kept = []
    for item in ranges:
        if isinstance(item, str):
            kept.append(item)
        elif item[0] < _ASCII_END:
            low, high = item[0], min(item[1], _ASCII_END - 1)
            kept.append(_char(low) if low == high else f"{_char(low)}-{_char(high)}")
    if not kept:  # no ASCII member: matches no ASCII character (or every one, negated)
        return r"[\s\S]" if negated else r"[^\s\S]"
    return "[" + ("^" if negated else "") + "".join(kept) + "]"


def _char(code: int) -> str:
    return f"\\x{code:02x}"
