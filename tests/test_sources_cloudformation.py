"""CloudFormation templates: AWS::SageMaker::ModelPackage properties, intrinsics as unknowns."""

from __future__ import annotations

import json
import textwrap

from sources_helpers import at, by_rule, position

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  GroupName: {Type: String}
  ModelDataUrl: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Ref AWS::NoValue
      NotAModelPackageKey: whatever
  ChurnPackage:
    Type: AWS::SageMaker::ModelPackage
    Properties:
      ModelPackageGroupName: !Ref GroupName
      ModelPackageDescription: !Sub "Churn model in ${AWS::Region}"
      ModelApprovalStatus: !If [IsProd, PendingManualApproval, Approved]
      ApprovalDescription: Registered by the stack
      ModelPackageVersion: 3
      LastModifiedTime: "2024-06-01T00:00:00Z"
      ModelPackageStatusDetails: {ValidationStatuses: []}
      AdditionalInferenceSpecificationsToAdd:
        - Name: neo
          Containers: [{Image: !Sub "${AWS::AccountId}.dkr.ecr.us-east-1.amazonaws.com/neo:1"}]
      InferenceSpecification:
        Containers:
          - Image: !Join [":", [!GetAtt Repo.RepositoryUri, "1.7-1"]]
            ModelDataUrl: !Ref ModelDataUrl
            Environment:
              REGION: !Ref AWS::Region
              MODE: !If [IsProd, fast, safe]
          - !If [IsProd, !Ref AWS::NoValue, {Image: !Ref Image}]
        SupportedContentTypes: !Split [",", !Ref ContentTypes]
        SupportedResponseMIMETypes: [!Select [0, !Ref Accept]]
        SupportedRealtimeInferenceInstanceTypes: [ml.m5.large]
        SupportedTransformInstanceTypes: [ml.m5.xlarge]
      ModelMetrics: !If [IsProd, {ModelQuality: {}}, !Ref AWS::NoValue]
      CustomerMetadataProperties:
        stack: !Ref AWS::StackName
Outputs:
  Arn:
    Value: !GetAtt ChurnPackage.ModelPackageArn
"""


def check(mplint, write, name: str, text: str, *args: str):
    path = write(name, text)
    return mplint("check", "--format", "json", *args, str(path))


def test_short_form_intrinsics_everywhere_and_cloudformation_properties(mplint, write):
    result = check(mplint, write, "template.yaml", TEMPLATE)
    assert result.findings() == [], result.out
    assert result.code == 0
    assert result.json()["files"][0]["specs"] == 1


def test_findings_name_the_resource_and_point_into_the_template(mplint, write):
    text = TEMPLATE.replace("[ml.m5.large]", "[ml.m5.superlarge]").replace(
        "      ModelPackageVersion: 3\n", "      ModelPackageGroupname: churn\n"
    )
    result = check(mplint, write, "template.yaml", text)
    assert result.code == 1
    findings = result.findings()
    assert {f["rule"] for f in findings} == {"MP101", "MP104"}
    (enum,) = by_rule(findings, "MP104")
    assert at(enum) == position(text, "ml.m5.superlarge")
    assert enum["path"] == (
        "/Resources/ChurnPackage/Properties/InferenceSpecification"
        "/SupportedRealtimeInferenceInstanceTypes/0"
    )
    assert enum["message"].endswith("[resource ChurnPackage]")
    (unknown,) = by_rule(findings, "MP101")
    assert at(unknown) == position(text, "ModelPackageGroupname")


def test_unknown_tag_inside_the_resource_is_reported_but_not_intrinsics(mplint, write):
    text = TEMPLATE.replace("stack: !Ref AWS::StackName", "stack: !Foo bar").replace(
        "BucketName: !Ref AWS::NoValue", "BucketName: !Bar baz"
    )
    (finding,) = check(mplint, write, "template.yaml", text).findings()
    assert finding["rule"] == "MP006"
    assert at(finding) == position(text, "!Foo bar")


def test_json_template_with_long_form_intrinsics_on_one_line(mplint, write):
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            "FraudPackage": {
                "Type": "AWS::SageMaker::ModelPackage",
                "Properties": {
                    "ModelPackageGroupName": {"Fn::Join": ["-", ["fraud", {"Ref": "Env"}]]},
                    "ModelApprovalStatus": {"Ref": "Approval"},
                    "InferenceSpecification": {
                        "Containers": [
                            {
                                "Image": {"Fn::Sub": "${AWS::AccountId}.dkr.ecr/x:1"},
                                "ModelDataUrl": {"Fn::GetAtt": ["Train", "Url"]},
                            },
                            {"Fn::If": ["IsProd", {"Image": "x"}, {"Ref": "AWS::NoValue"}]},
                        ],
                        "SupportedContentTypes": {"Fn::Split": [",", "text/csv"]},
                        "SupportedResponseMIMETypes": [{"Fn::Select": [0, ["text/csv"]]}],
                        "SupportedRealtimeInferenceInstanceTypes": ["ml.m5.large"],
                        "SupportedTransformInstanceTypes": ["ml.m5.xlarge"],
                    },
                    "SamplePayloadUrl": "payload.tar.gz",
                    "ModelPackageArn": "arn:aws:sagemaker:us-east-1:1:model-package/x",
                },
            },
            "Second": {
                "Type": "AWS::SageMaker::ModelPackage",
                "Properties": {"ModelPackageName": "bad_name"},
            },
        },
    }
    text = json.dumps(template)
    result = check(mplint, write, "stack.template.json", text)
    findings = result.findings()
    assert [f["rule"] for f in findings] == ["MP107", "MP107"], result.out
    payload, name = findings
    assert at(payload) == position(text, '"payload.tar.gz"')
    assert payload["message"].endswith("[resource FraudPackage]")
    assert at(name) == position(text, '"bad_name"')
    assert name["message"].endswith("[resource Second]")
    assert name["path"] == "/Resources/Second/Properties/ModelPackageName"


def test_template_without_model_packages(mplint, write, tmp_path):
    text = textwrap.dedent(
        """\
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Properties: {BucketName: !Ref Name, ModelPackageName: not-ours}
        """
    )
    write("infra/bucket.yaml", text)
    scanned = mplint("check", "--format", "json", str(tmp_path / "infra"))
    assert scanned.code == 0
    assert scanned.json()["files"][0]["status"] == "skipped"
    # Named explicitly, a template without a model package says so instead of passing.
    explicit = mplint("check", "--format", "json", str(tmp_path / "infra" / "bucket.yaml"))
    assert explicit.code == 1
    assert [(f["rule"], f["line"], f["column"]) for f in explicit.findings()] == [("MP004", 1, 1)]
    hook = mplint("check", "--skip-non-specs", str(tmp_path / "infra" / "bucket.yaml"))
    assert hook.code == 0


def test_resource_without_properties_and_with_non_mapping_properties(mplint, write):
    text = textwrap.dedent(
        """\
        Resources:
          Empty:
            Type: AWS::SageMaker::ModelPackage
          Listed:
            Type: AWS::SageMaker::ModelPackage
            Properties: [ModelPackageGroupName]
        """
    )
    result = check(mplint, write, "template.yaml", text)
    (finding,) = result.findings()
    assert finding["rule"] == "MP004"
    assert "resource Listed" in finding["message"]
    assert at(finding) == position(text, "[ModelPackageGroupName]")


def test_only_problems_inside_the_model_package_are_reported(mplint, write):
    text = textwrap.dedent(
        """\
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Properties: {BucketName: a, BucketName: b}
          Pkg:
            Type: AWS::SageMaker::ModelPackage
            Properties:
              ModelPackageGroupName: churn
              ModelPackageGroupName: churn-2
        """
    )
    (finding,) = check(mplint, write, "template.yaml", text).findings()
    assert finding["rule"] == "MP003"
    assert at(finding) == position(text, "ModelPackageGroupName", nth=2)
