"""Every semantic rule (MP2xx-MP6xx) through the CLI: a violating spec, where the finding
points, and a passing spec that is clean of every rule.

Each case edits one of two valid specs. The expected position is given as a piece of the
violating text (`at`, its `nth` occurrence): the finding must start exactly there.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pytest
from conftest import VALID_VERSIONED, run_mplint

VALID_UNVERSIONED = """\
ModelPackageName: fraud-detector-v12
InferenceSpecification:
  Containers:
    - Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/fraud:12.0.1
      ModelDataUrl: s3://acme-fraud-eu-west-1/v12/model.tar.gz
  SupportedContentTypes: [application/json]
  SupportedResponseMIMETypes: [application/json]
  SupportedRealtimeInferenceInstanceTypes: [ml.c5.xlarge]
  SupportedTransformInstanceTypes: [ml.c5.xlarge]
ValidationSpecification:
  ValidationRole: arn:aws:iam::123456789012:role/SageMakerModelValidation
  ValidationProfiles:
    - ProfileName: fraud-batch-check
      TransformJobDefinition:
        MaxConcurrentTransforms: 4
        MaxPayloadInMB: 6
        TransformInput:
          DataSource:
            S3DataSource: {S3DataType: S3Prefix, S3Uri: "s3://acme-fraud-eu-west-1/validation/"}
        TransformOutput:
          S3OutputPath: s3://acme-fraud-eu-west-1/validation-output/
          KmsKeyId: alias/ml-artifacts
        TransformResources: {InstanceType: ml.c5.xlarge, InstanceCount: 1}
CertifyForMarketplace: true
Tags:
  - {Key: team, Value: risk}
  - {Key: cost-center, Value: "4410"}
"""


@dataclass
class Case:
    rule: str
    bad: str
    at: str  # the finding starts at this text of `bad`
    good: str
    nth: int = 1

    @property
    def id(self) -> str:
        return self.rule


def versioned(extra: str = "", replace: tuple[tuple[str, str], ...] = ()) -> str:
    text = VALID_VERSIONED
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text + textwrap.dedent(extra)


def unversioned(extra: str = "", replace: tuple[tuple[str, str], ...] = ()) -> str:
    text = VALID_UNVERSIONED
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text + textwrap.dedent(extra)


IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2"
MODEL = "s3://acme-models-us-east-1/churn/model.tar.gz"
ENV17 = "".join(f"        VAR_{i:02}: x\n" for i in range(17))
ENV16 = "".join(f"        VAR_{i:02}: x\n" for i in range(16))
PROFILE = """\
ValidationSpecification:
  ValidationRole: arn:aws:iam::123456789012:role/Validation
  ValidationProfiles:
    - ProfileName: check
      TransformJobDefinition:
        {extra}TransformInput:
          DataSource:
            S3DataSource: {{S3DataType: {data_type}, S3Uri: "{uri}"}}
        TransformOutput: {{S3OutputPath: "s3://acme-models-us-east-1/out/"}}
        TransformResources: {{InstanceType: {instance}, InstanceCount: {count}}}
"""


def profile(
    extra: str = "",
    data_type: str = "S3Prefix",
    uri: str = "s3://acme-in/validation/",
    instance: str = "ml.m5.large",
    count: int = 1,
) -> str:
    return PROFILE.format(extra=extra, data_type=data_type, uri=uri, instance=instance, count=count)


# fmt: off
CASES = [
    # -- names ------------------------------------------------------------------------
    Case(
        "MP201",
        versioned(replace=(("ModelPackageGroupName: churn", "ModelPackageGroupName: "
                            "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn"),)),
        "arn:aws:sagemaker", versioned(replace=(("ModelPackageGroupName: churn",
            "ModelPackageGroupName: arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn"),)),
    ),
    # -- versioning ---------------------------------------------------------------------
    Case("MP210", versioned(replace=(("ModelPackageGroupName: churn\n", ""),)),
         "ModelApprovalStatus", versioned()),
    Case("MP211", versioned("ModelPackageName: churn-v12\n"), "ModelPackageName", versioned()),
    Case("MP212", versioned("Tags:\n  - {Key: team, Value: growth}\n"), "Tags", unversioned()),
    Case("MP213", versioned("CertifyForMarketplace: true\n"), "CertifyForMarketplace",
         versioned("CertifyForMarketplace: false\n")),
    Case("MP214", unversioned("ModelApprovalStatus: Approved\n"), "ModelApprovalStatus",
         versioned("ModelApprovalStatus: Approved\n", replace=(
             ("ModelApprovalStatus: PendingManualApproval\n", ""),))),
    Case("MP215", unversioned(replace=(("  SupportedTransformInstanceTypes: [ml.c5.xlarge]\n", ""),)),
         "InferenceSpecification", unversioned()),
    Case("MP216", unversioned("SourceUri: arn:aws:sagemaker:eu-west-1:123456789012:model/fraud\n"),
         "SourceUri", "ModelPackageGroupName: churn\n"
         "SourceUri: arn:aws:sagemaker:us-east-1:123456789012:model/churn\n"),
    Case(
        "MP217",
        unversioned(replace=(("      ModelDataUrl: s3://acme-fraud-eu-west-1/v12/model.tar.gz\n",
            "      ModelDataSource:\n        S3DataSource: {S3Uri: 's3://acme-fraud-eu-west-1/v12/',"
            " S3DataType: S3Prefix, CompressionType: None}\n"),)),
        "ModelDataSource",
        versioned(replace=((f"      ModelDataUrl: {MODEL}\n",
            "      ModelDataSource:\n        S3DataSource: {S3Uri: 's3://acme-models-us-east-1/churn/',"
            " S3DataType: S3Prefix, CompressionType: None}\n"),
            ("  SupportedTransformInstanceTypes: [ml.m5.large]\n", ""))),
    ),
    Case("MP218", versioned("SourceUri: arn:aws:sagemaker:us-east-1:123456789012:model/churn\n"),
         "SourceUri", "ModelPackageGroupName: churn\n"
         "SourceUri: arn:aws:sagemaker:us-east-1:123456789012:model/churn\n"),
    # -- skip validation ----------------------------------------------------------------
    Case("MP301", unversioned("SkipModelValidation: All\n"),
         "SkipModelValidation", unversioned("SkipModelValidation: None\n")),
    Case("MP302", versioned("SkipModelValidation: All\n" + profile()), "SkipModelValidation",
         versioned(profile())),
    Case("MP303", versioned("SkipModelValidation: All\n", replace=(
            ("ModelApprovalStatus: PendingManualApproval", "ModelApprovalStatus: Approved"),)),
         "SkipModelValidation", versioned("SkipModelValidation: All\n")),
    # -- marketplace --------------------------------------------------------------------
    Case("MP310", unversioned().split("ValidationSpecification:")[0] + "CertifyForMarketplace: true\n",
         "CertifyForMarketplace", unversioned()),
    Case("MP310", unversioned(replace=(("  ValidationProfiles:\n", "  ValidationProfiles: []\n  Unused:\n"),)).replace(
             "  Unused:\n", "").split("    - ProfileName")[0] + "CertifyForMarketplace: true\n",
         "[]", unversioned()),
    # -- validation profiles ------------------------------------------------------------
    Case("MP320", versioned(profile(data_type="AugmentedManifestFile", uri="s3://acme-in/in.manifest")),
         "AugmentedManifestFile", versioned(profile(data_type="ManifestFile", uri="s3://acme-in/in.manifest"))),
    Case("MP321", versioned(profile(instance="ml.c5.xlarge")), "ml.c5.xlarge",
         versioned(profile(instance="ml.m5.large"))),
    Case("MP322", versioned(profile(instance="ml.g5.xlarge, VolumeKmsKeyId: alias/vol"), replace=(
             ("[ml.m5.large]\n  SupportedTransformInstanceTypes: [ml.m5.large]",
              "[ml.m5.large]\n  SupportedTransformInstanceTypes: [ml.g5.xlarge]"),)),
         "VolumeKmsKeyId", versioned(profile(instance="ml.m5.large, VolumeKmsKeyId: alias/vol"))),
    # -- artifacts ----------------------------------------------------------------------
    Case("MP401", versioned(replace=((MODEL, "s3://acme-models-us-east-1/churn/"),)),
         "s3://acme-models-us-east-1/churn/", versioned("SamplePayloadUrl: s3://acme-models-us-east-1/payload.tar.gz\n")),
    Case("MP402", versioned(replace=((MODEL, "s3://acme..models/churn/model.tar.gz"),)),
         "s3://acme..models", versioned(replace=((MODEL,
             "https://acme-models-us-east-1.s3.us-east-1.amazonaws.com/churn/model.tar.gz"),))),
    Case("MP405", versioned(replace=((MODEL, "s3://Acme_Models/churn/model.tar.gz"),)),
         "s3://Acme_Models", versioned(replace=((MODEL, "s3://acme-models/churn/model.tar.gz"),))),
    Case(
        "MP403",
        versioned(replace=((f"      ModelDataUrl: {MODEL}\n",
            "      ModelDataSource:\n        S3DataSource: {S3Uri: 's3://acme-models-us-east-1/llm',"
            " S3DataType: S3Prefix, CompressionType: None}\n"),)),
        "'s3://acme-models-us-east-1/llm'",
        versioned(replace=((f"      ModelDataUrl: {MODEL}\n",
            "      ModelDataSource:\n        S3DataSource: {S3Uri: 's3://acme-models-us-east-1/llm.bin',"
            " S3DataType: S3Object, CompressionType: None}\n"),
            ("  SupportedTransformInstanceTypes: [ml.m5.large]\n", ""))),
    ),
    Case("MP406", versioned(replace=((f"      ModelDataUrl: {MODEL}\n",
             "      ModelDataSource:\n        S3DataSource: {S3Uri: 's3://acme-models-us-east-1/churn/',"
             " S3DataType: S3Prefix, CompressionType: None}\n"),)),
         "ModelDataSource", versioned(replace=((f"      ModelDataUrl: {MODEL}\n",
             "      ModelDataSource:\n        S3DataSource: {S3Uri: 's3://acme-models-us-east-1/churn/',"
             " S3DataType: S3Prefix, CompressionType: None}\n"),
             ("  SupportedTransformInstanceTypes: [ml.m5.large]\n", "")))),
    Case("MP407", versioned(replace=((f"      ModelDataUrl: {MODEL}\n",
             "      ModelDataSource:\n        S3DataSource: {S3Uri: 's3://acme-models-us-east-1/churn/',"
             " S3DataType: S3Prefix, CompressionType: Gzip}\n"),
             ("  SupportedTransformInstanceTypes: [ml.m5.large]\n", ""))),
         "Gzip", versioned(replace=((f"      ModelDataUrl: {MODEL}\n",
             "      ModelDataSource:\n        S3DataSource: {S3Uri: 's3://acme-models-us-east-1/churn/model.tar.gz',"
             " S3DataType: S3Object, CompressionType: Gzip}\n"),
             ("  SupportedTransformInstanceTypes: [ml.m5.large]\n", "")))),
    Case("MP404", versioned(profile(uri="s3://acme-in/validation")), '"s3://acme-in/validation"',
         versioned(profile(uri="s3://acme-in/validation/"))),
    # -- images -------------------------------------------------------------------------
    Case("MP410", versioned(replace=((IMAGE, "churn:1.4.2"),)), "churn:1.4.2", versioned(
        replace=((IMAGE, "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn@sha256:" + "ab" * 32),))),
    Case("MP411", versioned(replace=((IMAGE, "12345678901.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2"),)),
         "12345678901", versioned(replace=((IMAGE,
             "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/churn:1.4.2"),))),
    Case("MP412", versioned(replace=((IMAGE, "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:latest"),)),
         "123456789012.dkr", versioned()),
    Case("MP413", versioned(replace=((IMAGE, "ghcr.io/acme/churn@sha256:" + "ab" * 32),)), "ghcr.io",
         versioned(replace=((IMAGE, "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/churn:1.4.2"),))),
    # -- kms ----------------------------------------------------------------------------
    Case("MP420", versioned("SecurityConfig: {KmsKeyId: ml-artifacts}\n"), "ml-artifacts",
         versioned("SecurityConfig: {KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/"
                   "1234abcd-12ab-34cd-56ef-1234567890ab'}\n")),
    # -- regions ------------------------------------------------------------------------
    Case("MP430", versioned(replace=(("ModelPackageGroupName: churn", "ModelPackageGroupName: "
             "arn:aws:sagemaker:eu-west-1:123456789012:model-package-group/churn"),)),
         "123456789012.dkr", versioned(replace=(("ModelPackageGroupName: churn",
             "ModelPackageGroupName: arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn"),))),
    # -- limits -------------------------------------------------------------------------
    Case("MP501", versioned(replace=((f"      ModelDataUrl: {MODEL}\n",
             f"      ModelDataUrl: {MODEL}\n      Environment:\n{ENV17}"),)),
         "Environment", versioned(replace=((f"      ModelDataUrl: {MODEL}\n",
             f"      ModelDataUrl: {MODEL}\n      Environment:\n{ENV16}"),))),
    Case("MP502", versioned(profile(count=101)), "101", versioned(profile(count=100))),
    Case("MP503", versioned(profile(extra="MaxPayloadInMB: 101\n        ")), "101",
         versioned(profile(extra="MaxPayloadInMB: 100\n        "))),
    Case("MP504", versioned(profile(extra="MaxConcurrentTransforms: 8\n        MaxPayloadInMB: 20\n        ")),
         "MaxConcurrentTransforms", versioned(profile(
             extra="MaxConcurrentTransforms: 5\n        MaxPayloadInMB: 20\n        "))),
    # -- uniqueness ---------------------------------------------------------------------
    Case("MP510", unversioned(replace=(("  - {Key: cost-center", "  - {Key: team"),)), "team",
         unversioned(), nth=2),
    Case(
        "MP511",
        versioned("AdditionalInferenceSpecifications:\n"
                  f"  - {{Name: neo, Containers: [{{Image: '{IMAGE}'}}]}}\n"
                  f"  - {{Name: neo, Containers: [{{Image: '{IMAGE}'}}]}}\n"),
        "neo", versioned("AdditionalInferenceSpecifications:\n"
                         f"  - {{Name: neo-c5, Containers: [{{Image: '{IMAGE}'}}]}}\n"
                         f"  - {{Name: neo-inf2, Containers: [{{Image: '{IMAGE}'}}]}}\n"), nth=2,
    ),
    Case("MP512", versioned(replace=((f"    - Image: {IMAGE}\n",
             f"    - {{Image: '{IMAGE}', ContainerHostname: pre}}\n    - Image: {IMAGE}\n"
             "      ContainerHostname: pre\n"),)), "pre", versioned(replace=((f"    - Image: {IMAGE}\n",
             f"    - {{Image: '{IMAGE}', ContainerHostname: pre}}\n    - Image: {IMAGE}\n"
             "      ContainerHostname: predict\n"),)), nth=2),
    # -- task and domain ----------------------------------------------------------------
    Case("MP601", versioned("Task: binary-classification\n"), "binary-classification",
         versioned("Task: OTHER\n")),
    Case("MP602", versioned("Domain: NLP\n"), "NLP", versioned("Domain: MACHINE_LEARNING\n")),
    Case("MP620", versioned("ModelCard: {ModelCardStatus: Draft, ModelCardContent: 'model_overview: x'}\n"),
         "'model_overview", versioned("ModelCard: {ModelCardStatus: Draft, ModelCardContent:"
                                       " '{\"model_overview\": {\"model_creator\": \"ana\"}}'}\n")),
    # -- reference-required -------------------------------------------------------------
    Case("MP610", versioned(replace=((f"    - Image: {IMAGE}\n      ModelDataUrl", "    - ModelDataUrl"),)),
         "ModelDataUrl", versioned()),
    Case("MP611", versioned(replace=(("  SupportedResponseMIMETypes: [text/csv]\n", ""),)),
         "InferenceSpecification", versioned()),
]
# fmt: on


def position(text: str, fragment: str, nth: int) -> tuple[int, int]:
    index = -1
    for _ in range(nth):
        index = text.index(fragment, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_rule(case: Case, write) -> None:
    bad = write("bad.yaml", case.bad)
    good = write("good.yaml", case.good)
    result = run_mplint("check", str(bad), str(good), "--format", "json")
    assert result.code in (0, 1), result.err
    found = [f for f in result.findings() if f["rule"] == case.rule]
    in_bad = [f for f in found if f["file"].endswith("bad.yaml")]
    assert len(in_bad) == 1, result.out
    line, column = position(case.bad, case.at, case.nth)
    assert (in_bad[0]["line"], in_bad[0]["column"]) == (line, column), in_bad[0]
    assert in_bad[0]["level"] in ("error", "warning", "note")
    # the passing spec is clean of every rule, not only of this one
    assert [f for f in result.findings() if f["file"].endswith("good.yaml")] == []


def test_every_semantic_rule_has_a_case() -> None:
    result = run_mplint("rules", "--format", "json")
    semantic = {
        r["id"] for r in result.json() if r["id"][:3] in ("MP2", "MP3", "MP4", "MP5", "MP6")
    }
    policy = {"MP304", "MP305"}  # inactive until configured: see test_skip_validation_policy
    assert semantic - policy == {case.rule for case in CASES}
