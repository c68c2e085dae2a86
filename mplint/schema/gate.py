"""A fast yes/no answer to "does this spec satisfy the schema?", before jsonschema runs.

Most specs in a repository are valid, and for them jsonschema's error machinery is pure
cost (about 1.4 ms for a 4 KB spec, plus ~60 ms to import it). The gate compiles the
generated schema once into plain Python closures that only answer yes or no. When it says
yes, there is nothing to report; when it says no, or when it meets anything it does not
fully understand (a keyword it does not implement, a value that is not plain JSON data),
mplint asks jsonschema for the errors exactly as before. So the gate can make mplint faster
but cannot change a finding, as long as "yes" is never wrong: each keyword below follows
jsonschema's own Draft 2020-12 implementation, and tests/test_perf.py compares the two.

`MPLINT_SCHEMA_GATE=0` turns the gate off (every spec goes through jsonschema), to measure
it or to compare findings. With the optional accelerator (mplint/accel.py),
jsonschema-rs's `is_valid` (~40 us instead of ~70 us for a 4 KB spec) takes over as the gate
once jsonschema-rs has been loaded for a spec's errors: loading it (~15 ms, every pattern
compiled) is not worth it for a run whose specs are all valid.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from mplint.apimodel import per_model
from mplint.schema import accel
from mplint.schema.document import TYPES, is_number, schema
from mplint.schema.patterns import ApiPattern

Gate = Callable[[Any], bool]

# Keywords that never make an instance invalid.
_ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "default", "examples"}


def _never(instance: Any) -> bool:
    return False


def _always(instance: Any) -> bool:
    return True


def compile_gate(schema: Any) -> Gate:
    """A function that returns True only if `schema` accepts the instance."""
    if schema is True or schema == {}:
        return _always
    if schema is False or not isinstance(schema, dict):
        return _never
    if any(k not in _KNOWN and k not in _ANNOTATIONS and not k.startswith("x-") for k in schema):
        return _never  # a keyword we do not implement: always let jsonschema decide
    checks: list[Callable[[Any], bool]] = []

    kind = schema.get("type")
    if kind is not None:
        if not isinstance(kind, str) or kind not in TYPES:
            return _never
        checks.append(TYPES[kind])

    # Strings
    if "maxLength" in schema or "minLength" in schema or "pattern" in schema:
        high = schema.get("maxLength")
        low = schema.get("minLength", 0)
        # Compiled on first use, and for ASCII text without the Unicode classes translated
        # from the API's \p{..}, which take milliseconds to compile (schema/patterns.py).
        pattern = ApiPattern(schema["pattern"]) if "pattern" in schema else None

        def string(v: Any) -> bool:
            if not isinstance(v, str):
                return True
            if high is not None and len(v) > high:
                return False
            if len(v) < low:
                return False
            return pattern is None or pattern.search(v) is not None

        checks.append(string)

    if "enum" in schema:
        choices = schema["enum"]
        if not all(isinstance(c, str) for c in choices):
            return _never
        allowed = frozenset(choices)
        checks.append(lambda v: isinstance(v, str) and v in allowed)

    # Numbers
    if "minimum" in schema or "maximum" in schema:
        low_n, high_n = schema.get("minimum"), schema.get("maximum")

        def number(v: Any) -> bool:
            if not is_number(v):
                return True
            return not ((low_n is not None and v < low_n) or (high_n is not None and v > high_n))

        checks.append(number)

    # Arrays
    if "items" in schema or "minItems" in schema or "maxItems" in schema:
        item = compile_gate(schema["items"]) if "items" in schema else _always
        low_i, high_i = schema.get("minItems", 0), schema.get("maxItems")

        def array(v: Any) -> bool:
            if not isinstance(v, list):
                return True
            if len(v) < low_i or (high_i is not None and len(v) > high_i):
                return False
            return item is _always or all(item(x) for x in v)

        checks.append(array)

    # Objects
    object_keywords = ("properties", "additionalProperties", "required", "propertyNames",
                       "minProperties", "maxProperties")  # fmt: skip
    if any(k in schema for k in object_keywords):
        properties = {k: compile_gate(v) for k, v in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties", True)
        extra_gate = None if extra is False else compile_gate(extra)
        required = tuple(schema.get("required", ()))
        names = compile_gate(schema["propertyNames"]) if "propertyNames" in schema else None
        low_p, high_p = schema.get("minProperties", 0), schema.get("maxProperties")

        def mapping(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            if len(v) < low_p or (high_p is not None and len(v) > high_p):
                return False
            for name in required:
                if name not in v:
                    return False
            for key, value in v.items():
                if names is not None and not names(key):
                    return False
                gate = properties.get(key)
                if gate is None:
                    if extra_gate is None or not extra_gate(value):
                        return False
                elif not gate(value):
                    return False
            return True

        checks.append(mapping)

    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]

    def every(v: Any) -> bool:
        for check in checks:  # noqa: SIM110 - a loop: no generator per value
            if not check(v):
                return False
        return True

    return every


_KNOWN = {
    "type", "maxLength", "minLength", "pattern", "enum", "minimum", "maximum", "items",
    "minItems", "maxItems", "properties", "additionalProperties", "required",
    "propertyNames", "minProperties", "maxProperties",
}  # fmt: skip


def is_valid(data: Any) -> bool:
    """True only if the schema accepts `data`: jsonschema-rs once loaded, else the gate."""
    if accel.loaded() and gate() is not _never:
        return accel.is_valid(data)
    return gate()(data)


@per_model
def gate() -> Gate:
    """The gate for mplint's schema, built once per process."""
    if os.environ.get("MPLINT_SCHEMA_GATE") == "0":  # for measurements and comparisons
        return _never
    return compile_gate(schema())
