"""Text -> Documents with the position of every key and value.

YAML is composed with PyYAML's C loader when available (libyaml; the pure-Python loader is
about ten times slower) and converted to plain Python values in one walk that records spans,
duplicate keys and non-core tags. Nothing is ever constructed from a tag, so no YAML can run
code. JSON gets its own small scanner: exact positions, JSON's own grammar, no YAML 1.1
surprises.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from mplint.model import Document, Path, Span

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null")}
_STR = f"{_CORE}str"
_TIMESTAMP = f"{_CORE}timestamp"
_MERGE = f"{_CORE}merge"
_UNSAFE_TAG = re.compile(r"^tag:yaml\.org,2002:python/|^!!python/")


@dataclass(slots=True)
class Problem:
    """Something wrong with the text itself, found while parsing."""

    rule: str
    message: str
    span: Span
    path: Path = ()
    document: int = 0


class _TooComplex(Exception):
    pass


class _ScalarConstructor(yaml.constructor.SafeConstructor):
    """SafeConstructor used only for core scalar tags (never for collections or other tags)."""

    def __init__(self) -> None:
        super().__init__()


_constructor = _ScalarConstructor()


def _span(node: yaml.Node) -> Span:
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


class _YamlWalker:
    """Converts one composed YAML node tree into a Document, collecting Problems."""

    def __init__(self, index: int, budget: int) -> None:
        self.index = index
        self.budget = budget  # node visits allowed; aliases can multiply them exponentially
        self.values: dict[Path, Span] = {}
        self.keys: dict[Path, Span] = {}
        self.tags: dict[Path, str] = {}
        self.problems: list[Problem] = []

    def document(self, root: yaml.Node) -> Document:
        data = self.convert(root, ())
        return Document(data, self.values, self.keys, self.tags, self.index)

    def problem(self, rule: str, message: str, node: yaml.Node, path: Path) -> None:
        self.problems.append(Problem(rule, message, _span(node), path, self.index))

    def convert(self, node: yaml.Node, path: Path) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _TooComplex(node)
        self.values[path] = _span(node)
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == _STR:  # most values: what SafeConstructor returns, without the calls
                return node.value
            if tag in _SCALAR_TAGS:
                return _constructor.yaml_constructors[tag](_constructor, node)
            if tag == _TIMESTAMP:
                try:
                    return _constructor.construct_yaml_timestamp(node)
                except ValueError:
                    return node.value
            self.custom_tag(node, path)
            return node.value
        if isinstance(node, yaml.SequenceNode):
            if tag != f"{_CORE}seq":
                self.custom_tag(node, path)
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        if tag != f"{_CORE}map":
            self.custom_tag(node, path)
        return self.mapping(node, path)

    def custom_tag(self, node: yaml.Node, path: Path) -> None:
        if _UNSAFE_TAG.match(node.tag):
            self.problem(
                "MP005",
                f"YAML tag '{node.tag}' would construct a Python object; mplint refuses it"
                " and so should every loader of this file",
                node,
                path,
            )
        self.tags[path] = node.tag

    def mapping(self, node: yaml.MappingNode, path: Path) -> dict:
        result: dict = {}
        seen: dict[Any, yaml.Node] = {}
        merged: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged.update(self.merge_sources(value_node, path))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem("MP001", "a mapping key must be a plain scalar", key_node, path)
                continue
            if key_node.tag == _STR:
                key = key_node.value
                self.budget -= 1
            else:
                key = self.convert(key_node, path + ("<key>",))
                del self.values[path + ("<key>",)]
            if not isinstance(key, str):
                key = key_node.value  # AWS parameter names are strings; keep what was written
            child = path + (key,)
            if key in seen:
                first = seen[key].start_mark
                self.problem(
                    "MP003",
                    f"duplicate key '{key}' (first defined at line {first.line + 1});"
                    " only the last value would be sent",
                    key_node,
                    child,
                )
            seen[key] = key_node
            self.keys[child] = _span(key_node)
            result[key] = self.convert(value_node, child)
        for key, value in merged.items():
            result.setdefault(key, value)
        return result

    def merge_sources(self, node: yaml.Node, path: Path) -> dict:
        """Values brought in by `<<: *anchor` (or a list of anchors); explicit keys win."""
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        merged: dict = {}
        for source in reversed(sources):
            if not isinstance(source, yaml.MappingNode):
                self.problem("MP001", "a merge key ('<<') needs a mapping", source, path)
                continue
            for key_node, value_node in source.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != _MERGE:
                    child = path + (key_node.value,)
                    if child not in self.keys:
                        self.keys[child] = _span(key_node)
                    merged[key_node.value] = self.convert(value_node, child)
        return merged


def parse_yaml(text: str) -> tuple[list[Document], list[Problem]]:
    """Every document of a YAML stream, and the problems found on the way."""
    documents: list[Document] = []
    problems: list[Problem] = []
    budget = 4 * len(text) + 1000  # without aliases a node needs at least one character
    loader = _Loader(text)
    index = 0
    try:
        while loader.check_node():
            root = loader.get_node()
            walker = _YamlWalker(index, budget)
            try:
                documents.append(walker.document(root))
            except _TooComplex as exc:
                node = exc.args[0]
                problems.append(
                    Problem(
                        "MP008",
                        "document expands to too many values (aliases referencing aliases);"
                        " refusing to expand it",
                        _span(node),
                        document=index,
                    )
                )
            problems.extend(walker.problems)
            index += 1
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        problems.append(
            Problem("MP001", f"YAML syntax error: {problem}{context}", Span.point(line, col))
        )
    except yaml.YAMLError as exc:
        problems.append(Problem("MP001", f"YAML error: {exc}", Span.point(1, 1)))
    finally:
        loader.dispose()
    return documents, problems


# --- JSON ---------------------------------------------------------------------------------

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None}


class _JsonError(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class _JsonScanner:
    """Recursive-descent JSON parser recording the span of every key and value."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.values: dict[Path, Span] = {}
        self.keys: dict[Path, Span] = {}
        self.problems: list[Problem] = []

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def span(self, start: int, end: int) -> Span:
        return Span(*self.position(start), *self.position(end))

    def skip(self, i: int) -> int:
        return _WS.match(self.text, i).end()

    def value(self, i: int, path: Path) -> tuple[Any, int]:
        text = self.text
        if i >= len(text):
            raise _JsonError("unexpected end of file, expected a value", i)
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
                value = (
                    float(match.group()) if match.group(1) or match.group(2) else int(match.group())
                )
            else:
                word = re.match(r"[A-Za-z]+", text[i:])
                if not word or word.group() not in _LITERALS:
                    raise _JsonError(f"expected a value, found {text[i]!r}", i)
                value, end = _LITERALS[word.group()], i + len(word.group())
        self.values[path] = self.span(i, end)
        return value, end

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
        while True:
            if not self.text.startswith('"', i):
                if self.text.startswith("}", i):
                    raise _JsonError("trailing comma before '}'", i)
                raise _JsonError("expected a key in double quotes", i)
            key, end = self.string(i)
            child = path + (key,)
            if key in result:
                line = self.keys[child].line
                self.problems.append(
                    Problem(
                        "MP003",
                        f"duplicate key '{key}' (first defined at line {line});"
                        " only the last value would be sent",
                        self.span(i, end),
                        child,
                    )
                )
            self.keys[child] = self.span(i, end)
            i = self.skip(end)
            if not self.text.startswith(":", i):
                raise _JsonError("expected ':' after the key", i)
            result[key], i = self.value(self.skip(i + 1), child)
            i = self.skip(i)
            if self.text.startswith(",", i):
                i = self.skip(i + 1)
            elif self.text.startswith("}", i):
                return result, i + 1
            else:
                raise _JsonError("expected ',' or '}'", i)

    def array(self, i: int, path: Path) -> tuple[list, int]:
        result: list = []
        i = self.skip(i + 1)
        if self.text.startswith("]", i):
            return result, i + 1
        while True:
            if self.text.startswith("]", i) and result:
                raise _JsonError("trailing comma before ']'", i)
            item, i = self.value(i, path + (len(result),))
            result.append(item)
            i = self.skip(i)
            if self.text.startswith(",", i):
                i = self.skip(i + 1)
            elif self.text.startswith("]", i):
                return result, i + 1
            else:
                raise _JsonError("expected ',' or ']'", i)


def parse_json(text: str) -> tuple[list[Document], list[Problem]]:
    """The single document of a JSON file, and the problems found on the way."""
    scanner = _JsonScanner(text)
    try:
        start = scanner.skip(0)
        data, end = scanner.value(start, ())
        end = scanner.skip(end)
        if end != len(text):
            raise _JsonError("extra data after the top-level value", end)
    except _JsonError as exc:
        span = Span.point(*scanner.position(exc.offset))
        return [], [Problem("MP002", f"JSON syntax error: {exc}", span)]
    except RecursionError:
        return [], [Problem("MP008", "JSON nested too deeply to check", Span.point(1, 1))]
    return [Document(data, scanner.values, scanner.keys)], scanner.problems


def looks_like_json(name: str, text: str) -> bool:
    if name.endswith(".json"):
        return True
    if name.endswith((".yaml", ".yml")):
        return False
    return text.lstrip()[:1] in ("{", "[")


def parse(name: str, text: str) -> tuple[list[Document], list[Problem]]:
    """Documents of a file's text; JSON or YAML by file name, else by content."""
    return parse_json(text) if looks_like_json(name, text) else parse_yaml(text)


def iter_paths(data: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every (path, value) of a plain-data tree, parents first."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from iter_paths(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from iter_paths(value, path + (i,))
