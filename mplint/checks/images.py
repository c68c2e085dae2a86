"""Container images: the path format SageMaker accepts, ECR hosts, pinned versions.

ImageDigest and ContentDigest (sha256: plus 64 hex digits) are full-match patterns of the
generated schema (pattern-mismatch) and are not repeated here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mplint.checks import Violation, check
from mplint.checks._aws import Image, claims_ecr, ecr_problem, parse_image
from mplint.checks._util import member, quote, string_leaves
from mplint.model import Path, Spec


def images(data: Any) -> Iterator[tuple[Path, str, Image | str]]:
    """Every container Image the schema accepts, parsed (or the reason it does not parse)."""
    for path, value, _node in string_leaves(data, frozenset({"ContainerImage"})):
        yield path, value, parse_image(value)


@check("invalid-image-uri")
def invalid_image(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, value, image in images(spec.data):
        if isinstance(image, str):
            yield Violation(
                path,
                f"{member(path)} {quote(value)} is not a valid image path: {image}; SageMaker"
                " cannot pull it, so models created from the package fail",
                at_key=False,
            )  # fmt: skip


@check("invalid-ecr-image-uri")
def invalid_ecr_host(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, value, image in images(spec.data):
        if isinstance(image, Image) and claims_ecr(image.registry):
            problem = ecr_problem(image.registry)
            if problem:
                yield Violation(
                    path,
                    f"{member(path)} {quote(value)} is not a valid Amazon ECR image URI: {problem}",
                    at_key=False,
                )


@check("unpinned-image")
def unpinned_image(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, value, image in images(spec.data):
        if not isinstance(image, Image) or image.digest:
            continue
        if image.tag is None:
            problem = "has no tag, so it means :latest"
        elif image.tag == "latest":
            problem = "uses the tag :latest"
        else:
            continue
        yield Violation(
            path,
            f"{member(path)} {quote(value)} {problem}, a tag that moves: SageMaker resolves a"
            " tag to a digest when each endpoint is created, so deployments of this package"
            " made at different times can run different images; pin a version tag or a digest"
            " (@sha256:...) (a reproducibility practice, not an AWS rule)",
            at_key=False,
        )


@check("image-outside-ecr")
def image_outside_ecr(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, value, image in images(spec.data):
        if not isinstance(image, Image) or claims_ecr(image.registry):
            continue  # MP410 or MP411 say what is wrong; an ECR host is fine
        public = image.registry.lower() == "public.ecr.aws"
        what = " (Amazon ECR Public, not a private ECR registry)" if public else ""
        yield Violation(
            path,
            f"{member(path)} {quote(value)} is not in Amazon ECR{what}: a model package's Image"
            " is the Amazon ECR path of the inference code, and a model package container"
            " has no ImageConfig for a private registry; push the image to ECR",
            at_key=False,
        )
