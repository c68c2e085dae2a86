"""Properties that hold for every input: no exception, no internal error, well-formed
findings whose positions lie inside the file, and reports that every format renders for a
strict consumer (UTF-8 without lone surrogates, strict JSON, well-formed XML, schema-valid
SARIF). The hostile families of issue #12 are generated, not listed: YAML core tags and
tagged scalars (which must hide no finding), lone surrogates in keys and values, file names
that are not UTF-8, and trees of file and folder links (walks and include globs must end and
never read outside the tree).

Checked in-process (Linter.check_bytes / check_text) so that hundreds of examples stay fast.
CI runs the bounded `ci` profile (tests/conftest.py); MPLINT_HYPOTHESIS_PROFILE=long runs
thousands of examples per property.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, VALID_VERSIONED
from hypothesis import example, given
from hypothesis import strategies as st

from mplint.config import Settings
from mplint.engine import Linter
from mplint.model import FileReport, Finding, Level
from mplint.parsing.decoding import decode

_BREAK = re.compile(r"\r\n?|\n")


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Settings())


def lines_of(text: str) -> list[str]:
    """The file's lines as mplint counts them (\\n, \\r\\n and \\r end a line)."""
    return _BREAK.split(text)


def assert_well_formed(report: FileReport, text: str, linter: Linter) -> None:
    lines = lines_of(text)
    rules = linter.catalogue.rules
    assert report.status in ("checked", "skipped", "error")
    for finding in report.findings:
        assert isinstance(finding, Finding)
        assert finding.rule in rules and finding.rule != "MP000", finding
        assert isinstance(finding.level, Level)
        assert isinstance(finding.message, str) and finding.message.strip()
        span = finding.span
        assert 1 <= span.line <= len(lines), (finding, len(lines))
        assert 1 <= span.col <= len(lines[span.line - 1]) + 1, finding
        assert 1 <= span.end_line <= len(lines), finding
        assert 1 <= span.end_col <= len(lines[span.end_line - 1]) + 1, finding
        assert (span.line, span.col) <= (span.end_line, span.end_col), finding
        assert all(isinstance(part, (str, int)) for part in finding.path), finding


_CODECS = {"UTF-8": "utf-8-sig", "UTF-16": "utf-16", "UTF-32": "utf-32"}  # drop the mark


def as_text(raw: bytes) -> str:
    """The text positions refer to: the decoded file, or for a file that is not text, its
    bytes decoded as mplint tried to (bad bytes replaced)."""
    decoded = decode(raw)
    if not decoded.error:
        return decoded.text
    return raw.decode(_CODECS.get(decoded.encoding, "utf-8"), "replace")


def check_text(linter: Linter, text: str, name: str) -> FileReport:
    report = linter.check_text(text, name, explicit=True)
    assert_well_formed(report, text, linter)
    return report


def assert_every_format_renders(report: FileReport, linter: Linter) -> None:
    """Every reporter renders the findings for a strict consumer (tests/strict_formats.py):
    SARIF is schema-valid (and fit for GitHub), JSON has no lone surrogate, JUnit is XML."""
    from strict_formats import assert_strict

    from mplint.reporters import FORMATS, RunContext, get

    context = RunContext(catalogue=linter.catalogue, levels=linter.levels)
    for fmt in FORMATS:
        output = get(fmt)([report], context)
        assert isinstance(output, str)
        assert_strict(fmt, output)


# --- arbitrary input ------------------------------------------------------------------


@given(st.binary(max_size=2000))
def test_arbitrary_bytes(linter: Linter, raw: bytes) -> None:
    for name in ("spec.yaml", "spec.json"):
        report = linter.check_bytes(raw, name, explicit=True)
        assert_well_formed(report, as_text(raw), linter)


# Text biased towards YAML/JSON punctuation, line breaks of every kind and odd characters.
_ALPHABET = st.sampled_from(
    list("ab:-?[]{},#&*!|>'\"%@` \t\n\r") + ["\r\n", "\ufeff", "\x85", "\u2028", "\x00", "é"]
)
_TEXT = st.one_of(st.text(max_size=300), st.lists(_ALPHABET, max_size=200).map("".join))


@given(_TEXT)
@example("-")  # libyaml ends the stream on a line that does not exist
@example("\ufeff\r\na\x85")  # a BOM libyaml does not count, and a NEL
def test_arbitrary_text(linter: Linter, text: str) -> None:
    for name in ("spec.yaml", "spec.json"):
        assert_every_format_renders(check_text(linter, text, name), linter)


@given(st.binary(max_size=300), st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
                                                 b"\xff\xfe\x00\x00", b""]))  # fmt: skip
@example(b"\n\x80", b"\xef\xbb\xbf")  # a bad byte after a mark: positions after the mark
@example(b"\x00\r\x00\x00\x00\x00\x00\x00\x00", b"\xff\xfe")  # truncated UTF-16
def test_bytes_after_a_byte_order_mark(linter: Linter, raw: bytes, bom: bytes) -> None:
    report = linter.check_bytes(bom + raw, "spec.yaml", explicit=True)
    assert_well_formed(report, as_text(bom + raw), linter)


# --- arbitrary values, written as YAML and JSON -----------------------------------------

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),  # JSON has neither
    st.text(max_size=30),
)
_KEYS = st.one_of(
    st.sampled_from(["ModelPackageGroupName", "ModelPackageName", "InferenceSpecification",
                     "Containers", "Image", "Tags", "Key", "Value", "ModelApprovalStatus",
                     "SupportedContentTypes", "CustomerMetadataProperties"]),
    st.text(max_size=20),
)  # fmt: skip
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(_KEYS, inner, max_size=5)),
    max_leaves=40,
)


def _dumps(value: Any, style: str) -> str:
    if style == "json":
        return json.dumps(value, indent=2)
    return yaml.safe_dump(value, default_flow_style=(style == "flow"), allow_unicode=True)


@given(_VALUES, st.sampled_from(["json", "block", "flow"]))
@example({"services": 1e308}, "json")
def test_arbitrary_values(linter: Linter, value: Any, style: str) -> None:
    text = _dumps(value, style)
    name = "spec.json" if style == "json" else "spec.yaml"
    report = check_text(linter, text, name)
    # Whatever a standard dumper writes parses: never a syntax finding.
    assert not {"MP001", "MP002"} & {f.rule for f in report.findings}, text


# --- mutations of valid specs -----------------------------------------------------------


def _valid_specs() -> list[dict]:
    specs = [yaml.safe_load(VALID_VERSIONED)]
    for path in sorted(EXAMPLES.rglob("*")):
        if path.suffix in (".yaml", ".yml", ".json"):
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except yaml.YAMLError:
                continue
            if isinstance(data, dict):
                specs.append(data)
    return specs


VALID_SPECS = _valid_specs()


def _containers(value: Any, trail: tuple = ()) -> list[tuple]:
    """Paths of every mapping and list inside `value`."""
    found = [trail] if isinstance(value, (dict, list)) and value else []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []  # fmt: skip
    for key, child in items:
        found += _containers(child, trail + (key,))
    return found


def _at(value: Any, trail: tuple) -> Any:
    for part in trail:
        value = value[part]
    return value


@st.composite
def mutated_specs(draw: st.DrawFn) -> Any:
    spec = json.loads(json.dumps(draw(st.sampled_from(VALID_SPECS)), default=str))
    for _ in range(draw(st.integers(1, 4))):
        places = _containers(spec)
        if not places:
            break
        container = _at(spec, draw(st.sampled_from(places)))
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        key = draw(st.sampled_from(keys))
        action = draw(st.sampled_from(["drop", "rename", "retype", "swap"]))
        if action == "drop":
            del container[key]
        elif action == "rename" and isinstance(container, dict):
            container[draw(_KEYS)] = container.pop(key)
        elif action == "retype":
            container[key] = draw(_VALUES)
        else:
            other = draw(st.sampled_from(keys))
            container[key], container[other] = container[other], container[key]
    return spec


@given(mutated_specs(), st.sampled_from(["json", "block", "flow"]))
def test_mutated_specs(linter: Linter, spec: Any, style: str) -> None:
    text = _dumps(spec, style)
    report = check_text(linter, text, "spec.json" if style == "json" else "spec.yaml")
    assert not {"MP001", "MP002"} & {f.rule for f in report.findings}, text
    assert_every_format_renders(report, linter)


# --- YAML core tags and tagged scalars: nothing hidden, nothing crashes (#12 items 1, 2) ------

_CORE_TAGS = st.sampled_from(
    ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!binary", "!!set",
     "!!omap", "!!pairs", "!!seq", "!!map", "!!merge", "!!value", "!!yaml", "!!foo",
     "!<tag:yaml.org,2002:str>", ""]
)  # fmt: skip
_TAGGED_VALUES = st.one_of(
    st.sampled_from(["abc", "''", "'-'", "maybe", "yes", "0x1F", "0o7", "1_000", "1:30", ".inf",
                     "2001-02-30", "2001-02-03", "2001-02-03 04:05:06", "aGVsbG8=", "~", "null",
                     "[a, b]", "{a: 1}", "{a: null}", "[{a: 1}, {b: 2}]", "[]", "{}", "'x'"]),
    st.text(max_size=12).map(json.dumps),  # a double-quoted YAML scalar
)  # fmt: skip
_WHERE = st.sampled_from(["document", "value", "subtree", "list-item", "key"])


def _tagged_spec(tag: str, value: str, where: str) -> str:
    status = "ModelApprovalStatus: bogus\n"  # the MP104 that no tag may hide
    if where == "document":
        return f"--- {tag}\nModelPackageGroupName: churn\n{status}"
    if where == "subtree":
        return f"ModelPackageGroupName: churn\n{status}InferenceSpecification: {tag}\n  Containers: {value}\n"
    if where == "list-item":
        return f"ModelPackageGroupName: churn\n{status}Tags:\n  - {tag} {value}\n"
    if where == "key":
        return f"ModelPackageGroupName: churn\n{status}{tag} {value}: 1\n"
    return f"ModelPackageGroupName: churn\n{status}ModelPackageDescription: {tag} {value}\n"


@given(_CORE_TAGS, _TAGGED_VALUES, _WHERE)
@example("!!str", "abc", "document")
@example("!!int", "abc", "value")
@example("!!timestamp", "2001-02-30", "value")
def test_core_tags_hide_no_finding(linter: Linter, tag: str, value: str, where: str) -> None:
    text = _tagged_spec(tag, value, where)
    report = linter.check_text(text, "spec.yaml", explicit=True)
    if {"MP001"} & {f.rule for f in report.findings}:
        return  # not YAML at all (a flow value after a key): nothing to hide
    assert_well_formed(report, text, linter)
    line = text.splitlines().index("ModelApprovalStatus: bogus") + 1
    assert ("MP104", line) in {(f.rule, f.span.line) for f in report.findings}, (text, report)
    assert_every_format_renders(report, linter)


# --- lone surrogates and file names that are not UTF-8 (#12 items 5, 6) --------------------------

_SURROGATE_TEXT = st.text(
    alphabet=st.one_of(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
                       st.sampled_from(list("ab\\\"\n\x1b\x00é"))),
    max_size=8,
)  # fmt: skip
_SURROGATE_VALUES = st.recursive(
    st.one_of(_SURROGATE_TEXT, st.integers(), st.none()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(_KEYS, _SURROGATE_TEXT), inner, max_size=3),
    ),
    max_leaves=12,
)
_NAMES = st.binary(min_size=1, max_size=6).map(
    lambda raw: raw.replace(b"/", b"_").replace(b"\0", b"_").decode("utf-8", "surrogateescape")
)


@given(_SURROGATE_VALUES, _NAMES)
@example({"ModelApprovalStatus": "\ud800", "\udc80x": 1}, "caf\udce9")
def test_lone_surrogates_and_odd_names_render_strictly(
    linter: Linter, value: Any, name: str
) -> None:
    spec = {"ModelPackageGroupName": "churn", "Extra": value}
    text = json.dumps(spec)  # "\ud800" escapes: the file itself is valid UTF-8
    report = check_text(linter, text, name + ".json")
    assert_every_format_renders(report, linter)
    from mplint.filters import baseline
    from mplint.textsafety import safe_report

    for entry in baseline.entries([safe_report(report)]):
        json.dumps(entry.__repr__()).encode("utf-8")
        (entry.file + entry.path + entry.message).encode("utf-8")


# --- trees of links: walks and include globs end and stay inside (#12 items 10, 13) ------------

_LINK_TARGETS = st.sampled_from([".", "..", "sub", "sub/deep", "../outside", "../outside/o.yaml",
                                 "a.yaml", "sub/b.yaml", "missing", "self"])  # fmt: skip
_LINK_PLACES = st.sampled_from(["l1", "l2.yaml", "sub/l3", "sub/l4.yaml", "sub/deep/l5",
                                "sub/deep/l6.yaml"])  # fmt: skip


@given(st.dictionaries(_LINK_PLACES, _LINK_TARGETS, max_size=5))
@example({"l1": ".", "sub/l3": ".", "l2.yaml": "../outside/o.yaml"})
def test_link_layouts_end_and_stay_inside(links: dict[str, str]) -> None:
    import os
    import tempfile

    from mplint import discovery

    with tempfile.TemporaryDirectory() as top:
        root = os.path.join(top, "tree")
        os.makedirs(os.path.join(root, "sub", "deep"))
        os.makedirs(os.path.join(top, "outside"))
        for name in ("a.yaml", "sub/b.yaml", "sub/deep/c.yaml", "../outside/o.yaml"):
            with open(os.path.join(root, name), "w") as handle:
                handle.write("ModelPackageGroupName: churn\n")
        for place, target in links.items():
            link = os.path.join(root, place)
            depth = place.count("/")
            relative = target if target != "self" else os.path.basename(place)
            if target not in ("self", "missing") and depth:
                relative = "/".join([".."] * depth + [target])
            os.symlink(relative, link)
        real_root = os.path.realpath(root)
        candidates = list(discovery.discover([root]))
        displays = [c.display for c in candidates]
        assert displays == sorted(displays) and len(set(displays)) == len(displays)
        for candidate in candidates:
            if candidate.skipped or candidate.error:
                continue
            real = os.path.realpath(candidate.path)
            assert discovery.within(real, real_root) or not os.path.exists(real), candidate
        matches, _ = discovery.expand_glob(os.path.join(root, "**", "*.yaml"))
        assert len(matches) == len(set(matches)) <= 50  # ended, no path twice
        for match in matches:
            parents = os.path.relpath(os.path.dirname(match), root)
            for i in range(len(parents.split(os.sep))):
                folder = os.path.join(root, *parents.split(os.sep)[: i + 1])
                assert parents == "." or not os.path.islink(folder), (
                    match
                )  # no folder link followed
