"""Helpers shared by the semantic checks: safe lookups, the places a member can occur, and
what the generated schema already rejects (so that one defect gives one finding).

Every helper tolerates wrong types and `Unknown` values: a check built on them simply does
not fire where the schema (or the deploy-time value) has the last word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from mplint.apimodel import per_model
from mplint.model import Path, Unknown
from mplint.model.describe import member_name
from mplint.schema.document import schema

MISSING: Any = object()


def get(data: Any, *path: str | int) -> Any:
    """The value at `path`, or MISSING when a step is absent or of the wrong type."""
    value = data
    for part in path:
        if isinstance(part, int):
            if not isinstance(value, list) or not 0 <= part < len(value):
                return MISSING
        elif not isinstance(value, dict) or part not in value:
            return MISSING
        value = value[part]
    return value


def is_int(value: Any) -> bool:
    """An integer that is not a boolean (YAML `true` is not an InstanceCount)."""
    return isinstance(value, int) and not isinstance(value, bool)


def present(data: Any, key: str, kind: type | tuple[type, ...]) -> bool:
    """`key` is in the mapping with a value of the right type or one decided at deploy time.
    A wrongly typed value is the schema's finding (wrong-type): rules about the member's presence
    do not fire on it."""
    if not isinstance(data, dict) or key not in data:
        return False
    value = data[key]
    if isinstance(value, Unknown):
        return True
    return isinstance(value, kind) and not (isinstance(value, bool) and kind is not bool)


def looks_like_request(data: Any) -> bool:
    """At least one top-level key of CreateModelPackage: a document made only of unknown keys
    (a Kubernetes manifest named on the command line) is unknown-key's, not a package of no kind."""
    properties = _schema()["properties"]
    return isinstance(data, dict) and any(key in properties for key in data)


# Sources whose own rules (rules/MP7-sources.yaml) own a defect that a general rule would
# also see; the general rule stays silent there: one defect, one finding.


def _misspelt_group(data: dict) -> bool:
    """A key that only differs from ModelPackageGroupName in case (unknown-key reports it)."""
    return any(
        isinstance(key, str) and key != "ModelPackageGroupName"
        and key.lower() == "modelpackagegroupname" for key in data
    )  # fmt: skip


def is_versioned(data: Any) -> bool:
    """A versioned package names its group (the value may be decided at deploy time)."""
    return isinstance(data, dict) and "ModelPackageGroupName" in data


def is_unversioned(data: Any) -> bool:
    """An unversioned package has a ModelPackageName and no group. A misspelt group key
    leaves the kind undecided, so that one typo does not cascade into other findings."""
    return (
        isinstance(data, dict)
        and "ModelPackageName" in data
        and "ModelPackageGroupName" not in data
        and not _misspelt_group(data)
    )


def kind_undecided(data: Any) -> bool:
    """Neither a group nor a name, counting a misspelt group key as a group."""
    return (
        isinstance(data, dict)
        and "ModelPackageGroupName" not in data
        and "ModelPackageName" not in data
        and not _misspelt_group(data)
    )


def inference_specs(data: Any) -> Iterator[tuple[Path, dict]]:
    """The InferenceSpecification and every AdditionalInferenceSpecifications entry."""
    main = get(data, "InferenceSpecification")
    if isinstance(main, dict):
        yield ("InferenceSpecification",), main
    extra = get(data, "AdditionalInferenceSpecifications")
    if isinstance(extra, list):
        for index, item in enumerate(extra):
            if isinstance(item, dict):
                yield ("AdditionalInferenceSpecifications", index), item


def containers(data: Any) -> Iterator[tuple[Path, dict]]:
    """Every container definition, in the main and the additional inference specifications."""
    for path, spec in inference_specs(data):
        items = spec.get("Containers")
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, dict):
                    yield path + ("Containers", index), item


def profiles(data: Any) -> Iterator[tuple[Path, dict]]:
    """Every validation profile's TransformJobDefinition, with its path."""
    items = get(data, "ValidationSpecification", "ValidationProfiles")
    if isinstance(items, list):
        for index, item in enumerate(items):
            job = get(item, "TransformJobDefinition")
            if isinstance(job, dict):
                yield ("ValidationSpecification", "ValidationProfiles", index,
                       "TransformJobDefinition"), job  # fmt: skip


# -- the schema, as the arbiter of "already reported" ------------------------------------


@per_model
def _schema() -> dict:
    return schema()


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def schema_accepts(value: Any, node: dict) -> bool:
    """Whether a string passes its schema node's type, length and pattern checks."""
    if not isinstance(value, str):
        return False
    if len(value) < node.get("minLength", 0) or len(value) > node.get("maxLength", len(value)):
        return False
    pattern = node.get("pattern")
    return pattern is None or _compiled(pattern).search(value) is not None


def string_leaves(data: Any, shapes: frozenset[str]) -> Iterator[tuple[Path, str, dict]]:
    """Every string in the request whose schema shape is one of `shapes` and that the schema
    accepts, with its path and schema node. Walks the request and the schema side by side,
    so a member added to the API model is covered without touching the checks."""
    by_shape, accepted = _all_leaves(data)
    for shape in sorted(shapes):
        leaves = accepted.get(shape)
        if leaves is None:  # checked once per spec, and only for the shapes asked for
            leaves = [leaf for leaf in by_shape.get(shape, ()) if schema_accepts(leaf[1], leaf[2])]
            accepted[shape] = leaves
        yield from leaves


# Several checks ask for the leaves of the same spec one after the other: walk it once.
# The cache holds the last request itself (not its id), so a new request never matches.
# One tuple, replaced in one assignment, so that threads never see a mismatched pair.
_last: tuple[Any, dict, dict] = (None, {}, {})

Leaves = dict[str, list[tuple[Path, str, dict]]]


def _all_leaves(data: Any) -> tuple[Leaves, Leaves]:
    """Shape -> the string leaves of that shape, in document order; and, filled as rules
    ask, shape -> those of them that the schema accepts."""
    global _last
    cached, by_shape, accepted = _last
    if cached is not data:
        by_shape, accepted = {}, {}
        _collect_leaves(data, _schema(), (), by_shape)
        _last = (data, by_shape, accepted)
    return by_shape, accepted


def _collect_leaves(value: Any, node: dict, path: Path, by_shape: dict) -> None:
    # Appends instead of yielding: a generator would pass each leaf up through every level.
    if isinstance(value, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            for key, item in value.items():
                child = properties.get(key)
                if child is not None:
                    _collect_leaves(item, child, path + (key,), by_shape)
    elif isinstance(value, list):
        items = node.get("items")
        if isinstance(items, dict):
            for index, item in enumerate(value):
                _collect_leaves(item, items, path + (index,), by_shape)
    elif isinstance(value, str):
        shape = node.get("x-aws-shape")
        if shape is not None:
            by_shape.setdefault(shape, []).append((path, value, node))


def schema_node(path: Path) -> dict | None:
    """The schema node that describes the member at `path` (list indexes are skipped)."""
    node: Any = _schema()
    for part in path:
        node = node.get("items") if isinstance(part, int) else node.get("properties", {}).get(part)
        if not isinstance(node, dict):
            return None
    return node


def member(path: Path) -> str:
    """How a message names a member: `InferenceSpecification.Containers[0].Image`."""
    return member_name(path)


def quote(text: str, limit: int = 80) -> str:
    """A value as a message shows it: quoted and shortened."""
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return f"'{text}'"
