"""Files that share keys with a CreateModelPackage request but are something else.

A directory scan (or a file named on the command line) may meet them next to real specs:
the output of other SageMaker calls saved as JSON, an UpdateModelPackage request, the
SageMaker Python SDK's configuration file. Checking them as requests would only report
keys that CreateModelPackage does not take, so they are recognised and skipped, with the
reason shown by `--verbose`.
"""

from __future__ import annotations

from typing import Any

# Members of UpdateModelPackageInput (botocore's sagemaker model, 1.43.11; pinned by
# tests/test_known_files.py against the installed botocore).
UPDATE_MEMBERS = frozenset(
    {
        "ModelPackageArn",
        "ModelApprovalStatus",
        "ModelPackageRegistrationType",
        "ApprovalDescription",
        "CustomerMetadataProperties",
        "CustomerMetadataPropertiesToRemove",
        "AdditionalInferenceSpecificationsToAdd",
        "InferenceSpecification",
        "SourceUri",
        "ModelCard",
        "ModelLifeCycle",
        "ClientToken",
    }
)
# What only a DescribeModelPackage response has (sources/describe.py reads those).
_DESCRIBED = ("ModelPackageStatus", "CreationTime")


def identify(data: Any) -> str | None:
    """What the document is, when it is one of the known non-request files."""
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("ModelPackageSummaryList"), list):
        return "output of list-model-packages (ListModelPackages), not a request"
    if isinstance(data.get("ModelPackageGroupSummaryList"), list):
        return "output of list-model-package-groups (ListModelPackageGroups), not a request"
    if "ModelPackageGroupArn" in data and (
        "ModelPackageGroupStatus" in data or "CreationTime" in data
    ):
        return "output of describe-model-package-group (DescribeModelPackageGroup), not a request"
    if "SchemaVersion" in data and isinstance(data.get("SageMaker"), dict):
        return "the SageMaker Python SDK's configuration file (defaults), not a request"
    if (
        "ModelPackageArn" in data
        and not any(key in data for key in _DESCRIBED)
        and all(key in UPDATE_MEMBERS for key in data)
    ):
        return "an UpdateModelPackage request (ModelPackageArn), not a CreateModelPackage request"
    return None
