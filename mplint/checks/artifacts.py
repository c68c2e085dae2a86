"""Artifacts: model data, sample payloads and the S3 URIs that locate them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mplint.checks import Violation, check
from mplint.checks._aws import (
    S3Location,
    bucket_problem,
    legacy_bucket,
    legacy_features,
    parse_s3_url,
)
from mplint.checks._util import (
    get,
    inference_specs,
    member,
    profiles,
    quote,
    string_leaves,
)
from mplint.model import Path, Spec

# The schema shapes of every S3 location in the request.
S3_SHAPES = frozenset({"Url", "S3Uri", "S3ModelUri"})
_ARCHIVE = ".tar.gz"


def _archive_members(data: Any) -> Iterator[tuple[Path, str]]:
    """ModelDataUrl of every container and source algorithm, and SamplePayloadUrl."""
    for path, value, _node in string_leaves(data, S3_SHAPES):
        if path[-1] == "ModelDataUrl" or path == ("SamplePayloadUrl",):
            yield path, value


@check("artifact-not-tar-gz")
def not_a_tar_gz(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, value in _archive_members(spec.data):
        location = parse_s3_url(value)
        if not isinstance(location, S3Location):
            continue  # invalid-s3-uri reports a URL that is not an S3 location
        key = location.key
        if key.endswith(_ARCHIVE):
            continue
        if not key or key.endswith("/"):
            problem = "points at a folder (a key prefix), not at a single archive"
        elif key.endswith((".tgz", ".tar", ".gz", ".zip")):
            problem = f"ends with '{key[key.rindex('.') :]}', not '{_ARCHIVE}'"
        else:
            problem = f"does not end with '{_ARCHIVE}'"
        yield Violation(
            path,
            f"{member(path)} {quote(value)} {problem}; it must point to a single gzip compressed"
            f" tar archive ({_ARCHIVE})",
            at_key=False,
        )


@check("invalid-s3-uri")
def invalid_s3_uri(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, value, _node in string_leaves(spec.data, S3_SHAPES):
        location = parse_s3_url(value)
        if isinstance(location, str):
            problem = location
        else:
            reason = bucket_problem(location.bucket)
            if reason is None or legacy_bucket(location.bucket):
                continue  # a legacy us-east-1 name is MP405's
            problem = (
                f"the bucket name '{location.bucket}' is invalid: {reason}; no bucket can have"
                " it, so the package fails when SageMaker reads this location"
            )
        yield Violation(
            path, f"{member(path)} {quote(value)} is not a valid S3 URI: {problem}", at_key=False
        )


@check("legacy-bucket-name")
def legacy_bucket_name(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, value, _node in string_leaves(spec.data, S3_SHAPES):
        location = parse_s3_url(value)
        if isinstance(location, S3Location) and legacy_bucket(location.bucket):
            yield Violation(
                path,
                f"{member(path)} {quote(value)} names the bucket '{location.bucket}', which has"
                f" {legacy_features(location.bucket)}; only a bucket"
                " created in us-east-1 before March 1, 2018 can have such a name: check that it"
                " exists, then suppress this finding for it",
                at_key=False,
            )


def _prefix_sources(data: Any) -> Iterator[tuple[Path, dict]]:
    """Every S3ModelDataSource (ModelDataSource and AdditionalModelDataSources)."""
    for path, _value, _node in string_leaves(data, frozenset({"S3ModelDataType"})):
        parent = get(data, *path[:-1])
        if isinstance(parent, dict):
            yield path[:-1], parent


@check("model-data-prefix-without-slash")
def model_prefix_without_slash(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, source in _prefix_sources(spec.data):
        uri = source.get("S3Uri")
        if source.get("S3DataType") == "S3Prefix" and isinstance(uri, str) and _no_slash(uri):
            yield Violation(
                path + ("S3Uri",),
                f"{member(path + ('S3Uri',))} {quote(uri)} is an S3Prefix but does not end"
                " with '/'; a valid key name prefix always ends with a forward slash",
                at_key=False,
            )


@check("validation-prefix-without-slash")
def transform_prefix_without_slash(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, job in profiles(spec.data):
        where = path + ("TransformInput", "DataSource", "S3DataSource")
        source = get(job, *where[len(path) :])
        uri = get(source, "S3Uri")
        if get(source, "S3DataType") == "S3Prefix" and isinstance(uri, str) and _no_slash(uri):
            yield Violation(
                where + ("S3Uri",),
                f"the validation input {quote(uri)} is an S3Prefix without a trailing '/': it"
                " also matches every key that merely starts with the same characters",
                at_key=False,
            )


def _no_slash(uri: str) -> bool:
    """A well-formed S3 URI with a key that does not end in '/' (bucket roots excepted)."""
    location = parse_s3_url(uri)
    return (
        isinstance(location, S3Location) and bool(location.key) and not location.key.endswith("/")
    )


@check("model-data-source-with-batch-transform")
def model_data_source_with_batch_transform(
    spec: Spec, options: dict[str, Any]
) -> Iterator[Violation]:
    for path, inference in inference_specs(spec.data):
        transform = inference.get("SupportedTransformInstanceTypes")
        if not isinstance(transform, list) or not transform:
            continue
        items = inference.get("Containers")
        for index, container in enumerate(items if isinstance(items, list) else []):
            if isinstance(container, dict) and "ModelDataSource" in container:
                where = path + ("Containers", index, "ModelDataSource")
                yield Violation(
                    where,
                    f"{member(where)} cannot be used with batch transform, yet"
                    f" {member(path + ('SupportedTransformInstanceTypes',))} offers the package"
                    " for transform jobs, which will fail: use ModelDataUrl (a .tar.gz) or drop"
                    " SupportedTransformInstanceTypes",
                )


@check("model-data-prefix-with-gzip")
def prefix_with_gzip(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, source in _prefix_sources(spec.data):
        if source.get("S3DataType") == "S3Prefix" and source.get("CompressionType") == "Gzip":
            yield Violation(
                path + ("CompressionType",),
                f"{member(path)} combines S3DataType S3Prefix with CompressionType Gzip, which"
                " the API documents no meaning for (Gzip goes with S3Object, a single .tar.gz;"
                " S3Prefix with None, uncompressed files)",
                at_key=False,
            )
