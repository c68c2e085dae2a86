"""JSON text -> one Document with exact positions.

A small recursive-descent scanner: JSON's own grammar (no YAML 1.1 surprises), the position
of every key and value, duplicate keys reported, and the limits of model/limits.py enforced
as it reads.
"""

from __future__ import annotations

import json
import re
from typing import Any

from mplint.model import Document, Path, Span
from mplint.model.kinds import Kind
from mplint.model.limits import MAX_DEPTH, MAX_NUMBER_LENGTH, MAX_VALUES
from mplint.parsing.positions import LazySpans, Lines
from mplint.parsing.problems import Problem, duplicate_key

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None}
_WORD = re.compile(r"[A-Za-z]+")


class _JsonError(Exception):
    def __init__(self, message: str, offset: int, kind: Kind = Kind.INVALID_JSON) -> None:
        super().__init__(message)
        self.offset = offset
        self.kind = kind


class _JsonScanner:
    """Recursive-descent JSON parser recording the span of every key and value."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = Lines(text)
        # (start, end) offsets, made Spans when looked up
        self.values: dict[Path, Span] = LazySpans(self.offsets_span)
        self.keys: dict[Path, Span] = LazySpans(self.offsets_span)
        self.problems: list[Problem] = []
        self.count = 0  # values read so far

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    def span(self, start: int, end: int) -> Span:
        return Span(*self.position(start), *self.position(end))

    def offsets_span(self, offsets: tuple[int, int]) -> Span:
        return self.span(*offsets)

    def skip(self, i: int) -> int:
        return _WS.match(self.text, i).end()

    def value(self, i: int, path: Path) -> tuple[Any, int]:
        text = self.text
        if i >= len(text):
            raise _JsonError("unexpected end of file, expected a value", i)
        # Limits keep the recursion and the work bounded (README, "Limits and hostile input").
        if len(path) > MAX_DEPTH:
            raise _JsonError(
                f"values are nested deeper than {MAX_DEPTH} levels", i, Kind.TOO_COMPLEX
            )
        self.count += 1
        if self.count > MAX_VALUES:
            raise _JsonError(f"the document has more than {MAX_VALUES} values", i, Kind.TOO_COMPLEX)
        ch = text[i]
        if ch == "{":
            value, end = self.object(i, path)
        elif ch == "[":
            value, end = self.array(i, path)
        elif ch == '"':
            value, end = self.string(i)
        else:
            match = _NUMBER.match(text, i)
            if match:
                end = match.end()
                value = self.number(match, path)
            else:
                word = _WORD.match(text, i)
                if not word or word.group() not in _LITERALS:
                    raise _JsonError(f"expected a value, found {text[i]!r}", i)
                value, end = _LITERALS[word.group()], i + len(word.group())
        self.values[path] = (i, end)
        return value, end

    def number(self, match: re.Match, path: Path) -> Any:
        digits = match.group()
        if match.group(1) or match.group(2):
            return float(digits)
        if len(digits) > MAX_NUMBER_LENGTH:  # int() refuses more than 4,300 digits
            self.problems.append(
                Problem(
                    Kind.TOO_COMPLEX,
                    f"an integer of {len(digits)} characters is too long to convert;"
                    " no real value is that long",
                    self.span(match.start(), match.end()),
                    path,
                )
            )
            return digits
        return int(digits)

    def string(self, i: int) -> tuple[str, int]:
        try:
            return json.decoder.scanstring(self.text, i + 1, True)
        except json.JSONDecodeError as exc:
            raise _JsonError(exc.msg, exc.pos) from None

    def object(self, i: int, path: Path) -> tuple[dict, int]:
        result: dict = {}
        i = self.skip(i + 1)
        if self.text.startswith("}", i):
            return result, i + 1
        comma = i  # where the last ',' stood: a trailing comma is reported there
        while True:
            if not self.text.startswith('"', i):
                if self.text.startswith("}", i):
                    raise _JsonError("trailing comma before '}'", comma)
                raise _JsonError("expected a key in double quotes", i)
            key, end = self.string(i)
            child = path + (key,)
            if key in result:
                first = self.keys[child].line
                self.problems.append(duplicate_key(key, first, self.span(i, end), child))
            self.keys[child] = (i, end)
            i = self.skip(end)
            if not self.text.startswith(":", i):
                raise _JsonError("expected ':' after the key", i)
            result[key], i = self.value(self.skip(i + 1), child)
            i = self.skip(i)
            if self.text.startswith(",", i):
                comma, i = i, self.skip(i + 1)
            elif self.text.startswith("}", i):
                return result, i + 1
            else:
                raise _JsonError("expected ',' or '}'", i)

    def array(self, i: int, path: Path) -> tuple[list, int]:
        result: list = []
        i = self.skip(i + 1)
        if self.text.startswith("]", i):
            return result, i + 1
        comma = i
        while True:
            if self.text.startswith("]", i) and result:
                raise _JsonError("trailing comma before ']'", comma)
            item, i = self.value(i, path + (len(result),))
            result.append(item)
            i = self.skip(i)
            if self.text.startswith(",", i):
                comma, i = i, self.skip(i + 1)
            elif self.text.startswith("]", i):
                return result, i + 1
            else:
                raise _JsonError("expected ',' or ']'", i)


def parse_json(text: str) -> tuple[list[Document], list[Problem]]:
    """The single document of a JSON file, and the problems found on the way."""
    if not text.strip(" \t\n\r"):
        return [], []  # an empty file, as an empty YAML file: no document (not-a-spec)
    scanner = _JsonScanner(text)
    try:
        start = scanner.skip(0)
        data, end = scanner.value(start, ())
        end = scanner.skip(end)
        if end != len(text):
            raise _JsonError("extra data after the top-level value", end)
    except _JsonError as exc:
        span = Span.point(*scanner.position(exc.offset))
        if exc.kind is Kind.TOO_COMPLEX:
            message = f"{exc}; mplint does not check this file"
            return [], [*scanner.problems, Problem(Kind.TOO_COMPLEX, message, span)]
        return [], [
            *scanner.problems,
            Problem(Kind.INVALID_JSON, f"JSON syntax error: {exc}", span),
        ]
    return [Document(data, scanner.values, scanner.keys, syntax="json")], scanner.problems
