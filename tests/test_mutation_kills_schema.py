"""The schema findings (MP101-MP111) word for word: each test pins a message, a position or a
"one defect, one finding" rule that a surviving mutant of the schema-to-finding translation
changed (docs/testing.md, mutation testing). Through the public API, as a user sees them."""

from __future__ import annotations

import pytest
from conftest import VALID_VERSIONED

from mplint.api import check_text

GROUP = "ModelPackageGroupName: churn\n"
NOT_IN_MODEL = (
    " (not in botocore 1.43.11's API model; if AWS added it recently, upgrade botocore or pass"
    " --api-model)"
)
YAML_HINT = " (YAML reads unquoted yes/no/on/off as booleans and 1.10 as a number; quote the value)"
PROFILE = """\
ValidationSpecification:
  ValidationRole: arn:aws:iam::123456789012:role/SageMakerModelValidation
  ValidationProfiles:
    - ProfileName: p
      TransformJobDefinition:
        TransformInput:
          DataSource:
            S3DataSource: {S3DataType: S3Prefix, S3Uri: "s3://acme-validation/churn/"}
        TransformOutput: {S3OutputPath: "s3://acme-validation/out/"}
"""
RESOURCES = (
    "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition.TransformResources"
)


def found(text: str, name: str = "spec.yaml") -> list[tuple[str, int, int, str]]:
    return [(f.rule, f.line, f.column, f.message) for f in check_text(text, name, isolated=True)]


def with_container_lines(lines: str) -> str:
    """VALID_VERSIONED with `lines` added to its container (from line 5 on)."""
    return VALID_VERSIONED.replace("churn:1.4.2\n", "churn:1.4.2\n" + lines)


# --- MP103: what the value is, and the YAML hint only where YAML typed it -----------------


@pytest.mark.parametrize(
    ("value", "described"),
    [
        ("null", "null"),
        ("true", "a boolean" + YAML_HINT),
        ("12", "an integer" + YAML_HINT),
        ("1.5", "a number" + YAML_HINT),
        ("{a: 1}", "a mapping"),
        ("[a]", "a list"),
        ("2024-01-01", "a date (quote it to make it a string)"),  # YAML reads a date
    ],
)
def test_a_value_of_the_wrong_type_is_named(value, described):
    assert found(VALID_VERSIONED + f"ModelPackageDescription: {value}\n") == [
        ("MP103", 11, 26, f"ModelPackageDescription must be a string, not {described}")
    ]


def test_json_gets_no_yaml_hint():
    text = '{"ModelPackageGroupName": "churn", "ModelPackageDescription": true}'
    assert found(text, "spec.json") == [
        ("MP103", 1, 63, "ModelPackageDescription must be a string, not a boolean")
    ]


# --- MP101: unknown keys, their suggestions, and "not in the model" only when no typo -------


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        # a plain typo (difflib ratio >= 0.9, or the same word in another case)
        (
            GROUP + "ModelAprovalStatus: Approved\n",
            (2, 1, "unknown key 'ModelAprovalStatus' in the top level; did you mean"
                   " 'ModelApprovalStatus'?"),
        ),
        (
            GROUP + "modelapprovalstatus: Approved\n",
            (2, 1, "unknown key 'modelapprovalstatus' in the top level; did you mean"
                   " 'ModelApprovalStatus'?"),
        ),
        # one letter of ten replaced: a ratio of exactly 0.9 is still a typo
        (
            GROUP + "InferenceSpecification: {Contaimers: [], SupportedContentTypes: [text/csv],"
            " SupportedResponseMIMETypes: [text/csv]}\n",
            (2, 26, "unknown key 'Contaimers' in InferenceSpecification; did you mean"
                    " 'Containers'?"),
        ),
        # close to two names, a typo of neither: both are offered, and perhaps it is new
        (
            GROUP + "ModelPackageGroupName2: x\n",
            (2, 1, "unknown key 'ModelPackageGroupName2' in the top level; did you mean"
                   " 'ModelPackageGroupName' or 'ModelPackageName'?"),
        ),
        (
            "ModelPackageName: churn\nTags: [{Key: a, Value: b, Colour: red}]\n",
            (2, 27, "unknown key 'Colour' in Tags[0]; allowed keys: Key, Value" + NOT_IN_MODEL),
        ),
    ],
    ids=["typo", "case", "ratio-0.9", "two-hints", "allowed-keys"],
)  # fmt: skip
def test_an_unknown_key_is_named_with_its_closest_names(text, finding):
    assert found(text) == [("MP101", *finding)]


# --- MP102: one missing key, one finding; none for a key a typo names -------------------


def test_a_required_key_after_a_present_one_is_reported():
    text = GROUP + PROFILE + "        TransformResources: {InstanceType: ml.m5.large}\n"
    assert found(text) == [
        ("MP102", 11, 9, f"{RESOURCES} is missing the required key 'InstanceCount'")
    ]


def test_a_required_key_after_one_that_a_typo_names_is_reported():
    # Key is named by the typo Kye (MP101 says so); Value is missing all the same
    assert found(GROUP + "Tags: [{Kye: a}]\n") == [
        ("MP212", 2, 1, "Tags cannot be supplied with ModelPackageGroupName: a versioned package"
                        " uses the tags of its model package group; tag the group instead"),
        ("MP102", 2, 8, "Tags[0] is missing the required key 'Value'"),
        ("MP101", 2, 9, "unknown key 'Kye' in Tags[0]; did you mean 'Key'?" + NOT_IN_MODEL),
    ]  # fmt: skip


# --- MP104: the value as written -------------------------------------------------------


def test_an_enum_value_with_a_quote_is_shown_as_written():
    text = GROUP + 'ModelApprovalStatus: "it\'s"\n'
    assert found(text) == [
        ("MP104", 2, 22, "ModelApprovalStatus is 'it's'; allowed values: Approved, Rejected,"
                         " PendingManualApproval")
    ]  # fmt: skip


# --- MP105, MP107: a name's length ------------------------------------------------------


def test_a_group_name_of_name_characters_at_the_maximum_length_breaks_the_pattern():
    """ArnOrName allows 170 characters (for an ARN), but a name has at most 63."""
    text = VALID_VERSIONED.replace("churn\n", "a" * 170 + "\n", 1)
    assert found(text) == [
        ("MP107", 1, 24, f"ModelPackageGroupName '{'a' * 57}...' is 170 characters long; a name"
                         " has at most 63 (letters, digits and hyphens)")
    ]  # fmt: skip


def test_a_group_name_of_name_characters_over_the_maximum_length_is_one_finding():
    text = VALID_VERSIONED.replace("churn\n", "a" * 171 + "\n", 1)
    assert found(text) == [
        ("MP105", 1, 24, "ModelPackageGroupName is 171 characters long; the maximum is 170")
    ]


# --- MP107: what a pattern means, and the value shortened past 60 characters -------------


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("arn:aws:iam::1234:role/" + "x" * 37, "arn:aws:iam::1234:role/" + "x" * 37),  # 60
        ("arn:aws:iam::1234:role/" + "x" * 38, "arn:aws:iam::1234:role/" + "x" * 34 + "..."),
    ],
    ids=["60-characters", "61-characters"],
)
def test_a_value_in_a_pattern_finding_is_shortened_past_60_characters(role, shown):
    text = (
        GROUP
        + PROFILE.replace("arn:aws:iam::123456789012:role/SageMakerModelValidation", role)
        + "        TransformResources: {InstanceType: ml.m5.large, InstanceCount: 1}\n"
    )
    assert found(text) == [
        ("MP107", 3, 19, f"ValidationSpecification.ValidationRole '{shown}' is not an IAM role"
                         " ARN (arn:aws:iam::123456789012:role/Name)")
    ]  # fmt: skip


def test_a_pattern_without_a_meaning_is_quoted_as_the_api_writes_it():
    text = with_container_lines("      ContainerHostname: -pre\n")
    assert found(text) == [
        ("MP107", 6, 26, "InferenceSpecification.Containers[0].ContainerHostname '-pre' does not"
                         " match the pattern [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62} required by the API")
    ]  # fmt: skip


# --- MP106: the minimum length ----------------------------------------------------------


def test_a_value_under_its_minimum_length():
    text = with_container_lines("      Framework: XGBOOST\n      FrameworkVersion: '1.'\n")
    [finding] = [f for f in found(text) if f[0] == "MP106"]
    assert finding == (
        "MP106", 7, 25, "InferenceSpecification.Containers[0].FrameworkVersion must be at least"
                        " 3 characters long (it has 2)"
    )  # fmt: skip


def test_an_empty_value_where_one_character_is_the_minimum():
    [finding] = [f for f in found(VALID_VERSIONED + 'ClientToken: ""\n') if f[0] == "MP106"]
    assert finding == ("MP106", 11, 14, "ClientToken must not be empty (it has 0)")


# --- MP108, MP109: counts, at the first entry or item over the maximum ------------------


def test_too_many_entries_point_at_the_first_key_over_the_maximum():
    entries = "".join(f"        E{i}: v\n" for i in range(101))
    text = with_container_lines("      Environment:\n" + entries)
    assert found(text) == [
        ("MP108", 107, 9, "InferenceSpecification.Containers[0].Environment has 101 entries; the"
                          " maximum is 100, and this is the first entry over it")
    ]  # fmt: skip


def test_too_many_items_point_at_the_first_item_over_the_maximum():
    image = "    - Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:{}\n"
    text = (
        GROUP
        + "InferenceSpecification:\n  Containers:\n"
        + "".join(image.format(i) for i in range(16))
        + "  SupportedContentTypes: [text/csv]\n  SupportedResponseMIMETypes: [text/csv]\n"
    )
    assert found(text) == [
        ("MP108", 19, 7, "InferenceSpecification.Containers has 16 items; the maximum is 15, and"
                         " this is the first item over it")
    ]  # fmt: skip


def test_an_empty_mapping_under_its_minimum_entries():
    assert found(VALID_VERSIONED + "CustomerMetadataProperties: {}\n") == [
        ("MP109", 11, 29, "CustomerMetadataProperties is empty; it needs at least 1 entry")
    ]


# --- MP111: keys of a mapping -----------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "column", "problem"),
    [
        ('""', 30, "key '' in CustomerMetadataProperties must not be empty"),
        ("k" * 129, 30, f"key '{'k' * 129}' in CustomerMetadataProperties is longer than 128"
                        " characters"),
    ],
    ids=["empty", "129-characters"],
)  # fmt: skip
def test_a_key_that_breaks_its_limits(key, column, problem):
    text = VALID_VERSIONED + f"CustomerMetadataProperties: {{{key}: x}}\n"
    assert found(text) == [("MP111", 11, column, problem)]


# --- One defect, one finding; and the cap on schema errors ------------------------------


def test_a_value_of_the_wrong_type_among_choices_is_one_finding():
    """5 is neither a string nor one of the choices: the type error says it all, and the
    errors after it are still reported."""
    text = VALID_VERSIONED.replace("PendingManualApproval", "5") + "Colour: red\n"
    assert [finding[:3] for finding in found(text)] == [("MP103", 2, 22), ("MP101", 11, 1)]


@pytest.mark.parametrize("count", [1000, 1001])
def test_at_most_1000_schema_errors_are_reported(count):
    items = ", ".join(str(i) for i in range(count))
    text = VALID_VERSIONED.replace("[text/csv]", f"[{items}]", 1)
    findings = found(text)
    capped = count > 1000
    assert len(findings) == 1000 + capped
    if capped:  # more than jsonschema-rs is asked for: jsonschema reports them
        assert findings[0] == (
            "MP008", 1, 1, "more than 1000 schema violations in this spec; only the first 1000"
                           " are checked and reported"
        )  # fmt: skip
    assert findings[capped][:3] == ("MP103", 7, 27)
    assert findings[-1][3].startswith("InferenceSpecification.SupportedContentTypes[999] must")
