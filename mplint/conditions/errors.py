"""Errors in a rule's condition, named by file and line."""

from __future__ import annotations

from collections.abc import Callable


class ConditionError(Exception):
    """A condition that cannot be compiled; the message names the file and line."""


# `where(path_in_entry, at_key)` -> "file:line:col" of a part of the rule entry.
Locator = Callable[[tuple, bool], str]


def _no_location(path: tuple, at_key: bool) -> str:
    return "<rule>"
