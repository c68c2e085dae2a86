"""Limits that the API reference states but the API model does not encode.

Covered by the schema and therefore not repeated here: at most 100 container Environment
entries, Environment key patterns and key/value lengths (value-too-long, too-many-items,
invalid-map-key), at most 16 transform Environment entries (too-many-items), InstanceCount
>= 1 (number-out-of-range).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mplint.checks import Violation, check
from mplint.checks._util import containers, get, is_int, profiles
from mplint.model import Spec

SUPPORTED_ENVIRONMENT_ENTRIES = 16
MODEL_ENVIRONMENT_ENTRIES = 100  # beyond this the schema reports too-many-items
MAX_INSTANCE_COUNT = 100
MAX_PAYLOAD_MB = 100


@check("too-many-environment-entries")
def environment_entries(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, container in containers(spec.data):
        environment = container.get("Environment")
        if isinstance(environment, dict):
            count = len(environment)
            if SUPPORTED_ENVIRONMENT_ENTRIES < count <= MODEL_ENVIRONMENT_ENTRIES:
                yield Violation(
                    path + ("Environment",),
                    f"Environment has {count} entries; SageMaker supports up to"
                    f" {SUPPORTED_ENVIRONMENT_ENTRIES}",
                )


@check("instance-count-too-high")
def instance_count(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, job in profiles(spec.data):
        value = get(job, "TransformResources", "InstanceCount")
        if is_int(value) and value > MAX_INSTANCE_COUNT:
            yield Violation(
                path + ("TransformResources", "InstanceCount"),
                f"InstanceCount is {value}; a transform job runs on at most"
                f" {MAX_INSTANCE_COUNT} instances",
                at_key=False,
            )


@check("payload-too-large")
def max_payload(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, job in profiles(spec.data):
        value = get(job, "MaxPayloadInMB")
        if is_int(value) and value > MAX_PAYLOAD_MB:
            yield Violation(
                path + ("MaxPayloadInMB",),
                f"MaxPayloadInMB is {value}; it cannot be greater than {MAX_PAYLOAD_MB} MB",
                at_key=False,
            )


@check("concurrent-payload-too-large")
def concurrent_payload(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, job in profiles(spec.data):
        payload, concurrent = get(job, "MaxPayloadInMB"), get(job, "MaxConcurrentTransforms")
        if not (is_int(payload) and is_int(concurrent)) or payload > MAX_PAYLOAD_MB:
            continue  # a payload over the limit on its own is payload-too-large's finding
        if concurrent * payload > MAX_PAYLOAD_MB:
            yield Violation(
                path + ("MaxConcurrentTransforms",),
                f"MaxConcurrentTransforms x MaxPayloadInMB is {concurrent} x {payload} ="
                f" {concurrent * payload} MB; it cannot exceed {MAX_PAYLOAD_MB} MB",
            )
