"""SageMaker Pipelines definitions: the Arguments of every RegisterModel step.

A pipeline definition is the JSON that the SageMaker Python SDK's `pipeline.definition()`
writes (pretty-printed, on one line or with sorted keys, all the same to mplint). It is
recognised by a top-level mapping with a `Steps` list next to `Version`, `Parameters` or
`PipelineExperimentConfig`. Every step of `Type: RegisterModel`, at any depth (the `IfSteps`
and `ElseSteps` of Condition steps), carries a CreateModelPackage request in `Arguments`.
A bare list of steps (the SDK's `request_dicts()`) and a single RegisterModel step are read
the same way; they declare no parameters, so references to parameters and to other steps
are not judged there.

Pipeline expressions (`{"Get": ...}`, `{"Std:Join": ...}`, `{"Std:JsonGet": ...}`) are decided
at run time and become Unknown values, except a `Get` of a pipeline parameter that has a
`DefaultValue`: the default is checked in its place, and findings about it point at it. A
default that is plainly a placeholder (`<replace-me>`, `REPLACE_ME`, `${VAR}`) is not: it is
meant to be overridden when an execution starts (MP710 notes it).
Substitution is bounded like YAML aliases (model.limits.ALIAS_EXPANSION values per request): one
large default referenced thousands of times would otherwise expand like an alias bomb; past
the limit, references stay Unknown and the request says why (MP008).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from mplint.model import Document, Path, Spec, Unknown
from mplint.model.limits import ALIAS_EXPANSION
from mplint.sources import values

NAME = "pipeline"
SIGNATURES = ("RegisterModel",)
_PIPELINE_KEYS = ("Version", "Parameters", "PipelineExperimentConfig")
_BRANCHES = ("IfSteps", "ElseSteps")
# A parameter default that is plainly a placeholder, meant to be overridden when an execution
# starts: <replace-with-review-sns-topic-arn>, ${VAR}, {{ var }}, REPLACE_ME, CHANGEME, TODO.
_PLACEHOLDER = re.compile(
    r"<[^<>\n]+>|\$\{[^{}]+\}|\{\{[^{}]*\}\}"
    r"|\b(?:REPLACE_?ME|CHANGE_?ME|TODO|FIXME|PLACEHOLDER)\b"
)


def is_placeholder_default(value: Any) -> bool:
    return isinstance(value, str) and _PLACEHOLDER.search(value) is not None


def is_definition(data: Any) -> bool:
    """A whole pipeline definition (which declares its parameters and all its steps)."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("Steps"), list)
        and any(key in data for key in _PIPELINE_KEYS)
    )


def _is_register_step(value: Any) -> bool:
    return isinstance(value, dict) and value.get("Type") == "RegisterModel" and "Arguments" in value


def _is_step(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("Type"), str) and "Name" in value


def matches(document: Document) -> bool:
    """A pipeline definition, a bare list of steps (what the SageMaker Python SDK's
    `StepCollection.request_dicts()` returns, e.g. a RegisterModel collection) or one
    RegisterModel step on its own."""
    data = document.data
    if isinstance(data, list):
        return bool(data) and all(map(_is_step, data)) and any(map(_is_register_step, data))
    return is_definition(data) or _is_register_step(data)


def is_expression(value: Any) -> bool:
    """`{"Get": ...}` or `{"Std:...": ...}`: a value the pipeline computes at run time."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    (key,) = value
    return isinstance(key, str) and (key == "Get" or key.startswith("Std:"))


def parameters(data: Any) -> dict[str, tuple[int, dict]]:
    """Pipeline parameters by name, with their index in `Parameters`."""
    found: dict[str, tuple[int, dict]] = {}
    entries = data.get("Parameters") if isinstance(data, dict) else None
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        if isinstance(entry, dict) and isinstance(entry.get("Name"), str):
            found.setdefault(entry["Name"], (i, entry))
    return found


def steps(data: Any) -> Iterator[tuple[Path, dict]]:
    """Every step of the pipeline with its path, Condition branches included (for a bare
    list of steps or a single step, those)."""
    if isinstance(data, list):
        yield from _walk(data, ())
    elif isinstance(data, dict) and isinstance(data.get("Steps"), list):
        yield from _walk(data["Steps"], ("Steps",))  # also `--source pipeline` on bare Steps
    elif _is_register_step(data):
        yield (), data


def _walk(items: Any, path: Path) -> Iterator[tuple[Path, dict]]:
    if not isinstance(items, list):
        return
    for i, step in enumerate(items):
        if not isinstance(step, dict):
            continue
        yield path + (i,), step
        arguments = step.get("Arguments")
        if step.get("Type") == "Condition" and isinstance(arguments, dict):
            for branch in _BRANCHES:
                yield from _walk(arguments.get(branch), path + (i, "Arguments", branch))


def specs(document: Document) -> Iterator[Spec]:
    params = parameters(document.data)
    for path, step in steps(document.data):
        if step.get("Type") != "RegisterModel" or "Arguments" not in step:
            continue
        substitution = _Substitution(params)
        data = values.resolve(step["Arguments"], (), substitution.resolve)
        if isinstance(data, Unknown):
            continue  # the whole request is computed at run time
        name = step.get("Name")
        label = f"step {name}" if isinstance(name, str) else f"step {path[-1] if path else 0}"
        yield Spec(data, document, path + ("Arguments",), label, NAME, substitution.aliases,
                   substitution.cut_short)  # fmt: skip


def _size(value: Any) -> int:
    """How many values `value` holds, itself included."""
    count, pending = 0, [value]
    while pending:
        item = pending.pop()
        count += 1
        if isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return count


class _Substitution:
    """Resolves the expressions of one request, parameter defaults in place of their `Get`,
    at most ALIAS_EXPANSION values in all."""

    def __init__(self, params: dict[str, tuple[int, dict]]) -> None:
        self.params = params
        self.aliases: dict[Path, Path] = {}
        self.added = 0
        self.cut_short = ""
        self._sizes: dict[int, int] = {}

    def resolve(self, value: Any, at: Path) -> Any:
        if not is_expression(value):
            return None
        target = value.get("Get")
        if isinstance(target, str) and target.startswith("Parameters."):
            found = self.params.get(target[len("Parameters.") :])
            if found is not None and found[1].get("DefaultValue") is not None:
                index, entry = found
                if index not in self._sizes:
                    self._sizes[index] = _size(entry["DefaultValue"])
                self.added += self._sizes[index]
                if self.added <= ALIAS_EXPANSION:
                    self.aliases[at] = ("Parameters", index, "DefaultValue")
                    if is_placeholder_default(entry["DefaultValue"]):
                        return Unknown(entry["DefaultValue"])  # every execution sets it (MP710)
                    return values.resolve(entry["DefaultValue"])
                self.cut_short = self.cut_short or (
                    f"pipeline parameter defaults substituted into this request add more than"
                    f" {ALIAS_EXPANSION} values; the references past the limit are not checked"
                )
        return Unknown(json.dumps(value, separators=(",", ":"), default=str))
