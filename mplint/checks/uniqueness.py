"""Members that must be unique within their list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mplint.checks import Violation, check
from mplint.checks._util import get, inference_specs
from mplint.model import Path, Spec


def _duplicates(items: Any, field: str) -> Iterator[tuple[int, str, int]]:
    """(index, value, index of first occurrence) for each repeated string `field`."""
    if not isinstance(items, list):
        return
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        value = get(item, field)
        if not isinstance(value, str):
            continue
        if value in first:
            yield index, value, first[value]
        else:
            first[value] = index


@check("duplicate-tag-key")
def duplicate_tag_key(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for index, value, first in _duplicates(get(spec.data, "Tags"), "Key"):
        path: Path = ("Tags", index, "Key")
        yield Violation(
            path, f"tag key '{value}' is already used by Tags[{first}]; tag keys must be unique",
            at_key=False,
        )  # fmt: skip


@check("duplicate-inference-specification-name")
def duplicate_inference_spec_name(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    items = get(spec.data, "AdditionalInferenceSpecifications")
    for index, value, first in _duplicates(items, "Name"):
        yield Violation(
            ("AdditionalInferenceSpecifications", index, "Name"),
            f"the name '{value}' is already used by AdditionalInferenceSpecifications[{first}];"
            " names must be unique within the list",
            at_key=False,
        )


@check("container-hostnames")
def container_hostnames(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, inference in inference_specs(spec.data):
        items = inference.get("Containers")
        if not isinstance(items, list) or len(items) < 2:
            continue  # a single container is no inference pipeline: the name is ignored
        where = path + ("Containers",)
        for index, value, first in _duplicates(items, "ContainerHostname"):
            yield Violation(
                where + (index, "ContainerHostname"),
                f"ContainerHostname '{value}' is also the hostname of container {first}; in an"
                " inference pipeline the hostname identifies each container, so it must be"
                " unique",
                at_key=False,
            )
        # a hostname decided at deploy time (Unknown) counts as given
        named = [isinstance(item, dict) and "ContainerHostname" in item for item in items]
        if any(named) and not all(named):
            index = named.index(False)
            yield Violation(
                where + (index,),
                f"container {index} has no ContainerHostname while others have one: in an"
                " inference pipeline, give every container a hostname or none",
            )
