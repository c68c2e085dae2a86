"""Issue 15: verdicts that are true, quiet on legal requests, at the right place.

In-process (Linter.check_text) to stay fast; every item has a case that must be reported and
one that must not.
"""

from __future__ import annotations

import json

import pytest
from conftest import VALID_VERSIONED

from mplint.config import Settings
from mplint.engine import Linter

IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2"
MODEL = "s3://acme-models-us-east-1/churn/model.tar.gz"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Settings())


def check(linter: Linter, text: str, name: str = "spec.yaml", explicit: bool = True):
    return linter.check_text(text, name, explicit=explicit)


def found(linter: Linter, text: str, name: str = "spec.yaml") -> list[tuple[str, int, int]]:
    report = check(linter, text, name)
    return [(f.rule, f.span.line, f.span.col) for f in report.findings]


def rules(linter: Linter, text: str, name: str = "spec.yaml") -> list[str]:
    return [rule for rule, _, _ in found(linter, text, name)]


def with_model(url: str) -> str:
    return VALID_VERSIONED.replace(MODEL, url)


# -- MP402 / MP405: S3 locations that S3 accepts are not errors ----------------------------


@pytest.mark.parametrize(
    "url",
    [
        "s3://my-access-point-hrzrlukc5m36ft7okagglf3gmwluquse1b-s3alias/churn/model.tar.gz",
        "s3://my-olap-hrzrlukc5m36ft7okagglf3gmwluquse1b--ol-s3/churn/model.tar.gz",
        "s3://acme-models--use1-az4--x-s3/churn/model.tar.gz",
        "https://acme-models.s3-fips.us-east-1.amazonaws.com/churn/model.tar.gz",
        "https://s3-fips.dualstack.us-east-1.amazonaws.com/acme-models/churn/model.tar.gz",
        "https://acme-models.s3.dualstack.us-east-1.amazonaws.com/churn/model.tar.gz",
    ],
)
def test_s3_locations_that_s3_accepts(linter, url: str) -> None:
    assert rules(linter, with_model(url)) == []


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("s3://acme..models/churn/model.tar.gz", "two adjacent dots"),
        ("s3://.../churn/model.tar.gz", "start and end with a letter or digit"),
        ("s3://ab/churn/model.tar.gz", "2 characters long"),
        ("s3://amzn-s3-demo-bucket/churn/model.tar.gz", "examples of the AWS documentation"),
        ("https://acme-models.s3-fipz.us-east-1.amazonaws.com/m.tar.gz", "not an Amazon S3"),
    ],
)
def test_s3_locations_no_bucket_can_have(linter, url: str, words: str) -> None:
    report = check(linter, with_model(url))
    assert [f.rule for f in report.findings] == ["MP402"]
    assert words in report.findings[0].message


def test_legacy_bucket_names_are_a_warning(linter) -> None:
    report = check(linter, with_model("s3://Acme_Models/churn/model.tar.gz"))
    assert [(f.rule, str(f.level)) for f in report.findings] == [("MP405", "warning")]
    assert "upper-case letters and underscores" in report.findings[0].message
    assert "before March 1, 2018" in report.findings[0].message


# -- MP610 / MP611: what the reference said, and Logged packages ---------------------------

NO_IMAGE_NO_TYPES = f"""\
ModelPackageGroupName: churn
InferenceSpecification:
  Containers:
    - ModelDataUrl: {MODEL}
"""


def test_reference_required_messages_name_the_reference(linter) -> None:
    report = check(linter, NO_IMAGE_NO_TYPES)
    assert sorted(f.rule for f in report.findings) == ["MP610", "MP611", "MP611"]
    for finding in report.findings:
        assert "boto3 API documentation of 2023-09-15" in finding.message
        assert "today's API model does not" in finding.message


def test_logged_packages_need_no_image_nor_content_types(linter) -> None:
    assert rules(linter, NO_IMAGE_NO_TYPES + "ModelPackageRegistrationType: Logged\n") == []
    registered = NO_IMAGE_NO_TYPES + "ModelPackageRegistrationType: Registered\n"
    assert sorted(rules(linter, registered)) == ["MP610", "MP611", "MP611"]


# -- MP216 / MP217: SDK behaviour, said so, at warning level -------------------------------


def test_sdk_rules_say_where_they_come_from(linter) -> None:
    text = VALID_VERSIONED.replace("ModelPackageGroupName: churn", "ModelPackageName: churn")
    text = text.replace("ModelApprovalStatus: PendingManualApproval\n", "")
    report = check(linter, text + "SourceUri: arn:aws:sagemaker:us-east-1:123456789012:model/c\n")
    (finding,) = [f for f in report.findings if f.rule == "MP216"]
    assert str(finding.level) == "warning"
    assert "SageMaker Python SDK" in finding.message and "client-side" in finding.message


# -- MP214: the SDK's default approval status is not noise ---------------------------------

UNVERSIONED = """\
ModelPackageName: churn-standalone
ModelApprovalStatus: {status}
InferenceSpecification:
  Containers: [{{Image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2"}}]
  SupportedContentTypes: [text/csv]
  SupportedResponseMIMETypes: [text/csv]
  SupportedRealtimeInferenceInstanceTypes: [ml.m5.large]
  SupportedTransformInstanceTypes: [ml.m5.large]
"""


def test_approval_status_on_unversioned_packages(linter) -> None:
    assert rules(linter, UNVERSIONED.format(status="PendingManualApproval")) == []
    assert rules(linter, UNVERSIONED.format(status="Approved")) == ["MP214"]


# -- MP210: empty requests, and pipeline steps -------------------------------------------


def test_an_empty_request_names_neither(linter) -> None:
    assert found(linter, "{}\n", "empty.json") == [("MP210", 1, 1)]
    python = "import boto3\nboto3.client('sagemaker').create_model_package()\n"
    assert rules(linter, python, "register.py") == ["MP210"]


def pipeline(arguments: dict, parameters: list | None = None) -> str:
    return json.dumps(
        {
            "Version": "2020-12-01",
            "Parameters": parameters or [],
            "Steps": [{"Name": "Register", "Type": "RegisterModel", "Arguments": arguments}],
        },
        indent=1,
    )


STEP = {
    "InferenceSpecification": {
        "Containers": [{"Image": IMAGE, "ModelDataUrl": MODEL}],
        "SupportedContentTypes": ["text/csv"],
        "SupportedResponseMIMETypes": ["text/csv"],
    }
}


def test_a_register_step_may_leave_the_name_to_the_pipeline(linter) -> None:
    assert rules(linter, pipeline(STEP), "pipeline.json") == []
    named = pipeline({**STEP, "ModelPackageGroupName": "churn", "ModelPackageName": "churn-v7"})
    assert rules(linter, named, "pipeline.json") == ["MP702"]  # and MP702 agrees: leave it out


# -- MP709: placeholder parameter defaults ------------------------------------------------


@pytest.mark.parametrize(
    "default",
    ["<replace-with-review-sns-topic-arn>", "REPLACE_ME", "CHANGEME", "TODO", "${GROUP}",
     "{{ group }}", "arn:aws:iam::<account-id>:role/Validation"],
)  # fmt: skip
def test_a_placeholder_default_is_a_note(linter, default: str) -> None:
    text = pipeline(
        {**STEP, "ModelPackageGroupName": {"Get": "Parameters.Group"}},
        [{"Name": "Group", "Type": "String", "DefaultValue": default}],
    )
    report = check(linter, text, "pipeline.json")
    assert [(f.rule, str(f.level)) for f in report.findings] == [("MP709", "note")]
    assert "every execution must override it" in report.findings[0].message
    line = text.splitlines()[report.findings[0].span.line - 1]
    assert '"DefaultValue"' in line  # at the default, where the placeholder is written


def test_a_wrong_default_stays_an_error(linter) -> None:
    text = pipeline(
        {**STEP, "ModelPackageGroupName": "churn",
         "ModelApprovalStatus": {"Get": "Parameters.Approval"}},
        [{"Name": "Approval", "Type": "String", "DefaultValue": "PendingApproval"}],
    )  # fmt: skip
    assert rules(linter, text, "pipeline.json") == ["MP104"]


# -- MP108 at the first item over the maximum ----------------------------------------------


def test_too_many_items_points_at_the_first_extra_one(linter) -> None:
    profiles = "".join(
        f"    - ProfileName: p{i}\n      TransformJobDefinition: {{}}\n" for i in range(2)
    )
    text = (
        VALID_VERSIONED + "ValidationSpecification:\n"
        "  ValidationRole: arn:aws:iam::123456789012:role/V\n"
        "  ValidationProfiles:\n" + profiles
    )
    report = check(linter, text)
    (finding,) = [f for f in report.findings if f.rule == "MP108"]
    assert text.splitlines()[finding.span.line - 1] == "    - ProfileName: p1"
    assert finding.span.col == 7 and "first item over it" in finding.message


def test_too_many_map_entries_points_at_the_first_extra_key(linter) -> None:
    entries = "".join(f"  k{i:03}: v\n" for i in range(51))
    text = VALID_VERSIONED + "CustomerMetadataProperties:\n" + entries
    (finding,) = [f for f in check(linter, text).findings if f.rule == "MP108"]
    assert text.splitlines()[finding.span.line - 1] == "  k050: v"


# -- MP705 where parsing failed -------------------------------------------------------------


def test_template_reported_where_parsing_failed(linter) -> None:
    text = 'ModelPackageGroupName: "{{ group }}"\nModelApprovalStatus: {{ status }}\n'
    assert found(linter, text) == [("MP705", 2, 22)]
    text = '{"ModelPackageGroupName": "{{ group }}",\n "ModelApprovalStatus": {{ status }}}\n'
    assert found(linter, text, "spec.json") == [("MP705", 2, 25)]


def test_unrelated_syntax_error_stays_a_syntax_error(linter) -> None:
    text = 'ModelPackageGroupName: "{{ group }}"\nModelApprovalStatus: [Approved\n'
    assert rules(linter, text) == ["MP001"]
    text = '{"ModelPackageGroupName": "{{ group }}",}\n'
    assert rules(linter, text, "spec.json") == ["MP002"]
