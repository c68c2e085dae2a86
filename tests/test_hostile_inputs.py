"""Hostile input, round 2 (issue #12): what the files and options hold cannot hide a finding,
crash a check or exhaust the machine. Each test names the item of the issue it reproduces.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_mplint

from mplint.config import Settings
from mplint.engine import Linter
from mplint.model.limits import parse_size

BOGUS = "ModelPackageGroupName: churn\nModelApprovalStatus: bogus\n"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Settings(python=True))


def _rules(linter: Linter, text: str, name: str) -> list[tuple[str, int]]:
    report = linter.check_text(text, name, explicit=True)
    return [(f.rule, f.span.line) for f in report.findings if f.suppressed is None]


# --- item 3: only real Python comments suppress ----------------------------------------------

CALL = """\
import boto3

boto3.client("sagemaker").create_model_package(
    ModelPackageGroupName="churn", ModelApprovalStatus="bogus"{comment}
)
"""


@pytest.mark.parametrize(
    "before",
    [
        '"""Registers the model.\n\n# mplint: disable-file\n"""\n',
        "NOTE = '# mplint: disable-file'\n",
        'NOTE = f"""\n  # mplint: disable-file\n"""\n',
    ],
    ids=["docstring", "string", "f-string"],
)
def test_item3_a_directive_inside_a_python_string_suppresses_nothing(linter, before) -> None:
    text = before + CALL.format(comment="")
    assert [rule for rule, _ in _rules(linter, text, "register.py")] == ["MP104"]


def test_item3_a_real_python_comment_still_suppresses(linter) -> None:
    text = "# mplint: disable-file=MP104\n" + CALL.format(comment="")
    assert _rules(linter, text, "register.py") == []
    text = CALL.format(comment="  # noqa: E501  # mplint: disable=MP104")
    assert _rules(linter, text, "register.py") == []


# --- item 19: one suppression comment is reported once -----------------------------------------


def test_item19_a_comment_naming_many_unknown_rules_is_one_finding(linter) -> None:
    codes = ",".join(["MP1"] * 50_000 + ["NOPE", "MP1"])
    text = f"# mplint: disable={codes}\n" + BOGUS
    report = linter.check_text(text, "spec.yaml", explicit=True)
    unused = [f for f in report.findings if f.rule == "MP009"]
    assert len(unused) == 1
    assert unused[0].message == "unknown rules 'MP1', 'NOPE' in a suppression comment"


# --- item 15: sizes are validated and never allocated --------------------------------------------


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("99999999999999999999999G", "larger than the maximum of 1024G"),
        ("1025G", "larger than the maximum of 1024G"),
        ("9" * 5000, "larger than the maximum of 1024G"),
        ("\u0661\u0662K", "expected a positive size"),
        ("0G", "expected a positive size"),
        (2**41, "larger than the maximum"),
    ],
)
def test_item15_a_size_out_of_range_is_refused(text, error) -> None:
    with pytest.raises(ValueError, match=error):
        parse_size(text)


def test_item15_a_huge_limit_is_not_allocated(tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(BOGUS)
    result = run_mplint("check", "spec.yaml", "--no-cache", "--max-file-size", "100G",
                        cwd=tmp_path)  # fmt: skip
    assert result.code == 1 and "MP104" in result.out and "MP000" not in result.out
    piped = run_mplint("check", "-", "--max-file-size", "1000G", cwd=tmp_path, stdin=BOGUS)
    assert piped.code == 1 and "MP104" in piped.out


@pytest.mark.parametrize("where", ["cli", "config"])
def test_item15_an_overflowing_size_is_a_usage_error(tmp_path: Path, where) -> None:
    (tmp_path / "spec.yaml").write_text(BOGUS)
    args = ["check", "spec.yaml", "--no-cache"]
    if where == "cli":
        args += ["--max-file-size", "99999999999999999999999G"]
    else:
        (tmp_path / ".mplint.yaml").write_text("max-file-size: 99999999999999999999999G\n")
    result = run_mplint(*args, cwd=tmp_path)
    assert result.code == 2 and result.err.count("\n") == 1
    assert "larger than the maximum of 1024G" in result.err and "Overflow" not in result.err


def test_item15_reading_at_most_a_limit_reads_in_blocks() -> None:
    import io

    from mplint.reading import read_at_most

    data = bytes(range(256)) * 10_000
    for limit in (0, 1, 255, len(data) - 1, len(data), len(data) + 5, 1 << 40):
        assert read_at_most(io.BytesIO(data), limit) == data[: limit + 1]


# --- item 18: a pyproject.toml that is not UTF-8 is an error, not a dropped table -----------------


def test_item18_a_non_utf8_pyproject_is_an_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(
        b'[project]\nname = "caf\xe9"\n\n[tool.mplint]\nignore = ["MP104"]\n'
    )
    (tmp_path / "spec.yaml").write_text(BOGUS)
    result = run_mplint("check", "spec.yaml", "--no-cache", cwd=tmp_path)
    assert result.code == 2 and result.out == ""
    assert result.err == (
        "mplint: error: pyproject.toml:2:12: invalid TOML: byte 0xe9 is not UTF-8"
        " (TOML files are UTF-8)\n"
    )
    named = run_mplint("check", "spec.yaml", "--config", "pyproject.toml", cwd=tmp_path)
    assert named.code == 2 and named.err == result.err


def test_item18_a_non_utf8_pyproject_without_mplint_is_not_ours(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(b'[project]\nname = "caf\xe9"\n')
    (tmp_path / "spec.yaml").write_text(BOGUS)
    result = run_mplint("check", "spec.yaml", "--no-cache", cwd=tmp_path)
    assert result.code == 1 and "MP104" in result.out


# --- item 19: select: [] says so ----------------------------------------------------------------


def test_item19_an_empty_select_in_the_configuration_is_an_error(tmp_path: Path) -> None:
    (tmp_path / ".mplint.yaml").write_text("select: []\n")
    (tmp_path / "spec.yaml").write_text(BOGUS)
    result = run_mplint("check", "spec.yaml", "--no-cache", cwd=tmp_path)
    assert result.code == 2
    assert result.err == (
        "mplint: error: .mplint.yaml:1:9: an empty select selects no rule; name rules,"
        " prefixes or ALL\n"
    )


# --- item 19: an AWS::Include snippet (Fn::Transform) is decided at deploy time ----------------

INCLUDE = """\
Resources:
  Pkg:
    Type: AWS::SageMaker::ModelPackage
    Properties:
      ModelPackageGroupName: churn
      ModelApprovalStatus: {status}
      InferenceSpecification:
        Fn::Transform:
          Name: AWS::Include
          Parameters: {{Location: s3://bucket/inference.yaml}}
"""


def test_item19_fn_transform_is_not_an_unknown_key(linter) -> None:
    assert _rules(linter, INCLUDE.format(status="Approved"), "template.yaml") == []
    # the rest of the resource is still checked
    assert _rules(linter, INCLUDE.format(status="bogus"), "template.yaml") == [("MP104", 6)]


# --- item 12: Python sources have the limits of YAML and JSON, and linear positions ----------


def _call(arguments: str) -> str:
    return f'import boto3\n\nboto3.client("sagemaker").create_model_package({arguments})\n'


def test_item12_a_huge_list_on_one_line_is_mp008_quickly(linter) -> None:
    items = ",".join(["1"] * 60_000)
    text = _call(f'ModelPackageGroupName="churn", Tags=[{items}]')
    report = linter.check_text(text, "register.py", explicit=True)
    assert [(f.rule, f.message) for f in report.findings] == [
        ("MP008", "the call has more than 50000 values")
    ]


@pytest.mark.parametrize("literal", ["0x" + "f" * 20_000, "-" + "9" * 101, "1" + "0" * 200])
def test_item12_a_huge_integer_literal_is_mp008_not_an_internal_error(linter, literal) -> None:
    text = _call(f'ModelPackageGroupName="churn", ModelApprovalStatus={literal}')
    report = linter.check_text(text, "register.py", explicit=True)
    assert [f.rule for f in report.findings] == ["MP008"]
    assert report.findings[0].path == ("ModelApprovalStatus",)


def test_item12_columns_count_characters_on_non_ascii_lines(linter) -> None:
    text = _call(
        'ModelPackageDescription="é€😀", ModelPackageGroupName="x", ModelApprovalStatus="no"'
    )
    [finding] = [f for f in linter.check_text(text, "r.py", explicit=True).findings]
    line = text.splitlines()[2]
    assert finding.rule == "MP104" and finding.span.line == 3
    assert line[finding.span.col - 1 : finding.span.end_col - 1] == '"no"'


# --- item 11: pipeline parameter defaults cannot amplify like an alias bomb --------------------


def _pipeline(default: object, references: int) -> str:
    import json

    properties = {f"k{i}": {"Get": "Parameters.P"} for i in range(references)}
    return json.dumps({
        "Version": "2020-12-01",
        "Parameters": [{"Name": "P", "Type": "String", "DefaultValue": default}],
        "Steps": [{"Name": "Register", "Type": "RegisterModel", "Arguments": {
            "ModelPackageGroupName": "churn", "CustomerMetadataProperties": properties}}],
    })  # fmt: skip


def test_item11_substituted_defaults_are_bounded(linter) -> None:
    import tracemalloc

    text = _pipeline(["x"] * 20_000, 8_000)
    tracemalloc.start()
    report = linter.check_text(text, "pipeline.json", explicit=True)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 200 * 2**20  # about 1.4 GB before
    cut = [f for f in report.findings if f.rule == "MP008" and "parameter defaults" in f.message]
    assert len(cut) == 1 and cut[0].message.endswith("[step Register]")


def test_item11_a_few_substitutions_are_still_checked(linter) -> None:
    report = linter.check_text(_pipeline("x" * 300, 3), "pipeline.json", explicit=True)
    assert [f.rule for f in report.findings].count("MP105") == 3  # each default, too long
    assert not [f for f in report.findings if f.rule == "MP008"]


# --- items 1 and 2: a YAML core tag never hides findings, a tagged scalar never crashes -------

SPEC_WITH_DEFECTS = "ModelPackageGroupName: churn\nModelApprovalStatus: bogus\nUnknownKey: 1\n"


@pytest.mark.parametrize("tag", ["!!str", "!!set", "!!omap", "!!binary", "!!seq", "!!int", "!!foo"])
def test_item1_a_document_tag_hides_nothing(linter, tag) -> None:
    report = linter.check_text(f"--- {tag}\n" + SPEC_WITH_DEFECTS, "spec.yaml", explicit=True)
    rules = sorted((f.rule, f.span.line) for f in report.findings)
    assert rules == [("MP006", 1), ("MP101", 4), ("MP104", 3)]


def test_item1_a_subtree_tag_hides_nothing(linter) -> None:
    text = "ModelPackageGroupName: churn\nInferenceSpecification: !!str\n  Containers: 1\n"
    rules = _rules(linter, text, "spec.yaml")
    assert ("MP006", 2) in rules and ("MP103", 3) in rules


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!bool maybe", "YAML tag '!!bool': 'maybe' is not a valid bool"),
        ("!!int ''", "YAML tag '!!int': '' is not a valid int"),
        ("!!int '-'", "YAML tag '!!int': '-' is not a valid int"),
        ("!!timestamp nope", "YAML tag '!!timestamp': 'nope' is not a valid timestamp"),
        ("!!int 'abc'", "YAML tag '!!int': 'abc' is not a valid int"),
        ("!!float 'abc'", "YAML tag '!!float': 'abc' is not a valid float"),
        ("2001-02-30", "'2001-02-30' reads as a date (YAML timestamp) that does not exist"),
        ("!!set [a, b]", "YAML tag '!!set' needs a mapping, not a sequence"),
        ("!!omap {a: 1}", "YAML tag '!!omap' needs a sequence, not a mapping"),
        ("!!str {a: 1}", "YAML tag '!!str' needs a scalar, not a mapping"),
        ("!!set {a: null}", "YAML tag '!!set' makes a set of the keys"),
        ("!!omap [{a: 1}]", "YAML tag '!!omap' makes a list of (key, value) pairs"),
        ("!!binary aGVsbG8=", "YAML tag '!!binary' makes bytes"),
        ("!!map x", "YAML tag '!!map' needs a mapping, not a scalar"),
    ],
)
def test_item2_a_tagged_scalar_is_mp006_never_a_crash(linter, value, message) -> None:
    text = f"ModelPackageGroupName: churn\nModelPackageDescription: {value}\n"
    report = linter.check_text(text, "spec.yaml", explicit=True)
    tagged = [f for f in report.findings if f.rule == "MP006"]
    assert len(tagged) == 1 and tagged[0].message.startswith(message), report.findings
    assert (tagged[0].span.line, tagged[0].span.col) == (2, 26)
    assert not [f for f in report.findings if f.rule == "MP000"]


@pytest.mark.parametrize(
    "value", ["!!int abc", "!!set {MP104: null}", "!!bool maybe", "2001-02-30"]
)
def test_item2_tags_in_the_configuration_are_located_errors(tmp_path: Path, value) -> None:
    (tmp_path / ".mplint.yaml").write_text(f"ignore: {value}\n")
    (tmp_path / "spec.yaml").write_text(BOGUS)
    result = run_mplint("check", "spec.yaml", "--no-cache", cwd=tmp_path)
    assert result.code == 2 and "internal error" not in result.err
    assert result.err.startswith("mplint: error: .mplint.yaml:1:9: ")


# --- item 19: a stream of many documents is bounded -------------------------------------------


def test_item19_a_stream_of_many_documents_is_cut_at_the_limit(linter) -> None:
    from mplint.model.limits import MAX_DOCUMENTS

    text = "ModelPackageGroupName: churn\n" + "--- {}\n" * (MAX_DOCUMENTS + 5000)
    report = linter.check_text(text, "spec.yaml", explicit=True)
    [cut] = [f for f in report.findings if f.rule == "MP008"]
    assert cut.span.line == MAX_DOCUMENTS + 1
    assert cut.message.startswith(f"the file has more than {MAX_DOCUMENTS} documents")


# --- item 19: the hint about YAML's typing only where YAML typed the value --------------------

YAML_HINT = "YAML reads unquoted yes/no/on/off"


@pytest.mark.parametrize(
    ("name", "text", "hinted"),
    [
        ("spec.yaml", "ModelPackageGroupName: churn\nModelPackageDescription: yes\n", True),
        ("spec.json", '{"ModelPackageGroupName": "churn", "ModelPackageDescription": 1}', False),
        ("r.py", _call('ModelPackageGroupName="churn", ModelPackageDescription=1'), False),
    ],
)
def test_item19_the_yaml_hint_is_for_yaml_only(linter, name, text, hinted) -> None:
    [finding] = linter.check_text(text, name, explicit=True).findings
    assert finding.rule == "MP103" and (YAML_HINT in finding.message) == hinted


# --- item 19: each branch of Fn::If is evaluated ------------------------------------------------

TEMPLATE = """\
Conditions:
  IsProd: !Equals [a, b]
Resources:
  Pkg:
    Type: AWS::SageMaker::ModelPackage
    Properties:
      ModelPackageGroupName: churn
      Tags: {tags}
"""


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        ("!If [IsProd, !Ref AWS::NoValue, !Ref AWS::NoValue]", None),
        ('{"Fn::If": [IsProd, {"Ref": "AWS::NoValue"}, {"Ref": "AWS::NoValue"}]}', None),
        ("!If [IsProd, [{Key: a, Value: b}], !Ref AWS::NoValue]", "(when condition IsProd is true)"),
        ('{"Fn::If": [IsProd, {"Ref": "AWS::NoValue"}, [{Key: a, Value: b}]]}',
         "(when condition IsProd is false)"),
        ("!If [IsProd, [{Key: a, Value: b}], [{Key: c, Value: d}]]", "ModelPackageGroupName:"),
    ],
)  # fmt: skip
def test_item19_fn_if_reports_only_a_branch_that_gives_the_value(linter, tags, message) -> None:
    report = linter.check_text(TEMPLATE.format(tags=tags), "template.yaml", explicit=True)
    found = [f.message for f in report.findings]
    if message is None:
        assert found == []
    else:
        [text] = found
        assert text.startswith("Tags cannot be supplied with ModelPackageGroupName")
        assert message in text


def test_item19_properties_with_no_value_in_every_branch_are_an_empty_request(linter) -> None:
    text = TEMPLATE.replace(
        "    Properties:\n      ModelPackageGroupName: churn\n      Tags: {tags}\n",
        "    Properties: !If [IsProd, !Ref AWS::NoValue, !Ref AWS::NoValue]\n",
    )
    report = linter.check_text(text, "template.yaml", explicit=True)
    assert "MP000" not in {f.rule for f in report.findings}
