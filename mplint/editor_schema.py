"""The JSON Schema of a CreateModelPackage request for editors (`mplint schema`).

Built from the schema mplint checks with (generated from the API model in use), for
yaml-language-server (VS Code's YAML extension, Neovim, Helix...) and VS Code's JSON support:

- draft-07, the draft every editor's schema support reads in full;
- every member keeps the API's description, and gets a `markdownDescription` (shown on
  hover and in completion) with its type, allowed values, limits, the API's own pattern and a
  link to the member in the API reference;
- enums, lengths, item counts, ranges and `additionalProperties: false` are kept, so editors
  complete keys and values and underline what AWS would reject;
- patterns are ECMAScript as well as Python: code points above U+FFFF are written as the
  characters themselves (JSON escapes them as surrogate pairs), which both Python's `re` and
  a JavaScript RegExp with the `u` flag (what editors try first) read as one code point;
- mplint's own keys (`x-aws-*`, `x-generated-from`) are left out.

The same Markdown serves the language server's hover (`member_markdown`).
"""

from __future__ import annotations

import re
from typing import Any

from mplint.schema import document

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
API_REFERENCE = "https://docs.aws.amazon.com/sagemaker/latest/APIReference"
OPERATION = "CreateModelPackage"
_ASTRAL = re.compile(r"\\U([0-9a-fA-F]{8})")
_MAX_PATTERN_SHOWN = 120  # longer API patterns (Unicode classes spelt out) are not shown
_KEPT = {
    "type", "properties", "items", "required", "additionalProperties", "enum", "minLength",
    "maxLength", "minItems", "maxItems", "minimum", "maximum", "minProperties",
    "maxProperties", "propertyNames", "pattern", "description",
}  # fmt: skip


def source_schema() -> dict[str, Any]:
    """The request schema mplint checks with (one place to point at another API model)."""
    return document.schema()


def editor_schema(schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """The editor schema built from `schema` (default: the one mplint checks with)."""
    source = source_schema() if schema is None else schema
    body = _node(source, member=None, parent_shape=None, top=True)
    generated = source.get("x-generated-from", {})
    title = source.get("title", f"SageMaker {OPERATION} request")
    description = f"A SageMaker {OPERATION} request, as a YAML or JSON file checked by mplint"
    if generated.get("botocore"):
        description += f" (API model of botocore {generated['botocore']})"
    return {
        "$schema": DRAFT_07,
        "title": title,
        **body,
        "description": description + ".",
        "markdownDescription": description
        + f". [API reference]({API_REFERENCE}/API_{OPERATION}.html)",
    }


def _node(
    node: dict[str, Any], *, member: str | None, parent_shape: str | None, top: bool = False
) -> dict:
    """`node` for editors; `member` names it when it is a member of a structure (the
    request's own members have no parent shape: they are CreateModelPackage's parameters)."""
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key not in _KEPT:
            continue
        if key == "properties":
            shape = None if top else node.get("x-aws-shape")
            out[key] = {
                name: _node(child, member=name, parent_shape=shape) for name, child in value.items()
            }
        elif key in ("items", "propertyNames") or (
            key == "additionalProperties" and isinstance(value, dict)
        ):
            # a list's items, a map's keys and values: documented by their description
            out[key] = _node(value, member=None, parent_shape=None)
        elif key == "pattern":
            out[key] = ecmascript_pattern(value)
        else:
            out[key] = value
    if member is not None and "description" in node:
        out["markdownDescription"] = member_markdown(node, member, parent_shape)
    return out


def ecmascript_pattern(pattern: str) -> str:
    r"""A Python pattern that means the same to a JavaScript RegExp with the `u` flag:
    `\UXXXXXXXX` (Python only) becomes the character itself."""
    return _ASTRAL.sub(lambda m: chr(int(m.group(1), 16)), pattern)


def member_doc_url(member: str, parent_shape: str | None) -> str:
    """The member's entry in the API reference: a request parameter of CreateModelPackage,
    or a member of a structure (its page is the structure's shape name)."""
    if parent_shape is None:
        return f"{API_REFERENCE}/API_{OPERATION}.html#sagemaker-{OPERATION}-request-{member}"
    return f"{API_REFERENCE}/API_{parent_shape}.html#sagemaker-Type-{parent_shape}-{member}"


def member_markdown(node: dict[str, Any], member: str, parent_shape: str | None) -> str:
    """What an editor shows for a member: its description, then its constraints."""
    lines = [f"**{member}** ({_kind(node)})", "", node.get("description", "").strip()]
    facts = _constraints(node)
    if facts:
        lines += ["", *(f"- {fact}" for fact in facts)]
    lines += ["", f"[API reference]({member_doc_url(member, parent_shape)})"]
    return "\n".join(lines).replace("\n\n\n", "\n\n")


def _kind(node: dict[str, Any]) -> str:
    kind = node.get("type", "any")
    if kind == "array":
        return f"list of {_kind(node.get('items', {}))}"
    if kind == "object" and "properties" not in node and "additionalProperties" in node:
        return "map"
    if kind == "object":
        return node.get("x-aws-shape", "structure")
    return kind


def _constraints(node: dict[str, Any]) -> list[str]:
    facts = []
    if "enum" in node:
        facts.append("One of: " + ", ".join(f"`{value}`" for value in node["enum"]))
    for low, high, unit in (
        ("minLength", "maxLength", "characters"),
        ("minItems", "maxItems", "items"),
        ("minProperties", "maxProperties", "entries"),
        ("minimum", "maximum", ""),
    ):
        if low in node or high in node:
            facts.append(_range(node.get(low), node.get(high), unit))
    if "required" in node:
        facts.append("Required members: " + ", ".join(f"`{m}`" for m in node["required"]))
    api_pattern = node.get("x-aws-pattern")
    if api_pattern and len(api_pattern) <= _MAX_PATTERN_SHOWN:
        facts.append(f"Pattern (API): `{api_pattern}`")
    return facts


def _range(low: Any, high: Any, unit: str) -> str:
    suffix = f" {unit}" if unit else ""
    if low is not None and high is not None:
        return f"{low} to {high}{suffix}" if unit else f"from {low} to {high}"
    if low is not None:
        return f"at least {low}{suffix}"
    return f"at most {high}{suffix}"


def node_at(schema: dict[str, Any], path: tuple[str | int, ...]) -> tuple[dict, str, str | None]:
    """The schema node of the member at `path` in a request (keys and list indexes), its
    member name and the shape of the structure holding it; KeyError if the schema has none."""
    node, member, parent = schema, None, None
    for part in path:
        if isinstance(part, int) or node.get("type") == "array":
            node = node.get("items", {})
            if isinstance(part, int):
                continue
        if "properties" in node and part in node["properties"]:
            parent = None if node is schema else node.get("x-aws-shape")
            node, member = node["properties"][part], part
        elif isinstance(node.get("additionalProperties"), dict):
            node = node["additionalProperties"]
        else:
            raise KeyError(part)
    if member is None:
        raise KeyError(path)
    return node, member, parent
