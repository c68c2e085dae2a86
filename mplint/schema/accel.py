"""The optional schema accelerator: jsonschema-rs errors, as jsonschema would have given them.

When jsonschema-rs is installed (the `fast` extra, or `pip install jsonschema-rs` into
mplint's environment), a spec that the schema gate rejects gets its errors from jsonschema-rs
(~50 us) instead of jsonschema (~1,100 us), and once it is loaded its `is_valid` is the gate
(~40 us instead of ~70 us). schema/check.py turns the errors into findings exactly as before,
so each error here carries what schema/check.py
reads from a jsonschema error: the keyword, its value, the subschema that holds it, the
failing value (the spec's own Python object, not a copy) and its path, in jsonschema's order.

Nothing here may change a finding. So a document is answered either wholly by jsonschema-rs
or wholly by jsonschema: `errors()` returns None, and jsonschema is asked, whenever it cannot
vouch for the answer: jsonschema-rs cannot read a value even with values of no JSON type
(an Unknown, a date) given to it as null (a key that is not a string), an error has a keyword schema/check.py would describe from jsonschema's message,
an error's path does not lead through the schema as expected, more errors than the cap, no
error at all for a spec the gate rejected, or an error that Python's own reading of the
keyword does not confirm (jsonschema-rs calls NaN and infinity not numbers; jsonschema does
not). tests/test_accel.py runs the whole test corpus with and without it.

`MPLINT_ACCELERATOR=0` turns it off (to compare, or to rule it out).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from itertools import islice
from typing import Any

from mplint.apimodel import active, per_model
from mplint.model import Path
from mplint.schema.document import TYPES, is_number, schema

ENV = "MPLINT_ACCELERATOR"
# Keywords whose findings schema/check.py writes without jsonschema's message.
_KEYWORDS = frozenset({
    "additionalProperties", "required", "type", "enum", "maxLength", "minLength", "pattern",
    "maxItems", "maxProperties", "minItems", "minProperties", "minimum", "maximum",
})  # fmt: skip
_KEY_KEYWORDS = frozenset({"pattern", "maxLength", "minLength"})  # under propertyNames

_validator: Any = None  # the compiled jsonschema-rs validator, once loaded
_validator_model: Any = None  # the API model it was compiled from


class _Unmappable(Exception):
    """An error this module cannot turn into jsonschema's exactly."""


class Error:
    """The attributes of a jsonschema ValidationError that schema/check.py reads."""

    __slots__ = ("absolute_path", "instance", "message", "schema", "schema_path", "validator",
                 "validator_value")  # fmt: skip

    def __init__(self, validator: str, sub: dict, instance: Any, path: Path,
                 schema_path: Sequence[str | int], message: str) -> None:  # fmt: skip
        self.validator = validator
        self.validator_value = sub[validator]
        self.schema = sub
        self.instance = instance
        self.absolute_path = path
        self.schema_path = schema_path
        self.message = message


def wanted() -> bool:
    return os.environ.get(ENV) != "0"


def status() -> str:
    """One line for `mplint --version`: is the accelerator used, and which one. Found
    without importing it (importing and compiling would add ~30 ms to `--version`)."""
    from importlib.util import find_spec

    if not wanted():
        return f"off ({ENV}=0)"
    spec = find_spec("jsonschema_rs")
    if spec is None or not spec.origin:
        return (
            "not installed (pip install jsonschema-rs into mplint's environment to speed up"
            " specs with defects)"
        )
    # The wheel's metadata folder beside the package names the version (importlib.metadata
    # would cost ~15 ms).
    try:
        names = os.listdir(os.path.dirname(os.path.dirname(spec.origin)))
    except OSError:
        names = []
    versions = [
        name[len("jsonschema_rs-") : -len(".dist-info")]
        for name in names
        if name.startswith("jsonschema_rs-") and name.endswith(".dist-info")
    ]
    return f"jsonschema-rs {versions[-1]}" if len(versions) == 1 else "jsonschema-rs"


@per_model
def load() -> bool:
    """Import jsonschema-rs and compile the schema, once per API model; False if not
    installed or off."""
    global _validator, _validator_model
    _validator = _validator_model = None
    if not wanted():
        return False
    try:
        import jsonschema_rs

        _validator = jsonschema_rs.Draft202012Validator(schema())
        _validator_model = active()
    except Exception:  # not installed, or a release that cannot compile the schema
        return False
    return True


def loaded() -> bool:
    return _validator is not None and _validator_model is active()


def is_valid(data: Any) -> bool:
    """jsonschema-rs's yes/no; no (look at the errors) for a value it cannot read."""
    try:
        return _validator.is_valid(data)
    except Exception:
        return False


def errors(data: Any, limit: int) -> list[Error] | None:
    """jsonschema's errors for `data` (at most `limit`) in jsonschema's order, or None when
    jsonschema must be asked."""
    if not load():
        return None
    try:
        raw = list(islice(_validator.iter_errors(data), limit + 1))
    except Exception:  # a value jsonschema-rs cannot read (an Unknown, a date): as null
        readable = _as_json(data) if _null_never_valid() else None
        if readable is None:
            return None
        try:
            raw = list(islice(_validator.iter_errors(readable), limit + 1))
        except Exception:
            return None
    if not raw or len(raw) > limit:
        return None
    memo: dict[Any, dict[Any, int]] = {}  # orders of the spec's own mappings
    try:
        keyed = [_convert(error, data, memo) for error in raw]
    except _Unmappable:
        return None
    keyed.sort(key=lambda pair: pair[0])
    return [error for _, error in keyed]


# -- values of no JSON type --------------------------------------------------------------------

_JSON_TYPES = (dict, list, str, int, float, bool, type(None))


def _as_json(data: Any) -> Any:
    """A copy of `data` with every value of no JSON type (an Unknown, a date) as null, or None
    if there is none, or a value jsonschema-rs would read differently (a str subclass).

    jsonschema fails such a value on every `type` and `enum` and skips it for every other
    keyword, exactly as it treats null in a schema that never accepts null; the errors keep
    the spec's own values (looked up in `data`), so messages and the Unknown filter see them.
    """
    changed = False

    def copy(value: Any) -> Any:
        nonlocal changed
        kind = type(value)
        if kind is dict:
            return {k: copy(v) for k, v in value.items()}
        if kind is list:
            return [copy(v) for v in value]
        if kind in _JSON_TYPES:
            return value
        if isinstance(value, _JSON_TYPES):
            raise _Unmappable  # a subclass of a JSON type: jsonschema sees the base type
        changed = True
        return None

    try:
        result = copy(data)
    except _Unmappable:
        return None
    return result if changed else None


@per_model
def _null_never_valid() -> bool:
    """True if no `type` or `enum` of the schema accepts null (so null stands for a value of
    no JSON type), and no `const` or other keyword could tell them apart."""

    def accepts(part: Any) -> bool:
        if isinstance(part, list):
            return any(accepts(item) for item in part)
        if not isinstance(part, dict):
            return False
        kind = part.get("type")
        if kind == "null" or (isinstance(kind, list) and "null" in kind) or "const" in part:
            return True
        if None in part.get("enum", ()):
            return True
        return any(accepts(v) for k, v in part.items() if k not in ("enum", "required"))

    return not accepts(schema())


# -- one error ---------------------------------------------------------------------------------

# id(part of the schema) -> {name: index}; the schema is built once and lives on.
_positions: dict[int, dict[Any, int]] = {}


def _position(part: dict | list, name: Any, memo: dict | None = None) -> int:
    """Where `name` stands in `part` (a dict's keys or a list's items)."""
    cache = _positions if memo is None else memo
    index = cache.get(id(part))
    if index is None:
        index = cache[id(part)] = {k: i for i, k in enumerate(part)}
    try:
        return index[name]
    except KeyError:
        raise _Unmappable from None


def _convert(error: Any, data: Any, memo: dict) -> tuple[tuple[int, ...], Error]:
    """The error as jsonschema's, with a key that sorts errors in jsonschema's order.

    jsonschema walks each subschema's keywords in the order written, `properties` in the
    order written, list items in order, additional properties in the order of a set of their
    names (as its `additionalProperties` does) and keys for `propertyNames` in the mapping's
    order; the key is the position taken at each of those steps."""
    instance_path = tuple(error.instance_path)
    schema_path = error.schema_path
    sub: Any = schema()
    value = data
    depth = 0  # of instance_path consumed
    key: list[int] = []
    names = None  # the nested error when the failing instance is a key (propertyNames)
    i, last = 0, len(schema_path) - 1
    while True:
        keyword = schema_path[i]
        if not isinstance(sub, dict) or keyword not in sub:
            raise _Unmappable
        key.append(_position(sub, keyword))
        if i == last:
            break
        if keyword == "properties" and names is None:
            name = schema_path[i + 1]
            if depth >= len(instance_path) or instance_path[depth] != name:
                raise _Unmappable
            key.append(_position(sub["properties"], name))
            value, sub, depth, i = _child(value, name), sub["properties"][name], depth + 1, i + 2
        elif keyword == "items" and names is None:
            if depth >= len(instance_path) or not isinstance(value, list):
                raise _Unmappable
            index = instance_path[depth]
            key.append(index)
            value, sub, depth, i = _child(value, index), sub["items"], depth + 1, i + 1
        elif keyword == "additionalProperties" and names is None:
            if depth >= len(instance_path) or not isinstance(value, dict):
                raise _Unmappable
            extra = instance_path[depth]
            order = _set_order(value, sub, memo)
            if extra not in order:
                raise _Unmappable
            key.append(order[extra])
            value, sub, depth, i = _child(value, extra), sub[keyword], depth + 1, i + 1
        elif keyword == "propertyNames" and names is None and error.kind.name == keyword:
            names = error.kind.error
            name = names.instance
            if not isinstance(value, dict) or not isinstance(name, str) or name not in value:
                raise _Unmappable
            key.append(_position(value, name, memo))  # the spec lives during the call
            value, sub, i = name, sub[keyword], i + 1
        else:
            raise _Unmappable
    if depth != len(instance_path):
        raise _Unmappable
    keyword = schema_path[last]
    kind = (names or error).kind
    if kind.name != keyword or keyword not in (_KEY_KEYWORDS if names else _KEYWORDS):
        raise _Unmappable
    if keyword == "required":
        key.append(_position(sub["required"], kind.property))
    if not _fails(keyword, sub, value, kind):
        raise _Unmappable  # jsonschema would not report it
    return tuple(key), Error(keyword, sub, value, instance_path, schema_path, error.message)


def _child(value: Any, step: str | int) -> Any:
    try:
        return value[step]
    except (KeyError, IndexError, TypeError):
        raise _Unmappable from None


def _set_order(mapping: dict, sub: dict, memo: dict) -> dict[str, int]:
    """The order in which jsonschema's additionalProperties visits the extra names."""
    order = memo.get((id(mapping), 1))
    if order is None:
        if "patternProperties" in sub:
            raise _Unmappable
        properties = sub.get("properties", {})
        # The same set, built the same way in the same process, iterates in the same order.
        extras = set(name for name in mapping if name not in properties)
        order = memo[(id(mapping), 1)] = {name: i for i, name in enumerate(extras)}
    return order


def _fails(keyword: str, sub: dict, value: Any, kind: Any) -> bool:
    """Python's (jsonschema's) reading of one keyword: does `value` fail it?"""
    limit = sub[keyword]
    if keyword == "type":
        check = TYPES.get(limit) if isinstance(limit, str) else None
        return check is not None and not check(value)
    if keyword == "enum":  # string choices: jsonschema compares with ==
        if not all(isinstance(choice, str) for choice in limit):
            return False
        return not (isinstance(value, str) and value in limit)
    if keyword in ("maxLength", "minLength", "pattern"):
        if not isinstance(value, str):
            return False
        if keyword == "pattern":
            return re.search(limit, value) is None
        return len(value) > limit if keyword == "maxLength" else len(value) < limit
    if keyword in ("maxItems", "minItems", "maxProperties", "minProperties"):
        if not isinstance(value, list if keyword.endswith("Items") else dict):
            return False
        return len(value) > limit if keyword.startswith("max") else len(value) < limit
    if keyword in ("minimum", "maximum"):
        if not is_number(value):
            return False
        return value < limit if keyword == "minimum" else value > limit
    if keyword == "required":
        return isinstance(value, dict) and kind.property in limit and kind.property not in value
    if keyword == "additionalProperties":
        properties = sub.get("properties", {})
        return (
            limit is False
            and "patternProperties" not in sub
            and isinstance(value, dict)
            and any(name not in properties for name in value)
        )
    return False
