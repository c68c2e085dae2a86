"""What every source shares: recognition by content, --source, placeholders, templates."""

from __future__ import annotations

import json
import textwrap

from conftest import EXAMPLES, VALID_VERSIONED
from sources_helpers import at, position


def test_placeholders_are_unknown_values(mplint, write):
    text = VALID_VERSIONED.replace(
        "ModelPackageGroupName: churn", "ModelPackageGroupName: ${GROUP}"
    )
    text += 'CertifyForMarketplace: "{{ certify }}"\nSamplePayloadUrl: ${{ inputs.payload }}\n'
    path = write("spec.yaml", text)
    result = mplint("check", "--format", "json", str(path))
    assert result.findings() == [], result.out
    assert result.code == 0


def test_a_template_that_is_not_yaml_is_one_finding(mplint, write):
    text = textwrap.dedent(
        """\
        ModelPackageGroupName: churn
        {% if env == "prod" %}
        ModelApprovalStatus: Approved
        {% else %}
        ModelApprovalStatus: PendingManualApproval
        {% endif %}
        """
    )
    path = write("spec.yaml.j2", text)
    result = mplint("check", "--format", "json", str(path))
    (finding,) = result.findings()
    assert finding["rule"] == "MP705"
    assert at(finding) == position(text, "{% if")
    assert "{% if env" in finding["message"]
    assert result.code == 1


def test_unquoted_placeholders_in_yaml_and_json(mplint, write):
    yaml_text = "ModelPackageGroupName: {{ group }}\nModelApprovalStatus: Approved\n"
    json_text = '{"ModelPackageGroupName": {{ group | tojson }}, "Domain": "x"}'
    for name, text, needle in (
        ("a.yaml", yaml_text, "{{ group }}"),
        ("b.json", json_text, "{{ group | tojson }}"),
    ):
        path = write(name, text)
        (finding,) = mplint("check", "--format", "json", str(path)).findings()
        assert finding["rule"] == "MP705"
        assert at(finding) == position(text, needle)


def test_real_syntax_errors_stay_syntax_errors(mplint, write):
    path = write("spec.yaml", "ModelPackageGroupName: [churn\n")
    (finding,) = mplint("check", "--format", "json", str(path)).findings()
    assert finding["rule"] == "MP001"


def test_source_option_forces_a_source(mplint, write):
    template = textwrap.dedent(
        """\
        Resources:
          Pkg:
            Type: AWS::SageMaker::ModelPackage
            Properties: {ModelPackageGroupName: churn}
        """
    )
    path = write("template.yaml", template)
    auto = mplint("check", "--format", "json", str(path))
    assert auto.findings() == []
    forced = mplint("check", "--format", "json", "--source", "spec", str(path))
    assert [f["rule"] for f in forced.findings()] == ["MP101"]  # Resources is no parameter
    bad = mplint("check", "--source", "terraform", str(path))
    assert bad.code == 2
    assert "unknown source 'terraform'" in bad.err
    assert "cloudformation" in bad.err


def test_directory_scan_recognises_each_source(mplint, write, tmp_path):
    pipeline = {
        "Version": "2020-12-01",
        "Parameters": [],
        "Steps": [
            {
                "Name": "Register",
                "Type": "RegisterModel",
                "Arguments": {"ModelPackageGroupName": "churn", "ModelApprovalStatus": "approved"},
            }
        ],
    }
    write("repo/pipelines/definition.json", json.dumps(pipeline))
    write(
        "repo/infra/stack.yaml",
        "Resources:\n  P:\n    Type: AWS::SageMaker::ModelPackage\n"
        "    Properties:\n      ModelApprovalStatus: approved\n",
    )
    write(
        "repo/audit/pkg.json",
        json.dumps(
            {
                "ModelPackageArn": "arn:aws:sagemaker:us-east-1:1:model-package/p/1",
                "ModelPackageStatus": "Completed",
                "ModelApprovalStatus": "approved",
            }
        ),
    )
    write("repo/infra/bucket.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n")
    write("repo/ci.yaml", "on: push\njobs: {}\n")
    result = mplint("check", "--format", "json", str(tmp_path / "repo"))
    flagged = {f["file"].rsplit("/", 1)[-1]: f["message"] for f in result.findings()}
    assert set(flagged) == {"definition.json", "stack.yaml", "pkg.json"}
    assert flagged["definition.json"].endswith("[step Register]")
    assert flagged["stack.yaml"].endswith("[resource P]")
    assert flagged["pkg.json"].endswith("[package p/1]")
    statuses = {f["file"].rsplit("/", 1)[-1]: f["status"] for f in result.json()["files"]}
    assert statuses["bucket.yaml"] == statuses["ci.yaml"] == "skipped"


def test_every_example_folder_has_findings(mplint):
    folders = ("pipelines", "cloudformation", "describe", "python")
    result = mplint("check", "--format", "json", "--python", *(str(EXAMPLES / f) for f in folders))
    assert result.code == 1
    flagged = {f["file"].replace("\\", "/").split("examples/")[1] for f in result.findings()}
    assert {name.split("/")[0] for name in flagged} == set(folders)
    assert len(flagged) == len(result.json()["files"])  # every example file has findings


def test_source_rules_are_documented(mplint):
    listed = mplint("rules", "--format", "json").json()
    ids = {rule["id"] for rule in listed}
    assert {f"MP70{i}" for i in range(1, 9)} <= ids
    for rule in ("MP701", "undefined-pipeline-parameter"):
        explained = mplint("explain", rule)
        assert explained.code == 0
        assert "## Why is this bad?" in explained.out


def test_source_option_reads_what_recognition_would_not(mplint, write):
    # Only `Steps`: not recognised as a pipeline (nor as a spec), but --source pipeline reads it.
    data = {
        "Steps": [
            {
                "Name": "R",
                "Type": "RegisterModel",
                "Arguments": {"ModelPackageGroupName": "g", "ModelApprovalStatus": "ok"},
            }
        ]
    }
    text = json.dumps(data)
    path = write("steps.json", text)
    auto = mplint("check", "--format", "json", str(path))
    assert "MP104" not in [f["rule"] for f in auto.findings()]
    forced = mplint("check", "--format", "json", "--source", "pipeline", str(path))
    (finding,) = forced.findings()
    assert finding["rule"] == "MP104"
    assert at(finding) == position(text, '"ok"')


HELM_MODEL_PACKAGE = """\
apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: ModelPackage
metadata:
  name: {{ .Values.name }}
  labels:
    {{- include "chart.labels" . | nindent 4 }}
spec:
  modelPackageGroupName: {{ .Values.group }}
  inferenceSpecification:
    containers:
      - image: {{ .Values.image }}
"""


def test_skip_non_specs_skips_a_template_of_something_else(mplint, write, tmp_path):
    """A Helm chart of the Kubernetes `kind: ModelPackage` resource (ACK) mentions model
    package keys, but is no CreateModelPackage request: not MP705 in a scan or a hook."""
    write("chart/templates/modelpackage.yaml", HELM_MODEL_PACKAGE)
    hook = mplint("check", "--skip-non-specs", "-v", "chart/templates/modelpackage.yaml",
                  cwd=tmp_path)  # fmt: skip
    assert hook.code == 0, hook.out
    assert "skipped (a template of something other than a model package request)" in hook.out
    assert mplint("check", ".", "-f", "json", cwd=tmp_path).findings() == []
    # named without the flag, a file is always checked: MP705 as before
    named = mplint("check", "chart/templates/modelpackage.yaml", "-f", "json", cwd=tmp_path)
    assert [f["rule"] for f in named.findings()] == ["MP705"]


def test_skip_non_specs_still_reports_a_template_of_a_request(mplint, write, tmp_path):
    templates = {
        "spec.yaml.j2": "ModelPackageGroupName: churn\n{% if prod %}\nModelApprovalStatus: Approved\n{% endif %}\n",
        "typo.yaml": "modelpackagegroupname: {{ group }}\n",
        "pipeline.json": '{"Steps": [{"Name": "R", "Type": "RegisterModel", "Arguments": {{ a }}}]}',
        "stack.yaml": "Resources:\n  P:\n    Type: AWS::SageMaker::ModelPackage\n    Properties: {{ p }}\n",
        "spec.json": '{"ModelPackageName": {{ name | tojson }}}',
    }  # fmt: skip
    for name, text in templates.items():
        write(name, text)
    result = mplint("check", "--skip-non-specs", "-f", "json", *templates, cwd=tmp_path)
    assert sorted((f["file"], f["rule"]) for f in result.findings()) == sorted(
        (name, "MP705") for name in templates
    )
