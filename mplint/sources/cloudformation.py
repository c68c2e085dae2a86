"""CloudFormation templates: the Properties of every AWS::SageMaker::ModelPackage resource.

Recognised by a top-level `Resources` mapping whose entries have a `Type` (YAML or JSON,
SAM and CDK output included). Intrinsic functions are decided when the stack deploys and
become Unknown values: the YAML short forms (`!Ref`, `!Sub`, `!GetAtt`, `!If`, `!Join`, ...)
and the long forms (`{"Ref": ...}`, `{"Fn::Sub": ...}`, ...). Properties that exist only in
the CloudFormation resource (its read-only attributes and `AdditionalInferenceSpecifications-
ToAdd`, `ApprovalDescription`, ...) are understood and left out of the request.

`Fn::If` is evaluated branch by branch, as cfn-lint does: a property whose every branch is
`AWS::NoValue` is absent, and one that only some branches give is an Unknown that names the
condition under which it is given (rules name it in their messages).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from mplint.model import Document, Path, Spec, Unknown
from mplint.sources import values

NAME = "cloudformation"
RESOURCE_TYPE = "AWS::SageMaker::ModelPackage"
SIGNATURES = (RESOURCE_TYPE,)

# The resource's properties that CreateModelPackage does not have (CloudFormation template
# reference for AWS::SageMaker::ModelPackage): writable ones CloudFormation passes to other
# calls (UpdateModelPackage), and the read-only attributes of Fn::GetAtt.
CLOUDFORMATION_ONLY = frozenset(
    {
        "AdditionalInferenceSpecificationsToAdd",
        "ApprovalDescription",
        "LastModifiedTime",
        "ModelPackageStatusDetails",
        "ModelPackageVersion",
        # read-only (Fn::GetAtt) attributes
        "CreationTime",
        "ModelPackageArn",
        "ModelPackageStatus",
    }
)

INTRINSIC_TAGS = frozenset(
    "!" + name
    for name in (
        "Ref", "Sub", "GetAtt", "Join", "If", "Select", "Split", "FindInMap", "ImportValue",
        "Base64", "Cidr", "GetAZs", "Equals", "And", "Or", "Not", "Condition", "Transform",
        "ToJsonString", "Length", "ForEach",
    )
)  # fmt: skip


def matches(document: Document) -> bool:
    data = document.data
    if not isinstance(data, dict):
        return False
    resources = data.get("Resources")
    return isinstance(resources, dict) and any(
        isinstance(resource, dict) and isinstance(resource.get("Type"), str)
        for resource in resources.values()
    )


def is_intrinsic(value: Any) -> bool:
    """`{"Ref": ...}` or `{"Fn::...": ...}` (the long forms)."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    (key,) = value
    return isinstance(key, str) and (key == "Ref" or key.startswith("Fn::"))


def specs(document: Document) -> Iterator[Spec]:
    resources = document.data.get("Resources") if isinstance(document.data, dict) else None
    if not isinstance(resources, dict):
        return
    for name, resource in resources.items():
        if not isinstance(resource, dict) or resource.get("Type") != RESOURCE_TYPE:
            continue
        root: Path = ("Resources", name, "Properties")
        properties = resource.get("Properties")
        if properties is None:
            properties = {}  # a resource with no properties is an empty request

        def resolver(value: Any, at: Path, root: Path = root) -> Any:
            return _resolve_intrinsic(document, value, root + at)

        data = values.resolve(properties, (), resolver)
        if data is values.ABSENT:
            data = {}  # Properties: AWS::NoValue in every branch
        if isinstance(data, Unknown):
            continue  # Properties: !If [...]: decided at deploy time, nothing to check
        if isinstance(data, dict):
            data = {key: item for key, item in data.items() if key not in CLOUDFORMATION_ONLY}
        yield Spec(data, document, root, f"resource {name}", NAME)


_NO_VALUE = "AWS::NoValue"


def _is_no_value(document: Document, value: Any, path: Path) -> bool:
    """`!Ref AWS::NoValue` or `{"Ref": "AWS::NoValue"}`."""
    if value == {"Ref": _NO_VALUE}:
        return True
    return document.tags.get(path) == "!Ref" and value == _NO_VALUE


def _branches(document: Document, value: Any, path: Path) -> tuple[str, Path, list] | None:
    """(condition, path of the branch list, [when true, when false]) of an Fn::If."""
    if document.tags.get(path) == "!If":
        items, at = value, path
    elif isinstance(value, dict) and len(value) == 1 and "Fn::If" in value:
        items, at = value["Fn::If"], path + ("Fn::If",)
    else:
        return None
    if not (isinstance(items, list) and len(items) == 3 and isinstance(items[0], str)):
        return None
    return items[0], at, items[1:]


def _if(document: Document, value: Any, path: Path) -> Any:
    """What an Fn::If is, branch by branch; None when it is not one."""
    found = _branches(document, value, path)
    if found is None:
        return None
    condition, at, branches = found
    given = [not _is_no_value(document, branch, at + (i + 1,)) for i, branch in enumerate(branches)]
    if not any(given):
        return values.ABSENT  # no branch gives a value: the property is not sent
    shown = json.dumps(value, separators=(",", ":"), default=str)
    if all(given):
        return Unknown(f"!If {shown}")
    return Unknown(f"!If {shown}", f"when condition {condition} is {str(given[0]).lower()}")


def _resolve_intrinsic(document: Document, value: Any, path: Path) -> Any:
    branched = _if(document, value, path)
    if branched is not None:
        return branched
    tag = document.tags.get(path)
    if tag in INTRINSIC_TAGS:
        shown = value if isinstance(value, str) else json.dumps(value, default=str)
        return Unknown(f"{tag} {shown}")
    if is_intrinsic(value):
        return Unknown(json.dumps(value, separators=(",", ":"), default=str))
    if isinstance(value, dict) and "Fn::Transform" in value:
        # An AWS::Include snippet (or another macro) merges keys into this mapping when the
        # stack deploys: what the mapping holds is known only then.
        return Unknown(json.dumps(value, separators=(",", ":"), default=str))
    return None
