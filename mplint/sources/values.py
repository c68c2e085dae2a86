"""Helpers shared by the sources: turning deploy-time values into Unknown.

A source copies the request it found, replacing every value that is decided only at deploy
time (a pipeline expression, a CloudFormation intrinsic, a template placeholder, a Python
name) with an `Unknown`; the schema check and the rules then skip those values and check the
rest. The document itself is left as written, so positions still point at the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from mplint.model import Path, Unknown

# A whole value that is only a placeholder of a templating tool: ${var} (shell, Terraform),
# {{ var }} (Jinja, Helm, Go), ${{ var }} (GitHub Actions).
PLACEHOLDER = re.compile(r"\s*(?:\$\{[^{}]+\}|\$?\{\{[^{}]*\}\})\s*\Z")

# Returns a replacement for the value at a path, or None to keep walking into it.
Resolver = Callable[[Any, Path], Any]


class _Absent:
    """A resolver's answer for a value that is not sent at all (CloudFormation's
    AWS::NoValue in every branch): its key or list item is left out of the request."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = _Absent()


def is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and "{" in value and PLACEHOLDER.match(value) is not None


def resolve(value: Any, path: Path = (), resolver: Resolver | None = None) -> Any:
    """A copy of `value` in which `resolver` (and placeholders) decided what is Unknown."""
    if resolver is not None:
        replaced = resolver(value, path)
        if replaced is not None:
            return replaced
    if isinstance(value, dict):
        resolved = {key: resolve(item, path + (key,), resolver) for key, item in value.items()}
        return {key: item for key, item in resolved.items() if item is not ABSENT}
    if isinstance(value, list):
        items = [resolve(item, path + (i,), resolver) for i, item in enumerate(value)]
        return [item for item in items if item is not ABSENT]
    if is_placeholder(value):
        return Unknown(value.strip())
    return value


def has_placeholder(value: Any) -> bool:
    """Whether a plain-data tree holds a placeholder anywhere (to skip copying when not)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif is_placeholder(item):
            return True
    return False


def get(data: Any, path: Path) -> Any:
    """The value at `path`, or None when the path does not exist."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def interpreted(data: Any, path: Path) -> bool:
    """Whether the source replaced the value at `path` (by an Unknown, at or above it) or
    left it out of the request (a CloudFormation-only property): either way it understood
    the value, and a YAML tag on it is no finding."""
    for part in path:
        if isinstance(data, Unknown):
            return True
        if part == "<key>":
            return False  # a tag on a mapping key (parsing records it there)
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return True
    return isinstance(data, Unknown)
