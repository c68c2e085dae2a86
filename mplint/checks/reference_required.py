"""Members the boto3 API documentation of 2023-09-15 marked [REQUIRED] but today's API
model makes optional.

The model relaxed them when packages could take their containers from a SourceUri or be
registered as Logged; a Logged package needs neither, a registered one still needs them to
be deployable.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mplint.checks import Violation, check
from mplint.checks._util import containers, get, member
from mplint.model import Spec

_LISTS = ("SupportedContentTypes", "SupportedResponseMIMETypes")
_WHERE = (
    "the boto3 API documentation of 2023-09-15 marked it [REQUIRED]; today's API model does not"
)


def _logged(data: Any) -> bool:
    """A Logged package records a model; it is not registered for deployment."""
    return get(data, "ModelPackageRegistrationType") == "Logged"


@check("missing-container-image")
def image_missing(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    if _logged(spec.data):
        return
    for path, container in containers(spec.data):
        if "Image" not in container:
            yield Violation(
                path,
                f"{member(path)} has no Image, so a model cannot be deployed from it ({_WHERE})",
            )


@check("missing-content-types")
def content_types_missing(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    inference = get(spec.data, "InferenceSpecification")
    if not isinstance(inference, dict) or _logged(spec.data):
        return
    for name in _LISTS:
        if name not in inference:
            yield Violation(
                ("InferenceSpecification",),
                f"InferenceSpecification has no {name}, so consumers of the package cannot"
                f" know its data formats ({_WHERE})",
            )
