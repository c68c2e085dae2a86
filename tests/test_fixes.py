"""Fixes, one by one, in every source that holds the user's text: the exact text each fix
produces (every other byte kept), the cases where no fix is certain, and the safety net
(a fix that breaks the file or adds a finding is rolled back and reported).

In-process (fix_text on a Linter) for speed; tests/test_fix_cli.py runs the command."""

from __future__ import annotations

import textwrap

import pytest

from mplint.catalogue import CatalogueError, builtin
from mplint.config import Settings
from mplint.engine import Linter
from mplint.fixes import FIXERS, SAFE, apply_edits, compute_fixes, fix_text
from mplint.fixes import fixers as fixers_module
from mplint.fixes.apply import fixable
from mplint.fixes.edits import Edit
from mplint.fixes.files import encode_like
from mplint.fixes.session import fix_bytes
from mplint.parsing.positions import Lines

IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Settings())


def fixed(linter: Linter, name: str, text: str, *, unsafe: bool = False) -> str:
    return fix_text(textwrap.dedent(text), name, linter, unsafe=unsafe).text


def spec_yaml(body: str) -> str:
    """A valid versioned spec with `body` (YAML lines at the top level) added."""
    return textwrap.dedent(body) + textwrap.dedent(f"""\
        InferenceSpecification:
          Containers:
            - Image: {IMAGE}
          SupportedContentTypes: [text/csv]
          SupportedResponseMIMETypes: [text/csv]
        """)


# --- each safe fix, YAML spec --------------------------------------------------------------

YAML_CASES = {
    "key differing only in case": (
        "ModelPackageGroupname: churn  # the group\n",
        "ModelPackageGroupName: churn  # the group\n",
    ),
    "quoted key keeps its quotes": (
        '"modelPackageGroupName": churn\n',
        '"ModelPackageGroupName": churn\n',
    ),
    "enum value in lower case": (
        "ModelPackageGroupName: churn\nModelApprovalStatus: approved # review first\n",
        "ModelPackageGroupName: churn\nModelApprovalStatus: Approved # review first\n",
    ),
    "camel-case enum value, double-quoted": (
        'ModelPackageGroupName: churn\nModelApprovalStatus: "pendingManualApproval"\n',
        'ModelPackageGroupName: churn\nModelApprovalStatus: "PendingManualApproval"\n',
    ),
    "number where a string is wanted: the text as written": (
        "ModelPackageGroupName: churn\nCustomerMetadataProperties:\n  version: 1.10\n",
        "ModelPackageGroupName: churn\nCustomerMetadataProperties:\n  version: '1.10'\n",
    ),
    "boolean word where a string is wanted": (
        "ModelPackageGroupName: churn\nCustomerMetadataProperties: {debug: yes, n: 2}\n",
        "ModelPackageGroupName: churn\nCustomerMetadataProperties: {debug: 'yes', n: '2'}\n",
    ),
}


@pytest.mark.parametrize("case", YAML_CASES, ids=list(YAML_CASES))
def test_safe_fixes_in_a_yaml_spec(linter, case):
    before, after = YAML_CASES[case]
    assert fixed(linter, "spec.yaml", spec_yaml(before)) == spec_yaml(after)


def test_a_string_becomes_a_list_and_an_instance_type_gets_its_prefix(linter):
    text = textwrap.dedent(f"""\
        ModelPackageGroupName: churn
        InferenceSpecification:
          Containers:
            - Image: {IMAGE}
              Environment:
                THREADS: 4      # per worker
                FrameworkVersion: 1.10
          SupportedContentTypes: text/csv
          SupportedResponseMIMETypes: 'application/json'
          SupportedRealtimeInferenceInstanceTypes: [m5.large, ml.c5.xlarge]
        """)
    expected = (
        text.replace("THREADS: 4", "THREADS: '4'")
        .replace("FrameworkVersion: 1.10", "FrameworkVersion: '1.10'")
        .replace("Types: text/csv", "Types: [text/csv]")
        .replace("'application/json'", "['application/json']")
        .replace("[m5.large,", "[ml.m5.large,")
    )
    assert fixed(linter, "spec.yaml", text) == expected


# --- the same fixes in JSON, CloudFormation, pipeline definitions and Python ---------------


def test_json_spec_keeps_its_layout(linter):
    text = (
        '{\n    "ModelPackageGroupname": "churn",\n    "ModelApprovalStatus": "approved",\n'
        '    "CustomerMetadataProperties": {"n": 2, "on": true},\n'
        f'    "InferenceSpecification": {{"Containers": [{{"Image": "{IMAGE}"}}],\n'
        '        "SupportedContentTypes": "text/csv", "SupportedResponseMIMETypes": ["text/csv"],\n'
        '        "SupportedTransformInstanceTypes": ["m5.large"]}\n}'
    )
    expected = (
        text.replace("Groupname", "GroupName")
        .replace('"approved"', '"Approved"')
        .replace('"n": 2', '"n": "2"')
        .replace('"on": true', '"on": "true"')
        .replace('"SupportedContentTypes": "text/csv"', '"SupportedContentTypes": ["text/csv"]')
        .replace('["m5.large"]', '["ml.m5.large"]')
    )
    assert fix_text(text, "spec.json", linter).text == expected


CLOUDFORMATION = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Group:
    Type: AWS::SageMaker::ModelPackageGroup
    Properties:
      ModelPackageGroupName: churn
  Package:
    Type: AWS::SageMaker::ModelPackage
    Properties:
      ModelPackageGroupName: !Ref Group
      ModelApprovalStatus: approved
      customerMetadataProperties:
        team: !Sub "${Team}"
        n: 3
      InferenceSpecification:
        Containers:
          - Image: !Sub "${AWS::AccountId}.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2"
        SupportedContentTypes: text/csv
        SupportedResponseMIMETypes: [text/csv]
      Tags:
        - Key: team
          Value: !Ref Team
Outputs:
  Arn: {Value: !Ref Package}
"""


def test_cloudformation_fixes_inside_properties_and_leaves_intrinsics(linter):
    expected = (
        CLOUDFORMATION.replace("Status: approved", "Status: Approved")
        .replace("customerMetadataProperties", "CustomerMetadataProperties")
        .replace("n: 3", "n: '3'")
        .replace("Types: text/csv", "Types: [text/csv]")
    )
    assert fixed(linter, "template.yaml", CLOUDFORMATION) == expected
    unsafe = fixed(linter, "template.yaml", CLOUDFORMATION, unsafe=True)
    assert unsafe == expected.replace(
        "      Tags:\n        - Key: team\n          Value: !Ref Team\n", ""
    )


def test_cloudformation_json(linter):
    text = (
        '{"Resources": {"Pkg": {"Type": "AWS::SageMaker::ModelPackage", "Properties": {\n'
        '  "ModelPackageGroupName": {"Ref": "Group"},\n  "ModelApprovalStatus": "rejected",\n'
        '  "Tags": [{"Key": "a", "Value": "b"}],\n'
        f'  "InferenceSpecification": {{"Containers": [{{"Image": "{IMAGE}"}}],\n'
        '    "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]}\n'
        "}}}}\n"
    )
    safe = text.replace('"rejected"', '"Rejected"')
    assert fix_text(text, "t.json", linter).text == safe
    unsafe = fix_text(text, "t.json", linter, unsafe=True).text
    assert unsafe == safe.replace('\n  "Tags": [{"Key": "a", "Value": "b"}],', "")


def test_pipeline_definition_fixes_arguments_and_parameter_defaults(linter):
    text = (
        '{"Version": "2020-12-01", "Parameters": [{"Name": "Status", "Type": "String",'
        ' "DefaultValue": "pendingmanualapproval"}], "Steps": [{"Name": "Register",'
        ' "Type": "RegisterModel", "Arguments": {"ModelPackageGroupName": "churn",'
        ' "ModelApprovalStatus": {"Get": "Parameters.Status"}, "InferenceSpecification":'
        f' {{"Containers": [{{"Image": "{IMAGE}"}}], "SupportedContentTypes": "text/csv",'
        ' "SupportedResponseMIMETypes": ["text/csv"]}, "modelPackageDescription": "x"}}]}'
    )
    expected = (
        text.replace('"pendingmanualapproval"', '"PendingManualApproval"')
        .replace('"SupportedContentTypes": "text/csv"', '"SupportedContentTypes": ["text/csv"]')
        .replace('"modelPackageDescription"', '"ModelPackageDescription"')
    )
    assert fix_text(text, "pipeline.json", linter).text == expected


PYTHON = f'''\
import boto3

sm = boto3.client("sagemaker")
sm.create_model_package(
    ModelPackageGroupname="churn",  # the group
    ModelApprovalStatus='approved',
    Tags=[{{"Key": "team", "Value": "growth"}}],
    InferenceSpecification={{
        "Containers": [{{"Image": "{IMAGE}", "Environment": {{"THREADS": 2}}}}],
        "SupportedContentTypes": "text/csv",
        "SupportedResponseMIMETypes": ["text/csv"],
        "SupportedRealtimeInferenceInstanceTypes": ["m5.xlarge"],
    }},
)
'''


def test_python_literals(linter):
    expected = (
        PYTHON.replace("Groupname", "GroupName")
        .replace("'approved'", "'Approved'")
        .replace('"THREADS": 2', '"THREADS": "2"')
        .replace('"SupportedContentTypes": "text/csv"', '"SupportedContentTypes": ["text/csv"]')
        .replace('["m5.xlarge"]', '["ml.m5.xlarge"]')
    )
    assert fix_text(PYTHON, "register.py", linter).text == expected
    unsafe = fix_text(PYTHON, "register.py", linter, unsafe=True).text
    assert unsafe == expected.replace('\n    Tags=[{"Key": "team", "Value": "growth"}],', "")


# --- unsafe fixes ----------------------------------------------------------------------------


def test_unsafe_fixes_only_when_asked(linter):
    text = spec_yaml("""\
        ModelPackageGroupName: churn
        ModelPackageName: churn-v1   # old name
        # tags for the team
        Tags:
          - Key: team    # who owns it
            Value: growth

        # the model
        """)
    assert fixed(linter, "spec.yaml", text) == text
    outcome = fix_text(text, "spec.yaml", linter)
    assert outcome.unsafe_left == 2
    result = fixed(linter, "spec.yaml", text, unsafe=True)
    assert result == spec_yaml("""\
        ModelPackageGroupName: churn
        # tags for the team

        # the model
        """)


def test_tags_in_a_flow_mapping_spec(linter):
    text = (
        "{ModelPackageGroupName: churn, Tags: [{Key: a, Value: b}], InferenceSpecification:"
        f" {{Containers: [{{Image: '{IMAGE}'}}], SupportedContentTypes: [text/csv],"
        " SupportedResponseMIMETypes: [text/csv]}}\n"
    )
    result = fix_text(text, "spec.yaml", linter, unsafe=True).text
    assert result == text.replace(" Tags: [{Key: a, Value: b}],", "")


# --- no fix where none is certain ----------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "ModelPackageGroupNam: churn\n",  # a typo that is not only letter case
        "ModelPackageGroupName: churn\nmodelPackageGroupName: other\n",  # the key exists
        "ModelPackageGroupName: churn\nModelApprovalStatus: approve\n",  # no value matches
        "ModelPackageGroupName: churn\nModelApprovalStatus: !!str approved\n",  # a tag
    ],
)
def test_no_fix_when_it_is_not_certain(linter, body):
    text = spec_yaml(body)
    assert fixed(linter, "spec.yaml", text) == text


def test_a_comma_separated_string_is_not_split(linter):
    text = spec_yaml("ModelPackageGroupName: churn\n").replace(
        "SupportedContentTypes: [text/csv]", "SupportedContentTypes: 'text/csv,application/json'"
    )
    assert fixed(linter, "spec.yaml", text) == text


def test_describe_output_is_not_fixed(linter):
    text = (
        '{"ModelPackageArn": "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/1",'
        ' "ModelPackageStatus": "Completed", "ModelPackageGroupName": "churn",'
        ' "ModelApprovalStatus": "approved"}'
    )
    assert compute_fixes(text, "describe.json", linter) == []


def test_suppressed_findings_are_not_fixed(linter):
    text = spec_yaml(
        "ModelPackageGroupName: churn\n"
        "ModelApprovalStatus: approved  # mplint: disable=MP104 -- a test of the API\n"
    )
    assert fixed(linter, "spec.yaml", text) == text


def test_every_document_of_a_multi_document_file(linter):
    text = (
        "ModelPackageGroupName: a\r\nModelApprovalStatus: approved   # c\r\n---\r\n"
        "ModelPackageGroupName: b\r\nmodelApprovalStatus: Rejected\r\n"
    )
    expected = text.replace("approved", "Approved").replace("modelApp", "ModelApp")
    assert fix_text(text, "multi.yaml", linter).text == expected


# --- the safety net --------------------------------------------------------------------------


def test_a_fix_that_adds_a_finding_is_rolled_back_and_reported(linter):
    # ContainerHostname: 1.5 quoted is '1.5', which the hostname pattern rejects (MP107).
    text = spec_yaml("ModelPackageGroupName: churn\n").replace(
        f"- Image: {IMAGE}", f"- Image: {IMAGE}\n      ContainerHostname: 1.5"
    )
    outcome = fix_text(text, "spec.yaml", linter)
    assert outcome.text == text and not outcome.applied
    [rejected] = outcome.rejected
    assert rejected.fix.rule == "MP103"
    assert "MP107" in rejected.reason


def test_a_fix_that_breaks_the_file_is_rolled_back(linter, monkeypatch):
    def breaking(target):
        start, _ = target.value_offsets()
        edit = Edit(start, start, "[")
        return fixers_module.Fix("MP104", "break it", (edit,), True, target.finding)

    monkeypatch.setitem(FIXERS, "invalid-enum-value", breaking)
    text = spec_yaml("ModelPackageGroupName: churn\nModelApprovalStatus: approved\n")
    outcome = fix_text(text, "spec.yaml", linter)
    assert outcome.text == text
    assert [r.reason for r in outcome.rejected] == ["the file would no longer parse"]


def test_fixes_in_one_text_apply_together_and_a_second_run_changes_nothing(linter):
    text = spec_yaml(
        "ModelPackageGroupname: churn\nModelApprovalStatus: approved\n"
        "CustomerMetadataProperties: {a: 1, b: no}\n"
    )
    first = fix_text(text, "spec.yaml", linter)
    assert len(first.applied) == 4
    assert not fixable(first.findings, linter.catalogue)
    second = fix_text(first.text, "spec.yaml", linter)
    assert second.text == first.text and not second.applied


# --- bytes: BOM, encodings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding, bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe")]
)
def test_the_file_keeps_its_encoding_bom_and_line_endings(linter, encoding, bom):
    text = spec_yaml("ModelPackageGroupName: churn\nModelApprovalStatus: approved\n")
    text = text.replace("\n", "\r\n")
    raw = bom + text.encode(encoding)
    result = fix_bytes(raw, "spec.yaml", linter, unsafe=False)
    assert result is not None
    assert result.after == bom + text.replace("approved", "Approved").encode(encoding)
    assert encode_like(raw, "x") == bom + "x".encode(encoding)


# --- the API an editor uses -------------------------------------------------------------------


def test_compute_fixes_gives_edits_with_ranges(linter):
    text = spec_yaml("ModelPackageGroupName: churn\nModelApprovalStatus: approved\n")
    [fix] = compute_fixes(text, "spec.yaml", linter)
    assert (fix.rule, fix.safe, fix.title) == ("MP104", True, "replace 'approved' with 'Approved'")
    [edit] = fix.edits
    span = edit.span(Lines(text))
    assert (span.line, span.col, span.end_line, span.end_col) == (2, 22, 2, 30)
    assert apply_edits(text, list(fix.edits)) == text.replace("approved", "Approved")


def test_overlapping_edits_are_refused():
    with pytest.raises(ValueError):
        apply_edits("abc", [Edit(0, 2, "x"), Edit(1, 3, "y")])


# --- the catalogue says what the fixers do ------------------------------------------------------


def test_each_rule_declaring_a_fix_has_a_fixer_of_that_safety():
    declared = {r.name: r.autofix for r in builtin() if r.autofix.fixable}
    assert set(declared) == set(FIXERS)
    for name, autofix in declared.items():
        assert (autofix.safety == "safe") is SAFE[name], name
        assert autofix.description, name


def test_a_policy_pack_cannot_declare_a_fix(tmp_path):
    from mplint.catalogue import rules_from_file

    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n  - id: ACME001\n    name: acme-x\n    level: error\n    summary: x\n"
        "    explanation: x\n    require: {path: ModelPackageGroupName, exists: true}\n"
        "    autofix: {available: always, safety: safe}\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match="cannot declare an automatic fix"):
        rules_from_file(pack, pack=True)


def test_a_failing_round_is_retried_one_fix_at_a_time(linter):
    text = spec_yaml("ModelPackageGroupName: churn\nModelApprovalStatus: approved\n").replace(
        f"- Image: {IMAGE}", f"- Image: {IMAGE}\n      ContainerHostname: 1.5"
    )
    outcome = fix_text(text, "spec.yaml", linter)
    assert [f.rule for f in outcome.applied] == ["MP104"]
    assert [r.fix.rule for r in outcome.rejected] == ["MP103"]
    assert outcome.text == text.replace("approved", "Approved")


# --- the text edits themselves ------------------------------------------------------------------


def test_rename_keeps_or_adds_quotes_as_yaml_needs():
    from mplint.fixes.text import rename

    assert rename("a: yes", 3, 6, "yes", "Yes", "yaml") == Edit(3, 6, "'Yes'")  # a boolean word
    assert rename("a: x", 3, 4, "x", "x y", "yaml") == Edit(3, 4, "'x y'")
    assert rename('a: "x"', 3, 6, "x", "X", "yaml") == Edit(4, 5, "X")
    assert rename('a: "x\\u0041"', 3, 12, "xA", "XA", "yaml") is None  # an escape: left alone


def test_quote_and_wrap_refuse_what_they_cannot_rewrite_in_place():
    from mplint.fixes.text import quote, wrap_in_list

    assert quote("a: 2", 3, 4, "json") == Edit(3, 4, '"2"')
    assert quote("a: !!int 2", 3, 10, "yaml") is None
    assert quote("a: |\n  2\n", 3, 8, "yaml") is None
    assert wrap_in_list("a: x, y", 3, 7, "yaml") is None  # a comma ends a flow item
    assert wrap_in_list("a: |\n  x\n", 3, 8, "yaml") is None
    assert wrap_in_list("a: 'x, y'", 3, 9, "yaml") == Edit(3, 9, "['x, y']")


def test_remove_entry_takes_the_right_comma():
    from mplint.fixes.text import remove_entry

    last = '{"a": 1, "b": 2}'
    assert apply_edits(last, [remove_entry(last, 9, 15)]) == '{"a": 1}'
    only = '{"b": 2}'
    assert apply_edits(only, [remove_entry(only, 1, 7)]) == "{}"
    first = '{"b": 2, "a": 1}'
    assert apply_edits(first, [remove_entry(first, 1, 7)]) == '{ "a": 1}'


def test_overlapping_fixes_wait_for_the_next_round():
    from mplint.fixes.apply import _batch
    from mplint.model import Finding, Level, Span

    finding = Finding("MP104", Level.ERROR, "m", "f", Span.point(1, 1))
    first = fixers_module.Fix("MP104", "a", (Edit(0, 4, "x"),), True, finding)
    second = fixers_module.Fix("MP104", "b", (Edit(2, 6, "y"),), True, finding)
    assert _batch([second, first]) == [first]


def test_ruamel_judges_a_removal():
    from mplint.fixes.yaml_structure import removes_exactly

    text = "a: 1\nb: 2\nc: 3\n"
    assert removes_exactly(text, "a: 1\nc: 3\n", 0, ("b",))
    assert not removes_exactly(text, "a: 1\n", 0, ("b",))  # took c too
    assert not removes_exactly(text, "a: [\n", 0, ("b",))  # unreadable
    assert not removes_exactly(text, "a: 1\nc: 3\n", 0, ("z",))  # no such key


def test_an_interrupted_write_leaves_the_file_and_no_temporary(tmp_path, monkeypatch):
    from mplint.fixes import files

    path = tmp_path / "spec.yaml"
    path.write_bytes(b"old\n")

    def refuse(*_):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(OSError):
        files.write_atomic(str(path), b"new\n")
    assert path.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["spec.yaml"]


def test_session_reports_files_it_cannot_read_or_write(tmp_path, linter, monkeypatch):
    from mplint.fixes import session as session_module
    from mplint.fixes.session import Session

    text = spec_yaml("ModelPackageGroupName: churn\n") + "ModelApprovalStatus: approved"
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")  # no line break at the end
    report = linter.check_path(str(path), str(path), explicit=True)
    diff = Session(linter, write=False)
    diff.report(report)
    assert diff.diff().endswith("+ModelApprovalStatus: Approved\n\\ No newline at end of file\n")

    def refuse(*_):
        raise OSError("read-only file system")

    monkeypatch.setattr(session_module, "write_atomic", refuse)
    failing = Session(linter)
    assert failing.report(report) is report
    assert any("cannot write the fixed file" in line for line in failing.notes())
    path.unlink()
    missing = Session(linter)
    assert missing.report(report) is report
    assert any("cannot read the file" in line for line in missing.notes())
    assert Session(linter).fixed(b"\xff\xfe\x00", report, None) is report  # not text


def test_python_assignments_are_fixed_in_place_but_never_removed(linter):
    text = (
        'import boto3\nspec = {"ModelPackageGroupName": "churn", "ModelApprovalStatus": "approved"}\n'
        'spec["Tags"] = [{"Key": "a", "Value": "b"}]\n'
        f'spec["InferenceSpecification"] = {{"Containers": [{{"Image": "{IMAGE}"}}],'
        ' "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]}\n'
        'boto3.client("sagemaker").create_model_package(**spec)\n'
    )
    outcome = fix_text(text, "register.py", linter, unsafe=True)
    assert outcome.text == text.replace('"approved"', '"Approved"')
    assert not outcome.rejected  # the assignment of Tags is not offered for removal
