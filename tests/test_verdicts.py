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


# -- MP710: placeholder parameter defaults ------------------------------------------------


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
    assert [(f.rule, str(f.level)) for f in report.findings] == [("MP710", "note")]
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


# -- the gaps: what the API or the docs forbid ------------------------------------------

SPEC = """\
ModelPackageGroupName: churn
InferenceSpecification:
  Containers:
{containers}
  SupportedContentTypes: [text/csv]
  SupportedResponseMIMETypes: [text/csv]
{lists}{extra}"""


def spec(containers: str = f"    - Image: {IMAGE}\n      ModelDataUrl: {MODEL}",
         lists: str = "", extra: str = "") -> str:  # fmt: skip
    return SPEC.format(containers=containers, lists=lists, extra=extra)


PACKAGE = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/3"


def test_source_uri_with_an_inference_specification(linter) -> None:
    report = check(linter, spec(extra=f"SourceUri: {PACKAGE}\n"))
    assert [(f.rule, str(f.level)) for f in report.findings] == [("MP218", "warning")]
    assert "SageMaker Python SDK" in report.findings[0].message
    assert rules(linter, f"ModelPackageGroupName: churn\nSourceUri: {PACKAGE}\n") == []


SOURCE = "      ModelDataSource:\n        S3DataSource: {{S3Uri: '{uri}', S3DataType: {kind}, CompressionType: {gz}}}"


def container_with_source(uri="s3://acme-llm/w/", kind="S3Prefix", gz="None") -> str:
    return f"    - Image: {IMAGE}\n" + SOURCE.format(uri=uri, kind=kind, gz=gz)


def test_model_data_source_and_batch_transform(linter) -> None:
    transform = "  SupportedTransformInstanceTypes: [ml.g5.xlarge]\n"
    realtime = "  SupportedRealtimeInferenceInstanceTypes: [ml.g5.xlarge]\n"
    assert rules(linter, spec(container_with_source(), transform)) == ["MP406"]
    assert rules(linter, spec(container_with_source(), realtime)) == []
    assert rules(linter, spec(lists=transform)) == []  # ModelDataUrl is fine for transform


def test_prefix_with_gzip(linter) -> None:
    assert rules(linter, spec(container_with_source(gz="Gzip"))) == ["MP407"]
    archive = container_with_source("s3://acme-llm/m.tar.gz", "S3Object", "Gzip")
    assert rules(linter, spec(archive)) == []
    additional = (
        f"    - Image: {IMAGE}\n      ModelDataUrl: {MODEL}\n      AdditionalModelDataSources:\n"
        "        - ChannelName: draft\n          S3DataSource: {S3Uri: 's3://acme-llm/d/',"
        " S3DataType: S3Prefix, CompressionType: Gzip}"
    )
    assert rules(linter, spec(additional)) == ["MP407"]


def containers(*hostnames: str | None) -> str:
    lines = []
    for i, name in enumerate(hostnames):
        lines.append(f"    - Image: {IMAGE}")
        if name is not None:
            lines.append(f"      ContainerHostname: {name}")
        if i == len(hostnames) - 1:
            lines.append(f"      ModelDataUrl: {MODEL}")
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("hostnames", "expected"),
    [
        (("pre", "pre"), ["MP512"]),
        (("pre", None), ["MP512"]),
        ((None, "predict", "post"), ["MP512"]),
        (("pre", "predict"), []),
        ((None, None), []),
        (("only",), []),
    ],
)
def test_container_hostnames(linter, hostnames, expected) -> None:
    assert rules(linter, spec(containers(*hostnames))) == expected


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("model_overview: {model_creator: ana}", "not a JSON document"),
        ('[{"model_creator": "ana"}]', "not an object"),
        ('{"model_package_details": {"model_package_name": "churn"}}', "model_package_details"),
        ('{"model_overview": {"model_creator": "ana", "algorithm_type": "xgb"}}', "algorithm_type"),
    ],
)
def test_model_card_content_that_breaks_the_schema(linter, content: str, words: str) -> None:
    extra = f"ModelCard:\n  ModelCardStatus: Draft\n  ModelCardContent: {json.dumps(content)}\n"
    report = check(linter, spec(extra=extra))
    assert [f.rule for f in report.findings] == ["MP620"]
    assert words in report.findings[0].message


def test_model_card_content_that_follows_the_schema(linter) -> None:
    card = {"model_overview": {"model_creator": "ana", "model_artifact": [MODEL]},
            "intended_uses": {"purpose_of_model": "churn risk"}}  # fmt: skip
    extra = f"ModelCard:\n  ModelCardStatus: Draft\n  ModelCardContent: {json.dumps(json.dumps(card))}\n"
    assert rules(linter, spec(extra=extra)) == []


MARKETPLACE = """\
ModelPackageName: fraud-detector-v12
CertifyForMarketplace: {certify}
InferenceSpecification:
  Containers: [{{Image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:12"}}]
  SupportedContentTypes: [application/json]
  SupportedResponseMIMETypes: [application/json]
  SupportedRealtimeInferenceInstanceTypes: [{instance}]
  SupportedTransformInstanceTypes: [{instance}]
ValidationSpecification:
  ValidationRole: arn:aws:iam::123456789012:role/Validation
  ValidationProfiles: {profiles}
"""
PROFILE = (
    "[{{ProfileName: check, TransformJobDefinition: {{TransformInput: {{DataSource: {{S3DataSource:"
    ' {{S3DataType: S3Prefix, S3Uri: "s3://acme-in/v/"}}}}}}, TransformOutput: {{S3OutputPath:'
    ' "s3://acme-in/out/"}}, TransformResources: {{InstanceType: {instance}, InstanceCount: 1{key}}}}}}}]'
)


def marketplace(certify="true", instance="ml.c5.xlarge", key="", profiles=None) -> str:
    profiles = PROFILE.format(instance=instance, key=key) if profiles is None else profiles
    return MARKETPLACE.format(certify=certify, instance=instance, profiles=profiles)


def test_marketplace_with_no_validation_profile(linter) -> None:
    assert found(linter, marketplace(profiles="[]")) == [("MP310", 11, 23)]
    assert rules(linter, marketplace(certify="false", profiles="[]")) == []
    assert rules(linter, marketplace()) == []


def test_volume_key_on_local_storage(linter) -> None:
    key = ", VolumeKmsKeyId: alias/ml-volumes"
    for instance in ("ml.g5.xlarge", "ml.g4dn.xlarge", "ml.g6.xlarge", "ml.trn1.2xlarge"):
        assert rules(linter, marketplace(instance=instance, key=key)) == ["MP322"], instance
    assert rules(linter, marketplace(instance="ml.m5.xlarge", key=key)) == []
    assert rules(linter, marketplace(instance="ml.g5.xlarge")) == []


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        ("docker.io/acme/churn:1.4.2", ["MP413"]),
        ("ghcr.io/acme/churn:1.4.2", ["MP413"]),
        ("public.ecr.aws/acme/churn:1.4.2", ["MP413"]),
        ("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2", []),
        ("123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/churn:1.4.2", []),
        ("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/churn:1.4.2", []),
        ("12345678901.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2", ["MP411"]),
    ],
)
def test_images_outside_ecr(linter, image: str, expected: list[str]) -> None:
    text = spec(f"    - Image: {image}\n      ModelDataUrl: {MODEL}")
    assert [r for r in rules(linter, text) if r != "MP430"] == expected


def test_hostnames_decided_at_run_time_count_as_given(linter) -> None:
    step = json.loads(json.dumps(STEP))
    step["InferenceSpecification"]["Containers"] = [
        {"Image": IMAGE, "ContainerHostname": {"Get": "Parameters.Pre"}},
        {"Image": IMAGE, "ContainerHostname": "predict", "ModelDataUrl": MODEL},
    ]
    text = pipeline({**step, "ModelPackageGroupName": "churn"}, [{"Name": "Pre", "Type": "String"}])
    assert rules(linter, text, "pipeline.json") == []
