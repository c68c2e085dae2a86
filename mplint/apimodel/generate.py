"""Build mplint's CreateModelPackage schema from botocore's data files.

The input is what botocore ships (no botocore import is needed): the SageMaker service model
`sagemaker/<api version>/service-2.json` (plain or `.json.gz`) and the partition data
`partitions.json` / `endpoints.json`. The output is JSON Schema 2020-12 with every
definition inlined (validators built from an inlined schema run about twice as fast as with
$ref), unknown keys forbidden, and the API's Java-dialect patterns translated into Python
`re` syntax with the same meaning, anchored to a full match. The schema records where it
came from (`x-generated-from`) and carries the partitions and regions (`x-aws-partitions`)
that the image, S3 and ARN checks use; JSON Schema ignores both.

`mplint api-model generate` is the command line of this module.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata

OPERATION = "CreateModelPackage"

# Java's predefined classes are ASCII-only unless UNICODE_CHARACTER_CLASS is set.
_JAVA_SPACE = " \\t\\n\\x0b\\f\\r"
_CLASS_ESCAPES = {"w": "a-zA-Z0-9_", "d": "0-9", "s": _JAVA_SPACE}
_LINE_TERMINATORS = "\\n\\r\\x85\\u2028\\u2029"  # what Java's '.' does not match
_category_cache: dict[str, str] = {}


def unicode_category_ranges(category: str) -> str:
    """Character-class body matching every code point whose category starts with `category`."""
    if category in _category_cache:
        return _category_cache[category]
    ranges: list[tuple[int, int]] = []
    for cp in range(sys.maxunicode + 1):
        if unicodedata.category(chr(cp)).startswith(category):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))

    def esc(cp: int) -> str:
        return f"\\U{cp:08x}" if cp > 0xFFFF else f"\\u{cp:04x}"

    body = "".join(esc(a) if a == b else f"{esc(a)}-{esc(b)}" for a, b in ranges)
    _category_cache[category] = body
    return body


def translate_pattern(pattern: str) -> str:
    """Translate an AWS (Java) regex into Python `re` syntax, anchored to a full match.

    Handles the constructs the SageMaker model uses: \\p{X} classes, ASCII \\w \\d \\s \\S,
    '.', look-behinds (same syntax), and end anchors with a quantifier (`${1,128}`).
    Anything else with a backslash-letter is refused so that a new construct is noticed.
    """
    body = pattern.removeprefix("^")
    body = re.sub(r"\$(\{\d+(,\d*)?\}|[*+?])?$", "", body)  # `$`, `${1,128}` at the end
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "[":
            end = _class_end(body, i)
            out.append(_translate_class(body[i + 1 : end], pattern))
            i = end + 1
        elif ch == "\\":
            out.append(_translate_escape(body, i, pattern, in_class=False))
            i += _escape_length(body, i)
        elif ch == ".":
            out.append(f"[^{_LINE_TERMINATORS}]")
            i += 1
        else:
            out.append(ch)
            i += 1
    # `$` in Python also matches before a final newline; (?![\s\S]) is the true end.
    anchored = f"^(?:{''.join(out)})(?![\\s\\S])"
    re.compile(anchored)
    return anchored


def _class_end(body: str, start: int) -> int:
    i = start + 1
    while body[i] != "]":
        i += 2 if body[i] == "\\" else 1
    return i


def _escape_length(body: str, i: int) -> int:
    if body[i + 1] == "p" and body[i + 2] == "{":
        return body.index("}", i) + 1 - i
    return 2


def _translate_class(inner: str, pattern: str) -> str:
    if inner in ("\\S\\s", "\\s\\S"):
        return "[\\s\\S]"  # any character
    if inner == "\\S":
        return f"[^{_JAVA_SPACE}]"
    negate = inner.startswith("^")
    parts, i = [], 1 if negate else 0
    while i < len(inner):
        if inner[i] == "\\":
            parts.append(_translate_escape(inner, i, pattern, in_class=True))
            i += _escape_length(inner, i)
        else:
            parts.append(inner[i])
            i += 1
    return "[" + ("^" if negate else "") + "".join(parts) + "]"


def _translate_escape(body: str, i: int, pattern: str, *, in_class: bool) -> str:
    nxt = body[i + 1]
    if nxt == "p" and body[i + 2] == "{":
        ranges = unicode_category_ranges(body[i + 3 : body.index("}", i)])
        return ranges if in_class else f"[{ranges}]"
    if nxt in _CLASS_ESCAPES:
        return _CLASS_ESCAPES[nxt] if in_class else f"[{_CLASS_ESCAPES[nxt]}]"
    if nxt == "S" and not in_class:
        return f"[^{_JAVA_SPACE}]"
    if nxt.isalpha() and nxt not in "tnrf":
        raise ValueError(f"unsupported escape \\{nxt} in {pattern!r}")
    return "\\" + nxt


class Shapes:
    """The shapes of a service model, resolved as botocore resolves them: a member reference
    with traits of its own (documentation, min...) overrides the shape it points to."""

    def __init__(self, service: dict) -> None:
        self.shapes: dict[str, dict] = service["shapes"]

    def resolve(self, ref: dict) -> tuple[str, dict]:
        name = ref["shape"]
        shape = self.shapes[name]
        traits = {k: v for k, v in ref.items() if k != "shape"}
        return name, {**shape, **traits} if traits else shape


def shape_schema(shapes: Shapes, name: str, shape: dict) -> dict:
    """JSON Schema for one shape, recursively inlined."""
    schema: dict = {}
    doc = shape.get("documentation")
    if doc:
        schema["description"] = _plain(doc)
    kind = shape["type"]
    meta = shape
    if kind == "structure":
        schema["type"] = "object"
        schema["properties"] = {
            member: shape_schema(shapes, *shapes.resolve(ref))
            for member, ref in shape.get("members", {}).items()
        }
        if shape.get("required"):
            schema["required"] = list(shape["required"])
        schema["additionalProperties"] = False
    elif kind == "list":
        schema["type"] = "array"
        schema["items"] = shape_schema(shapes, *shapes.resolve(shape["member"]))
        if "min" in meta:
            schema["minItems"] = meta["min"]
        if "max" in meta:
            schema["maxItems"] = meta["max"]
    elif kind == "map":
        schema["type"] = "object"
        schema["propertyNames"] = _without_description(
            shape_schema(shapes, *shapes.resolve(shape["key"]))
        )
        schema["additionalProperties"] = shape_schema(shapes, *shapes.resolve(shape["value"]))
        if "min" in meta:
            schema["minProperties"] = meta["min"]
        if "max" in meta:
            schema["maxProperties"] = meta["max"]
    elif kind == "string":
        schema["type"] = "string"
        if "enum" in meta:
            schema["enum"] = list(meta["enum"])
        if meta.get("min"):
            schema["minLength"] = meta["min"]
        if "max" in meta:
            schema["maxLength"] = meta["max"]
        if "pattern" in meta and meta["pattern"] not in (".*", "[\\S\\s]*"):
            schema["pattern"] = translate_pattern(meta["pattern"])
            schema["x-aws-pattern"] = meta["pattern"]
    elif kind in ("integer", "long"):
        schema["type"] = "integer"
        if "min" in meta:
            schema["minimum"] = meta["min"]
        if "max" in meta:
            schema["maximum"] = meta["max"]
    elif kind in ("float", "double"):
        schema["type"] = "number"
        if "min" in meta:
            schema["minimum"] = meta["min"]
        if "max" in meta:
            schema["maximum"] = meta["max"]
    elif kind == "boolean":
        schema["type"] = "boolean"
    elif kind == "timestamp":
        schema["type"] = "string"
    else:
        raise ValueError(f"unhandled shape type {kind} ({name})")
    schema["x-aws-shape"] = name
    return schema


def _without_description(schema: dict) -> dict:
    return {k: v for k, v in schema.items() if k != "description"}


def _plain(html: str) -> str:
    text = re.sub(r"<[^>]+>", "", html)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:500]


def generate(
    service: dict, partitions: dict, botocore_version: str | None, *, endpoints: dict | None = None
) -> dict:
    """The schema of `service` (a parsed service-2.json) with the partitions of
    `partitions` (a parsed partitions.json) and, when given, `endpoints` (endpoints.json)."""
    shapes = Shapes(service)
    operation = service["operations"][OPERATION]
    origin: dict = {"botocore": botocore_version} if botocore_version else {}
    origin.update(
        service="sagemaker",
        apiVersion=service["metadata"]["apiVersion"],
        operation=OPERATION,
        unicodedata=unicodedata.unidata_version,
    )
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://mplint.dev/schemas/create-model-package.schema.json",
        "title": f"SageMaker {OPERATION} request",
        "x-generated-from": origin,
    }
    schema.update(shape_schema(shapes, *shapes.resolve(operation["input"])))
    schema["x-aws-partitions"] = partition_table(partitions, endpoints)
    return schema


def partition_table(partitions: dict, endpoints: dict | None = None) -> dict:
    """{partition id: {dnsSuffix, regionRegex, regions, sagemaker}}: every region of a
    partition (partitions.json and endpoints.json together; not the `*-global` pseudo
    regions) and those where the SageMaker API has an endpoint (endpoints.json)."""
    table: dict[str, dict] = {}
    for entry in partitions.get("partitions", []):
        table[entry["id"]] = {
            "dnsSuffix": entry["outputs"]["dnsSuffix"],
            "regionRegex": entry["regionRegex"],
            "regions": set(entry.get("regions", {})),
            "sagemaker": set(),
        }
    for entry in (endpoints or {}).get("partitions", []):
        row = table.setdefault(
            entry["partition"],
            {"dnsSuffix": entry["dnsSuffix"], "regionRegex": entry["regionRegex"],
             "regions": set(), "sagemaker": set()},
        )  # fmt: skip
        row["regions"].update(entry.get("regions", {}))
        service = entry.get("services", {}).get("api.sagemaker", {})
        row["sagemaker"].update(
            region for region, spec in service.get("endpoints", {}).items()
            if not spec.get("deprecated") and _REAL_REGION.search(region)
            and "fips" not in region
        )  # fmt: skip
    for row in table.values():
        row["regions"] = sorted(r for r in row["regions"] if _REAL_REGION.search(r))
        row["sagemaker"] = sorted(row["sagemaker"])
    return table


_REAL_REGION = re.compile(r"-[0-9]+$")


def render(schema: dict) -> str:
    return json.dumps(schema, indent=1, ensure_ascii=True, sort_keys=False) + "\n"
