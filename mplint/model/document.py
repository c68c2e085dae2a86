"""Positions, documents and specs: what parsing and the sources make of a file.

files -> Document (data + positions) -> Spec (a CreateModelPackage request inside a document).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

# A path inside a document: mapping keys and list indexes, e.g. ("Tags", 0, "Key").
Path = tuple[str | int, ...]


class Span(NamedTuple):
    """A region of a file. Lines and columns are 1-based; end_col is exclusive.

    A named tuple rather than a frozen dataclass: the parser makes one for every key and
    value, and a tuple is built several times faster."""

    line: int
    col: int
    end_line: int
    end_col: int

    @classmethod
    def point(cls, line: int, col: int) -> Span:
        return cls(line, col, line, col)


class Unknown:
    """A value decided only at deploy time (an expression, an intrinsic, a placeholder).

    Sources put one where a literal would stand; schema checks and rules skip it.
    """

    __slots__ = ("text", "when")

    def __init__(self, text: str, when: str = "") -> None:
        self.text = text
        # When the value is given only under a condition (a CloudFormation Fn::If with one
        # branch AWS::NoValue): "when condition IsProd is true", for messages.
        self.when = when

    def __repr__(self) -> str:
        return f"Unknown({self.text!r})"


class MaybeAbsent(Unknown):
    """An Unknown set on some paths only (a Python key assigned inside an `if`): present for
    the rules that ask whether a member is missing, but a rule that fires because it is
    there (a conflict with another member) cannot be sure, and is not reported."""

    __slots__ = ()


@dataclass(slots=True)
class Document:
    """One parsed YAML/JSON document with the position of every key and value.

    `values[path]` spans the value at `path`; `keys[path]` spans the mapping key whose value
    is at `path` (absent for list items and the root). `tags[path]` keeps explicit non-core
    YAML tags (`!Ref`) so that a source can interpret them; the value stays as written.
    """

    data: Any
    values: dict[Path, Span]
    keys: dict[Path, Span]
    tags: dict[Path, str] = field(default_factory=dict)
    index: int = 0  # position among the documents of a multi-document YAML file
    syntax: str = "yaml"  # "yaml", "json" or "python": hints about YAML's typing only for YAML

    def span(self, path: Path) -> Span:
        """Where to point for `path`: its key if it has one, else its value, else the
        nearest enclosing node that has a position."""
        for length in range(len(path), -1, -1):
            prefix = path[:length]
            if prefix in self.keys:
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return Span.point(1, 1)

    def value_span(self, path: Path) -> Span:
        if path in self.values:
            return self.values[path]
        return self.span(path)


@dataclass(slots=True)
class Spec:
    """A CreateModelPackage request found in a document.

    `root` is where the request sits inside the document (empty for a standalone spec,
    ("Resources", "Pkg", "Properties") in a CloudFormation template, ...); `label` names it
    for people ("step RegisterModel" or "resource Pkg"); `source` is the source's name.
    """

    data: Any
    document: Document
    root: Path = ()
    label: str = ""
    source: str = "spec"
    # Spec path -> document path, for values that stand elsewhere in the file (a pipeline
    # parameter's DefaultValue checked in place of the expression that refers to it).
    aliases: dict[Path, Path] = field(default_factory=dict)
    # Why the source stopped resolving values (a limit on what substitution may add, as an
    # alias bomb's): the engine reports it; the values left unresolved are Unknown.
    cut_short: str = ""

    def locate(self, path: Path) -> Path:
        """Where the value at `path` (inside the spec) is written in the document."""
        if self.aliases:
            for length in range(len(path), -1, -1):
                target = self.aliases.get(path[:length])
                if target is not None:
                    return target + path[length:]
        return self.root + path

    def span(self, path: Path) -> Span:
        return self.document.span(self.locate(path))

    def value_span(self, path: Path) -> Span:
        return self.document.value_span(self.locate(path))

    @property
    def raw(self) -> Any:
        """The request as written in the document, before the source resolved anything."""
        value = self.document.data
        for part in self.root:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None  # the source made the request up (a resource without Properties)
        return value
