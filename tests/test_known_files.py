"""Files that are not CreateModelPackage requests are skipped, named or found; pipeline
steps saved without their pipeline are read as steps."""

from __future__ import annotations

import json

import pytest

from mplint.config import Settings
from mplint.engine import Linter
from mplint.sources.known_files import UPDATE_MEMBERS

IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2"
GROUP_ARN = "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn"
PACKAGE_ARN = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/3"

KNOWN = {
    "describe-model-package-group.json": {
        "ModelPackageGroupName": "churn",
        "ModelPackageGroupArn": GROUP_ARN,
        "ModelPackageGroupDescription": "Churn models",
        "CreationTime": "2024-06-01T10:00:00.000000+00:00",
        "CreatedBy": {"UserProfileName": "ana"},
        "ModelPackageGroupStatus": "Completed",
    },
    "list-model-packages.json": {
        "ModelPackageSummaryList": [
            {"ModelPackageGroupName": "churn", "ModelPackageVersion": 3,
             "ModelPackageArn": PACKAGE_ARN, "CreationTime": "2024-06-01T10:00:00Z",
             "ModelPackageStatus": "Completed", "ModelApprovalStatus": "Approved"}
        ]
    },
    "list-model-package-groups.json": {
        "ModelPackageGroupSummaryList": [
            {"ModelPackageGroupName": "churn", "ModelPackageGroupArn": GROUP_ARN,
             "CreationTime": "2024-06-01T10:00:00Z", "ModelPackageGroupStatus": "Completed"}
        ]
    },
    "update-model-package.json": {
        "ModelPackageArn": PACKAGE_ARN,
        "ModelApprovalStatus": "Approved",
        "ApprovalDescription": "passed the offline evaluation",
    },
}  # fmt: skip

SDK_CONFIG = """\
SchemaVersion: '1.0'
SageMaker:
  ModelPackage:
    ValidationSpecification:
      ValidationRole: arn:aws:iam::123456789012:role/Validation
    InferenceSpecification:
      SupportedContentTypes: [text/csv]
"""


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Settings())


@pytest.mark.parametrize("name", sorted(KNOWN))
@pytest.mark.parametrize("explicit", [True, False])
def test_other_sagemaker_json_is_skipped(linter, name: str, explicit: bool) -> None:
    report = linter.check_text(json.dumps(KNOWN[name], indent=2), name, explicit=explicit)
    assert (report.status, report.findings) == ("skipped", [])
    assert "not a" in report.reason


def test_the_sdk_configuration_file_is_skipped(linter) -> None:
    report = linter.check_text(SDK_CONFIG, "config.yaml", explicit=True)
    assert (report.status, report.findings) == ("skipped", [])
    assert "configuration file" in report.reason


def test_look_alikes_are_still_checked(linter) -> None:
    """A create request that happens to carry a group ARN, or an update request with a
    CreateModelPackage-only member, is not skipped."""
    create = {"ModelPackageGroupName": GROUP_ARN, "ModelApprovalStatus": "Approved",
              "InferenceSpecification": {"Containers": [{"Image": IMAGE}],
                                         "SupportedContentTypes": ["text/csv"],
                                         "SupportedResponseMIMETypes": ["text/csv"]}}  # fmt: skip
    report = linter.check_text(json.dumps(create), "spec.json", explicit=True)
    assert (report.status, report.findings) == ("checked", [])
    mixed = {"ModelPackageArn": PACKAGE_ARN, "ModelPackageGroupName": "churn"}
    report = linter.check_text(json.dumps(mixed), "spec.json", explicit=True)
    assert report.status == "checked" and [f.rule for f in report.findings] == ["MP101"]
    # --source spec reads it as a request, as asked
    forced = Linter(Settings(source="spec"))
    report = forced.check_text(json.dumps(KNOWN["update-model-package.json"]), "u.json",
                               explicit=True)  # fmt: skip
    assert report.status == "checked" and "MP101" in [f.rule for f in report.findings]


def test_update_members_are_botocores() -> None:
    botocore = pytest.importorskip("botocore.session")
    model = botocore.get_session().get_service_model("sagemaker")
    assert set(model.shape_for("UpdateModelPackageInput").members) == UPDATE_MEMBERS


# -- pipeline steps without their pipeline -------------------------------------------------

STEP = {
    "Name": "RegisterChurn-RegisterModel",
    "Type": "RegisterModel",
    "Arguments": {
        "ModelPackageGroupName": "churn",
        "ModelApprovalStatus": {"Get": "Parameters.ApprovalStatus"},
        "InferenceSpecification": {
            "Containers": [{"Image": IMAGE,
                            "ModelDataUrl": {"Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts"}}],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
        },
    },
}  # fmt: skip
REPACK = {"Name": "RegisterChurn-RepackModel-0", "Type": "Training", "Arguments": {}}


@pytest.mark.parametrize("data", [[REPACK, STEP], STEP], ids=["request_dicts", "single step"])
def test_steps_without_their_pipeline(linter, data) -> None:
    report = linter.check_text(json.dumps(data, indent=1), "steps.json", explicit=True)
    assert (report.status, report.specs, report.findings) == ("checked", 1, [])
    broken = json.loads(json.dumps(data))
    step = broken[-1] if isinstance(broken, list) else broken
    step["Arguments"]["CertifyForMarketplace"] = False
    step["Arguments"]["ModelApprovalStatus"] = "Aproved"
    report = linter.check_text(json.dumps(broken, indent=1), "steps.json", explicit=True)
    assert sorted(f.rule for f in report.findings) == ["MP104", "MP701"]
    assert all("[step RegisterChurn-RegisterModel]" in f.message for f in report.findings)


def test_a_list_of_other_things_is_not_steps(linter) -> None:
    report = linter.check_text(json.dumps([REPACK]), "steps.json", explicit=True)
    assert [f.rule for f in report.findings] == ["MP004"]
