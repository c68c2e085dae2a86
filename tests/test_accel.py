"""The optional accelerator (jsonschema-rs) changes how fast mplint is, never what it says.

Every test runs the same input with the accelerator on and off (jsonschema alone) and asserts
identical reports or schema findings, in order: the test data and examples, the hostile
corpus, a generated benchmark corpus, mutations of its specs and hypothesis's mutated and
arbitrary specs. Skipped when jsonschema-rs is not installed (the `test` extra pins it).
"""

from __future__ import annotations

import datetime
import math
import random
import sys
import types
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, ROOT, run_mplint
from hypothesis import given, settings
from hypothesis import strategies as st

from mplint import discovery
from mplint.config import Settings
from mplint.engine import Linter
from mplint.model import Kind, Unknown
from mplint.model.limits import MAX_SCHEMA_ERRORS
from mplint.schema import accel as schema_accel
from mplint.schema.check import check_schema

jsonschema_rs = pytest.importorskip("jsonschema_rs")

from hostile_corpus import cases  # noqa: E402
from test_perf import _documents, _mutated  # noqa: E402
from test_properties import _VALUES as ARBITRARY  # noqa: E402
from test_properties import _dumps, mutated_specs  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import generate  # noqa: E402


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Settings())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("accel-corpus")
    generate(folder, 320, seed=23)
    return folder


class Tally(Counter):
    """How many documents jsonschema-rs answered and how many went to jsonschema."""


@contextmanager
def _off() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schema_accel, "_validator", None)
        patch.setattr(schema_accel, "load", lambda: False)
        yield


@contextmanager
def _on(tally: Tally) -> Iterator[None]:
    assert schema_accel.load(), "jsonschema-rs is installed but the accelerator did not load"
    errors = schema_accel.errors

    def counted(data: Any, limit: int) -> list | None:
        result = errors(data, limit)
        tally["rs" if result is not None else "jsonschema"] += 1
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schema_accel, "errors", counted)
        yield


def both(run: Callable[[], Any], tally: Tally | None = None) -> tuple[Any, Any]:
    with _on(tally if tally is not None else Tally()):
        on = run()
    with _off():
        off = run()
    return on, off


def _violations(data: Any) -> list:
    document = types.SimpleNamespace(syntax="yaml")
    return list(check_schema(types.SimpleNamespace(data=data, document=document)))


def assert_same_violations(data: Any, tally: Tally | None = None) -> None:
    on, off = both(lambda: _violations(data), tally)
    assert on == off, data


# --- whole files ------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", [EXAMPLES, ROOT / "tests" / "data"], ids=["examples", "data"])
def test_reports_of_example_and_test_files_are_identical(linter, folder):
    candidates = list(discovery.discover([str(folder)]))
    assert candidates
    tally = Tally()
    for candidate in candidates:
        on, off = both(lambda c=candidate: linter.check_file(c), tally)
        assert on == off, candidate.display
    # CloudFormation, pipeline and Python specs hold Unknowns: jsonschema-rs answers them too.
    assert tally["rs"] >= 1 and tally["jsonschema"] == 0, tally


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.name)
def test_reports_of_the_hostile_corpus_are_identical(linter, case):
    on, off = both(lambda: linter.check_bytes(case.content, case.filename, explicit=True))
    assert on == off


def test_reports_of_a_benchmark_corpus_are_identical(linter, corpus):
    tally = Tally()
    for candidate in discovery.discover([str(corpus)]):
        on, off = both(lambda c=candidate: linter.check_file(c), tally)
        assert on == off, candidate.display
    # About one spec in eight has a defect; jsonschema-rs answered for every one of them.
    assert tally["rs"] >= 25 and tally["jsonschema"] == 0, tally


def test_the_cli_reports_the_same_with_the_accelerator_off(corpus):
    args = ("check", str(corpus), str(EXAMPLES), "--no-cache", "-f", "json", "-j1")
    on = run_mplint(*args)
    off = run_mplint(*args, env={"MPLINT_ACCELERATOR": "0"})
    assert on.code == off.code == 1 and on.err == off.err == ""
    assert on.out == off.out and on.findings()


# --- mutated and arbitrary specs --------------------------------------------------------------


def test_schema_findings_of_mutated_specs_are_identical(corpus):
    documents = _documents(corpus) + _documents(EXAMPLES)
    rng = random.Random(29)
    tally = Tally()
    mutated = [_mutated(d, rng) for d in documents for _ in range(4)]
    for data in documents + mutated + [_unknown_inside(d, rng) for d in mutated[::3]]:
        assert_same_violations(data, tally)
    assert tally["rs"] > 500 and tally["jsonschema"] == 0, tally


def _unknown_inside(data: Any, rng: random.Random) -> Any:
    """`data` with a value somewhere (a mapping, a list, a string) replaced by an Unknown."""
    places = list(_places(data))
    parent, key = rng.choice(places)
    parent[key] = Unknown("${Parameter}")
    return data


def _places(value: Any) -> Iterator[tuple[Any, Any]]:
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in items:
        yield value, key
        if isinstance(child, (dict, list)):
            yield from _places(child)


@settings(deadline=None)
@given(mutated_specs(), st.sampled_from(["json", "block", "flow"]))
def test_reports_of_hypothesis_mutated_specs_are_identical(linter, spec, style):
    text = _dumps(spec, style)
    name = "spec.json" if style == "json" else "spec.yaml"
    on, off = both(lambda: linter.check_text(text, name, explicit=True))
    assert on == off, text


@settings(deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            ["ModelPackageGroupName", "InferenceSpecification", "Tags", "ModelMetrics", "Extra"]
        ),
        ARBITRARY,
    )
)
def test_schema_findings_of_arbitrary_values_are_identical(data):  # fmt: skip
    assert_same_violations(data)


# --- what the adapter hands back to jsonschema ------------------------------------------------


class _Text(str):
    """A str subclass: a string for jsonschema, unreadable for jsonschema-rs."""


_SPEC = {
    "ModelPackageGroupName": "churn",
    "InferenceSpecification": {
        "Containers": [{"Image": "img", "Environment": {"GOOD": "1"}}],
        "SupportedContentTypes": ["text/csv"],
        "SupportedResponseMIMETypes": ["text/csv"],
    },
}


def _with(**changes: Any) -> dict:
    data = {**_SPEC, "InferenceSpecification": {**_SPEC["InferenceSpecification"]}}
    container = dict(_SPEC["InferenceSpecification"]["Containers"][0])
    container.update(changes)
    data["InferenceSpecification"]["Containers"] = [container]
    return data


@pytest.mark.parametrize(
    "data",
    [
        # Map values and keys in several errors each: jsonschema's set order, key order.
        _with(Environment={f"K{i}": i for i in range(12)} | {"bad key": 1, "x" * 2000: "v"}),
        _with(Environment={"a b": "1", "c d": "2", "e" * 1025: "3"}),
        _with(Image=5, Bogus=1, ModelDataUrl="ftp://x", Framework="NOPE"),
        {"Tags": [{"Key": "", "Value": 1}, {}, {"Value": "v"}], "ModelApprovalStatus": 1},
        {"ModelPackageName": "x" * 70, "ValidationSpecification": {}},
        {"ModelPackageGroupName": "a--b-", "SamplePayloadUrl": "s3://b/k\n"},
    ],
)
def test_findings_of_several_errors_come_in_jsonschema_order(data):
    tally = Tally()
    assert_same_violations(data, tally)
    assert tally == {"rs": 1}


@pytest.mark.parametrize(
    ("value", "answered_by"),
    [
        (Unknown("${Image}"), "rs"),  # given to jsonschema-rs as null
        (datetime.date(2024, 1, 2), "rs"),
        (_Text("text"), "jsonschema"),  # jsonschema-rs cannot read it; jsonschema: a string
        ("text", "rs"),
        (math.nan, "rs"),  # not a string, for both
        (math.inf, "rs"),
    ],
)
def test_values_of_no_json_type_give_the_same_findings(value, answered_by):
    tally = Tally()
    data = _with(Image=value, Bogus=1) | {"ModelApprovalStatus": "approved"}
    assert_same_violations(data, tally)
    assert tally == {answered_by: 1}
    for where in ({"CustomerMetadataProperties": {"k": value}}, {"Tags": [value, {"Key": value}]},
                  {"ModelMetrics": value}, {"InferenceSpecification": value}):  # fmt: skip
        assert_same_violations({**_SPEC, **where})


def test_a_spec_jsonschema_rs_cannot_read_goes_to_jsonschema():
    tally = Tally()
    assert_same_violations({**_SPEC, "CustomerMetadataProperties": {1: "a"}, "X": 1}, tally)
    assert tally == {"jsonschema": 1}


def test_values_of_no_json_type_stand_in_as_null_only_where_null_is_never_valid():
    assert schema_accel._null_never_valid()  # the generated schema has no null, const or None
    unknown = Unknown("x")
    assert schema_accel._as_json({"a": [unknown, 1], "b": "s"}) == {"a": [None, 1], "b": "s"}
    assert schema_accel._as_json({"a": [1]}) is None  # nothing to stand in for
    assert schema_accel._as_json({"a": _Text("s"), "b": unknown}) is None


def _transform(**job: Any) -> dict:
    definition = {
        "TransformOutput": {"S3OutputPath": "s3://b/out"},
        "TransformResources": {"InstanceType": "ml.m5.large", "InstanceCount": 1},
        "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix",
                                                           "S3Uri": "s3://b/in"}}},
    } | job  # fmt: skip
    profile = {"ProfileName": "p", "TransformJobDefinition": definition}
    spec = {"ValidationRole": "arn:aws:iam::123456789012:role/r", "ValidationProfiles": [profile]}
    return {**_SPEC, "ValidationSpecification": spec}


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf, -1, -1.5, 2.0, 2**70, True])
def test_numbers_give_the_same_findings(number):
    assert_same_violations(_transform(MaxConcurrentTransforms=number, MaxPayloadInMB=number))


def test_an_error_python_does_not_confirm_is_left_to_jsonschema():
    # jsonschema-rs calls NaN and infinity not numbers; jsonschema (Python) says they are.
    assert not schema_accel._fails("type", {"type": "number"}, math.nan, None)
    assert not schema_accel._fails("type", {"type": "number"}, math.inf, None)
    assert schema_accel._fails("type", {"type": "integer"}, math.nan, None)
    fails = schema_accel._fails
    cases = [
        ("pattern", {"pattern": "^a"}, "abc", "bc"),
        ("maxLength", {"maxLength": 2}, "ab", "abc"),
        ("minLength", {"minLength": 1}, "a", ""),
        ("minimum", {"minimum": 0}, 0, -1),
        ("maximum", {"maximum": 0}, 0, 0.5),
        ("enum", {"enum": ["A"]}, "A", "a"),
        ("maxItems", {"maxItems": 1}, [1], [1, 2]),
        ("minItems", {"minItems": 1}, [1], []),
        ("maxProperties", {"maxProperties": 1}, {"a": 1}, {"a": 1, "b": 2}),
        ("minProperties", {"minProperties": 1}, {"a": 1}, {}),
        ("additionalProperties", {"properties": {"a": {}}, "additionalProperties": False},
         {"a": 1}, {"b": 1}),
    ]  # fmt: skip
    for keyword, sub, good, bad in cases:
        assert not fails(keyword, sub, good, None) and fails(keyword, sub, bad, None), keyword
    required = types.SimpleNamespace(property="a")
    assert fails("required", {"required": ["a"]}, {}, required)
    assert not fails("required", {"required": ["a"]}, {"a": 1}, required)


def test_more_errors_than_the_cap_go_to_jsonschema():
    many = {**_SPEC, "Tags": [{"Key": i} for i in range(MAX_SCHEMA_ERRORS + 5)]}
    tally = Tally()
    assert_same_violations(many, tally)
    assert tally == {"jsonschema": 1}
    assert _violations(many)[0][0] is Kind.TOO_COMPLEX


def test_a_valid_spec_neither_loads_jsonschema_rs_nor_jsonschema(write):
    spec = write("spec.yaml", "ModelPackageGroupName: churn\n")
    code = (
        "import sys; from mplint.engine import Linter; from mplint.config import Settings;"
        f"r = Linter(Settings()).check_path({str(spec)!r}, 'spec.yaml', explicit=True);"
        "print(r.findings, 'jsonschema_rs' in sys.modules, 'jsonschema' in sys.modules)"
    )
    import subprocess

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.split() == ["[]", "False", "False"], out.stderr


def test_a_spec_with_a_defect_loads_jsonschema_rs_and_not_jsonschema(write):
    spec = write("spec.yaml", "ModelPackageGroupName: churn\nModelApprovalStatus: approved\n")
    code = (
        "import sys; from mplint.engine import Linter; from mplint.config import Settings;"
        f"r = Linter(Settings()).check_path({str(spec)!r}, 'spec.yaml', explicit=True);"
        "print([f.rule for f in r.findings], 'jsonschema_rs' in sys.modules,"
        " 'jsonschema' in sys.modules)"
    )
    import subprocess

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.split() == ["['MP104']", "True", "False"], out.stderr


def test_version_says_whether_the_accelerator_is_active():
    on = run_mplint("--version")
    off = run_mplint("--version", env={"MPLINT_ACCELERATOR": "0"})
    version = jsonschema_rs_version()
    assert on.code == off.code == 0
    assert f"schema accelerator: jsonschema-rs {version}" in on.out
    assert "schema accelerator: off (MPLINT_ACCELERATOR=0)" in off.out


def jsonschema_rs_version() -> str:
    from importlib.metadata import version

    return version("jsonschema-rs")


def test_the_test_extra_pins_the_installed_jsonschema_rs():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"jsonschema-rs=={jsonschema_rs_version()}"' in text
    assert '"jsonschema-rs>=' in text  # the fast extra
