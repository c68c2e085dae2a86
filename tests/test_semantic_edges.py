"""Semantic rules beyond one violating and one passing case: the shipped examples, one
defect giving one finding (schema or semantic, never both), and the less obvious shapes."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES, VALID_VERSIONED, run_mplint

from mplint.catalogue import builtin
from mplint.checks import load_all

SEMANTIC_GROUPS = ("MP2", "MP3", "MP4", "MP5", "MP6")
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2"
MODEL = "s3://acme-models-us-east-1/churn/model.tar.gz"


def findings(path) -> list[tuple[str, int, int]]:
    result = run_mplint("check", str(path), "--format", "json")
    assert result.code in (0, 1), result.err
    return [(f["rule"], f["line"], f["column"]) for f in result.findings()]


def test_valid_examples_have_no_semantic_findings() -> None:
    for name in ("versioned/churn-model.yaml", "unversioned/fraud-detector.json"):
        assert findings(EXAMPLES / name) == [], name
    # recommenders.yaml deliberately repeats a key (MP003); nothing else
    assert [rule for rule, _, _ in findings(EXAMPLES / "versioned/recommenders.yaml")] == ["MP003"]


def test_the_semantic_example() -> None:
    assert findings(EXAMPLES / "invalid/registry-mistakes.yaml") == [
        ("MP201", 3, 24),
        ("MP302", 5, 1),
        ("MP303", 5, 1),
        ("MP611", 6, 1),
        ("MP412", 8, 14),
        ("MP430", 8, 14),
        ("MP401", 9, 21),
        ("MP504", 18, 9),
        ("MP320", 22, 40),
        ("MP420", 25, 21),
        ("MP321", 26, 44),
        ("MP212", 27, 1),
        ("MP510", 29, 11),
        ("MP601", 30, 7),
    ]


def test_a_misspelt_group_key_does_not_cascade() -> None:
    rules = [rule for rule, _, _ in findings(EXAMPLES / "invalid/typos.yaml")]
    assert "MP101" in rules
    assert not {"MP210", "MP214", "MP215"} & set(rules), rules


# One defect, one finding: values the schema rejects are not reported again.
SCHEMA_ONLY = [
    ("ModelPackageGroupName: churn", "ModelPackageGroupName: churn_v2", "MP107"),
    ("ModelPackageGroupName: churn",
     "ModelPackageGroupName: arn:aws:sagemaker:us-east-1:12345:model-package/churn", "MP107"),
    (f"ModelDataUrl: {MODEL}", "ModelDataUrl: acme/churn/model", "MP107"),
    (f"ModelDataUrl: {MODEL}",
     f"ModelDataUrl: {MODEL}\n      ImageDigest: sha256:abc", "MP107"),
    (f"ModelDataUrl: {MODEL}",
     f"ModelDataUrl: {MODEL}\n      Environment: {{{', '.join(f'V{i}: x' for i in range(101))}}}",
     "MP108"),
    ("ModelPackageGroupName: churn", "ModelPackageGroupName: churn\nTask: 7", "MP103"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "rule"), SCHEMA_ONLY)
def test_schema_defects_are_not_reported_twice(write, old: str, new: str, rule: str) -> None:
    path = write("spec.yaml", VALID_VERSIONED.replace(old, new, 1))
    assert [r for r, _, _ in findings(path)] == [rule]


PROFILE = """\
ValidationSpecification:
  ValidationRole: arn:aws:iam::123456789012:role/Validation
  ValidationProfiles:
    - ProfileName: check
      TransformJobDefinition:
        MaxConcurrentTransforms: 2
        MaxPayloadInMB: {payload}
        TransformInput:
          DataSource:
            S3DataSource: {{S3DataType: {data_type}, S3Uri: "s3://acme-in/validation/"}}
        TransformOutput: {{S3OutputPath: "s3://acme-in/out/"}}
        TransformResources: {{InstanceType: ml.m5.large, InstanceCount: {count}}}
"""


@pytest.mark.parametrize(
    ("payload", "data_type", "count", "expected"),
    [
        (200, "S3Prefix", 1, ["MP503"]),  # not also MP504 (2 x 200)
        (6, "Manifest", 1, ["MP104"]),  # not also MP320
        (6, "S3Prefix", 0, ["MP110"]),
    ],
)
def test_one_defect_one_finding_in_profiles(write, payload, data_type, count, expected) -> None:
    text = VALID_VERSIONED + PROFILE.format(payload=payload, data_type=data_type, count=count)
    assert [r for r, _, _ in findings(write("spec.yaml", text))] == expected


def test_empty_realtime_list_of_an_unversioned_package(write) -> None:
    text = VALID_VERSIONED.replace("ModelPackageGroupName: churn", "ModelPackageName: churn")
    text = text.replace("ModelApprovalStatus: PendingManualApproval\n", "")
    text = text.replace("SupportedRealtimeInferenceInstanceTypes: [ml.m5.large]",
                        "SupportedRealtimeInferenceInstanceTypes: []")  # fmt: skip
    assert findings(write("spec.yaml", text)) == [("MP215", 8, 44)]


def test_region_of_an_s3_https_endpoint(write) -> None:
    url = "https://acme-models.s3.eu-west-1.amazonaws.com/churn/model.tar.gz"
    result = run_mplint("check", str(write("spec.yaml", VALID_VERSIONED.replace(MODEL, url))),
                        "--format", "json")  # fmt: skip
    (finding,) = result.findings()
    assert (finding["rule"], finding["line"], finding["column"]) == ("MP430", 6, 21)
    assert "eu-west-1 (its S3 endpoint)" in finding["message"]
    assert "Containers[0].Image is in us-east-1" in finding["message"]


def test_https_url_that_is_not_s3(write) -> None:
    path = write("spec.yaml", VALID_VERSIONED.replace(MODEL, "https://example.com/model.tar.gz"))
    result = run_mplint("check", str(path), "--format", "json")
    (finding,) = result.findings()
    assert (finding["rule"], finding["line"], finding["column"]) == ("MP402", 6, 21)
    assert "not an Amazon S3 endpoint" in finding["message"]


def test_archive_messages_name_the_suffix(write) -> None:
    text = VALID_VERSIONED.replace(MODEL, "s3://acme-models/churn/model.tgz")
    text += "SamplePayloadUrl: s3://acme-models/payload.zip\n"
    result = run_mplint("check", str(write("spec.yaml", text)), "--format", "json")
    got = [(f["rule"], f["line"], f["column"], f["message"]) for f in result.findings()]
    assert [(r, line, col) for r, line, col, _ in got] == [("MP401", 6, 21), ("MP401", 11, 19)]
    assert "ends with '.tgz'" in got[0][3]
    assert "ends with '.zip'" in got[1][3]


def test_algorithm_name_arn_and_additional_specification_images(write) -> None:
    text = VALID_VERSIONED + (
        "SourceAlgorithmSpecification:\n"
        "  SourceAlgorithms:\n"
        "    - AlgorithmName: arn:aws:sagemaker:us-east-1:123456789012:model/xgb\n"
        "AdditionalInferenceSpecifications:\n"
        "  - Name: neo\n"
        "    Containers:\n"
        "      - Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/Churn:1\n"
    )
    result = run_mplint("check", str(write("spec.yaml", text)), "--format", "json")
    got = [(f["rule"], f["line"], f["column"], f["path"]) for f in result.findings()]
    assert got == [
        ("MP201", 13, 22, "/SourceAlgorithmSpecification/SourceAlgorithms/0/AlgorithmName"),
        ("MP410", 17, 16, "/AdditionalInferenceSpecifications/0/Containers/0/Image"),
    ]


def test_kms_key_formats_accepted(write) -> None:
    keys = [
        "1234abcd-12ab-34cd-56ef-1234567890ab",
        "mrk-1234abcd12ab34cd56ef1234567890ab",
        "alias/ml-artifacts",
        "arn:aws:kms:us-east-1:123456789012:alias/ml-artifacts",
        "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    ]
    paths = [
        str(write(f"spec{i}.yaml", VALID_VERSIONED + f"SecurityConfig: {{KmsKeyId: '{key}'}}\n"))
        for i, key in enumerate(keys)
    ]
    result = run_mplint("check", *paths, "--format", "json")
    assert result.findings() == []


def test_every_semantic_rule_is_documented() -> None:
    semantic = [rule for rule in builtin() if rule.id[:3] in SEMANTIC_GROUPS]
    ids = {builtin().by_name[name].id for name in load_all()}
    checks = {rule for rule in ids if rule[:3] in SEMANTIC_GROUPS}
    assert {rule.id for rule in semantic} == checks  # a check for every entry and vice versa
    for rule in semantic:
        assert rule.name == rule.name.lower() and " " not in rule.name, rule.id
        for field in ("summary", "explanation", "reference", "example", "fix", "source_url"):
            assert getattr(rule, field).strip(), (rule.id, field)
        assert rule.tags, rule.id
        text = rule.documentation()
        assert text.startswith(f"# {rule.id} {rule.name}\n")
        assert "## What the API says" in text and "Use instead:" in text


@pytest.mark.parametrize("rule", ["MP304", "skip-validation-without-justification", "MP430"])
def test_explain_prints_a_semantic_rule(rule: str) -> None:
    result = run_mplint("explain", rule)
    assert result.code == 0
    assert "## Why is this bad?" in result.out and "## What the API says" in result.out


def test_source_rules_own_their_defects(write) -> None:
    """A pipeline's MP701/MP702 and a describe output's MP706 are not repeated by the general
    rules (MP211, MP213, MP303)."""
    args = {
        "ModelPackageGroupName": "churn",
        "ModelPackageName": "churn-v7",
        "CertifyForMarketplace": True,
        "InferenceSpecification": {
            "Containers": [{"Image": IMAGE, "ModelDataUrl": MODEL}],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
        },
    }
    pipeline = {
        "Version": "2020-12-01",
        "Parameters": [],
        "Steps": [{"Name": "Register", "Type": "RegisterModel", "Arguments": args}],
    }
    path = write("pipeline.json", json.dumps(pipeline, indent=1))
    assert sorted(rule for rule, _, _ in findings(path)) == ["MP701", "MP702"]
    extra = "ModelPackageName: churn-v7\nCertifyForMarketplace: true\n"
    standalone = write("spec.yaml", VALID_VERSIONED + extra)
    assert sorted(rule for rule, _, _ in findings(standalone)) == ["MP211", "MP213"]


def test_cloudformation_resource_without_a_name_is_not_judged(write) -> None:
    template = (
        "Resources:\n"
        "  Pkg:\n"
        "    Type: AWS::SageMaker::ModelPackage\n"
        "    Properties:\n"
        "      InferenceSpecification:\n"
        "        Containers:\n"
        f"          - Image: {IMAGE}\n"
        "        SupportedContentTypes: [text/csv]\n"
        "        SupportedResponseMIMETypes: [text/csv]\n"
    )
    assert findings(write("stack.yaml", template)) == []
    standalone = template.split("Properties:\n")[1].replace("\n      ", "\n")[6:]
    assert [rule for rule, _, _ in findings(write("spec.yaml", standalone))] == ["MP210"]
