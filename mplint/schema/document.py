"""The active API model's CreateModelPackage JSON Schema, and JSON Schema's types as
jsonschema reads them (shared by the gate and the accelerator's cross-check)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mplint.apimodel import active


def schema() -> dict:
    """The active API model's schema (see mplint/apimodel)."""
    return active().schema()


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and value.is_integer()


TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": _is_integer,
    "number": is_number,
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
