"""Validation profiles: the batch transform job SageMaker runs to validate the package."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mplint.checks import Violation, check
from mplint.checks._util import get, profiles, schema_node
from mplint.model import Spec

_COMPATIBLE_DATA_TYPES = ("ManifestFile", "S3Prefix")


@check("incompatible-validation-data-type")
def incompatible_data_type(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, job in profiles(spec.data):
        where = ("TransformInput", "DataSource", "S3DataSource", "S3DataType")
        value = get(job, *where)
        # values outside the API's enum are schema errors (invalid-enum-value); only valid ones get here
        if (
            isinstance(value, str)
            and value in _enum(path + where)
            and value not in _COMPATIBLE_DATA_TYPES
        ):
            yield Violation(
                path + where,
                f"S3DataType {value} cannot be used in a validation profile; use S3Prefix or"
                " ManifestFile",
                at_key=False,
            )


def _enum(path: tuple) -> list[str]:
    node = schema_node(path)
    return list(node.get("enum", [])) if node else []


@check("validation-instance-type-not-supported")
def instance_type_not_supported(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    supported = get(spec.data, "InferenceSpecification", "SupportedTransformInstanceTypes")
    if not isinstance(supported, list) or not supported:
        return
    if not all(isinstance(item, str) for item in supported):
        return  # a deploy-time entry could be anything
    for path, job in profiles(spec.data):
        where = ("TransformResources", "InstanceType")
        value = get(job, *where)
        if isinstance(value, str) and value not in supported:
            yield Violation(
                path + where,
                f"the validation profile runs on {value}, which is not among"
                f" InferenceSpecification.SupportedTransformInstanceTypes ({', '.join(supported)})",
                at_key=False,
            )


# Transform instance families whose instances have local (NVMe SSD) instance storage, among
# the values of TransformInstanceType (botocore 1.43.11): g4dn, g5, g6 and trn1 (Amazon EC2
# instance types, "Instance storage").
LOCAL_STORAGE_FAMILIES = ("g4dn", "g5", "g6", "trn1")


@check("volume-kms-key-on-local-storage")
def volume_key_on_local_storage(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, job in profiles(spec.data):
        resources = get(job, "TransformResources")
        instance = get(resources, "InstanceType")
        # a key decided at deploy time is still requested
        if not isinstance(instance, str) or "VolumeKmsKeyId" not in resources:
            continue
        parts = instance.split(".")
        if len(parts) == 3 and parts[1] in LOCAL_STORAGE_FAMILIES:
            yield Violation(
                path + ("TransformResources", "VolumeKmsKeyId"),
                f"VolumeKmsKeyId cannot be requested on {instance}, an instance type with local"
                " instance storage (encrypted by the instance's hardware module): remove it, or"
                " use an instance type without local storage",
            )
