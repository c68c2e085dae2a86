"""Members the API reference marks [REQUIRED] but today's API model makes optional.

The model relaxed them when packages could take their containers from a SourceUri or be
registered as Logged; a spec that does neither still needs them to be deployable.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mplint.checks import Violation, check
from mplint.checks._util import containers, get, member
from mplint.model import Spec

_LISTS = ("SupportedContentTypes", "SupportedResponseMIMETypes")


@check("MP610")
def image_missing(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, container in containers(spec.data):
        if "Image" not in container:
            yield Violation(
                path,
                f"{member(path)} has no Image; the API reference marks Image as required (the"
                " current API model does not)",
            )


@check("MP611")
def content_types_missing(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    inference = get(spec.data, "InferenceSpecification")
    if not isinstance(inference, dict):
        return
    for name in _LISTS:
        if name not in inference:
            yield Violation(
                ("InferenceSpecification",),
                f"InferenceSpecification has no {name}; the API reference marks it as required"
                " (the current API model does not)",
            )
