"""Saved DescribeModelPackage / BatchDescribeModelPackage output: audits of the registry."""

from __future__ import annotations

import json

from conftest import EXAMPLES
from sources_helpers import at, by_rule, position

ARN = "arn:aws:sagemaker:us-east-1:123456789012:model-package/customer-churn/7"


def described(**changes) -> dict:
    data = {
        "ModelPackageName": "customer-churn",
        "ModelPackageGroupName": "customer-churn",
        "ModelPackageVersion": 7,
        "ModelPackageArn": ARN,
        "CreationTime": "2024-06-03T09:14:27.412000+00:00",
        "InferenceSpecification": {
            "Containers": [
                {
                    "Image": "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
                    "ModelDataUrl": "s3://acme/churn/model.tar.gz",
                }
            ],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
        },
        "ModelPackageStatus": "Completed",
        "ModelPackageStatusDetails": {"ValidationStatuses": [], "ImageScanStatuses": []},
        "CertifyForMarketplace": False,
        "ModelApprovalStatus": "PendingManualApproval",
        "CreatedBy": {"UserProfileName": "ci"},
        "LastModifiedTime": "2024-06-04T16:02:11.908000+00:00",
        "LastModifiedBy": {"UserProfileName": "reviewer"},
        "ApprovalDescription": "looks good",
        "SkipModelValidation": "None",
        "ResponseMetadata": {"RequestId": "0f1e", "HTTPStatusCode": 200},
    }
    data.update(changes)
    return data


def check(mplint, write, name: str, text: str):
    path = write(name, text)
    return mplint("check", "--format", "json", str(path))


def test_response_members_are_understood(mplint, write):
    result = check(mplint, write, "pkg.json", json.dumps(described(), indent=4))
    assert result.findings() == []
    assert result.code == 0
    assert result.json()["files"][0]["specs"] == 1


def test_approved_without_validation(mplint, write):
    text = json.dumps(described(ModelApprovalStatus="Approved", SkipModelValidation="All"))
    (finding,) = check(mplint, write, "pkg.json", text).findings()
    assert finding["rule"] == "MP706"
    assert finding["level"] == "warning"
    assert at(finding) == position(text, '"All"')
    assert finding["message"].endswith("[package customer-churn/7]")


def test_failed_validation_and_image_scan(mplint, write):
    details = {
        "ValidationStatuses": [
            {"Name": "ok", "Status": "Completed"},
            {"Name": "churn-check", "Status": "Failed", "FailureReason": "Transform job failed"},
        ],
        "ImageScanStatuses": [{"Name": "scan", "Status": "Failed"}],
    }
    text = json.dumps(described(ModelPackageStatusDetails=details), indent=2)
    result = check(mplint, write, "pkg.json", text)
    assert result.code == 1
    validation, scan = by_rule(result.findings(), "MP707")
    assert "validation 'churn-check' failed: Transform job failed" in validation["message"]
    assert validation["path"] == "/ModelPackageStatusDetails/ValidationStatuses/1/Status"
    assert at(validation) == position(text, '"Failed"')
    assert "image scan 'scan' failed" in scan["message"]
    assert at(scan) == position(text, '"Failed"', nth=2)


def test_request_members_are_still_checked(mplint, write):
    text = json.dumps(described(SamplePayloadUrl="payload.tar.gz", Domain=7), indent=2)
    findings = check(mplint, write, "pkg.json", text).findings()
    assert sorted(f["rule"] for f in findings) == ["MP103", "MP107"]
    (url,) = by_rule(findings, "MP107")
    assert at(url) == position(text, '"payload.tar.gz"')


def test_batch_describe_output(mplint, write):
    arn4 = ARN.replace("/7", "/8")
    summary = {
        "ModelPackageGroupName": "customer-churn",
        "ModelPackageVersion": 8,
        "ModelPackageArn": arn4,
        "CreationTime": "2024-06-05T00:00:00Z",
        "ModelPackageStatus": "Failed",
        "ModelApprovalStatus": "Rejected",
    }
    ok = dict(summary, ModelPackageArn=ARN, ModelPackageVersion=7, ModelPackageStatus="Completed")
    data = {
        "ModelPackageSummaries": {ARN: ok, arn4: summary},
        "BatchDescribeModelPackageErrorMap": {},
    }
    text = json.dumps(data)
    result = check(mplint, write, "batch.json", text)
    assert result.json()["files"][0]["specs"] == 2
    (finding,) = result.findings()
    assert finding["rule"] == "MP707"
    assert finding["message"].endswith("[package customer-churn/8]")
    escaped = arn4.replace("/", "~1")
    assert finding["path"] == f"/ModelPackageSummaries/{escaped}/ModelPackageStatus"
    assert at(finding) == position(text, '"Failed"')


def test_a_list_of_describe_outputs(mplint, write):
    text = json.dumps([described(), described(ModelApprovalStatus="approved")], indent=1)
    (finding,) = check(mplint, write, "all.json", text).findings()
    assert finding["rule"] == "MP104"
    assert finding["path"] == "/1/ModelApprovalStatus"


def test_examples(mplint):
    result = mplint("check", "--format", "json", str(EXAMPLES / "describe"))
    assert sorted(f["rule"] for f in result.findings()) == ["MP706", "MP707"]
