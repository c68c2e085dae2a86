"""The rule registry: every finding is reported under its rule entry (by a kind or by the
rule's name), and which rule wins a defect is data on the entries (`sources`,
`supersedes`), applied by the engine."""

from __future__ import annotations

import json

import pytest
from conftest import run_mplint

from mplint.catalogue import Catalogue, CatalogueError, builtin, rules_from_file
from mplint.config import Settings
from mplint.engine import Linter
from mplint.model import Kind

PIPELINE = {
    "Version": "2020-12-01",
    "Steps": [
        {
            "Name": "RegisterChurn",
            "Type": "RegisterModel",
            "Arguments": {
                "ModelPackageGroupName": "churn",
                "CertifyForMarketplace": True,
                "InferenceSpecification": {
                    "Containers": [{"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/c:1"}],
                    "SupportedContentTypes": ["text/csv"],
                    "SupportedResponseMIMETypes": ["text/csv"],
                },
            },
        }
    ],
}


def _rules(text: str, name: str, *args: str) -> list[str]:
    linter = Linter(Settings())
    if args:
        from mplint.config import Selection

        settings = Settings(cli=Selection(None, [], list(args)))
        linter = Linter(settings)
    return [f.rule for f in linter.check_text(text, name, explicit=True).findings]


def test_a_source_specific_rule_supersedes_the_general_one():
    """CertifyForMarketplace in a pipeline step: the pipeline rule (MP701) says it, and the
    rule about versioned packages (MP213) gives way, as its entry's `supersedes` says."""
    text = json.dumps(PIPELINE, indent=1)
    assert "MP213" in builtin().supersedes["MP701"]
    rules = _rules(text, "pipeline.json")
    assert "MP701" in rules and "MP213" not in rules
    # Without the pipeline rule the defect still gets its one finding, from the general rule.
    assert "MP213" in _rules(text, "pipeline.json", "MP701")


def test_the_general_rule_still_reports_outside_the_source():
    text = "ModelPackageGroupName: churn\nCertifyForMarketplace: true\n"
    assert "MP213" in _rules(text, "spec.yaml")


def test_a_rule_checks_only_the_sources_its_entry_names():
    linter = Linter(Settings())
    names = {linter.catalogue.rules[rule].name for rule, _ in linter.checks_for("spec")}
    assert "pipeline-rejected-argument" not in names  # sources: [pipeline]
    assert "missing-group-or-name" in names
    cloudformation = {rule for rule, _ in linter.checks_for("cloudformation")}
    assert "MP210" not in cloudformation and "MP211" in cloudformation


def test_a_template_gives_one_finding_instead_of_its_syntax_errors():
    text = "ModelPackageGroupName: {{ group }}\n"  # the syntax error is at the template
    assert _rules(text, "spec.yaml") == ["MP705"]
    assert "MP001" in _rules(text, "spec.yaml", "MP705")


def test_kinds_and_checks_resolve_to_rule_ids():
    linter = Linter(Settings())
    assert linter.rule_ids[Kind.INTERNAL_ERROR] == "MP000"
    assert linter.rule_ids[Kind.UNKNOWN_KEY] == "MP101"
    assert {linter.catalogue.rules[rule].name for rule in linter.checks} >= {
        "both-group-and-name",
        "pipeline-rejected-argument",
    }


def test_a_pack_cannot_name_an_unknown_source_or_supersede_an_unknown_rule(tmp_path):
    base = (
        "rules:\n  - id: TEAM001\n    name: team-rule\n    level: error\n"
        "    summary: s\n    explanation: e\n    require: {path: ModelPackageGroupName, present: true}\n"
    )
    pack = tmp_path / "pack.yaml"
    pack.write_text(base + "    sources: [terraform]\n")
    with pytest.raises(CatalogueError, match=r"pack\.yaml:8:14: unknown source 'terraform'"):
        rules_from_file(pack, pack=True)
    pack.write_text(base + "    supersedes: [no-such-rule]\n")
    rules = rules_from_file(pack, pack=True)
    with pytest.raises(CatalogueError, match="supersedes 'no-such-rule', which is not a rule"):
        Catalogue(list(builtin().rules.values()) + rules)


def test_junit_names_the_rule_of_a_file_that_could_not_be_checked(tmp_path):
    """A file over --max-file-size is MP008 (too-complex) in JUnit too, not MP007."""
    spec = tmp_path / "spec.yaml"
    spec.write_text("ModelPackageGroupName: churn\n")
    result = run_mplint("check", str(spec), "--max-file-size", "10", "-f", "junit")
    assert result.code == 1
    assert '<error type="MP008" message="the file is larger than the limit of 10 bytes' in (
        result.out
    )
