"""The condition examples documented in rules/README.md compile and mean what they say."""

from __future__ import annotations

import re

import yaml
from conftest import ROOT

from mplint.conditions import compile_rule
from mplint.model import Document, Spec


def documented_conditions() -> list[dict]:
    text = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    examples = blocks[-1].split("\n\n")  # the "Examples" block: one condition per paragraph
    return [yaml.safe_load(example) for example in examples]


def violations(condition: dict, data: dict) -> list[str]:
    entry = {k: v for k, v in condition.items() if k != "options"}
    rule = compile_rule(entry, condition.get("options", {}), summary="s")
    spec = Spec(data, Document(data, {}, {}))
    return [v.message for v in rule.check(spec)]


def test_every_documented_example_compiles_and_behaves():
    marketplace, skip, metadata, forbid, exclusive = documented_conditions()
    assert violations(marketplace, {"CertifyForMarketplace": True}) == [
        "s: ValidationSpecification is missing"
    ]
    assert violations(marketplace, {"CertifyForMarketplace": False}) == []
    assert violations(skip, {"SkipModelValidation": "All", "ModelPackageGroupName": "g"}) == [
        "s: ModelPackageGroupName 'g' matches no allowed pattern (none set)"
    ]
    assert violations(metadata, {"CustomerMetadataProperties": {"cost-center": "x"}}) == [
        "s: CustomerMetadataProperties.team is missing",
        "s: CustomerMetadataProperties.cost-center 'x' does not match CC-[0-9]{4}",
    ]
    assert violations(forbid, {}) == []
    assert violations(forbid, {"SkipModelValidation": "All"}) == ["s: SkipModelValidation is 'All'"]
    assert violations(exclusive, {"ModelPackageGroupName": "a"}) == []
    assert violations(exclusive, {"ModelPackageGroupName": "a", "ModelPackageName": "b"}) == [
        "s: ModelPackageGroupName is present and ModelPackageName is present"
    ]
