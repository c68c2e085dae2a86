"""The path grammar of conditions (`A.B[0].C[*]`, `$.A`, `Tags[*].Key`) and the nodes a
path selects in a spec's plain data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mplint.conditions.messages import a_type
from mplint.model import Path, Unknown
from mplint.model.describe import member_name

WILDCARD = "*"


_SEGMENT = re.compile(
    r"""\[\*\] | \.\* | ^\*                # [*] or .* (or * first)
      | \.?(?P<name>[^.\[\]\s"'{}$*]+)    # .Name or Name
      | \[(?P<index>\d+)\]                 # [0]
      | \[(?P<q>["'])(?P<quoted>.*?)(?P=q)\]  # ["a.b"] or ['a.b']
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class PathExpr:
    """A parsed path: from the spec root (`$`) or from the rule's scope node."""

    text: str
    absolute: bool
    segments: tuple[str | int, ...]  # WILDCARD for [*]; ints are list indexes


def parse_path(text: str) -> PathExpr:
    """`A.B[0].C[*]`, `$.A`, `Tags[*].Key`, `CustomerMetadataProperties["a.b"]`; raises ValueError."""
    if not isinstance(text, str):
        raise ValueError(f"a path is a string, not {a_type(text)}")
    rest = text.strip()
    absolute = rest.startswith("$")
    if absolute:
        rest = rest[1:]
        if rest and rest[0] not in ".[":
            raise ValueError(f"path '{text}': expected '.' or '[' after '$'")
    segments: list[str | int] = []
    pos = 0
    while pos < len(rest):
        match = _SEGMENT.match(rest, pos)
        if not match or (match.group("name") and pos > 0 and rest[pos] != "."):
            raise ValueError(f"path '{text}': cannot read it from '{rest[pos:]}'")
        if not absolute and pos == 0 and rest.startswith("."):
            raise ValueError(f"path '{text}': a relative path starts with a key, not '.'")
        if match.group("name") is not None:
            segments.append(match.group("name"))
        elif match.group("index") is not None:
            segments.append(int(match.group("index")))
        elif match.group("quoted") is not None:
            segments.append(match.group("quoted"))
        else:
            segments.append(WILDCARD)
        pos = match.end()
    return PathExpr(text, absolute, tuple(segments))


@dataclass(slots=True)
class Node:
    """Where a path leads: an existing value, or a missing one under its nearest ancestor."""

    path: Path  # concrete path inside the spec (for a missing node: what was asked for)
    exists: bool
    value: Any = None
    parent: Path = ()  # for a missing node, the deepest existing ancestor


def expand(data: Any, base: Path, expr: PathExpr) -> list[Node]:
    """Every node `expr` selects, starting at `base` (or the root for `$` paths)."""
    start: Path = () if expr.absolute else base
    value = data
    for part in start:
        value = value[part]
    nodes = [Node(start, True, value)]
    for segment in expr.segments:
        following: list[Node] = []
        for node in nodes:
            if not node.exists:
                following.append(node)
                continue
            current = node.value
            if segment == WILDCARD:
                if isinstance(current, list):
                    following += [
                        Node(node.path + (i,), True, item) for i, item in enumerate(current)
                    ]
                elif isinstance(current, dict):
                    following += [Node(node.path + (k,), True, v) for k, v in current.items()]
                elif isinstance(current, Unknown):
                    following.append(Node(node.path, True, current))
                # A scalar has no items: nothing to check (the schema reports its type).
            elif isinstance(current, Unknown):
                following.append(Node(node.path + (segment,), True, current))
            elif isinstance(segment, int) and isinstance(current, list):
                if segment < len(current):
                    following.append(Node(node.path + (segment,), True, current[segment]))
                else:
                    following.append(Node(node.path + (segment,), False, parent=node.path))
            elif isinstance(segment, str) and isinstance(current, dict):
                if segment in current:
                    following.append(Node(node.path + (segment,), True, current[segment]))
                else:
                    following.append(Node(node.path + (segment,), False, parent=node.path))
            # A value of the wrong kind (a string where a mapping is expected) has no
            # members: nothing to check, the schema reports its type (one defect, one finding).
        nodes = following
    return nodes


def describe(path: Path) -> str:
    return member_name(path)
