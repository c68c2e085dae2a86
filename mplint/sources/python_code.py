"""Python code: the requests of `create_model_package(...)` calls and of the SageMaker
Python SDK's `register(...)` calls (opt-in: `--python`).

The file is read with the `ast` module and never run. Every call of a function or method
named `create_model_package` becomes one document (in the order of the calls) whose data are
its keyword arguments, `name=value` or `**{...}` literal dicts, with the exact position of
every key and value. Values that are not literals (names, f-strings, calls, ...) are Unknown.
A `**request` built in the file is followed by python_dicts; one that mplint cannot follow
is a request-decided-at-run-time note (quiet in directory scans). SDK calls are mapped by
python_sdk. A call with positional arguments is not boto3's and is skipped.

The limits of YAML and JSON hold here too (model.limits.MAX_VALUES values per call, integers of
at most MAX_NUMBER_LENGTH digits, too-complex beyond), and positions cost linear time: a line's
character columns are computed once, not again for every node on it (a 1 MB line holding a
520,000-item list).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mplint.model import Document, MaybeAbsent, Path, Span, Spec, Unknown
from mplint.model.kinds import Kind
from mplint.model.limits import MAX_NUMBER_LENGTH, MAX_VALUES
from mplint.parsing import Problem
from mplint.sources import python_dicts, python_sdk, values

NAME = "python"
FUNCTION = "create_model_package"
SIGNATURES = (FUNCTION,)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the line breaks Python's tokenizer knows


@dataclass(slots=True)
class PythonDocument(Document):
    """The keyword arguments of one call; `line` is where the call starts."""

    line: int = 0


def matches(document: Document) -> bool:
    return isinstance(document, PythonDocument)


def specs(document: Document) -> Iterator[Spec]:
    if isinstance(document, PythonDocument):
        yield Spec(document.data, document, (), f"call at line {document.line}", NAME)


def parse(text: str) -> tuple[list[Document], list[Problem]]:
    """One document per readable `create_model_package(...)` call."""
    if not worth_reading(text):
        return [], []
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        line, col = exc.lineno or 1, exc.offset or 1
        message = f"Python syntax error: {exc.msg}"
        return [], [Problem(Kind.INVALID_PYTHON, message, Span.point(line, max(col, 1)))]
    except (ValueError, RecursionError, MemoryError) as exc:  # null bytes, absurd nesting
        return [], [Problem(Kind.INVALID_PYTHON, f"cannot parse Python: {exc}", Span.point(1, 1))]
    builder = _Builder(text)
    calls, nodes = _calls(tree, text)
    builder.resolver = python_dicts.Resolver(nodes, builder.span)
    documents: list[Document] = []
    for call, sdk in sorted(calls, key=lambda item: (item[0].lineno, item[0].col_offset)):
        document = (
            builder.sdk_call(call, len(documents)) if sdk else builder.call(call, len(documents))
        )
        if document is not None:
            documents.append(document)
    return documents, builder.problems


def worth_reading(text: str) -> bool:
    """The cheap text test of directory scans."""
    return FUNCTION in text or python_sdk.mentions(text)


# The lines that may hold a call worth reading; only the top-level statements around them are
# walked (a walk of the whole tree costs more than parsing it).
_CANDIDATE = re.compile(FUNCTION + r"|\bregister\s*\(|\bRegisterModel\b")
_LONE_CR = re.compile(r"\r(?!\n)")


def _calls(tree: ast.Module, text: str) -> tuple[list[tuple[ast.Call, bool]], python_dicts.Tree]:
    """The create_model_package calls (False) and the SDK's register calls (True)."""
    # A lone CR ends a line for ast but not for the count below: then walk everything.
    other_line_ends = "\r" in text and _LONE_CR.search(text) is not None
    lines, line, offset = set(), 1, 0
    for match in _CANDIDATE.finditer(text):
        line += text.count("\n", offset, match.start())
        offset = match.start()
        lines.add(line)
    nodes = python_dicts.Tree(tree)
    calls: list[tuple[ast.Call, bool]] = []
    for statement in tree.body:
        start, end = python_dicts.first_line(statement), statement.end_lineno or statement.lineno
        if not other_line_ends and not any(start <= line <= end for line in lines):
            continue
        for node in nodes.walk(statement):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                if name == FUNCTION:
                    calls.append((node, False))
                elif python_sdk.is_candidate(node):
                    calls.append((node, True))
    return calls, nodes


class _Builder:
    """Converts literal AST nodes into plain data with character-based spans."""

    def __init__(self, text: str) -> None:
        starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        ends = starts[1:] + [len(text)]
        self.lines = [text[a:b] for a, b in zip(starts, ends, strict=True)]
        # line -> None for an ASCII line (bytes are characters), else the character index
        # of every byte offset
        self.columns: dict[int, list[int] | None] = {}
        self.problems: list[Problem] = []
        self.index = 0  # of the call being read
        self.count = 0  # values read in the current call

    def column(self, line: int, byte_offset: int) -> int:
        """ast counts columns in UTF-8 bytes; spans count characters (1-based)."""
        if not 1 <= line <= len(self.lines):
            return byte_offset + 1
        if line not in self.columns:
            self.columns[line] = _char_indexes(self.lines[line - 1])
        indexes = self.columns[line]
        if indexes is None:
            return byte_offset + 1
        return indexes[min(byte_offset, len(indexes) - 1)] + 1

    def span(self, node: ast.AST) -> Span:
        end_line = node.end_lineno or node.lineno
        end_col = node.end_col_offset if node.end_col_offset is not None else node.col_offset
        return Span(
            node.lineno,
            self.column(node.lineno, node.col_offset),
            end_line,
            self.column(end_line, end_col),
        )

    def call(self, call: ast.Call, index: int) -> PythonDocument | None:
        if call.args:
            return None  # boto3 takes keyword arguments only; this is not a request we read
        self.start(call, index)
        first_problem = len(self.problems)
        data: dict[str, Any] = {}
        try:
            if not self.arguments(call, data, first_problem):
                return None
        except _TooMany as exc:
            del self.problems[first_problem:]
            self.problems.append(Problem(Kind.TOO_COMPLEX, str(exc), exc.span, (), index))
            return None
        return PythonDocument(
            data, self.values, self.keys, {}, index, syntax="python", line=call.lineno
        )

    def arguments(self, call: ast.Call, data: dict[str, Any], first_problem: int) -> bool:
        """Read the call's keyword arguments into `data`; False when a `**` request is
        decided at run time (reported)."""
        for keyword in call.keywords:
            if keyword.arg is not None:
                start = self.span(keyword)
                key_span = Span(start.line, start.col, start.line, start.col + len(keyword.arg))
                self.entry(data, keyword.arg, key_span, keyword.value, ())
            elif isinstance(keyword.value, ast.Dict) and _literal_keys(keyword.value):
                for key, value in zip(keyword.value.keys, keyword.value.values, strict=True):
                    self.entry(data, key.value, self.span(key), value, ())  # type: ignore[union-attr]
            else:
                try:
                    followed = self.resolver.resolve(keyword.value, call)
                except python_dicts.Unresolvable as exc:
                    del self.problems[first_problem:]
                    self.problems.append(_decided_at_run_time(self.span(keyword), str(exc)))
                    return False
                for key, entry in followed.entries.items():
                    self.place(data, key, entry, ())
        return True

    def start(self, call: ast.Call, index: int) -> None:
        """Positions and state of a new request (the document at `index`)."""
        self.index = index
        self.count = 0  # values read: at most MAX_VALUES
        self.values: dict[Path, Span] = {(): self.span(call)}
        self.keys: dict[Path, Span] = {}
        self.maybe: set[Path] = set()  # keys set on some paths only

    def sdk_call(self, call: ast.Call, index: int) -> PythonDocument | None:
        """A SageMaker SDK register()/RegisterModel call: the request the SDK builds."""
        try:
            found = python_sdk.arguments(call, self.resolver)
        except python_dicts.Unresolvable as exc:
            spread = next(k for k in call.keywords if k.arg is None)
            self.problems.append(_decided_at_run_time(self.span(spread), str(exc)))
            return None
        if found is None:
            return None
        self.start(call, index)
        func = call.func
        collection = getattr(func, "attr", getattr(func, "id", "")) == python_sdk.STEP_COLLECTION
        pipeline = python_sdk.in_pipeline(call, self.resolver.parent)
        builder = python_sdk.RequestBuilder(self.place, self.values, self.span(call))
        try:
            data = builder.build(found, pipeline, collection)
        except _TooMany as exc:
            self.problems.append(Problem(Kind.TOO_COMPLEX, str(exc), exc.span, (), index))
            return None
        return PythonDocument(
            data, self.values, self.keys, {}, index, syntax="python", line=call.lineno
        )

    def place(self, target: dict, key: str, entry: python_dicts.Entry, path: Path) -> None:
        """A key of a dict followed by python_dicts. A value set on some paths only is
        Unknown (MaybeAbsent) and never a duplicate."""
        value, child = entry.value, path + (key,)
        if isinstance(value, python_dicts.Opaque) and value.some_paths:
            self.maybe.add(child)
            self.keys[child] = entry.key
            self.values[child] = value.span
            target[key] = MaybeAbsent(value.text)
            return
        if key in target and child not in self.maybe:
            self.duplicate(key, entry.key, child)
        self.maybe.discard(child)
        self.keys[child] = entry.key
        target[key] = self.materialise(value, child)

    def materialise(self, value: Any, path: Path) -> Any:
        """Plain data (with positions) of a value followed by python_dicts."""
        if isinstance(value, python_dicts.Opaque):
            self.values[path] = value.span
            return Unknown(value.text)
        if isinstance(value, python_dicts.DictValue):
            self.values[path] = value.span
            nested: dict[str, Any] = {}
            for name, item in value.entries.items():
                self.place(nested, name, item, path)
            return nested
        if isinstance(value, python_dicts.ListValue):
            self.values[path] = value.span
            return [self.materialise(item.value, path + (i,)) for i, item in enumerate(value.items)]
        return self.convert(value, path)

    def entry(self, target: dict, key: str, key_span: Span, node: ast.AST, path: Path) -> None:
        child = path + (key,)
        if key in target and child not in self.maybe:
            self.duplicate(key, key_span, child)
        self.maybe.discard(child)
        self.keys[child] = key_span
        target[key] = self.convert(node, child)

    def duplicate(self, key: str, key_span: Span, child: Path) -> None:
        first = self.keys[child].line
        self.problems.append(
            Problem(
                Kind.DUPLICATE_KEY,
                f"duplicate key '{key}' (first given at line {first}); only one value can be sent",
                key_span,
                child,
                self.index,
            )
        )

    def convert(self, node: ast.AST, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _TooMany(self.span(node), f"the call has more than {MAX_VALUES} values")
        self.values[path] = self.span(node)
        if isinstance(node, ast.Constant) and (
            node.value is None or isinstance(node.value, (str, int, float, bool))
        ):
            if type(node.value) is int and node.value.bit_length() > _MAX_INT_BITS:
                return self.too_long(node, path)
            return Unknown(node.value) if values.is_placeholder(node.value) else node.value
        if (
            isinstance(node, ast.UnaryOp)
            and isinstance(node.op, (ast.USub, ast.UAdd))
            and isinstance(node.operand, ast.Constant)
            and type(node.operand.value) in (int, float)
        ):
            if type(node.operand.value) is int and node.operand.value.bit_length() > _MAX_INT_BITS:
                return self.too_long(node, path)
            return -node.operand.value if isinstance(node.op, ast.USub) else node.operand.value
        if isinstance(node, ast.Dict) and _literal_keys(node):
            result: dict = {}
            for key, value in zip(node.keys, node.values, strict=True):
                self.entry(result, key.value, self.span(key), value, path)  # type: ignore[union-attr]
            return result
        if isinstance(node, (ast.List, ast.Tuple)) and not any(
            isinstance(item, ast.Starred) for item in node.elts
        ):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.elts)]
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "dict"
            and not node.args
            and all(keyword.arg is not None for keyword in node.keywords)
        ):
            result = {}
            for keyword in node.keywords:
                start = self.span(keyword)
                key_span = Span(start.line, start.col, start.line, start.col + len(keyword.arg))
                self.entry(result, keyword.arg, key_span, keyword.value, path)  # type: ignore[arg-type]
            return result
        return Unknown(_source(node))

    def too_long(self, node: ast.AST, path: Path) -> Unknown:
        """An integer literal longer than any real value (printing it in a message would
        exceed Python's 4,300-digit limit): too-complex, as in YAML and JSON, and the value is not
        checked further."""
        self.problems.append(
            Problem(
                Kind.TOO_COMPLEX,
                f"an integer of more than {MAX_NUMBER_LENGTH} digits is too long to convert;"
                " no real value is that long",
                self.span(node),
                path,
                self.index,
            )
        )
        return Unknown("<a very long integer>")


class _TooMany(Exception):
    def __init__(self, span: Span, message: str) -> None:
        super().__init__(message)
        self.span = span


_MAX_INT_BITS = int(MAX_NUMBER_LENGTH * 3.33)  # about MAX_NUMBER_LENGTH decimal digits


def _char_indexes(line: str) -> list[int] | None:
    """None for an ASCII line; else, for every UTF-8 byte offset of `line`, the index of the
    character it falls in (one more entry: the end of the line)."""
    if line.isascii():
        return None
    indexes: list[int] = []
    for i, char in enumerate(line):
        code = ord(char)
        width = 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
        indexes.extend([i] * width)
    indexes.append(len(line))
    return indexes


def _decided_at_run_time(span: Span, reason: str) -> Problem:
    message = f"the request of this call is decided at run time ({reason}); mplint cannot check it"
    return Problem(Kind.REQUEST_DECIDED_AT_RUN_TIME, message, span, quiet_in_scans=True)


def _literal_keys(node: ast.Dict) -> bool:
    return all(isinstance(key, ast.Constant) and isinstance(key.value, str) for key in node.keys)


def _source(node: ast.AST, limit: int = 60) -> str:
    try:
        text = ast.unparse(node)
    except Exception:  # unparse cannot fail on a parsed tree, but a message must not crash
        text = type(node).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."
