"""Regions: artifacts and images must be in the model package's region.

Only strings that reveal a region take part: ECR image hosts, S3 https endpoints with a
region, and a model-package-group ARN. s3:// URIs do not say where their bucket is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mplint.checks import Violation, check
from mplint.checks._aws import Image, S3Location, ecr_region, is_region, parse_arn, parse_s3_url
from mplint.checks._util import get, member, string_leaves
from mplint.checks.artifacts import S3_SHAPES
from mplint.checks.images import images
from mplint.model import Path, Spec


def _group_region(data: Any) -> str | None:
    value = get(data, "ModelPackageGroupName")
    arn = parse_arn(value) if isinstance(value, str) else None
    return arn.region if arn and is_region(arn.region) else None


def _regions(data: Any) -> Iterator[tuple[Path, str, str]]:
    """(path, region, what) for every string that reveals a region, in document order."""
    for path, _value, image in images(data):
        region = ecr_region(image.registry) if isinstance(image, Image) else None
        if region:
            yield path, region, "its ECR image"
    for path, value, _node in string_leaves(data, S3_SHAPES):
        location = parse_s3_url(value)
        if isinstance(location, S3Location) and location.region:
            yield path, location.region, "its S3 endpoint"


@check("region-mismatch")
def region_mismatch(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    data = spec.data
    anchor = _group_region(data)
    where = "the model package group ARN"
    found = list(_regions(data))
    if anchor is None:
        if not found:
            return
        first_path, anchor, _what = found[0]
        where = member(first_path)
    for path, region, what in found:
        if region != anchor:
            yield Violation(
                path,
                f"{member(path)} is in {region} ({what}) but {where} is in {anchor}; artifacts"
                " and images must be in the same region as the model package",
                at_key=False,
            )
