"""Helpers for the source tests: where a piece of text is, as mplint reports positions."""

from __future__ import annotations


def position(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """(line, column), 1-based, of the nth occurrence of `needle` in `text` (in characters)."""
    offset = -1
    for _ in range(nth):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def at(finding: dict) -> tuple[int, int]:
    return finding["line"], finding["column"]


def by_rule(findings: list[dict], rule: str) -> list[dict]:
    return [f for f in findings if f["rule"] == rule]
