"""Properties of `--fix` over generated specs with fixable mistakes written into them.

A valid spec is drawn, then written as YAML (any indentation, quoting, comments, blank
lines, flow or block lists, LF or CRLF, with or without a byte order mark) or JSON (any
layout) with some of these mistakes: a key in the wrong letter case, an enum value in the
wrong case, an instance type without `ml.`, a number or boolean left unquoted where a
string is wanted, a single string where a list is wanted. After fixing:

- no finding of a fixable rule remains, and the file reads back as exactly the valid spec
  (`1.10` came back as the string '1.10', not 1.1);
- a second fix changes nothing;
- every line that no fix touched is byte-identical (and no line was added or removed).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from mplint.config import Settings
from mplint.engine import Linter
from mplint.fixes.apply import fixable
from mplint.fixes.files import decode
from mplint.fixes.session import fix_bytes

IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2"
# Strings that YAML (or JSON, for the numbers) reads as something else when unquoted.
LOOKALIKES = ["2", "1.10", "10", "0.5", "yes", "off", "true", "No"]
JSON_NUMBERS = {"2", "1.10", "10", "0.5", "true"}
WORDS = ["growth", "churn-v2", "eu"]
INSTANCES = ["ml.m5.large", "ml.c5.xlarge", "ml.g4dn.xlarge"]
STATUSES = ["Approved", "Rejected", "PendingManualApproval"]
CONTENT = ["text/csv", "application/json"]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Settings())


@st.composite
def specs(draw) -> dict[str, Any]:
    metadata = draw(
        st.dictionaries(
            st.sampled_from(["team", "version", "debug", "stage"]),
            st.sampled_from(LOOKALIKES + WORDS),
            min_size=1,
            max_size=3,
        )
    )
    environment = draw(
        st.dictionaries(
            st.sampled_from(["THREADS", "DEBUG", "MODE"]),
            st.sampled_from(LOOKALIKES + WORDS),
            max_size=2,
        )
    )
    container: dict[str, Any] = {"Image": IMAGE}
    if environment:
        container["Environment"] = environment
    return {
        "ModelPackageGroupName": "churn",
        "ModelApprovalStatus": draw(st.sampled_from(STATUSES)),
        "CustomerMetadataProperties": metadata,
        "InferenceSpecification": {
            "Containers": [container],
            "SupportedContentTypes": [draw(st.sampled_from(CONTENT))],
            "SupportedResponseMIMETypes": [draw(st.sampled_from(CONTENT))],
            "SupportedRealtimeInferenceInstanceTypes": draw(
                st.lists(st.sampled_from(INSTANCES), min_size=1, max_size=2, unique=True)
            ),
        },
    }


@st.composite
def mistakes(draw) -> dict[str, Any]:
    return {
        "key_case": draw(
            st.sampled_from(
                [None, "ModelApprovalStatus", "CustomerMetadataProperties", "Containers"]
            )
        ),
        "enum_case": draw(st.booleans()),
        "no_prefix": draw(st.booleans()),
        "unquoted": draw(st.booleans()),
        "single_string": draw(st.booleans()),
    }


def wrong_case(key: str) -> str:
    return key[0].lower() + key[1:]


class YamlStyle:
    def __init__(self, draw) -> None:
        self.indent = draw(st.sampled_from([2, 4]))
        self.quote = draw(st.sampled_from(["plain", "'", '"']))
        self.flow_lists = draw(st.booleans())
        self.comments = draw(st.booleans())
        self.blank_lines = draw(st.booleans())


def _string(text: str, style: YamlStyle, *, unquoted: bool = False) -> str:
    if unquoted:
        return text
    if style.quote == "plain" and text not in LOOKALIKES:
        return text
    q = "'" if style.quote == "plain" else style.quote
    return f"{q}{text}{q}"


def render_yaml(spec: dict, m: dict, style: YamlStyle) -> str:
    pad = " " * style.indent
    lines: list[str] = ["# generated spec"]

    def key(name: str) -> str:
        return wrong_case(name) if m["key_case"] == name else name

    def comment(text: str) -> str:
        return f"{text}  # note" if style.comments else text

    def scalar_list(items: list[str], depth: int, name: str, *, single: bool = False) -> None:
        shown = [_string(i, style) for i in items]
        if single:
            lines.append(comment(f"{pad * depth}{name}: {shown[0]}"))
        elif style.flow_lists:
            lines.append(comment(f"{pad * depth}{name}: [{', '.join(shown)}]"))
        else:
            lines.append(f"{pad * depth}{name}:")
            lines.extend(f"{pad * depth}{pad}- {s}" for s in shown)

    def mapping(values: dict, depth: int) -> None:
        for k, v in values.items():
            unquoted = m["unquoted"] and v in LOOKALIKES
            lines.append(comment(f"{pad * depth}{k}: {_string(v, style, unquoted=unquoted)}"))

    status = spec["ModelApprovalStatus"]
    lines.append(comment(f"ModelPackageGroupName: {_string('churn', style)}"))
    shown_status = status.lower() if m["enum_case"] else status
    lines.append(comment(f"{key('ModelApprovalStatus')}: {_string(shown_status, style)}"))
    if style.blank_lines:
        lines.append("")
    lines.append(f"{key('CustomerMetadataProperties')}:")
    mapping(spec["CustomerMetadataProperties"], 1)
    inference = spec["InferenceSpecification"]
    lines.append("InferenceSpecification:")
    lines.append(f"{pad}{key('Containers')}:")
    container = inference["Containers"][0]
    lines.append(f"{pad}{pad}- Image: {container['Image']}")
    if "Environment" in container:
        lines.append(f"{pad}{pad}  Environment:")
        for k, v in container["Environment"].items():
            unquoted = m["unquoted"] and v in LOOKALIKES
            lines.append(f"{pad}{pad}  {pad}{k}: {_string(v, style, unquoted=unquoted)}")
    scalar_list(
        inference["SupportedContentTypes"], 1, "SupportedContentTypes",
        single=m["single_string"],
    )  # fmt: skip
    scalar_list(inference["SupportedResponseMIMETypes"], 1, "SupportedResponseMIMETypes")
    instances = [
        i.removeprefix("ml.") if m["no_prefix"] else i
        for i in inference["SupportedRealtimeInferenceInstanceTypes"]
    ]
    scalar_list(instances, 1, "SupportedRealtimeInferenceInstanceTypes")
    return "\n".join(lines) + "\n"


def render_json(spec: dict, m: dict, indent: int | None) -> str:
    def value(v: Any, path: tuple) -> Any:
        if isinstance(v, dict):
            return {
                (wrong_case(k) if m["key_case"] == k else k): value(x, path + (k,))
                for k, x in v.items()
            }
        if isinstance(v, list):
            if path[-1] == "SupportedContentTypes" and m["single_string"]:
                return v[0]
            return [value(x, path) for x in v]
        if path[-1] == "ModelApprovalStatus" and m["enum_case"]:
            return v.lower()
        if path[-1] == "SupportedRealtimeInferenceInstanceTypes" and m["no_prefix"]:
            return v.removeprefix("ml.")
        if m["unquoted"] and v in JSON_NUMBERS and path[-2:-1] != ("Containers",):
            return RawNumber(v)
        return v

    text = json.dumps(value(spec, ("",)), indent=indent, default=str)
    # json.dumps quotes RawNumber through default=str: unquote exactly those values.
    return re.sub(r'"\\u0000RAW(.*?)"', r"\1", text)


class RawNumber(str):
    def __new__(cls, text: str) -> RawNumber:
        return super().__new__(cls, "\u0000RAW" + text)


def changed_lines_are_fixed_lines(before: str, after: str, outcome) -> None:
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new)  # safe fixes never add or remove a line
    touched = {
        line
        for fix in outcome.applied
        for line in range(fix.finding.span.line, fix.finding.span.end_line + 1)
    }
    for number, (a, b) in enumerate(zip(old, new, strict=True), start=1):
        if a != b:
            assert number in touched, (number, a, b)


def check_fixed(linter: Linter, raw: bytes, name: str, spec: dict, load, m: dict) -> None:
    result = fix_bytes(raw, name, linter, unsafe=False)
    assert result is not None
    outcome = result.outcome
    expected = {
        "MP101": m["key_case"] is not None,
        "MP104": m["enum_case"] or m["no_prefix"],
        "MP103": m["single_string"],
    }
    applied = {fix.rule for fix in outcome.applied}
    assert {rule for rule, made in expected.items() if made} <= applied
    assert not outcome.rejected, [(r.fix.title, r.reason) for r in outcome.rejected]
    assert not fixable(outcome.findings, linter.catalogue), outcome.findings
    text = decode(result.after)
    assert load(text) == spec
    before = decode(raw)
    changed_lines_are_fixed_lines(before, text, outcome)
    assert result.after.startswith(b"\xef\xbb\xbf") == raw.startswith(b"\xef\xbb\xbf")
    assert (b"\r\n" in result.after) == (b"\r\n" in raw)
    second = fix_bytes(result.after, name, linter, unsafe=False)
    assert second is not None and second.after == result.after and not second.outcome.applied


@given(spec=specs(), m=mistakes(), data=st.data())
def test_yaml_specs_are_fixed_in_place(linter, spec, m, data):
    style = YamlStyle(data.draw)
    text = render_yaml(spec, m, style)
    if data.draw(st.booleans(), label="crlf"):
        text = text.replace("\n", "\r\n")
    raw = text.encode("utf-8")
    if data.draw(st.booleans(), label="bom"):
        raw = b"\xef\xbb\xbf" + raw
    check_fixed(linter, raw, "spec.yaml", spec, yaml.safe_load, m)


@given(spec=specs(), m=mistakes(), indent=st.sampled_from([None, 2, 4]))
def test_json_specs_are_fixed_in_place(linter, spec, m, indent):
    text = render_json(spec, m, indent)
    check_fixed(linter, text.encode("utf-8"), "spec.json", spec, json.loads, m)
