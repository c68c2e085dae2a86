"""Versioned (ModelPackageGroupName) versus unversioned (ModelPackageName) packages.

The API accepts either kind through one request; which members apply depends on the kind,
and the model cannot say so. Unknown values count as present: a key decided at deploy time
still decides the kind.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mplint.checks import Violation, check
from mplint.checks._util import (
    containers,
    get,
    is_unversioned,
    is_versioned,
    kind_undecided,
    looks_like_request,
    present,
)
from mplint.model import Spec, Unknown

_INSTANCE_TYPE_LISTS = (
    "SupportedTransformInstanceTypes",
    "SupportedRealtimeInferenceInstanceTypes",
)


@check("missing-group-or-name")
def group_or_name_missing(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    # Not for CloudFormation or pipelines (the rule's `sources`): CloudFormation may name a
    # resource that has no name property, and a pipeline names the packages of its
    # RegisterModel steps when it runs. An empty request ({}, create_model_package()) names
    # neither too.
    if kind_undecided(spec.data) and (spec.data == {} or looks_like_request(spec.data)):
        yield Violation(
            (),
            "the spec names neither ModelPackageGroupName (a versioned package) nor"
            " ModelPackageName (an unversioned package); give exactly one",
        )


@check("both-group-and-name")
def group_and_name(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    data = spec.data
    if is_versioned(data) and present(data, "ModelPackageName", str):
        yield Violation(
            ("ModelPackageName",),
            "ModelPackageName does not apply to a versioned package (ModelPackageGroupName is"
            " set); keep ModelPackageGroupName for a version in a group, or ModelPackageName"
            " alone for an unversioned package",
        )


@check("tags-on-versioned-package")
def tags_on_versioned(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    # an empty list supplies no tag
    if is_versioned(spec.data) and present(spec.data, "Tags", list) and spec.data["Tags"] != []:
        tags = spec.data["Tags"]
        when = f" ({tags.when})" if isinstance(tags, Unknown) and tags.when else ""
        yield Violation(
            ("Tags",),
            f"Tags cannot be supplied with ModelPackageGroupName{when}: a versioned package uses"
            " the tags of its model package group; tag the group instead",
        )


@check("marketplace-on-versioned-package")
def marketplace_on_versioned(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    certified = get(spec.data, "CertifyForMarketplace") is True
    if is_versioned(spec.data) and certified:
        yield Violation(
            ("CertifyForMarketplace",),
            "CertifyForMarketplace does not apply to versioned packages (ModelPackageGroupName"
            " is set); only an unversioned package can be listed on AWS Marketplace",
        )


# What the SageMaker Python SDK sends on every request it builds (session.py,
# get_create_model_package_request): no one relies on it, so it is not reported.
SDK_DEFAULT_APPROVAL = "PendingManualApproval"


@check("approval-status-on-unversioned-package")
def approval_on_unversioned(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    if (
        is_unversioned(spec.data)
        and present(spec.data, "ModelApprovalStatus", str)
        and spec.data["ModelApprovalStatus"] != SDK_DEFAULT_APPROVAL
    ):
        yield Violation(
            ("ModelApprovalStatus",),
            "ModelApprovalStatus does not apply to unversioned packages (no"
            " ModelPackageGroupName); approval is a model registry feature of versioned packages",
        )


@check("unversioned-missing-instance-types")
def unversioned_instance_types(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    inference = get(spec.data, "InferenceSpecification")
    if not is_unversioned(spec.data) or not isinstance(inference, dict):
        return
    for name in _INSTANCE_TYPE_LISTS:
        if name not in inference:
            yield Violation(
                ("InferenceSpecification",),
                f"InferenceSpecification is missing {name}, which an unversioned package requires",
            )
        elif inference[name] == [] and name == "SupportedRealtimeInferenceInstanceTypes":
            # an empty SupportedTransformInstanceTypes is already a schema error (minItems)
            yield Violation(
                ("InferenceSpecification", name),
                f"InferenceSpecification.{name} is empty; an unversioned package requires at"
                " least one instance type",
                at_key=False,
            )


@check("source-uri-on-unversioned-package")
def source_uri_on_unversioned(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    if is_unversioned(spec.data) and present(spec.data, "SourceUri", str):
        yield Violation(
            ("SourceUri",),
            "the SageMaker Python SDK refuses SourceUri on an unversioned package (no"
            " ModelPackageGroupName; a client-side check, not documented by the API):"
            " register the package in a group to clone or link a source",
        )


@check("model-data-source-on-unversioned-package")
def model_data_source_on_unversioned(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    if not is_unversioned(spec.data):
        return
    for path, container in containers(spec.data):
        if present(container, "ModelDataSource", dict):
            yield Violation(
                path + ("ModelDataSource",),
                "the SageMaker Python SDK refuses ModelDataSource on an unversioned package (no"
                " ModelPackageGroupName; a client-side check, not documented by the API):"
                " use ModelDataUrl with a .tar.gz archive",
            )


@check("source-uri-with-inference-specification")
def source_uri_with_inference_specification(
    spec: Spec, options: dict[str, Any]
) -> Iterator[Violation]:
    if present(spec.data, "SourceUri", str) and present(spec.data, "InferenceSpecification", dict):
        yield Violation(
            ("SourceUri",),
            "SourceUri together with InferenceSpecification: the SageMaker Python SDK never"
            " sends both, because the service does not allow it (SDK source; the API reference"
            " does not say): with a model or model package ARN, leave InferenceSpecification"
            " out and SageMaker fills it from the source; otherwise register with"
            " InferenceSpecification, then set SourceUri with UpdateModelPackage",
        )
