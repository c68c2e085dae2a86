"""Generate schemas/create-model-package.schema.json from botocore's service model.

Maintainers run this after a botocore release (it is the only place botocore is used):

    pip install botocore
    python schemas/generate.py            # rewrite the committed schema
    python schemas/generate.py --check    # exit 1 if the committed schema is stale

The schema is JSON Schema 2020-12 with every definition inlined (validators built from an
inlined schema run about twice as fast as with $ref), unknown keys forbidden, and the API's
Java-dialect patterns translated into Python `re` syntax with the same meaning, anchored to
a full match. The botocore and Unicode database versions it came from are recorded in it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

SCHEMA_PATH = Path(__file__).with_name("create-model-package.schema.json")
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


def shape_schema(shape) -> dict:
    """JSON Schema for one botocore shape, recursively inlined."""
    meta = shape.metadata
    schema: dict = {}
    doc = shape.documentation
    if doc:
        schema["description"] = _plain(doc)
    kind = shape.type_name
    if kind == "structure":
        schema["type"] = "object"
        schema["properties"] = {
            name: shape_schema(member) for name, member in shape.members.items()
        }
        if shape.required_members:
            schema["required"] = list(shape.required_members)
        schema["additionalProperties"] = False
    elif kind == "list":
        schema["type"] = "array"
        schema["items"] = shape_schema(shape.member)
        if "min" in meta:
            schema["minItems"] = meta["min"]
        if "max" in meta:
            schema["maxItems"] = meta["max"]
    elif kind == "map":
        schema["type"] = "object"
        schema["propertyNames"] = _without_description(shape_schema(shape.key))
        schema["additionalProperties"] = shape_schema(shape.value)
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
        raise ValueError(f"unhandled shape type {kind} ({shape.name})")
    schema["x-aws-shape"] = shape.name
    return schema


def _without_description(schema: dict) -> dict:
    return {k: v for k, v in schema.items() if k != "description"}


def _plain(html: str) -> str:
    text = re.sub(r"<[^>]+>", "", html)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:500]


def generate() -> dict:
    import botocore
    import botocore.session

    model = botocore.session.get_session().get_service_model("sagemaker")
    operation = model.operation_model(OPERATION)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://mplint.dev/schemas/create-model-package.schema.json",
        "title": f"SageMaker {OPERATION} request",
        "x-generated-from": {
            "botocore": botocore.__version__,
            "service": "sagemaker",
            "apiVersion": model.api_version,
            "operation": OPERATION,
            "unicodedata": unicodedata.unidata_version,
        },
    }
    schema.update(shape_schema(operation.input_shape))
    return schema


def render(schema: dict) -> str:
    return json.dumps(schema, indent=1, ensure_ascii=True, sort_keys=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    text = render(generate())
    if args.check:
        if SCHEMA_PATH.read_text(encoding="utf-8") != text:
            print(f"{SCHEMA_PATH} is stale; run python schemas/generate.py", file=sys.stderr)
            return 1
        return 0
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
