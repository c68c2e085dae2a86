"""One fixer per fixable rule: from a finding and where its value is written, the edit.

A fixer returns None whenever the fix is not certain (several candidates, a value written
in a way that cannot be rewritten in place, a value decided at deploy time): a fix that is
offered is always the one obvious repair. Each rule's `autofix` entry in rules/*.yaml says
what its fixer does and whether the fix is safe; tests/test_fixes.py keeps the two in step.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mplint.fixes import text as written
from mplint.fixes.edits import Edit, apply_edits, offset
from mplint.fixes.yaml_structure import removes_exactly
from mplint.model import Document, Finding, Path, Span, Spec, Unknown
from mplint.parsing.positions import Lines
from mplint.schema.document import schema


@dataclass(frozen=True, slots=True)
class Fix:
    """A repair of one finding: its edits apply together to the text it was computed from."""

    rule: str
    title: str  # what the fix does, for people: "rename 'approved' to 'Approved'"
    edits: tuple[Edit, ...]
    safe: bool
    finding: Finding
    # Where findings may appear that the fix uncovers rather than adds: a key spelt right
    # lets mplint read the whole request as meant (a misspelt group key hid MP212...).
    reveals: Path | None = None

    @property
    def key(self) -> tuple:
        """Identifies the finding this fix repairs, across re-checks of the same text."""
        return (self.rule, self.finding.document, self.finding.path)


@dataclass(slots=True)
class Target:
    """A finding, the request it is about and where that request is written."""

    text: str
    lines: Lines
    syntax: str  # "yaml", "json" or "python"
    finding: Finding
    spec: Spec
    path: Path  # inside the request
    rule: str  # the name of the finding's rule, which the fixer is registered under
    document: Document = field(init=False)

    def __post_init__(self) -> None:
        self.document = self.spec.document

    @property
    def location(self) -> Path:
        """The path in the document where the value is written."""
        return self.spec.locate(self.path)

    def value(self) -> Any:
        value = self.spec.data
        for part in self.path:
            value = value[part]
        return value

    def offsets(self, span: Span) -> tuple[int, int]:
        return offset(self.lines, span.line, span.col), offset(
            self.lines, span.end_line, span.end_col
        )

    def value_offsets(self) -> tuple[int, int] | None:
        span = self.document.values.get(self.location)
        return None if span is None else self.offsets(span)

    def key_offsets(self) -> tuple[int, int] | None:
        span = self.document.keys.get(self.location)
        return None if span is None else self.offsets(span)


Fixer = Callable[[Target], "Fix | None"]
FIXERS: dict[str, Fixer] = {}  # by rule name, as checks are registered
SAFE: dict[str, bool] = {}


def fixer(rule: str, *, safe: bool) -> Callable[[Fixer], Fixer]:
    """Register the fixer of the rule named `rule` (its entry's `autofix` describes it)."""

    def register(function: Fixer) -> Fixer:
        FIXERS[rule] = function
        SAFE[rule] = safe
        return function

    return register


def _fix(
    target: Target, title: str, *edits: Edit | None, reveals: Path | None = None
) -> Fix | None:
    if not edits or any(edit is None for edit in edits):
        return None
    finding = target.finding
    return Fix(finding.rule, title, tuple(edits), SAFE[target.rule], finding, reveals)  # type: ignore[arg-type]


# --- the schema at a path -----------------------------------------------------------------


def schema_at(path: Path) -> dict | None:
    """The generated JSON Schema's node for the value at `path` of a request."""
    node: Any = schema()
    for part in path:
        if not isinstance(node, dict):
            return None
        if isinstance(part, int):
            node = node.get("items")
        elif part in node.get("properties", {}):
            node = node["properties"][part]
        else:
            node = node.get("additionalProperties")
    return node if isinstance(node, dict) else None


def _one(candidates: list[str]) -> str | None:
    unique = sorted(set(candidates))
    return unique[0] if len(unique) == 1 else None


# --- safe fixes ---------------------------------------------------------------------------


@fixer("unknown-key", safe=True)
def key_case(target: Target) -> Fix | None:
    """`ModelPackageGroupname` -> `ModelPackageGroupName`: the key differs from exactly one
    allowed key only in letter case, and that key is not in the mapping already."""
    *parent, key = target.path
    if not isinstance(key, str):
        return None
    node = schema_at(tuple(parent))
    allowed = list((node or {}).get("properties", {}))
    match = _one([name for name in allowed if name.lower() == key.lower() and name != key])
    if match is None:
        return None
    mapping = target.document.data
    for part in target.location[:-1]:
        mapping = mapping[part]
    if not isinstance(mapping, dict) or match in mapping:
        return None  # renaming would give the mapping the same key twice
    where = target.key_offsets()
    if where is None:
        return None
    edit = written.rename(target.text, *where, key, match, target.syntax)
    return _fix(target, f"rename '{key}' to '{match}'", edit, reveals=target.spec.root)


@fixer("invalid-enum-value", safe=True)
def enum_case(target: Target) -> Fix | None:
    """`approved` -> `Approved`, `m5.large` -> `ml.m5.large`: exactly one allowed value
    differs from the value only in letter case, or only by the missing `ml.` prefix."""
    value = target.value()
    choices = (schema_at(target.path) or {}).get("enum") or []
    if not isinstance(value, str) or not choices:
        return None
    match = _one([c for c in choices if c.lower() == value.lower()])
    if match is None and not value.lower().startswith("ml."):
        match = _one([c for c in choices if c.lower() == "ml." + value.lower()])
    where = target.value_offsets()
    if match is None or match == value or where is None:
        return None
    edit = written.rename(target.text, *where, value, match, target.syntax)
    return _fix(target, f"replace '{value}' with '{match}'", edit)


@fixer("wrong-type", safe=True)
def wrong_type(target: Target) -> Fix | None:
    """A number or boolean where a string is wanted: the text as written, quoted. A single
    string where a list of strings is wanted: a list of that one string."""
    value = target.value()
    node = schema_at(target.path) or {}
    where = target.value_offsets()
    if where is None or isinstance(value, Unknown):
        return None
    if node.get("type") == "string" and isinstance(value, (bool, int, float)):
        shown = target.text[where[0] : where[1]]
        edit = written.quote(target.text, *where, target.syntax)
        return _fix(target, f"quote {shown} to make it a string", edit)
    items = node.get("items") or {}
    if node.get("type") == "array" and items.get("type") == "string" and isinstance(value, str):
        if "," in value:
            return None  # 'a,b' may mean two items or one: not certain
        edit = written.wrap_in_list(target.text, *where, target.syntax)
        return _fix(target, "make the string a list of one item", edit)
    return None


# --- unsafe fixes: they remove what the user wrote ---------------------------------------


_SEPARATOR = re.compile(r"\s*[:=]\s*")


def _remove(target: Target, title: str) -> Fix | None:
    key, value = target.key_offsets(), target.value_offsets()
    if key is None or value is None:
        return None
    if target.syntax != "yaml":
        # Only an entry of a literal (`"Tags": [...]`, `Tags=[...]`), not an assignment
        # such as `spec["Tags"] = [...]`, which is a statement of its own.
        if not _SEPARATOR.fullmatch(target.text, key[1], value[0]):
            return None
        return _fix(target, title, written.remove_entry(target.text, key[0], value[1]))
    edit = _yaml_removal(target, key[0], value[1])
    return _fix(target, title, edit)


def _yaml_removal(target: Target, key_start: int, value_end: int) -> Edit | None:
    """Remove a YAML entry: its lines in a block mapping, the entry and its comma in a flow
    mapping; ruamel.yaml's round-trip confirms that exactly that key is gone."""
    text = target.text
    line_start = text.rfind("\n", 0, key_start) + 1
    line_start = max(line_start, text.rfind("\r", 0, key_start) + 1)
    if text[line_start:key_start].strip(" "):
        edit = written.remove_entry(text, key_start, value_end)  # a flow mapping
    else:
        edit = _block_lines(text, line_start, value_end)
    edited = apply_edits(text, [edit])
    if not removes_exactly(text, edited, target.document.index, target.location):
        return None
    return edit


def _block_lines(text: str, start: int, value_end: int) -> Edit:
    """From the key's line to the end of the last line holding the value (a block value's
    end is where the next key starts: blank and comment lines before it stay)."""
    end = value_end
    while True:
        line_end = text.rfind("\n", start, end)
        if line_end < 0:
            break
        last_line = text[line_end + 1 : end]
        if last_line.strip() and not last_line.lstrip().startswith("#"):
            break
        end = line_end  # a blank or comment line (or the part before the next key)
    # Through the line break that ends the value's last line.
    newline = text.find("\n", end)
    return Edit(start, len(text) if newline < 0 else newline + 1, "")


@fixer("both-group-and-name", safe=False)
def drop_name(target: Target) -> Fix | None:
    """Remove ModelPackageName when ModelPackageGroupName is set: the request becomes a
    version in the group. Unsafe: a spec meant to be unversioned loses its name instead."""
    return _remove(target, "remove ModelPackageName (the package becomes a version in its group)")


@fixer("tags-on-versioned-package", safe=False)
def drop_tags(target: Target) -> Fix | None:
    """Remove Tags from a versioned package. Unsafe: the tags are lost; put them on the
    model package group."""
    return _remove(target, "remove Tags (tag the model package group instead)")
