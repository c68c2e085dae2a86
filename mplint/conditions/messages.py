"""How conditions word values and types, and the message templates of declarative rules
({reason}, {value}, {path})."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from mplint.conditions.errors import ConditionError
from mplint.model import Path, Unknown
from mplint.model.describe import member_name

if TYPE_CHECKING:
    from mplint.conditions.evaluation import Hit

TYPES = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "list": (list,),
    "mapping": (dict,),
    "null": (type(None),),
}
PLACEHOLDERS = ("reason", "value", "path")


def describe(path: Path) -> str:
    return member_name(path)


def show(value: Any, limit: int = 60) -> str:
    if isinstance(value, Unknown):
        return value.text
    text = f"'{value}'" if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _type_name(value: Any) -> str:
    for name, kinds in TYPES.items():
        if isinstance(value, kinds) and not (
            name in ("integer", "number") and isinstance(value, bool)
        ):
            return name
    return type(value).__name__


def a_type(value: Any) -> str:
    """'a string', 'an integer', ... for messages."""
    name = _type_name(value)
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def compile_message(template: str, where: str) -> str:
    """Check a message template: only {reason}, {value}, {path}; `{{`/`}}` for braces."""
    for match in _PLACEHOLDER.finditer(template):
        text = match.group()
        if text in ("{{", "}}"):
            continue
        if match.group(1) not in PLACEHOLDERS:
            raise ConditionError(
                f"{where}: unknown placeholder {text!r} in message; use"
                f" {', '.join('{' + p + '}' for p in PLACEHOLDERS)} (and {{{{ }}}} for braces)"
            )
    return template


def render_message(template: str, hit: Hit) -> str:
    values = {
        "reason": hit.reason,
        "value": show(hit.value) if hit.value is not None else "-",
        "path": describe(hit.path),
    }

    def substitute(match: re.Match) -> str:
        text = match.group()
        if text in ("{{", "}}"):
            return text[0]
        return values.get(match.group(1) or "", text)

    return _PLACEHOLDER.sub(substitute, template)
