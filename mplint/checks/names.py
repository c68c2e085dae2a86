"""Names: what the ArnOrName pattern lets through but the API does not mean.

The name formats themselves (1-63 letters, digits and hyphens, ModelPackageName,
ProfileName, AdditionalInferenceSpecifications[].Name) are full-match patterns of the
generated schema, reported by value-too-long, value-too-short and pattern-mismatch;
repeating them here would report one defect twice. The schema's ARN pattern accepts any SageMaker resource type, so this module checks
that an ARN names the kind of resource the member refers to.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mplint.checks import Violation, check
from mplint.checks._aws import parse_arn
from mplint.checks._util import member, quote, string_leaves
from mplint.model import Spec

# member name -> the ARN resource type it must name
_EXPECTED_TYPE = {
    "ModelPackageGroupName": "model-package-group",
    "AlgorithmName": "algorithm",
}


@check("wrong-arn-resource-type")
def arn_resource_type(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, value, _node in string_leaves(spec.data, frozenset({"ArnOrName"})):
        expected = _EXPECTED_TYPE.get(str(path[-1]))
        arn = parse_arn(value)
        if expected is None or arn is None or arn.resource_type == expected:
            continue
        found = (
            f"a '{arn.resource_type}' ARN"
            if arn.resource_type
            else "an ARN without a resource type"
        )
        yield Violation(
            path,
            f"{member(path)} {quote(value)} is {found}; it must be a name or the ARN of"
            f" a {expected} (arn:aws:sagemaker:REGION:ACCOUNT:{expected}/NAME)",
            at_key=False,
        )
