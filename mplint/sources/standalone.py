"""A standalone spec: the whole document is the CreateModelPackage request.

Recognised (during directory scans) by a top-level mapping with at least one key that only a
model package request has, compared case-insensitively so that a misspelt key still counts.
"""

from __future__ import annotations

from collections.abc import Iterator

from mplint.model import Document, Spec
from mplint.sources import values

NAME = "spec"
SIGNATURES = (
    "InferenceSpecification",
    "ModelPackageGroupName",
    "ModelPackageName",
    "SourceAlgorithmSpecification",
)
_SIGNATURE_KEYS = {key.lower() for key in SIGNATURES}


def matches(document: Document) -> bool:
    data = document.data
    return isinstance(data, dict) and any(
        isinstance(key, str) and key.lower() in _SIGNATURE_KEYS for key in data
    )


def specs(document: Document) -> Iterator[Spec]:
    data = document.data
    if isinstance(data, dict) and values.has_placeholder(data):  # `${GROUP}`: rendered later
        data = values.resolve(data)
    yield Spec(data, document, source=NAME)
