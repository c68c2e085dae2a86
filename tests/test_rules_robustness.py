"""Checks never crash: every member of a rich spec replaced by a deploy-time Unknown or by a
value of the wrong type, every check run on the result. The schema reports wrong types; a
check simply does not fire on them."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from mplint.catalogue import builtin
from mplint.checks import load_all
from mplint.model import Document, Spec, Unknown

# rule id -> check (checks register under their rule's name)
CHECKS = {builtin().by_name[name].id: check for name, check in load_all().items()}

RICH = yaml.safe_load("""
ModelPackageGroupName: arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn
ModelPackageName: churn-v2
ModelApprovalStatus: Approved
SkipModelValidation: All
CertifyForMarketplace: true
SourceUri: arn:aws:sagemaker:us-east-1:123456789012:model/churn
Task: classification
Domain: nlp
SamplePayloadUrl: s3://acme/payload/
SecurityConfig: {KmsKeyId: not-a-key}
CustomerMetadataProperties: {why: "  "}
Tags: [{Key: team, Value: a}, {Key: team, Value: b}]
InferenceSpecification:
  Containers:
    - Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn
      ContainerHostname: pre
      ModelDataUrl: https://acme.s3.eu-west-1.amazonaws.com/model/
      ModelDataSource:
        S3DataSource: {S3Uri: "s3://acme/llm", S3DataType: S3Prefix, CompressionType: Gzip}
      Environment: {A: "1", B: "2", C: "3", D: "4", E: "5", F: "6", G: "7", H: "8", I: "9",
                    J: "10", K: "11", L: "12", M: "13", N: "14", O: "15", P: "16", Q: "17"}
    - ModelDataUrl: s3://Bad_Bucket/x
  SupportedTransformInstanceTypes: [ml.m5.large]
  SupportedRealtimeInferenceInstanceTypes: []
AdditionalInferenceSpecifications:
  - {Name: a, Containers: [{Image: "xgboost:1"}, {Image: "docker.io/acme/x:1"}]}
  - {Name: a, Containers: [{Image: "12345.dkr.ecr.us-east-1.amazonaws.com/x:latest"}]}
ValidationSpecification:
  ValidationRole: arn:aws:iam::123456789012:role/V
  ValidationProfiles:
    - ProfileName: p
      TransformJobDefinition:
        MaxConcurrentTransforms: 50
        MaxPayloadInMB: 200
        TransformInput:
          DataSource:
            S3DataSource: {S3DataType: AugmentedManifestFile, S3Uri: "s3://acme/in"}
        TransformOutput: {S3OutputPath: "s3://acme/out/", KmsKeyId: key}
        TransformResources: {InstanceType: ml.g5.xlarge, InstanceCount: 500, VolumeKmsKeyId: k}
ModelCard: {ModelCardStatus: Draft, ModelCardContent: "model_overview: x"}
SourceAlgorithmSpecification:
  SourceAlgorithms:
    - {AlgorithmName: "arn:aws:sagemaker:us-east-1:123456789012:model/x", ModelDataUrl: "s3://a/b.zip"}
""")
# The same spec without its group: an unversioned package, where other rules apply.
UNVERSIONED = {k: v for k, v in RICH.items() if k != "ModelPackageGroupName"}
REPLACEMENTS = [Unknown("${param}"), None, 0, True, 1.5, "text", [], {}, ["x"], {"k": "v"}]
OPTIONS = {
    "MP304": {"forbid": False, "allow_groups": ["x"], "allow_name_patterns": ["y.*"]},
    "MP305": {"justification_key": "why"},
}


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, prefix + (index,))
    return found


def replaced(path: tuple, new: Any, base: Any = RICH) -> Any:
    if not path:
        return new
    data = copy.deepcopy(base)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = new
    return data


def run_all(data: Any) -> int:
    spec = Spec(data, Document(data, {}, {}))
    return sum(len(list(check(spec, OPTIONS.get(rule, {})))) for rule, check in CHECKS.items())


def fired(data: Any) -> set[str]:
    spec = Spec(data, Document(data, {}, {}))
    return {rule for rule, check in CHECKS.items() if list(check(spec, OPTIONS.get(rule, {})))}


def test_the_rich_specs_fire_almost_every_rule() -> None:
    """So that the replacements below exercise the checks' code, not their early exits."""
    semantic = {rule for rule in CHECKS if rule[:3] in ("MP2", "MP3", "MP4", "MP5", "MP6")}
    missed = semantic - fired(RICH) - fired(UNVERSIONED)
    # these exclude rules the spec shows: no group or name at all, no ValidationSpecification,
    # an S3Prefix validation input, a payload within 100 MB
    assert missed <= {"MP210", "MP310", "MP404", "MP504"}, sorted(missed)


@pytest.mark.parametrize("new", REPLACEMENTS, ids=repr)
@pytest.mark.parametrize("base", [RICH, UNVERSIONED], ids=["versioned", "unversioned"])
def test_no_check_crashes_on_any_replacement(base: Any, new: Any) -> None:
    for path in paths(base):
        run_all(replaced(path, new, base))


def test_unknown_values_do_not_fire() -> None:
    """An Unknown where a literal would stand is skipped: replacing a fired-upon value by
    Unknown never adds findings."""
    base = run_all(RICH)
    for path in paths(RICH):
        if path:
            assert run_all(replaced(path, Unknown("x"))) <= base, path
