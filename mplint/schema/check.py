"""Schema checks: the generated CreateModelPackage JSON Schema, as findings for people.

The validator is built once per process. Each jsonschema error becomes at most one finding
of the rule its keyword maps to (KEYWORD_KINDS, as cfn-lint maps its schema keywords) and a
message that names the member, the limit and, for typos, the closest valid names. Errors under an Unknown value or under a value that already
has a type error are dropped: one defect, one finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from typing import Any

from mplint.apimodel import REMEDY, active, per_model
from mplint.model import Kind, Path, Spec, Unknown
from mplint.model.describe import describe_type, member_name
from mplint.model.limits import MAX_SCHEMA_ERRORS
from mplint.schema import accel
from mplint.schema.document import schema
from mplint.schema.gate import is_valid
from mplint.suggestions import suggest

# (kind, path, message, point at the key rather than the value)
SchemaViolation = tuple[Kind, Path, str, bool]

# The rule of each schema keyword; a key error (under propertyNames) is INVALID_MAP_KEY.
KEYWORD_KINDS = {
    "additionalProperties": Kind.UNKNOWN_KEY,
    "required": Kind.MISSING_REQUIRED_KEY,
    "type": Kind.WRONG_TYPE,
    "enum": Kind.INVALID_ENUM_VALUE,
    "maxLength": Kind.VALUE_TOO_LONG,
    "minLength": Kind.VALUE_TOO_SHORT,
    "pattern": Kind.PATTERN_MISMATCH,
    "maxItems": Kind.TOO_MANY_ITEMS,
    "maxProperties": Kind.TOO_MANY_ITEMS,
    "minItems": Kind.TOO_FEW_ITEMS,
    "minProperties": Kind.TOO_FEW_ITEMS,
    "minimum": Kind.NUMBER_OUT_OF_RANGE,
    "maximum": Kind.NUMBER_OUT_OF_RANGE,
}

_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean (true or false)",
}
_MAX_LISTED_CHOICES = 8
# What a pattern means, for the shapes whose regex says little to a person.
_SHAPE_EXPECTATIONS = {
    "RoleArn": "an IAM role ARN (arn:aws:iam::123456789012:role/Name)",
    "Url": "an s3:// or https:// URL",
    "S3Uri": "an s3:// or https:// URL",
    "S3ModelUri": "an s3:// or https:// URL",
    "ImageDigest": "a digest of the form sha256:<64 hex digits>",
    "ContentDigest": "a digest of the form sha256:<64 hex digits>",
    "ArnOrName": "a name (1-63 letters, digits and hyphens) or a SageMaker ARN",
    "KmsKeyId": "a KMS key id, key ARN, alias name or alias ARN",
}


@per_model
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema())


def check_schema(spec: Spec) -> Iterator[SchemaViolation]:
    """Every schema violation of one spec, one per defect."""
    if is_valid(spec.data):
        return  # valid: no need to import jsonschema or collect its errors
    # The accelerator's errors when it can vouch that they are jsonschema's, else jsonschema's.
    # jsonschema builds a heavy error object per defect: cap them so that a file with a
    # hundred thousand wrong list items still ends quickly (and says that it stopped).
    errors = accel.errors(spec.data, MAX_SCHEMA_ERRORS)
    if errors is None:
        errors = list(islice(_validator().iter_errors(spec.data), MAX_SCHEMA_ERRORS + 1))
    if len(errors) > MAX_SCHEMA_ERRORS:
        del errors[MAX_SCHEMA_ERRORS:]
        yield (
            Kind.TOO_COMPLEX,
            (),
            f"more than {MAX_SCHEMA_ERRORS} schema violations in this spec; only the first"
            f" {MAX_SCHEMA_ERRORS} are checked and reported",
            True,
        )
    typed = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    seen: set[SchemaViolation] = set()  # jsonschema reports `required` once per missing key
    for error in errors:
        path = tuple(error.absolute_path)
        if _under_unknown(spec.data, path):
            continue
        # Prefix lookups keep this linear in the number of errors (a list of 10,000 wrong
        # items must not take 10,000 x 10,000 comparisons).
        own = error.validator != "type"  # a type error at this very value also says it all
        if any(path[:k] in typed for k in range(len(path) + own)):
            continue  # the type error at or above this value says it all
        for violation in _translate(error, path, spec.document.syntax == "yaml"):
            if violation not in seen:
                seen.add(violation)
                yield violation


def _under_unknown(data: Any, path: Path) -> bool:
    value = data
    for part in path:
        if isinstance(value, Unknown):
            return True
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(value, Unknown)


def _translate(error: Any, path: Path, yaml_typed: bool = True) -> Iterator[SchemaViolation]:
    """The violations of one jsonschema error: its keyword's rule, with a message."""
    keyword, value, sub = error.validator, error.instance, error.schema
    where = member_name(path)
    # A keyword the generator started to emit: reported as a wrong value, in its own words.
    kind = KEYWORD_KINDS.get(keyword, Kind.WRONG_TYPE)
    if "propertyNames" in error.schema_path:
        # jsonschema reports key errors at the mapping; point at the key itself.
        key_path = path + (value,)
        yield (
            Kind.INVALID_MAP_KEY,
            key_path,
            f"key '{value}' in {where} {_key_problem(keyword, error)}",
            True,
        )
    elif keyword == "additionalProperties" and sub.get("additionalProperties") is False:
        allowed = sorted(sub.get("properties", {}))
        for key in value:
            if key in sub.get("properties", {}):
                continue
            hint = suggest(key, allowed)
            message = f"unknown key '{key}' in {where}"
            if hint:
                message += "; did you mean " + " or ".join(f"'{h}'" for h in hint) + "?"
            else:
                message += f"; allowed keys: {', '.join(allowed)}"
            if not (hint and _near_miss(key, hint[0])):
                # not a plain typo: perhaps a member newer than the model, so say which
                message += f" ({_not_in_model()})"
            yield (kind, path + (key,), message, True)
    elif keyword == "required":
        known = sub.get("properties", {})
        misspelt = [key for key in value if key not in known]
        for name in error.validator_value:
            if name in value:
                continue
            if any(suggest(key, [name]) for key in misspelt):
                continue  # the unknown key's finding names it: one typo, one finding
            yield (kind, path, f"{where} is missing the required key '{name}'", True)
    elif keyword == "type":
        expected = _TYPE_NAMES.get(error.validator_value, error.validator_value)
        message = f"{where} must be {expected}, not {describe_type(value)}"
        if (
            error.validator_value == "string"
            and isinstance(value, (bool, int, float))
            and yaml_typed
        ):
            message += " (YAML reads unquoted yes/no/on/off as booleans and 1.10 as a number; quote the value)"
        yield (kind, path, message, False)
    elif keyword == "enum":
        yield (kind, path, _enum_message(where, value, error.validator_value), False)
    elif keyword == "maxLength":
        yield (
            kind,
            path,
            f"{where} is {len(value)} characters long; the maximum is {error.validator_value}",
            False,
        )
    elif keyword == "minLength":
        limit = error.validator_value
        what = "must not be empty" if limit == 1 else f"must be at least {limit} characters long"
        yield (kind, path, f"{where} {what} (it has {len(value)})", False)
    elif keyword == "pattern":
        if _only_too_long(value, sub):
            return  # the maxLength finding (value-too-long) reports it: one defect, one finding
        yield (kind, path, f"{where} {_pattern_problem(value, sub)}", False)
    elif keyword in ("maxItems", "maxProperties"):
        # Point at the first item (or entry) beyond the maximum: that is what must go.
        limit = error.validator_value
        if keyword == "maxItems":
            first_extra, noun, one, at_key = path + (limit,), "items", "item", False
        else:
            first_extra, noun, one, at_key = path + (list(value)[limit],), "entries", "entry", True
        yield (
            kind,
            first_extra,
            f"{where} has {len(value)} {noun}; the maximum is {limit}, and this is the first"
            f" {one} over it",
            at_key,
        )
    elif keyword in ("minItems", "minProperties"):
        noun = "item" if keyword == "minItems" else "entry"
        limit = error.validator_value
        yield (
            kind,
            path,
            f"{where} is empty; it needs at least {limit} {noun}{'s' if limit > 1 else ''}"
            if not value
            else f"{where} has {len(value)} {noun}s; the minimum is {limit}",
            False,
        )
    elif keyword in ("minimum", "maximum"):
        bound = "at least" if keyword == "minimum" else "at most"
        yield (
            kind,
            path,
            f"{where} is {value}; it must be {bound} {error.validator_value}",
            False,
        )
    else:  # pragma: no cover - a keyword the generator started to emit
        yield (kind, path, f"{where}: {error.message}", False)


def _enum_message(where: str, value: Any, choices: list[str]) -> str:
    shown = f"'{value}'" if isinstance(value, str) else repr(value)
    if len(choices) <= _MAX_LISTED_CHOICES:  # all of them are in the message
        return f"{where} is {shown}; allowed values: {', '.join(choices)}"
    model = active().name
    # Long lists (instance types) grow with every botocore release: a value may be newer
    # than the model, so say which model and what to do about it.
    hint = suggest(str(value), choices)
    message = f"{where} is {shown}, which is not one of the {len(choices)} values {model} allows"
    if hint:
        message += "; did you mean " + " or ".join(hint) + "?"
    return f"{message} ({REMEDY})"


def _near_miss(word: str, hint: str) -> bool:
    """A typo rather than another name: the same word in another case, or one or two
    characters off (difflib's ratio of at least 0.9: ModelAprovalStatus, not
    ModelPackageNote for ModelPackageName)."""
    import difflib

    return word.lower() == hint.lower() or difflib.SequenceMatcher(None, word, hint).ratio() >= 0.9


def _not_in_model() -> str:
    return f"not in {active().name}; {REMEDY}"


_NAME_CHARS = re.compile(r"[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\Z")


def _only_too_long(value: str, sub: dict) -> bool:
    """A name of name characters over a maxLength the shape also has: its pattern fails only
    by its length, which MP105 reports."""
    limit = sub.get("maxLength")
    return (
        limit is not None
        and len(value) > limit
        and sub.get("x-aws-shape", "") in ("EntityName", "ArnOrName")
        and _NAME_CHARS.match(value) is not None
    )


def _pattern_problem(value: str, sub: dict) -> str:
    aws = sub.get("x-aws-pattern", sub["pattern"])
    shape = sub.get("x-aws-shape", "")
    if shape in ("EntityName", "ArnOrName") and len(value) > 63 and _NAME_CHARS.match(value):
        # The API's pattern is where the limit of a name lives: say it in those words.
        return (
            f"'{_shorten(value)}' is {len(value)} characters long; a name has at most 63"
            " (letters, digits and hyphens)"
        )
    if shape == "EntityName":
        return (
            f"'{value}' is not a valid name: use 1-63 letters, digits and hyphens,"
            " starting and ending with a letter or digit"
        )
    if shape in _SHAPE_EXPECTATIONS:
        return f"'{_shorten(value)}' is not {_SHAPE_EXPECTATIONS[shape]}"
    return f"'{_shorten(value)}' does not match the pattern {aws} required by the API"


def _key_problem(keyword: str, error: Any) -> str:
    if keyword == "pattern":
        return (
            f"does not match the pattern {error.schema.get('x-aws-pattern', error.validator_value)}"
        )
    if keyword == "maxLength":
        return f"is longer than {error.validator_value} characters"
    if keyword == "minLength":
        return "must not be empty"
    return f"is not allowed ({error.message})"


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
