"""Behaviour the mutation-testing run (docs/testing.md) found untested: each test pins the exact
hint, reason or registry behaviour that a surviving mutant of `mplint/checks/` changed."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import VALID_VERSIONED, run_mplint

from mplint import checks
from mplint.checks import CHECKS, VALIDATORS, load_all, validate_options
from mplint.model import Document, Spec

load_all()

MODEL = "s3://acme-models-us-east-1/churn/model.tar.gz"
TASK_FALLBACK = "; use OTHER if none of them fits"


def findings(tmp_path, text: str) -> list[dict]:
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    result = run_mplint("check", "spec.yaml", "-f", "json", "--no-cache", cwd=tmp_path)
    assert result.code in (0, 1), result.err
    return result.findings()


# --- MP601: the "did you mean" of an unknown Task ---------------------------------------


@pytest.mark.parametrize(
    ("task", "advice"),
    [
        ("image classification", "; did you mean IMAGE_CLASSIFICATION?"),  # case and spaces
        ("binary-classification", "; did you mean CLASSIFICATION?"),  # a task inside the text
        # hyphens and spaces become underscores, so that the task inside is found (no close
        # spelling would find it: the text is much longer than the task)
        ("multi-class-image-classification", "; did you mean IMAGE_CLASSIFICATION?"),
        ("multi class image classification", "; did you mean IMAGE_CLASSIFICATION?"),
        # two tasks inside: the longer one, not the later one in the alphabet
        ("object-detection-regression", "; did you mean OBJECT_DETECTION?"),
        ("other-model", TASK_FALLBACK),  # OTHER is never the task "inside" the text
        ("REGRESION", "; did you mean REGRESSION?"),  # a close spelling
        # neither inside nor close enough (0.62 of FILL_MASK, under the 0.75 cutoff); a task
        # containing the text is not suggested either
        ("mask", TASK_FALLBACK),
    ],
)
def test_an_unknown_task_gets_the_closest_documented_one(tmp_path, task, advice):
    [finding] = findings(tmp_path, VALID_VERSIONED + f"Task: {task}\n")
    assert finding["rule"] == "MP601"
    assert finding["message"] == (
        f"Task '{task}' is not one of the tasks Inference Recommender supports"
        " (IMAGE_CLASSIFICATION, OBJECT_DETECTION, TEXT_GENERATION, IMAGE_SEGMENTATION,"
        f" FILL_MASK, CLASSIFICATION, REGRESSION, OTHER){advice}"
    )
    assert (finding["line"], finding["column"]) == (11, 7)


@pytest.mark.parametrize(
    ("length", "shown"),
    [(80, "t" * 80), (81, "t" * 77 + "...")],
)
def test_a_value_is_quoted_in_full_up_to_80_characters(tmp_path, length, shown):
    [finding] = findings(tmp_path, VALID_VERSIONED + f"Task: {'t' * length}\n")
    assert finding["message"].startswith(f"Task '{shown}' is not one of the tasks")


# --- MP411: why an ECR-looking host is not one ---------------------------------------------

FORM = "ECR hosts have the form ACCOUNT.dkr.ecr.REGION.amazonaws.com"


@pytest.mark.parametrize(
    ("host", "problem"),
    [
        ("123456789012.dkr.ecr.mars-1.amazonaws.com", "'mars-1' is not an AWS region"),
        ("123456789012.dkr.ecr-fips.mars-1.amazonaws.com", "'mars-1' is not an AWS region"),
        ("123456789012.dkr.ecr", FORM),
        ("123456789012.docker.ecr.us-east-1.amazonaws.com", FORM),
        ("123456789012.dkr.ecr.us-east-1", "ECR hosts in us-east-1 have the form"),
        ("dkr.ecr.us-east-1", "'dkr' is not a 12-digit AWS account id"),  # claimed: dkr.ecr...
    ],
)
def test_each_ecr_host_problem(tmp_path, host, problem):
    image = f"{host}/churn:1.4.2"
    text = VALID_VERSIONED.replace(
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2", image
    )
    [finding] = [f for f in findings(tmp_path, text) if f["rule"] == "MP411"]
    assert finding["message"].startswith(
        f"InferenceSpecification.Containers[0].Image '{image}' is not a valid Amazon ECR image"
        f" URI: {problem}"
    )


def test_containers_of_additional_inference_specifications_are_checked(tmp_path):
    extra = (
        "AdditionalInferenceSpecifications:\n"
        "  - Name: neo\n"
        "    Containers: [{Image: '123456789012.dkr.ecr.mars-1.amazonaws.com/neo:1'}]\n"
    )
    [finding] = [f for f in findings(tmp_path, VALID_VERSIONED + extra) if f["rule"] == "MP411"]
    assert finding["message"].startswith(
        "AdditionalInferenceSpecifications[0].Containers[0].Image"
        " '123456789012.dkr.ecr.mars-1.amazonaws.com/neo:1' is not a valid Amazon ECR image URI:"
    )
    assert (finding["line"], finding["column"]) == (13, 26)


@pytest.mark.parametrize(
    "url", ["s3://Acme_Models/" + "k" * 1008, 5], ids=["1025-characters", "a-number"]
)
def test_a_location_the_schema_rejects_is_only_the_schema_finding(tmp_path, url):
    """A legacy bucket name would be MP405, but not in a URL the schema already rejects."""
    [finding] = findings(tmp_path, VALID_VERSIONED.replace(MODEL, str(url)))
    assert finding["rule"] in ("MP103", "MP105"), finding  # wrong type, too long


def test_a_region_mismatch_names_what_reveals_the_region(tmp_path):
    group = "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn"
    text = VALID_VERSIONED.replace(
        "ModelPackageGroupName: churn", f"ModelPackageGroupName: {group}"
    )
    [finding] = findings(tmp_path, text.replace(".dkr.ecr.us-east-1.", ".dkr.ecr.us-west-2."))
    assert finding["message"] == (
        "InferenceSpecification.Containers[0].Image is in us-west-2 (its ECR image) but the model"
        " package group ARN is in us-east-1; artifacts and images must be in the same region as"
        " the model package"
    )


def test_a_short_arn_like_group_name_is_only_a_schema_finding(tmp_path):
    text = VALID_VERSIONED.replace("ModelPackageGroupName: churn", "ModelPackageGroupName: arn:aws")
    assert [f["rule"] for f in findings(tmp_path, text)] == ["MP107"]


def test_a_duplicate_tag_key_after_a_key_of_the_wrong_type(tmp_path):
    tags = "Tags:\n  - {Key: 1, Value: a}\n  - {Key: env, Value: a}\n  - {Key: env, Value: b}\n"
    [duplicate] = [f for f in findings(tmp_path, VALID_VERSIONED + tags) if f["rule"] == "MP510"]
    assert (
        duplicate["message"] == "tag key 'env' is already used by Tags[1]; tag keys must be unique"
    )
    assert duplicate["line"] == 14


# --- MP405: what makes a legacy us-east-1 bucket name legacy ------------------------------


@pytest.mark.parametrize(
    ("bucket", "features"),
    [
        ("A" + "a" * 62, "upper-case letters"),  # 63 characters is not a legacy length
        ("a" * 64, "64 characters"),
        ("acme_models", "underscores"),  # lower-case: no upper-case letters to report
        ("Acme_Models", "upper-case letters and underscores"),
    ],
)
def test_a_legacy_bucket_name_says_exactly_what_is_legacy(tmp_path, bucket, features):
    url = f"s3://{bucket}/churn/model.tar.gz"
    [finding] = findings(tmp_path, VALID_VERSIONED.replace(MODEL, url))
    assert finding["rule"] == "MP405"
    assert (
        f"names the bucket '{bucket}', which has {features}; only a bucket" in (finding["message"])
    )


# --- the package kind: a misspelt group key -----------------------------------------------


def test_a_misspelt_group_key_leaves_the_kind_undecided(tmp_path):
    """`modelPackageGroupName` next to a ModelPackageName is one typo (MP101), not an
    unversioned package that may not take ModelApprovalStatus."""
    text = VALID_VERSIONED.replace(
        "ModelPackageGroupName: churn\n",
        "ModelPackageName: churn-1\nmodelPackageGroupName: churn\n",
    )
    [finding] = findings(tmp_path, text)
    assert (finding["rule"], finding["line"], finding["column"]) == ("MP101", 2, 1)


def test_a_member_of_the_wrong_type_is_only_the_schema_finding(tmp_path):
    """Tags on a versioned package are MP212, but Tags that are not a list are MP103 alone."""
    finding = findings(tmp_path, VALID_VERSIONED + "Tags: oops\n")
    assert [(f["rule"], f["line"]) for f in finding] == [("MP103", 11)]


def test_a_member_decided_at_deploy_time_counts_as_given(tmp_path):
    template = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Name: {Type: String}
Resources:
  ChurnPackage:
    Type: AWS::SageMaker::ModelPackage
    Properties:
      ModelPackageGroupName: churn
      ModelPackageName: !Ref Name
      InferenceSpecification:
        Containers:
          - Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2
            ModelDataUrl: s3://acme-models-us-east-1/churn/model.tar.gz
        SupportedContentTypes: [text/csv]
        SupportedResponseMIMETypes: [text/csv]
"""
    assert [(f["rule"], f["line"]) for f in findings(tmp_path, template)] == [("MP211", 9)]


def test_a_misspelt_group_key_alone_is_not_a_package_of_no_kind(tmp_path):
    """`modelPackageGroupName` alone is one typo (MP101), not also MP210 (neither a group nor
    a name)."""
    text = VALID_VERSIONED.replace(
        "ModelPackageGroupName: churn\n", "modelPackageGroupName: churn\n"
    )
    assert [f["rule"] for f in findings(tmp_path, text)] == ["MP101"]


# --- MP304 and MP305 options ----------------------------------------------------------------


def spec(data: dict[str, Any]) -> Spec:
    return Spec(data, Document(data, {}, {}))


def test_an_unversioned_package_outside_the_allow_list_is_reported_by_its_name():
    data = {"ModelPackageName": "churn-1", "SkipModelValidation": "All"}
    [violation] = CHECKS["skip-validation-not-allowed"](spec(data), {"allow_groups": ["sandbox"]})
    assert violation.message.startswith("SkipModelValidation: All is not allowed for 'churn-1':")


def test_the_justification_key_option_may_be_absent():
    # without the option the check is inactive: nothing to reject
    validate_options("skip-validation-without-justification", {})
    message = r"^option 'justification_key' must be a string \(a metadata key\)$"
    with pytest.raises(ValueError, match=message):
        validate_options("skip-validation-without-justification", {"justification_key": 3})


def test_forbid_must_be_a_boolean():
    with pytest.raises(ValueError, match=r"^option 'forbid' must be true or false$"):
        validate_options("skip-validation-not-allowed", {"forbid": "yes"})


# --- the check registry -----------------------------------------------------------------------


@pytest.fixture
def scratch_rule():
    yield "MP999"
    CHECKS.pop("MP999", None)
    VALIDATORS.pop("MP999", None)


def _no_violations(spec: Spec, options: dict[str, Any]):
    return iter(())


def _reject(options: dict[str, Any]) -> None:
    raise ValueError("rejected")


def test_a_check_registers_under_its_rule_id_once(scratch_rule):
    assert checks.check(scratch_rule)(_no_violations) is _no_violations
    assert CHECKS[scratch_rule] is _no_violations
    assert scratch_rule not in VALIDATORS
    with pytest.raises(ValueError, match=r"^two checks registered for MP999$"):
        checks.check(scratch_rule)(_no_violations)


def test_a_check_registers_its_options_validator(scratch_rule):
    checks.check(scratch_rule, validate=_reject)(_no_violations)
    assert VALIDATORS[scratch_rule] is _reject
    with pytest.raises(ValueError, match="rejected"):
        validate_options(scratch_rule, {})


# --- Checks that read every inference specification (checks._util.inference_specs) -------


def test_duplicate_hostnames_inside_an_additional_inference_specification(tmp_path):
    extra = (
        "AdditionalInferenceSpecifications:\n"
        "  - Name: neo\n"
        "    Containers:\n"
        "      - Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-pre:1.4.2\n"
        "        ContainerHostname: pre\n"
        "      - Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2\n"
        "        ContainerHostname: pre\n"
        f"        ModelDataUrl: {MODEL}\n"
        "    SupportedContentTypes: [text/csv]\n"
        "    SupportedResponseMIMETypes: [text/csv]\n"
    )
    [finding] = findings(tmp_path, VALID_VERSIONED + extra)
    assert finding["rule"] == "MP512"
    assert finding["message"] == (
        "ContainerHostname 'pre' is also the hostname of container 0; in an inference pipeline"
        " the hostname identifies each container, so it must be unique"
    )
    assert (finding["line"], finding["column"]) == (17, 28)


# --- checks._util.schema_accepts: a value the schema accepts reaches the rule checks ------


def test_an_empty_kms_key_passes_the_schema_and_is_no_key(tmp_path):
    """KmsKeyId has no minLength and its pattern accepts the empty string: MP420 judges it."""
    [finding] = findings(tmp_path, VALID_VERSIONED + 'SecurityConfig: {KmsKeyId: ""}\n')
    assert finding["rule"] == "MP420"
    assert finding["message"] == (
        "SecurityConfig.KmsKeyId '' is not a KMS key id (1234abcd-12ab-34cd-56ef-1234567890ab),"
        " key ARN, alias name (alias/Name) or alias ARN: no key has that name, so whatever uses"
        " it to encrypt fails"
    )
    assert (finding["line"], finding["column"]) == (11, 28)


def test_a_kms_arn_in_no_known_region(tmp_path):
    arn = "arn:aws:kms:zz-east-1:123456789012:alias/x"
    [finding] = findings(tmp_path, VALID_VERSIONED + f"SecurityConfig: {{KmsKeyId: '{arn}'}}\n")
    assert finding["message"] == (
        f"SecurityConfig.KmsKeyId '{arn}' names a region that is not known: 'zz-east-1' is not"
        " an AWS region known to botocore 1.43.11 (if AWS added it recently, upgrade botocore"
        " or pass --api-model)"
    )


def test_an_ecr_host_of_a_region_under_another_partitions_suffix(tmp_path):
    text = VALID_VERSIONED.replace(".amazonaws.com/churn", ".amazonaws.com.cn/churn")
    [finding] = findings(tmp_path, text)
    assert finding["message"] == (
        "InferenceSpecification.Containers[0].Image"
        " '123456789012.dkr.ecr.us-east-1.amazonaws.com.cn/churn:1.4.2' is not a valid Amazon"
        " ECR image URI: ECR hosts in us-east-1 have the form"
        " ACCOUNT.dkr.ecr.us-east-1.amazonaws.com"
    )


def test_an_s3_endpoint_names_a_known_region(tmp_path):
    url = "https://acme-models.s3.mars-1.amazonaws.com/churn/model.tar.gz"
    [finding] = findings(tmp_path, VALID_VERSIONED.replace(MODEL, url))
    assert finding["message"] == (
        f"InferenceSpecification.Containers[0].ModelDataUrl '{url}' is not a valid S3 URI: the"
        " host acme-models.s3.mars-1.amazonaws.com is not an Amazon S3 endpoint"
    )


def test_options_of_a_rule_without_a_check_are_refused_by_name():
    with pytest.raises(KeyError, match="no check is registered for the rule named 'nope'"):
        validate_options("nope", {})
