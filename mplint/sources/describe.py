"""Saved DescribeModelPackage output, for auditing what is registered.

`aws sagemaker describe-model-package --model-package-name ARN > pkg.json` writes a mapping
with `ModelPackageArn` next to `ModelPackageStatus` or `CreationTime`; `aws sagemaker
batch-describe-model-package` writes `ModelPackageSummaries` (one summary per ARN); a list of
describe outputs (`jq -s`) is read too. The response members that CreateModelPackage does not
take (the package's ARN, status, version, times, ...) are understood and left out of the
request that the rules check; the audit rules (approved-without-validation, failed-status) read them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mplint.model import Document, Path, Spec
from mplint.sources import values

NAME = "describe"
SIGNATURES = ("ModelPackageArn",)

# Members of DescribeModelPackageOutput (and of BatchDescribeModelPackageSummary) that are
# not CreateModelPackage parameters (botocore's sagemaker model, 2017-07-24).
RESPONSE_ONLY = frozenset(
    {
        "ApprovalDescription",
        "CreatedBy",
        "CreationTime",
        "LastModifiedBy",
        "LastModifiedTime",
        "ModelPackageArn",
        "ModelPackageStatus",
        "ModelPackageStatusDetails",
        "ModelPackageVersion",
        "ResponseMetadata",  # boto3 adds it to every response
    }
)


def _is_description(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and "ModelPackageArn" in value
        and ("ModelPackageStatus" in value or "CreationTime" in value)
    )


def _is_batch(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("ModelPackageSummaries"), dict)


def matches(document: Document) -> bool:
    data = document.data
    if isinstance(data, list):
        return bool(data) and all(_is_description(item) or _is_batch(item) for item in data)
    return _is_description(data) or _is_batch(data)


def specs(document: Document) -> Iterator[Spec]:
    data = document.data
    if isinstance(data, list):
        for i, item in enumerate(data):
            yield from _specs(document, item, (i,))
    else:
        yield from _specs(document, data, ())


def _specs(document: Document, data: Any, root: Path) -> Iterator[Spec]:
    if _is_batch(data):
        for arn, summary in data["ModelPackageSummaries"].items():
            yield _spec(document, summary, root + ("ModelPackageSummaries", arn))
    elif isinstance(data, dict):
        yield _spec(document, data, root)


def _spec(document: Document, described: Any, root: Path) -> Spec:
    if not isinstance(described, dict):
        return Spec(described, document, root, "package", NAME)
    request = {key: value for key, value in described.items() if key not in RESPONSE_ONLY}
    if "ModelPackageVersion" in described or "ModelPackageGroupName" in described:
        # A versioned package is described with its group's name as ModelPackageName; the
        # request that created it named only the group.
        request.pop("ModelPackageName", None)
    return Spec(values.resolve(request), document, root, f"package {_name(described)}", NAME)


def _name(described: dict) -> str:
    arn = described.get("ModelPackageArn")
    if isinstance(arn, str) and "/" in arn:
        return arn.split("/", 1)[1]  # arn:aws:sagemaker:REGION:ACCOUNT:model-package/NAME[/V]
    name = described.get("ModelPackageName") or described.get("ModelPackageGroupName")
    return str(name) if name else "?"
