"""The configurable SkipModelValidation policy (MP304, MP305): options reach the check as its
second argument; options that cannot be used are a configuration error, never a traceback."""

from __future__ import annotations

from typing import Any

import pytest

from mplint.catalogue import builtin
from mplint.checks import load_all
from mplint.checks import validate_options as validate_by_name
from mplint.config import ConfigError, Settings
from mplint.engine import Linter
from mplint.model import Document, Spec

# rule id -> check (checks register under their rule's name)
CHECKS = {builtin().by_name[name].id: check for name, check in load_all().items()}


def validate_options(rule: str, options: dict[str, Any]) -> None:
    validate_by_name(builtin().rules[rule].name, options)


def spec(**members: Any) -> Spec:
    data = {"ModelPackageGroupName": "churn", "SkipModelValidation": "All", **members}
    return Spec(data, Document(data, {}, {}))


def run(rule: str, data: Spec, **options: Any) -> list[tuple[tuple, str]]:
    return [(v.path, v.message) for v in CHECKS[rule](data, options)]


# -- MP304 skip-validation-not-allowed ----------------------------------------------------


def test_policy_is_inactive_by_default() -> None:
    assert run("MP304", spec()) == []


def test_forbid_reports_every_all() -> None:
    found = run("MP304", spec(), forbid=True)
    assert found == [(("SkipModelValidation",), found[0][1])]
    assert "forbidden" in found[0][1]
    assert run("MP304", spec(SkipModelValidation="None"), forbid=True) == []


def test_allow_groups() -> None:
    assert run("MP304", spec(), allow_groups=["churn"]) == []
    found = run("MP304", spec(), allow_groups=["sandbox"])
    assert [path for path, _ in found] == [("SkipModelValidation",)]
    assert "'churn'" in found[0][1]


def test_allow_groups_compares_the_name_of_a_group_arn() -> None:
    arn = "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn"
    assert run("MP304", spec(ModelPackageGroupName=arn), allow_groups=["churn"]) == []


def test_allow_name_patterns_match_the_whole_name() -> None:
    assert (
        run("MP304", spec(ModelPackageGroupName="sandbox-x"), allow_name_patterns=["sandbox-.*"])
        == []
    )
    assert run(
        "MP304", spec(ModelPackageGroupName="x-sandbox-x"), allow_name_patterns=["sandbox-.*"]
    )


def test_unversioned_packages_are_judged_by_their_name() -> None:
    data = {"ModelPackageName": "sandbox-1", "SkipModelValidation": "All"}
    assert (
        run("MP304", Spec(data, Document(data, {}, {})), allow_name_patterns=["sandbox-\\d+"]) == []
    )


def test_a_name_decided_at_deploy_time_is_not_judged() -> None:
    from mplint.model import Unknown

    assert (
        run("MP304", spec(ModelPackageGroupName=Unknown("{{ group }}")), allow_groups=["x"]) == []
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"allow_name_patterns": ["sandbox-(.*"]}, "allow_name_patterns[0]"),
        ({"allow_name_patterns": "(("}, "allow_name_patterns[0]"),
        ({"allow_groups": [1]}, "'allow_groups' must be a list of strings"),
        ({"forbid": "yes"}, "'forbid' must be true or false"),
    ],
)
def test_unusable_options_are_value_errors(options: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        validate_options("MP304", options)


def test_unusable_options_are_a_configuration_error_before_any_file() -> None:
    settings = Settings(options={"MP304": {"allow_name_patterns": ["ok-.*", "bad-(.*"]}})
    with pytest.raises(ConfigError) as caught:
        Linter(settings)
    message = str(caught.value)
    assert message.startswith("rule MP304: option 'allow_name_patterns[1]' 'bad-(.*'")
    assert "not a valid regular expression" in message


def test_options_by_rule_name_reach_the_check() -> None:
    settings = Settings(options={"skip-validation-not-allowed": {"forbid": True}})
    linter = Linter(settings)
    assert linter.options["MP304"] == {
        "forbid": True,
        "allow_groups": [],
        "allow_name_patterns": [],
    }
    data = "ModelPackageGroupName: churn\nSkipModelValidation: All\n"
    report = linter.check_text(data, "spec.yaml", explicit=True)
    found = [(f.rule, f.span.line, f.span.col) for f in report.findings if f.rule == "MP304"]
    assert found == [("MP304", 2, 1)]


# -- MP305 skip-validation-without-justification ------------------------------------------


def test_justification_is_inactive_by_default() -> None:
    assert run("MP305", spec()) == []


def test_justification_missing_metadata_points_at_skip() -> None:
    found = run("MP305", spec(), justification_key="skip-reason")
    assert [path for path, _ in found] == [("SkipModelValidation",)]
    assert "'skip-reason'" in found[0][1]


def test_justification_missing_key_points_at_the_metadata() -> None:
    found = run("MP305", spec(CustomerMetadataProperties={"owner": "ml"}), justification_key="why")
    assert [path for path, _ in found] == [("CustomerMetadataProperties",)]


def test_justification_blank_points_at_the_value() -> None:
    found = run("MP305", spec(CustomerMetadataProperties={"why": "  "}), justification_key="why")
    assert [path for path, _ in found] == [("CustomerMetadataProperties", "why")]


def test_justification_given() -> None:
    data = spec(CustomerMetadataProperties={"why": "validated offline, ML-1234"})
    assert run("MP305", data, justification_key="why") == []
    assert run("MP305", spec(SkipModelValidation="None"), justification_key="why") == []


def test_justification_key_must_be_a_string() -> None:
    with pytest.raises(ValueError, match="justification_key"):
        validate_options("MP305", {"justification_key": ["why"]})


def test_justification_positions_through_the_engine() -> None:
    linter = Linter(Settings(options={"MP305": {"justification_key": "why"}}))
    text = "ModelPackageGroupName: churn\nSkipModelValidation: All\nCustomerMetadataProperties:\n  owner: ml\n"
    report = linter.check_text(text, "spec.yaml", explicit=True)
    found = [(f.rule, f.span.line, f.span.col) for f in report.findings if f.rule == "MP305"]
    assert found == [("MP305", 3, 1)]


def test_policy_rules_are_silent_with_their_defaults_through_the_cli(write) -> None:
    from conftest import VALID_VERSIONED, run_mplint

    path = write("spec.yaml", VALID_VERSIONED + "SkipModelValidation: All\n")
    result = run_mplint("check", str(path), "--format", "json", "--select", "MP304,MP305")
    assert result.code == 0, result.out + result.err
    assert result.findings() == []
