"""Python code: create_model_package(...) calls read with ast, exact character positions."""

from __future__ import annotations

import textwrap

import pytest
from sources_helpers import at, by_rule, position

CODE = """\
import boto3

sm = boto3.client("sagemaker")
GROUP = "customer-churn"


def register(url, image, spec):
    sm.create_model_package(
        ModelPackageGroupName=GROUP,
        ModelPackageDescription=f"Churn — {url}",
        ModelApprovalStatus="PendingManualApproval",
        InferenceSpecification={
            "Containers": [dict(Image=image, ModelDataUrl=url)],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ("text/csv",),
            "SupportedRealtimeInferenceInstanceTypes": [*INSTANCES],
            "SupportedTransformInstanceTypes": TRANSFORM,
        },
        CustomerMetadataProperties={"owner": owner(), "run": spec["run"]},
        **{"Domain": "MACHINE_LEARNING", "Task": "CLASSIFICATION"},
    )
    sm.create_model_package(**spec)  # a parameter: decided at run time (MP709, a note)
    sm.create_model_package(spec)  # positional: skipped
    sm.create_model_package_group(ModelPackageGroupName=1)  # another call
"""


def check(mplint, write, name: str, text: str, *args: str):
    path = write(name, text)
    return mplint("check", "--format", "json", *args, str(path))


def test_literals_and_unknowns(mplint, write):
    result = check(mplint, write, "register.py", CODE)
    assert [(f["rule"], f["line"]) for f in result.findings()] == [("MP709", 22)], result.out
    assert result.code == 0
    assert result.json()["files"][0]["specs"] == 1


def test_positions_count_characters_not_utf8_bytes(mplint, write):
    text = textwrap.dedent(
        """\
        # Modèle de churn 🚀
        client.create_model_package(ModelPackageDescription="é🚀ü", ModelApprovalStatus="approved",
            InferenceSpecification={"Containers": [{"Image": "x", "ModelDataUrl": "model.tar.gz"}]},
            ModelPackageGroupname="churn",
        )
        """
    )
    result = check(mplint, write, "register.py", text)
    findings = result.findings()
    (enum,) = by_rule(findings, "MP104")
    assert at(enum) == position(text, '"approved"')
    assert enum["end_column"] == enum["column"] + len('"approved"')
    assert enum["message"].endswith("[call at line 2]")
    assert enum["path"] == "/ModelApprovalStatus"
    (url,) = by_rule(findings, "MP107")
    assert at(url) == position(text, '"model.tar.gz"')
    assert url["path"] == "/InferenceSpecification/Containers/0/ModelDataUrl"
    (typo,) = by_rule(findings, "MP101")
    assert at(typo) == position(text, "ModelPackageGroupname")
    assert typo["end_column"] == typo["column"] + len("ModelPackageGroupname")
    # the schema reports nothing else (semantic rules add MP410 for "x" and MP611)
    assert len([f for f in findings if f["rule"].startswith("MP1")]) == 3


def test_several_calls_dict_calls_duplicates_and_negative_numbers(mplint, write):
    text = textwrap.dedent(
        """\
        def a():
            sm.create_model_package(ModelPackageGroupName="a", Tags=[dict(Key="k", Value=1)])


        def b():
            sm.create_model_package(
                **{"ModelPackageGroupName": "b"},
                ModelPackageGroupName="c",
                ValidationSpecification={"ValidationRole": "arn:aws:iam::123456789012:role/r",
                    "ValidationProfiles": [{"ProfileName": "p", "TransformJobDefinition": {
                        "TransformInput": {"DataSource": {"S3DataSource": {
                            "S3DataType": "S3Prefix", "S3Uri": "s3://b/in"}}},
                        "TransformOutput": {"S3OutputPath": "s3://b/out"},
                        "TransformResources": {"InstanceType": "ml.m5.large", "InstanceCount": -1}}}]},
            )
        """
    )
    result = check(mplint, write, "calls.py", text)
    findings = result.findings()
    assert result.json()["files"][0]["specs"] == 2
    (wrong_type,) = by_rule(findings, "MP103")
    assert at(wrong_type) == position(text, "1)")
    assert wrong_type["document"] == 0
    (duplicate,) = by_rule(findings, "MP003")
    assert at(duplicate) == position(text, "ModelPackageGroupName", nth=3)
    assert duplicate["document"] == 1
    (minimum,) = by_rule(findings, "MP110")
    assert at(minimum) == position(text, "-1")
    assert minimum["message"].endswith("[call at line 6]")


def test_syntax_error_is_one_finding(mplint, write):
    text = 'sm.create_model_package(ModelPackageGroupName="churn"\n'
    (finding,) = check(mplint, write, "broken.py", text).findings()
    assert finding["rule"] == "MP708"
    assert finding["line"] == 1


def test_python_files_are_read_only_when_asked(mplint, write, tmp_path):
    write(
        "repo/register.py",
        'sm.create_model_package(ModelPackageGroupName="g", ModelApprovalStatus="approved")\n',
    )
    write("repo/other.py", "print('nothing to see')\n")
    write("repo/spec.yaml", "ModelPackageGroupName: churn\n")
    plain = mplint("check", "--format", "json", str(tmp_path / "repo"))
    assert [f["file"].rsplit("/", 1)[-1] for f in plain.json()["files"]] == ["spec.yaml"]
    assert plain.code == 0
    opted = mplint("check", "--format", "json", "--python", str(tmp_path / "repo"))
    files = {f["file"].rsplit("/", 1)[-1]: f for f in opted.json()["files"]}
    assert files["other.py"]["status"] == "skipped"  # the text filter: no create_model_package
    assert files["register.py"]["status"] == "checked"
    assert [f["rule"] for f in opted.findings()] == ["MP104"]
    assert opted.code == 1
    # --source python reads only Python, also from a file name without .py
    write(
        "scripts/register",
        'sm.create_model_package(ModelPackageGroupName="g", ModelApprovalStatus="approved")\n',
    )
    forced = mplint("check", "--format", "json", "--source", "python", str(tmp_path / "scripts"))
    assert [f["rule"] for f in forced.findings()] == []  # directory scan: .py files only
    named = mplint(
        "check", "--format", "json", "--source", "python", str(tmp_path / "scripts" / "register")
    )
    assert [f["rule"] for f in named.findings()] == ["MP104"]


@pytest.mark.parametrize(
    "text",
    ["def f():\n    return 1\n", "def f(:\n", "# client.create_model_package(**spec)\n"],
    ids=["no-call", "not-python", "commented-out-call"],
)
def test_a_named_python_file_without_a_readable_call_is_mp004(mplint, write, text):
    # As for a named template without a model package: a wrong path never passes silently.
    result = check(mplint, write, "util.py", text, "--python")
    assert result.code == 1
    [finding] = result.findings()
    assert (finding["rule"], finding["line"], finding["column"]) == ("MP004", 1, 1)
    assert "create_model_package(...)" in finding["message"]


def test_python_files_without_a_call_are_skipped_in_a_folder(mplint, write, tmp_path):
    write("util.py", "def f():\n    return 1\n")
    result = mplint("check", "--python", "-f", "json", ".", cwd=tmp_path)
    assert result.code == 0
    assert result.findings() == []


def test_python_files_are_read_when_the_config_says_so(mplint, write, tmp_path):
    write(
        "register.py",
        'client.create_model_package(ModelPackageGroupName="churn", ModelApprovalStatus="approved")\n',
    )
    write(".mplint.yaml", "python: true\n")
    result = mplint("check", ".", "-f", "json", cwd=tmp_path)
    assert ("register.py", "MP104") in [(f["file"], f["rule"]) for f in result.findings()]
    write(".mplint.yaml", "python: yes please\n")
    broken = mplint("check", ".", cwd=tmp_path)
    assert broken.code == 2
    assert ".mplint.yaml:1:9: python: expected true or false" in broken.err
