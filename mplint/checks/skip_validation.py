"""SkipModelValidation: when skipping validation contradicts the rest of the spec, and a
team's policy on skipping it at all."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from mplint.checks import Violation, check
from mplint.checks._util import get, is_unversioned, is_versioned, present
from mplint.model import Spec

_SKIP = ("SkipModelValidation",)


def _skips(data: Any) -> bool:
    return get(data, "SkipModelValidation") == "All"


@check("skip-validation-with-marketplace")
def skip_with_marketplace(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    data = spec.data
    # On a versioned package CertifyForMarketplace does not apply at all (its own rule).
    certified = get(data, "CertifyForMarketplace") is True
    if _skips(data) and certified and not is_versioned(data):
        yield Violation(
            _SKIP,
            "SkipModelValidation is All but CertifyForMarketplace is true: a package listed on"
            " AWS Marketplace must pass validation; set SkipModelValidation to None",
        )


@check("skip-validation-with-profiles")
def skip_with_validation_spec(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    data = spec.data
    if _skips(data) and present(data, "ValidationSpecification", dict):
        yield Violation(
            _SKIP,
            "SkipModelValidation is All, so the ValidationSpecification's profiles never run;"
            " remove one of the two",
        )


@check("skip-validation-when-approved")
def skip_when_approved(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    data = spec.data
    # On an unversioned package ModelApprovalStatus does not apply (its own rule).
    approved = get(data, "ModelApprovalStatus") == "Approved"
    if _skips(data) and approved and not is_unversioned(data):
        yield Violation(
            _SKIP,
            "SkipModelValidation is All on a package created as Approved: it becomes deployable"
            " without ever being validated; register it as PendingManualApproval or validate it",
        )


# -- policy -----------------------------------------------------------------------------


def _string_list(options: dict[str, Any], name: str) -> list[str]:
    value = options.get(name) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"option '{name}' must be a list of strings")
    return value


def _patterns(options: dict[str, Any]) -> list[re.Pattern[str]]:
    compiled = []
    for index, text in enumerate(_string_list(options, "allow_name_patterns")):
        try:
            compiled.append(re.compile(text))
        except re.error as exc:
            raise ValueError(
                f"option 'allow_name_patterns[{index}]' {text!r} is not a valid regular"
                f" expression: {exc}"
            ) from None
    return compiled


def validate_policy(options: dict[str, Any]) -> None:
    """Raise ValueError with a clear message when MP304's options cannot be used."""
    if not isinstance(options.get("forbid", False), bool):
        raise ValueError("option 'forbid' must be true or false")
    _string_list(options, "allow_groups")
    _patterns(options)


def _package_name(data: Any) -> str | None:
    """The group's name (also from a group ARN) or the unversioned package's name."""
    for key in ("ModelPackageGroupName", "ModelPackageName"):
        value = get(data, key)
        if isinstance(value, str):
            return value.rsplit("/", 1)[-1] if value.startswith("arn:") else value
    return None


@check("skip-validation-not-allowed", validate=validate_policy)
def skip_not_allowed(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    data = spec.data
    if not _skips(data):
        return
    if options.get("forbid"):
        yield Violation(_SKIP, "SkipModelValidation: All is forbidden by this project's policy")
        return
    groups = _string_list(options, "allow_groups")
    patterns = _patterns(options)
    if not groups and not patterns:
        return  # no allow-list configured: the policy allows All everywhere
    name = _package_name(data)
    if name is None:
        return  # the name is decided at deploy time; it cannot be judged here
    if name in groups or any(p.fullmatch(name) for p in patterns):
        return
    yield Violation(
        _SKIP,
        f"SkipModelValidation: All is not allowed for '{name}': this project's policy allows it"
        " only for the groups and name patterns listed in the options of MP304",
    )


def validate_justification(options: dict[str, Any]) -> None:
    key = options.get("justification_key", "")
    if not isinstance(key, str):
        raise ValueError("option 'justification_key' must be a string (a metadata key)")


@check("skip-validation-without-justification", validate=validate_justification)
def skip_unjustified(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    key = options.get("justification_key") or ""
    data = spec.data
    if not key or not isinstance(key, str) or not _skips(data):
        return
    if "CustomerMetadataProperties" not in data:
        yield Violation(
            _SKIP,
            f"SkipModelValidation is All without a justification: add CustomerMetadataProperties"
            f" with a '{key}' entry saying why validation is skipped",
        )
        return
    metadata = data["CustomerMetadataProperties"]
    if not isinstance(metadata, dict):
        return  # a deploy-time value, or a type error the schema reports
    if key not in metadata:
        yield Violation(
            ("CustomerMetadataProperties",),
            f"SkipModelValidation is All but CustomerMetadataProperties has no '{key}' entry"
            " saying why; this project's policy requires a justification",
        )
    elif isinstance(metadata[key], str) and metadata[key] and not metadata[key].strip():
        # an empty string is already a schema error (minLength); blanks pass the schema
        yield Violation(
            ("CustomerMetadataProperties", key),
            f"CustomerMetadataProperties.{key} is blank; it must say why validation is skipped",
            at_key=False,
        )
