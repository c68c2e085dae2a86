"""The kinds of problem that mplint's own machinery reports: the parser, the sources, the
schema check and the engine. Each kind is the name of the rule that owns it in rules/*.yaml;
the rule catalogue gives it its id and level, so no producer of findings writes a rule id.

Python checks report under their rule's name too (`@check("group-and-name")`), and
declarative rules are their rule entry.
"""

from __future__ import annotations

import enum


class Kind(str, enum.Enum):
    # the file and its text (rules/MP0-input.yaml)
    INTERNAL_ERROR = "internal-error"
    INVALID_YAML = "invalid-yaml"
    INVALID_JSON = "invalid-json"
    DUPLICATE_KEY = "duplicate-key"
    NOT_A_SPEC = "not-a-spec"
    UNSAFE_YAML_TAG = "unsafe-yaml-tag"
    UNKNOWN_YAML_TAG = "unknown-yaml-tag"
    UNREADABLE_FILE = "unreadable-file"
    TOO_COMPLEX = "too-complex"
    UNUSED_SUPPRESSION = "unused-suppression"
    NON_UTF8_ENCODING = "non-utf8-encoding"
    # the schema (rules/MP1-schema.yaml)
    UNKNOWN_KEY = "unknown-key"
    MISSING_REQUIRED_KEY = "missing-required-key"
    WRONG_TYPE = "wrong-type"
    INVALID_ENUM_VALUE = "invalid-enum-value"
    VALUE_TOO_LONG = "value-too-long"
    VALUE_TOO_SHORT = "value-too-short"
    PATTERN_MISMATCH = "pattern-mismatch"
    TOO_MANY_ITEMS = "too-many-items"
    TOO_FEW_ITEMS = "too-few-items"
    NUMBER_OUT_OF_RANGE = "number-out-of-range"
    INVALID_MAP_KEY = "invalid-map-key"
    # the sources (rules/MP7-sources.yaml)
    UNRENDERED_TEMPLATE = "unrendered-template"
    INVALID_PYTHON = "invalid-python"
    REQUEST_DECIDED_AT_RUN_TIME = "request-decided-at-run-time"

    def __str__(self) -> str:
        return self.value


# What a syntax error of the text is, whichever parser found it.
SYNTAX_ERRORS = frozenset({Kind.INVALID_YAML, Kind.INVALID_JSON})
