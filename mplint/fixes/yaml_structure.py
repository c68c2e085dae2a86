"""Removing a key from a YAML mapping, judged by ruamel.yaml's round-trip.

The edit itself is textual: the entry's own lines in a block mapping (from its key to the
last line of its value; comments after it stay, as they usually introduce what follows),
or the entry and its comma in a flow mapping. ruamel.yaml, the round-trip library, then
decides whether that edit means what the fix says: the file read back must be exactly the
original with that one key deleted, every other key and item in the same order, in every
document. A dump by ruamel.yaml is never written: it would re-indent and re-flow lines far
from the edit.

ruamel.yaml is imported only when a fix removes a key from a YAML file (it costs ~65 ms to
import and reads a file ~20 times slower than libyaml), so a run with nothing to remove never
loads it.
"""

from __future__ import annotations

from typing import Any

from mplint.model import Path


def _plain(value: Any) -> Any:
    """ruamel.yaml's round-trip values as plain data that keeps the order of keys."""
    if isinstance(value, dict):
        return [("map", [(_plain(k), _plain(v)) for k, v in value.items()])]
    if isinstance(value, list):
        return [("seq", [_plain(v) for v in value])]
    return (type(value).__name__, str(value))


def _load(text: str) -> list[Any] | None:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = True
    try:
        return list(yaml.load_all(text))
    except (YAMLError, ValueError, TypeError):
        return None


def removes_exactly(original: str, edited: str, document: int, path: Path) -> bool:
    """Whether `edited` reads as `original` with the key at `path` of document number
    `document` deleted and nothing else changed."""
    expected = _load(original)
    actual = _load(edited)
    if expected is None or actual is None or len(expected) != len(actual):
        return False
    try:
        node = expected[document]
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]
    except (LookupError, TypeError):
        return False
    return _plain(expected) == _plain(actual)
