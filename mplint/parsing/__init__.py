"""Text -> Documents with the position of every key and value.

`parse(name, text)` reads JSON with its own scanner (parsing/json.py) and YAML with
PyYAML's C loader (parsing/yaml.py); both record positions (parsing/positions.py) and the
problems of the text itself (parsing/problems.py) and refuse hostile input past the limits
of model/limits.py. `decoding` turns bytes into text; `datafile` reads mplint's own YAML
files (rules, packs, configuration) with the same parser.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mplint.model import Document, Path
from mplint.parsing.json import parse_json
from mplint.parsing.problems import Problem
from mplint.parsing.yaml import parse_yaml

__all__ = ["Problem", "iter_paths", "looks_like_json", "parse", "parse_json", "parse_yaml"]


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
