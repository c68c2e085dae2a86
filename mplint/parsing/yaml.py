"""YAML text -> Documents with the position of every key and value.

YAML is composed with PyYAML's C loader when available (libyaml; the pure-Python loader is
about ten times slower) and converted to plain Python values in one walk that records spans,
duplicate keys and non-core tags. Nothing is ever constructed from a tag, so no YAML can run
code.

Hostile input is bounded before it can cost much (README, "Limits and hostile input"): at
most MAX_DEPTH levels of nesting, MAX_VALUES values per document and ALIAS_EXPANSION values
reached again through aliases. libyaml's composer recurses in C (a document nested 100,000
deep crashes the process), so a document is composed only once it is known to be shallow:
either a cheap bound on its depth says so, or a scan of its events (which libyaml produces
without recursing) proves it, stopping at the first value past a limit.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from mplint.model import Document, Path, Span
from mplint.model.kinds import Kind
from mplint.model.limits import (
    ALIAS_EXPANSION,
    MAX_DEPTH,
    MAX_DOCUMENTS,
    MAX_NUMBER_LENGTH,
    MAX_VALUES,
)
from mplint.parsing.positions import LazySpans, Lines
from mplint.parsing.problems import Problem, duplicate_key

try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null")}
_STR = f"{_CORE}str"
_TIMESTAMP = f"{_CORE}timestamp"
_MERGE = f"{_CORE}merge"
_UNSAFE_TAG = re.compile(r"^tag:yaml\.org,2002:python/|^!!python/")

# libyaml's composer is only called when the document cannot be nested deeper than this
# (its C recursion crashes somewhere between 20,000 and 40,000 levels on an 8 MB stack,
# much earlier on small thread stacks)...
_SAFE_COMPOSE_DEPTH = 1000
# ...and when the text is too short to hold more than MAX_VALUES values (a value takes at
# least one character); otherwise its events are scanned first.
_SAFE_COMPOSE_LENGTH = MAX_VALUES


class _Loader(_SafeLoader):
    """The safe loader with tag resolution done directly: libyaml's composer calls back into
    Python for every scalar, and `BaseResolver.resolve` also handles path and wildcard
    resolvers, which the safe loader has none of. For a scalar it is the same answer: the
    first implicit resolver for its first character that matches (bool, int, float, null,
    timestamp, merge, value), else a string."""

    _resolvers = _SafeLoader.yaml_implicit_resolvers
    _direct = None not in _resolvers and not _SafeLoader.yaml_path_resolvers

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if self._direct and kind is yaml.ScalarNode:
            if implicit[0]:  # plain, untagged: the implicit types apply
                for tag, regexp in self._resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")


class _TooComplex(Exception):
    """A limit was reached at `node`; `message` says which."""

    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message


# Used only for core scalar tags, never for collections or other tags.
_constructor = yaml.constructor.SafeConstructor()


_KINDS = {f"{_CORE}seq": "a sequence", f"{_CORE}map": "a mapping", f"{_CORE}set": "a mapping",
          f"{_CORE}omap": "a sequence", f"{_CORE}pairs": "a sequence"}  # fmt: skip
_SCALAR_KINDS = _SCALAR_TAGS | {_TIMESTAMP, f"{_CORE}binary"}


def _short(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _excerpt(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def core_tag_message(tag: str, written: str, value: str = "") -> str:
    """Why a core tag (`!!set`, `!!int`, ...) on a node written as `written` ("a scalar", "a
    sequence", "a mapping") is no request value: yaml.safe_load refuses it, or makes
    something JSON has no place for."""
    short = _short(tag)
    if tag == _TIMESTAMP and written == "a scalar" and _constructor.timestamp_regexp.match(value):
        return (f"'{_excerpt(value)}' reads as a date (YAML timestamp) that does not exist:"
                " yaml.safe_load refuses it; quote the value")  # fmt: skip
    if (tag in _SCALAR_TAGS or tag == _TIMESTAMP) and written == "a scalar":
        return (f"YAML tag '{short}': '{_excerpt(value)}' is not a valid {short[2:]}:"
                " yaml.safe_load refuses it")  # fmt: skip
    if tag == f"{_CORE}binary" and written == "a scalar":
        return (f"YAML tag '{short}' makes bytes (yaml.safe_load decodes base64), not text;"
                " write the text without the tag")  # fmt: skip
    if tag == f"{_CORE}set" and written == "a mapping":
        return (f"YAML tag '{short}' makes a set of the keys (yaml.safe_load), which JSON data"
                " cannot hold; drop the tag")  # fmt: skip
    if tag in (f"{_CORE}omap", f"{_CORE}pairs") and written == "a sequence":
        return (f"YAML tag '{short}' makes a list of (key, value) pairs (yaml.safe_load), not a"
                " mapping; drop the tag and write a mapping")  # fmt: skip
    needs = "a scalar" if tag in _SCALAR_KINDS else _KINDS.get(tag)
    if needs is None:
        return f"YAML tag '{short}' is not a type yaml.safe_load knows: it refuses the file"
    return f"YAML tag '{short}' needs {needs}, not {written}: yaml.safe_load refuses it"


def _span(node: yaml.Node) -> Span:
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _positions(text: str, lines: Lines) -> tuple[Any, Any]:
    """(span of a node, (line, column) of a mark) for this text.

    libyaml's own line and column are used as they are, except in two cases: the text holds
    a line break that libyaml counts and editors do not (NEL, LS, PS: map its character
    index instead), or the text does not end with a line break (libyaml then puts the end
    of the stream on a line that does not exist: clamp it to the end of the last line)."""
    if _YAML_ONLY_BREAKS.search(text):
        shift = 1 if text.startswith("\ufeff") else 0  # libyaml does not count a BOM

        def point(mark: Any) -> tuple[int, int]:
            return lines.position(min(mark.index + shift, len(text)))

    elif text and not text.endswith(("\n", "\r")):
        last = len(lines.starts)
        end = (last, len(text) - lines.starts[-1] + 1)

        def point(mark: Any) -> tuple[int, int]:
            return (mark.line + 1, mark.column + 1) if mark.line < last else end

    else:
        return _span, lambda mark: (mark.line + 1, mark.column + 1)

    def span(node: yaml.Node) -> Span:
        return Span(*point(node.start_mark), *point(node.end_mark))

    return span, point


class _YamlWalker:
    """Converts one composed YAML node tree into a Document, collecting Problems."""

    def __init__(self, index: int, span: Any = _span, anchors: bool = True) -> None:
        self.index = index
        self.span = span
        # Without an anchor in the text no node can be reached twice: skip the bookkeeping.
        self.anchors = anchors
        self.visits = 0  # values converted so far, aliases expanded
        self.seen: set[int] = set()  # ids of nodes converted once; again means via an alias
        self.expanded = 0  # values converted again through an alias
        self.values: dict[Path, Span] = LazySpans(span)
        self.keys: dict[Path, Span] = LazySpans(span)
        self.tags: dict[Path, str] = {}
        self.problems: list[Problem] = []

    def document(self, root: yaml.Node) -> Document:
        data = self.convert(root, ())
        return Document(data, self.values, self.keys, self.tags, self.index)

    def problem(self, kind: Kind, message: str, node: yaml.Node, path: Path) -> None:
        self.problems.append(Problem(kind, message, self.span(node), path, self.index))

    def count(self, node: yaml.Node, depth: int) -> None:
        """Count a value and enforce the limits; the walk (Python recursion) never goes
        deeper than MAX_DEPTH. (`convert` does the common case inline.)"""
        self.visits += 1
        if self.visits > MAX_VALUES or depth > MAX_DEPTH or self.anchors:
            self.limits(node, depth)

    def limits(self, node: yaml.Node, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise _TooComplex(node, f"values are nested deeper than {MAX_DEPTH} levels")
        if self.visits > MAX_VALUES:
            raise _TooComplex(node, f"the document has more than {MAX_VALUES} values")
        if not self.anchors:
            return
        if id(node) in self.seen:
            self.expanded += 1
            if self.expanded > ALIAS_EXPANSION:
                raise _TooComplex(
                    node,
                    f"aliases expand to more than {ALIAS_EXPANSION} values"
                    " (anchors referencing anchors)",
                )
        else:
            self.seen.add(id(node))

    def convert(self, node: yaml.Node, path: Path) -> Any:
        self.visits += 1  # self.count(node, len(path)), inline: it runs for every value
        if self.visits > MAX_VALUES or len(path) > MAX_DEPTH or self.anchors:
            self.limits(node, len(path))
        self.values[path] = node  # made a Span when looked up
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == _STR:  # most values: what SafeConstructor returns, without the calls
                return node.value
            if tag in _SCALAR_TAGS or tag == _TIMESTAMP:
                return self.scalar(node, path)
            if tag.startswith(_CORE) and not _UNSAFE_TAG.match(tag):
                return self.core_tag_refused(node, path, "a scalar")
            self.custom_tag(node, path)
            return node.value
        if isinstance(node, yaml.SequenceNode):
            if tag != f"{_CORE}seq":
                if tag.startswith(_CORE) and not _UNSAFE_TAG.match(tag):
                    self.core_tag_refused(node, path, "a sequence")
                else:
                    self.custom_tag(node, path)
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        if tag != f"{_CORE}map":
            if tag.startswith(_CORE) and not _UNSAFE_TAG.match(tag):
                self.core_tag_refused(node, path, "a mapping")
            else:
                self.custom_tag(node, path)
        return self.mapping(node, path)

    def scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        if node.tag == f"{_CORE}int" and len(node.value) > MAX_NUMBER_LENGTH:
            # int() refuses over 4,300 digits and base-60 integers (1:2:3) take quadratic
            # time: keep the text and say why.
            self.problem(
                Kind.TOO_COMPLEX,
                f"an integer of {len(node.value)} characters is too long to convert;"
                " no real value is that long",
                node,
                path,
            )
            return node.value
        try:
            return _constructor.yaml_constructors[node.tag](_constructor, node)
        except (ValueError, OverflowError, KeyError, IndexError, AttributeError, TypeError):
            # What yaml.safe_load refuses (`!!int abc`, `!!bool maybe`, a plain 2001-02-30):
            # the file cannot be loaded, so say so instead of checking the text as a string.
            return self.core_tag_refused(node, path, "a scalar")

    def core_tag_refused(self, node: yaml.Node, path: Path, written: str) -> Any:
        """A core tag yaml.safe_load refuses or turns into something no request holds (a set,
        bytes, pairs): unknown-yaml-tag. A scalar keeps its text, and nothing more is said about it (one
        defect, one finding); a collection is still checked as what it is written as, so
        that a tag never hides what is inside it."""
        value = node.value if isinstance(node, yaml.ScalarNode) else ""
        self.problem(Kind.UNKNOWN_YAML_TAG, core_tag_message(node.tag, written, value), node, path)
        if written == "a scalar":
            self.tags[path] = node.tag
        return node.value

    def custom_tag(self, node: yaml.Node, path: Path) -> None:
        if _UNSAFE_TAG.match(node.tag):
            self.problem(
                Kind.UNSAFE_YAML_TAG,
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
                self.count(key_node, len(path) + 1)
                self.problem(
                    Kind.INVALID_YAML, "a mapping key must be a plain scalar", key_node, path
                )
                continue
            if key_node.tag == _STR:
                key = key_node.value
                self.count(key_node, len(path) + 1)
            else:
                key = self.convert(key_node, path + ("<key>",))
                del self.values[path + ("<key>",)]
            if not isinstance(key, str):
                key = key_node.value  # AWS parameter names are strings; keep what was written
            child = path + (key,)
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.problems.append(
                    duplicate_key(key, first, self.span(key_node), child, self.index)
                )
            seen[key] = key_node
            self.keys[child] = key_node
            result[key] = self.convert(value_node, child)
        for key, value in merged.items():
            result.setdefault(key, value)
        return result

    def merge_sources(self, node: yaml.Node, path: Path, chain: frozenset = frozenset()) -> dict:
        """Values brought in by `<<: *anchor` (or a list of anchors); explicit keys win.

        A merged mapping may merge others in turn; `chain` stops a mapping that (through
        aliases) merges itself."""
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        merged: dict = {}
        for source in reversed(sources):
            if not isinstance(source, yaml.MappingNode):
                self.problem(Kind.INVALID_YAML, "a merge key ('<<') needs a mapping", source, path)
                continue
            if id(source) in chain:
                continue
            own: dict = {}
            for key_node, value_node in source.value:
                if key_node.tag == _MERGE:
                    inner = self.merge_sources(value_node, path, chain | {id(source)})
                    for key, value in inner.items():
                        own.setdefault(key, value)
                elif isinstance(key_node, yaml.ScalarNode):
                    child = path + (key_node.value,)
                    if child not in self.keys:
                        self.keys[child] = key_node
                    own[key_node.value] = self.convert(value_node, child)
            merged.update(own)
        return merged


def _depth_bound(text: str) -> int:
    """An upper bound on how deeply libyaml could nest this text, from two counts made in C.

    Block collections nest only at strictly greater columns (a list directly under a key
    may share the key's column), so they nest at most twice per column of the longest line;
    flow collections nest at most once per bracket."""
    longest = max(map(len, text.split("\n")))
    return 2 * (longest + 1) + text.count("[") + text.count("{") + 1


_OPEN_EVENTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE_EVENTS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, *_OPEN_EVENTS)


def _first_excess(text: str, *, retried: bool = False) -> tuple[int, Any, str] | None:
    """(document index, mark, reason) of the first value past MAX_DEPTH or MAX_VALUES.

    Reads libyaml's events, which it produces without recursion, and stops at the first
    value past a limit, so that neither the C composer nor libyaml's scanner (whose cost per
    token grows with the nesting of flow collections) ever sees the rest. Syntax errors are
    left to the composer, which reports them."""
    loader = _Loader(text)
    document, depth, values = -1, 0, 0
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return None
            if isinstance(event, yaml.DocumentStartEvent):
                document, depth, values = document + 1, 0, 0
            elif isinstance(event, _NODE_EVENTS):
                values += 1
                if depth > MAX_DEPTH:
                    return (
                        document,
                        event.start_mark,
                        f"values are nested deeper than {MAX_DEPTH} levels",
                    )
                if values > MAX_VALUES:
                    return (
                        document,
                        event.start_mark,
                        f"the document has more than {MAX_VALUES} values",
                    )
                if isinstance(event, _OPEN_EVENTS):
                    depth += 1
            elif isinstance(event, _CLOSE_EVENTS):
                depth -= 1
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is None or retried or "nesting depth" not in str(getattr(exc, "problem", "")):
            return None
        # libyaml 0.2.5 (PyYAML 6.0.4 wheels) refuses flow nesting past 1,000 levels while
        # it scans ahead; the text before that point shows where MAX_DEPTH was first passed.
        lines = text.split("\n")
        cut = sum(len(line) + 1 for line in lines[: mark.line]) + mark.column
        return _first_excess(text[:cut], retried=True)
    finally:
        loader.dispose()


def _yaml_error(exc: yaml.YAMLError, text: str, lines: Lines, point: Any) -> Problem:
    """A YAML error as a finding at its position (libyaml's reader reports a UTF-8 byte
    offset, the scanner and parser a mark)."""
    if isinstance(exc, yaml.reader.ReaderError):
        offset = len(
            text.encode("utf-8", "surrogatepass")[: exc.position].decode("utf-8", "ignore")
        )
        char = exc.character
        shown = f"#x{char:04x}" if isinstance(char, int) else repr(char)
        return Problem(
            Kind.INVALID_YAML,
            f"YAML syntax error: character {shown}: {exc.reason}",
            lines.point(offset),
        )
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        where = Span.point(*point(mark)) if mark is not None else Span.point(1, 1)
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        start = exc.context_mark
        if start is not None and mark is not None and start.line != mark.line:
            line, col = point(start)
            context += f"; it started at line {line}, column {col}"
        return Problem(Kind.INVALID_YAML, f"YAML syntax error: {problem}{context}", where)
    return Problem(Kind.INVALID_YAML, f"YAML error: {exc}", Span.point(1, 1))


def parse_yaml(text: str) -> tuple[list[Document], list[Problem]]:
    """Every document of a YAML stream, and the problems found on the way."""
    documents: list[Document] = []
    problems: list[Problem] = []
    lines = Lines(text)
    span, point = _positions(text, lines)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # only via the API: files are decoded strictly
        message = f"character {exc.object[exc.start]!r} cannot be encoded ({exc.reason})"
        return [], [
            Problem(Kind.INVALID_YAML, f"YAML syntax error: {message}", lines.point(exc.start))
        ]
    excess = None
    if len(text) > _SAFE_COMPOSE_LENGTH or _depth_bound(text) > _SAFE_COMPOSE_DEPTH:
        excess = _first_excess(text)
    stop = excess[0] if excess else None
    loader = _Loader(text)
    anchors = "&" in text
    index = 0
    try:
        while index != stop and loader.check_node():
            if index == MAX_DOCUMENTS:
                where = Span.point(*point(loader.peek_event().start_mark))
                message = (f"the file has more than {MAX_DOCUMENTS} documents; mplint does not"
                           " check the ones after it")  # fmt: skip
                problems.append(Problem(Kind.TOO_COMPLEX, message, where, document=index))
                break
            root = loader.get_node()
            walker = _YamlWalker(index, span, anchors)
            try:
                documents.append(walker.document(root))
            except _TooComplex as exc:
                problems.append(
                    Problem(Kind.TOO_COMPLEX, f"{exc.message}; mplint does not check this document",
                            span(exc.node), document=index)
                )  # fmt: skip
            problems.extend(walker.problems)
            index += 1
    except yaml.YAMLError as exc:
        problems.append(_yaml_error(exc, text, lines, point))
    finally:
        loader.dispose()
    if excess:
        where = Span.point(*point(excess[1]))
        problems.append(
            Problem(Kind.TOO_COMPLEX, f"{excess[2]}; mplint does not check this document or any after it",
                    where, document=excess[0])
        )  # fmt: skip
    return documents, problems
