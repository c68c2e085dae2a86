"""Policy packs and the declarative when/require language, end to end through the CLI."""

from __future__ import annotations

import textwrap

import pytest
from conftest import EXAMPLES, VALID_VERSIONED, run_mplint


def pack_rule(body: str, *, rule_id: str = "TEAM001", name: str = "team-rule") -> str:
    """A pack holding one rule whose condition fields are `body`."""
    return (
        "rules:\n"
        f"  - id: {rule_id}\n"
        f"    name: {name}\n"
        "    level: error\n"
        "    summary: A team rule\n"
        "    explanation: Because the team says so.\n"
        + textwrap.indent(textwrap.dedent(body).strip("\n"), "    ")
        + "\n"
    )


@pytest.fixture
def lint(tmp_path, write):
    """lint(pack_body, spec_text) -> (rule, line, col, message) of the pack rule's findings.

    In process, through the configuration loader and the engine (the CLI path is covered
    by the tests below that run `mplint`), so that the many small cases stay fast.
    """
    from mplint.config.files import settings_for
    from mplint.config.settings import _catalogue
    from mplint.engine import Linter

    def _lint(body: str, spec: str = VALID_VERSIONED, name: str = "spec.yaml"):
        write("policy.yaml", pack_rule(body))
        write(".mplint.yaml", "packs: [policy.yaml]\nselect: [TEAM]\n")
        path = write(name, spec)
        _catalogue.cache_clear()  # the pack changes between calls
        linter = Linter(settings_for([str(path)]))
        report = linter.check_path(str(path), name, explicit=True)
        return [(f.rule, f.span.line, f.span.col, f.message) for f in report.findings]

    return _lint


# -- the shipped example ------------------------------------------------------------------


def test_example_pack_reports_each_policy_at_its_position():
    result = run_mplint("check", "--format", "json", cwd=EXAMPLES / "policies")
    assert result.code == 1, result.err
    found = {(f["file"], f["rule"], f["line"], f["column"]) for f in result.findings()}
    assert found == {
        ("specs/ChurnExperiment.yaml", "ACME003", 2, 24),  # group name: the value
        ("specs/ChurnExperiment.yaml", "ACME004", 4, 22),  # SkipModelValidation: All
        ("specs/ChurnExperiment.yaml", "ACME001", 5, 1),  # the mapping lacking cost-center
        ("specs/ChurnExperiment.yaml", "ACME002", 9, 14),  # the image
    }
    # The example config raises the naming rule from warning to error.
    assert {f["level"] for f in result.findings()} == {"error"}


def test_example_pack_rules_are_listed_and_explained():
    config = str(EXAMPLES / "policies" / ".mplint.yaml")
    listed = run_mplint("rules", "--format", "json", "--config", config)
    assert {"ACME001", "ACME004", "MP101"} <= {r["id"] for r in listed.json()}
    explained = run_mplint("explain", "acme-no-skip-validation", "--config", config)
    assert explained.code == 0
    assert "## Condition" in explained.out and "equals: All" in explained.out
    assert run_mplint("explain", "ACME001", "--isolated").code == 2


# -- operators and positions ----------------------------------------------------------------


def test_present_points_at_the_mapping_lacking_the_member(lint):
    found = lint("require: {path: CustomerMetadataProperties.owner, present: true}")
    assert found == [("TEAM001", 1, 1, "A team rule: CustomerMetadataProperties is missing")]
    spec = VALID_VERSIONED + "CustomerMetadataProperties:\n  team: growth\n"
    found = lint("require: {path: CustomerMetadataProperties.owner, present: true}", spec)
    assert found == [("TEAM001", 11, 1, "A team rule: CustomerMetadataProperties.owner is missing")]


def test_a_value_of_the_wrong_type_is_left_to_the_schema(lint):
    spec = VALID_VERSIONED + "CustomerMetadataProperties: team-growth\n"
    assert lint("require: {path: CustomerMetadataProperties.owner, present: true}", spec) == []


def test_absent_points_at_the_key(lint):
    spec = VALID_VERSIONED + "Tags:\n  - {Key: a, Value: b}\n"
    found = lint("require: {path: Tags, absent: true}\nmessage: no tags here ({path})", spec)
    assert found == [("TEAM001", 11, 1, "no tags here (Tags)")]
    assert lint("require: {path: Tags, absent: true}") == []


def test_wildcards_check_every_item_and_report_each(lint):
    spec = VALID_VERSIONED.replace(
        "  SupportedContentTypes",
        "    - Image: docker.io/x:1\n  SupportedContentTypes",
    )
    body = """
        path: InferenceSpecification.Containers[*].Image
        require: {matches: '[0-9]{12}\\.dkr\\.ecr\\..+'}
        message: "{path} {value}"
    """
    assert lint(body, spec) == [
        ("TEAM001", 7, 14, "InferenceSpecification.Containers[1].Image 'docker.io/x:1'")
    ]


def test_equals_in_type_lengths_and_ranges(lint):
    spec = VALID_VERSIONED + "CertifyForMarketplace: true\nModelPackageDescription: short\n"
    assert lint("require: {path: CertifyForMarketplace, equals: false}", spec) == [
        ("TEAM001", 11, 24, "A team rule: CertifyForMarketplace is true, not false")
    ]
    # YAML's true is not the number 1.
    assert lint("require: {path: CertifyForMarketplace, equals: 1}", spec)[0][1:3] == (11, 24)
    assert lint("require: {path: ModelApprovalStatus, in: [Approved, Rejected]}", spec) == [
        (
            "TEAM001",
            2,
            22,
            "A team rule: ModelApprovalStatus is 'PendingManualApproval';"
            " allowed: 'Approved', 'Rejected'",
        )
    ]
    assert lint("require: {path: ModelPackageDescription, min-length: 10}", spec) == [
        (
            "TEAM001",
            12,
            26,
            "A team rule: ModelPackageDescription has 5 characters; the minimum is 10",
        )
    ]
    assert lint("require: {path: CertifyForMarketplace, type: [string, list]}", spec)[0][3] == (
        "A team rule: CertifyForMarketplace is boolean, not string or list"
    )
    body = "require: {path: InferenceSpecification.SupportedContentTypes, contains: text/csv}"
    assert lint(body, spec) == []
    body = "require: {path: InferenceSpecification.SupportedContentTypes, max-length: 0}"
    assert lint(body, spec)[0][1:3] == (7, 26)


def test_minimum_and_maximum(lint):
    spec = VALID_VERSIONED + ("ValidationSpecification:\n  ValidationRole: r\n  ValidationProfiles:\n"
         "    - TransformJobDefinition: {MaxConcurrentTransforms: 8}\n")  # fmt: skip
    body = """
        path: ValidationSpecification.ValidationProfiles[*].TransformJobDefinition
        require: {path: MaxConcurrentTransforms, maximum: 4}
    """
    assert lint(body, spec) == [
        ("TEAM001", 14, 57, "A team rule: ValidationSpecification.ValidationProfiles[0]"
         ".TransformJobDefinition.MaxConcurrentTransforms is 8; it must be at most 4"),
    ]  # fmt: skip
    assert lint(body.replace("maximum: 4", "minimum: 8"), spec) == []


def test_when_gates_the_rule_and_outside_blame_moves_to_the_scope(lint):
    # "CertifyForMarketplace true requires ValidationSpecification present", reported at
    # CertifyForMarketplace because the missing member is outside the scope.
    body = """
        path: CertifyForMarketplace
        when: {equals: true}
        require: {path: $.ValidationSpecification, present: true}
    """
    assert lint(body) == []
    spec = VALID_VERSIONED + "CertifyForMarketplace: true\n"
    assert lint(body, spec) == [
        ("TEAM001", 11, 1, "A team rule: ValidationSpecification is missing")
    ]
    assert lint(body, VALID_VERSIONED + "CertifyForMarketplace: false\n") == []


def test_skip_validation_allowed_only_for_listed_groups(lint, tmp_path, write):
    body = """
        options:
          allowed-groups: ['sandbox-.*']
        path: SkipModelValidation
        when: {equals: All}
        require: {path: $.ModelPackageGroupName, matches: {option: allowed-groups}}
        message: "SkipModelValidation All is allowed only for {path} matching sandbox-.*"
    """
    spec = VALID_VERSIONED + "SkipModelValidation: All\n"
    assert lint(body, spec) == [
        ("TEAM001", 11, 1, "SkipModelValidation All is allowed only for ModelPackageGroupName"
         " matching sandbox-.*"),
    ]  # fmt: skip
    assert lint(body, spec.replace("churn", "sandbox-churn")) == []
    # The configuration changes the option; the rule picks it up.
    write(
        ".mplint.yaml", "packs: [policy.yaml]\noptions:\n  TEAM001:\n    allowed-groups: [churn]\n"
    )
    write("spec.yaml", spec)
    result = run_mplint("check", "--format", "json", "spec.yaml", cwd=tmp_path)
    assert result.code == 0, result.out + result.err
    assert result.findings() == []


def test_any_all_not_and_option_tests(lint):
    body = """
        options:
          forbid: true
        require:
          any:
            - {option: forbid, equals: false}
            - not: {path: SkipModelValidation, equals: All}
    """
    spec = VALID_VERSIONED + "SkipModelValidation: All\n"
    assert lint(body, spec) == [
        ("TEAM001", 11, 22, "A team rule: option 'forbid' is true, not false and"
         " SkipModelValidation is 'All'"),
    ]  # fmt: skip
    assert lint(body.replace("forbid: true", "forbid: false"), spec) == []
    body = """
        require:
          all:
            - {path: ModelPackageGroupName, matches: '[a-z]+'}
            - {path: ModelApprovalStatus, in: [Approved]}
    """
    assert [f[1:3] for f in lint(body)] == [(2, 22)]


def test_quoted_keys_and_mapping_wildcards(lint):
    spec = VALID_VERSIONED + "CustomerMetadataProperties:\n  a.b: x\n  c: '1'\n"
    assert lint("require: {path: 'CustomerMetadataProperties[\"a.b\"]', equals: y}", spec) == [
        ("TEAM001", 12, 8, "A team rule: CustomerMetadataProperties.a.b is 'x', not 'y'")
    ]
    body = "require: {path: 'CustomerMetadataProperties[*]', matches: '[a-z]'}"
    assert [f[1:3] for f in lint(body, spec)] == [(13, 6)]


def test_keys_match_points_at_the_offending_key(lint):
    spec = VALID_VERSIONED.replace(
        "model.tar.gz\n", "model.tar.gz\n      Environment: {GOOD_KEY: a, bad-key: b}\n"
    )
    body = """
        path: InferenceSpecification.Containers[*].Environment
        require: {keys-match: '[a-zA-Z_][a-zA-Z0-9_]*'}
    """
    assert lint(body, spec) == [
        ("TEAM001", 7, 34, "A team rule: key 'bad-key' of InferenceSpecification.Containers[0]"
         ".Environment does not match [a-zA-Z_][a-zA-Z0-9_]*"),
    ]  # fmt: skip


def test_declarative_rules_work_on_json_specs(lint):
    spec = '{\n  "ModelPackageGroupName": "churn",\n  "SkipModelValidation": "All"\n}\n'
    body = "path: SkipModelValidation\nrequire: {not: {equals: All}}"
    assert lint(body, spec, name="spec.json") == [
        ("TEAM001", 3, 26, "A team rule: SkipModelValidation is 'All'")
    ]


# -- malformed packs: exit 2, file:line:col, no traceback -----------------------------------

BROKEN_PACKS = [
    ("rules: [\n", "policy.yaml:2:1: invalid policy pack: YAML syntax error"),
    ("rulez: []\n", "policy.yaml:1:1: a policy pack is a mapping with a 'rules' list"),
    (pack_rule("require: {present: true}\nwhen2: {}"), "policy.yaml:8:5: unknown field 'when2'"),
    (pack_rule("require: {path: Tags, exists: true}"), "policy.yaml:7:27: unknown operator"),
    (pack_rule("require: {matches: '(unclosed'}"), "policy.yaml:7:24: invalid regex"),
    (pack_rule("require: {matches: ['ok', '[z-a]']}"), "policy.yaml:7:31: invalid regex"),
    (pack_rule("require: {path: Tags, present: yes please}"), "policy.yaml:7:36: expected true"),
    (pack_rule("require: {path: 'Tags[', present: true}"), "policy.yaml:7:21: path 'Tags['"),
    (pack_rule("require: {min-length: -1}"), "policy.yaml:7:27: 'min-length' must not be"),
    (pack_rule("require: {type: text}"), "policy.yaml:7:21: unknown type 'text'"),
    (pack_rule("require: {in: {option: nope}}"), "policy.yaml:7:19: option 'nope' is not declared"),
    (pack_rule("require: {present: true}\nmessage: '{value.__class__}'"), "unknown placeholder"),
    (pack_rule("when: {present: true}"), "policy.yaml:7:5: 'when' needs a 'require' condition"),
    (pack_rule("explanation: ''"), "duplicate key"),
    (pack_rule("require: {present: true}", rule_id="MP999"), "the MP prefix is mplint's own"),
    (pack_rule("require: {present: true}", name="Team_Rule"), "is not kebab-case"),
    (pack_rule("require: {present: true}", name="unknown-key"), "rule name 'unknown-key' is"),
    (pack_rule("require: {present: true}") + "    tags: tag\n", "'tags' is a list of strings"),
    (pack_rule("require: {not: {present: true}, any: []}"), "stands alone"),
    (pack_rule("require: {any: []}"), "'any' takes a non-empty list"),
    (
        pack_rule("require: {present: true}").replace("level: error", "level: fatal"),
        "policy.yaml:4:12: unknown level 'fatal'",
    ),
    (
        pack_rule("require: {present: true}") + pack_rule("require: {absent: true}")[7:],
        "policy.yaml:8:9: rule id 'TEAM001' is already defined at policy.yaml:2:9",
    ),
    (
        pack_rule("require: {present: true}").replace("    summary: A team rule\n", ""),
        "no 'summary'",
    ),
]


@pytest.mark.parametrize(("pack", "expected"), BROKEN_PACKS)
def test_a_broken_pack_is_a_configuration_error(tmp_path, write, pack, expected):
    write("policy.yaml", pack)
    write(".mplint.yaml", "packs: [policy.yaml]\n")
    write("spec.yaml", VALID_VERSIONED)
    result = run_mplint("check", "spec.yaml", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert result.err.startswith("mplint: error: "), result.err
    assert expected in result.err
    assert "Traceback" not in result.err and result.out == ""


def test_a_pack_cannot_execute_code(tmp_path, write):
    marker = tmp_path / "pwned"
    attempts = [
        f"!!python/object/apply:os.system ['touch {marker}']\n",
        pack_rule(f"require: {{equals: !!python/object/apply:os.system ['touch {marker}']}}"),
        pack_rule("require: {equals: !!python/name:os.system }"),
        pack_rule(
            f"require: {{path: \"__import__('os').system('touch {marker}')\", present: true}}"
        ),
        pack_rule("require: {present: true}\nmessage: '{value.__init__.__globals__}'"),
    ]
    write(".mplint.yaml", "packs: [policy.yaml]\n")
    write("spec.yaml", VALID_VERSIONED)
    for attempt in attempts:
        write("policy.yaml", attempt)
        result = run_mplint("check", "spec.yaml", cwd=tmp_path)
        assert result.code == 2, (attempt, result.out, result.err)
        assert "policy.yaml:" in result.err and "Traceback" not in result.err
        assert not marker.exists()


def test_pack_path_is_relative_to_the_config_and_must_exist(tmp_path, write):
    write("conf/.mplint.yaml", "packs:\n  - ../policies/missing.yaml\n")
    write("conf/spec.yaml", VALID_VERSIONED)
    result = run_mplint("check", "conf/spec.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "conf/.mplint.yaml:2:5: policy pack '../policies/missing.yaml' not found" in result.err


def test_pack_rules_are_selected_ignored_and_leveled_like_builtins(tmp_path, write):
    write("policy.yaml", pack_rule("path: SkipModelValidation\nrequire: {not: {equals: All}}"))
    write("spec.yaml", VALID_VERSIONED + "SkipModelValidation: All\n")
    write(".mplint.yaml", "packs: [policy.yaml]\nlevels: {team-rule: note}\n")
    result = run_mplint("check", "--format", "json", "spec.yaml", cwd=tmp_path)
    assert [(f["rule"], f["level"]) for f in result.findings()] == [("TEAM001", "note")]
    assert result.code == 0
    result = run_mplint("check", "--format", "json", "--ignore", "TEAM", "spec.yaml", cwd=tmp_path)
    assert result.findings() == []


def test_a_configured_option_with_a_bad_regex_names_the_config_line(tmp_path, write):
    body = (
        "options:\n  groups: []\nrequire: {path: ModelPackageGroupName, matches: {option: groups}}"
    )
    write("policy.yaml", pack_rule(body))
    write(".mplint.yaml", "packs: [policy.yaml]\noptions:\n  team-rule:\n    groups: ['(']\n")
    write("spec.yaml", VALID_VERSIONED)
    result = run_mplint("check", "spec.yaml", cwd=tmp_path)
    assert result.code == 2
    assert ".mplint.yaml:4:13 (option 'groups'): invalid regex '('" in result.err
