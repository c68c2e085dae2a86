"""What changed between two API models, for the changelog and the refresh pull request.

Both schemas are walked side by side by request path (`InferenceSpecification.Containers[]
.Image`). A shape used in many places (an instance-type enum appears under several members)
is reported once, with the first three paths it occurs at and how many more. Partitions and
regions come from each schema's `x-aws-partitions`. The output is Markdown.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

LIMITS = (
    "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties",
    "minimum", "maximum",
)  # fmt: skip
SECTIONS = (
    "Members", "Enum values", "Lengths and limits", "Patterns", "Required members", "Types",
    "Partitions and regions",
)  # fmt: skip


def nodes(schema: dict, path: str = "") -> Iterator[tuple[str, dict]]:
    """(request path, schema node) for every node reachable from `schema`."""
    yield path or "(request)", schema
    for name, child in schema.get("properties", {}).items():
        yield from nodes(child, f"{path}.{name}" if path else name)
    if isinstance(schema.get("items"), dict):
        yield from nodes(schema["items"], f"{path}[]")
    if isinstance(schema.get("additionalProperties"), dict):
        yield from nodes(schema["additionalProperties"], f"{path}{{value}}")
    if isinstance(schema.get("propertyNames"), dict):
        yield from nodes(schema["propertyNames"], f"{path}{{key}}")


def changes(old: dict, new: dict) -> dict[str, list[str]]:
    """Section title -> lines (Markdown list items), for the sections that have any."""
    out: dict[str, list[str]] = {title: [] for title in SECTIONS}
    before = dict(nodes(old))
    after = dict(nodes(new))
    _members(before, after, out["Members"])
    grouped: dict[tuple[str, str], list[str]] = {}  # (section, line) -> paths
    for path in after.keys() & before.keys():
        for section, line in _node_changes(before[path], after[path]):
            grouped.setdefault((section, line), []).append(path)
    for (section, line), paths in sorted(grouped.items()):
        paths.sort()
        where = ", ".join(f"`{p}`" for p in paths[:3])
        where += f" and {len(paths) - 3} more" if len(paths) > 3 else ""
        out[section].append(f"- {line} ({where})")
    out["Partitions and regions"] = list(
        _partitions(old.get("x-aws-partitions", {}), new.get("x-aws-partitions", {}))
    )
    return {title: lines for title, lines in out.items() if lines}


def _members(before: dict, after: dict, lines: list[str]) -> None:
    def top(paths: set[str], other: dict) -> list[str]:
        # a member whose parent is new (or gone) too is part of its parent's line
        return sorted(p for p in paths if _parent(p) in other)

    for path in top(after.keys() - before.keys(), before):
        node = after[path]
        lines.append(f"- added `{path}` ({_kind(node)})")
    for path in top(before.keys() - after.keys(), after):
        lines.append(f"- removed `{path}` ({_kind(before[path])})")


def _parent(path: str) -> str | None:
    if path == "(request)":
        return None
    cut = max(path.rfind("."), path.rfind("["), path.rfind("{"))
    return path[:cut] if cut > 0 else "(request)"


def _kind(node: dict) -> str:
    shape = node.get("x-aws-shape")
    kind = node.get("type", "?")
    return f"{kind}, shape {shape}" if shape else kind


def _node_changes(old: dict, new: dict) -> Iterator[tuple[str, str]]:
    shape = new.get("x-aws-shape") or old.get("x-aws-shape") or "?"
    if "enum" in old or "enum" in new:
        was, now = old.get("enum", []), new.get("enum", [])
        added = [v for v in now if v not in set(was)]
        removed = [v for v in was if v not in set(now)]
        if added or removed:
            parts = []
            if added:
                parts.append("added " + ", ".join(f"`{v}`" for v in added))
            if removed:
                parts.append("removed " + ", ".join(f"`{v}`" for v in removed))
            yield "Enum values", f"{shape} ({len(was)} -> {len(now)} values): " + "; ".join(parts)
    for limit in LIMITS:
        if old.get(limit) != new.get(limit):
            yield (
                "Lengths and limits",
                f"{shape} {limit}: {_show(old.get(limit))} -> {_show(new.get(limit))}",
            )
    if old.get("x-aws-pattern") != new.get("x-aws-pattern"):
        yield (
            "Patterns",
            f"{shape} pattern: {_code(old.get('x-aws-pattern'))} -> "
            f"{_code(new.get('x-aws-pattern'))}",
        )
    was, now = set(old.get("required", [])), set(new.get("required", []))
    for name in sorted(now - was):
        yield "Required members", f"`{name}` of {shape} is now required"
    for name in sorted(was - now):
        yield "Required members", f"`{name}` of {shape} is no longer required"
    if old.get("type") != new.get("type"):
        yield "Types", f"{shape}: {old.get('type')} -> {new.get('type')}"


def _partitions(old: dict, new: dict) -> Iterator[str]:
    for pid in sorted(new.keys() - old.keys()):
        row = new[pid]
        yield (
            f"- new partition `{pid}` (DNS suffix `{row.get('dnsSuffix')}`): regions "
            + ", ".join(f"`{r}`" for r in row.get("regions", []))
        )
    for pid in sorted(old.keys() - new.keys()):
        yield f"- partition `{pid}` removed"
    for pid in sorted(old.keys() & new.keys()):
        was, now = old[pid], new[pid]
        if was.get("dnsSuffix") != now.get("dnsSuffix"):
            yield f"- `{pid}` DNS suffix: `{was.get('dnsSuffix')}` -> `{now.get('dnsSuffix')}`"
        if was.get("regionRegex") != now.get("regionRegex"):
            yield (
                f"- `{pid}` region pattern: `{was.get('regionRegex')}` ->"
                f" `{now.get('regionRegex')}`"
            )
        for key, what in (("regions", "regions"), ("sagemaker", "SageMaker API regions")):
            added = sorted(set(now.get(key, [])) - set(was.get(key, [])))
            removed = sorted(set(was.get(key, [])) - set(now.get(key, [])))
            if added:
                yield f"- `{pid}` {what} added: " + ", ".join(f"`{r}`" for r in added)
            if removed:
                yield f"- `{pid}` {what} removed: " + ", ".join(f"`{r}`" for r in removed)


def _show(value: Any) -> str:
    return "none" if value is None else str(value)


def _code(value: Any) -> str:
    return "none" if value is None else f"`{value}`"


def render(old_label: str, new_label: str, found: dict[str, list[str]]) -> str:
    """The Markdown report of `changes`."""
    lines = [f"## SageMaker API model: {old_label} -> {new_label}", ""]
    if not found:
        lines.append("No change to CreateModelPackage or to the partitions and regions.")
    for title, items in found.items():
        lines += [f"### {title}", "", *items, ""]
    return "\n".join(lines).rstrip() + "\n"
