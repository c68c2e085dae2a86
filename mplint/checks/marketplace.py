"""AWS Marketplace: a package certified for listing must be validated."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mplint.checks import Violation, check
from mplint.checks._util import get, is_versioned
from mplint.model import Spec


@check("marketplace-without-validation")
def marketplace_without_validation(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    data = spec.data
    # On a versioned package CertifyForMarketplace does not apply at all (its own rule).
    certified = get(data, "CertifyForMarketplace") is True and not is_versioned(data)
    if certified and "ValidationSpecification" not in data:
        yield Violation(
            ("CertifyForMarketplace",),
            "CertifyForMarketplace is true but the spec has no ValidationSpecification:"
            " AWS Marketplace lists only packages that SageMaker has validated",
        )
    elif certified and get(data, "ValidationSpecification", "ValidationProfiles") == []:
        # the API model allows 0 to 1 profiles; with none, nothing is validated
        yield Violation(
            ("ValidationSpecification", "ValidationProfiles"),
            "CertifyForMarketplace is true but ValidationProfiles is empty: with no profile"
            " SageMaker runs no validation, and AWS Marketplace lists only validated packages",
            at_key=False,
        )
