"""The generated schema: faithful to botocore, patterns translated with the same meaning."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from conftest import ROOT

SCHEMA_FILE = ROOT / "schemas" / "create-model-package.schema.json"


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def generator():
    from mplint.apimodel import generate

    return generate


def test_committed_schema_matches_a_regeneration(schema, generator):
    botocore = pytest.importorskip("botocore")
    recorded = schema["x-generated-from"]
    if botocore.__version__ != recorded["botocore"]:
        pytest.skip(
            f"botocore {botocore.__version__} installed, schema from {recorded['botocore']}"
        )
    from mplint.apimodel import named

    # Built from botocore's files as `mplint api-model generate installed` builds it.
    installed = named("installed")
    regenerated = generator.render(installed.schema())
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    if unicodedata.unidata_version == recorded["unicodedata"]:
        assert regenerated == committed
    else:
        # Another Python's Unicode database assigns other code points to the API's \p{..}
        # classes (3.10: Unicode 13, 3.13: 15.1). Everything else must still be identical:
        # members, types, enums, lengths, required-ness and every pattern's structure.
        regenerated = regenerated.replace(
            f'"unicodedata": "{unicodedata.unidata_version}"',
            f'"unicodedata": "{recorded["unicodedata"]}"',
        )
        assert _unicode_runs_folded(regenerated) == _unicode_runs_folded(committed)


# Three or more \uXXXX / \UXXXXXXXX escapes or ranges in a row: the body of a translated
# Unicode category (the API's few literal escapes, such as Java's line terminators, are shorter).
_ESCAPE = r"(?:\\\\u[0-9a-f]{4}|\\\\U[0-9a-f]{8})"
_UNICODE_RUN = re.compile(rf"(?:{_ESCAPE}(?:-{_ESCAPE})?){{3,}}")


def _unicode_runs_folded(text: str) -> str:
    return _UNICODE_RUN.sub("<unicode category>", text)


def test_folding_unicode_runs_keeps_everything_else():
    text = '"pattern": "^(?:[\\\\u0041-\\\\u005a\\\\u00aa\\\\U00010000-\\\\U0001000b_.:]*)"'
    assert _unicode_runs_folded(text) == '"pattern": "^(?:[<unicode category>_.:]*)"'
    short = '"[^\\\\n\\\\r\\\\x85\\\\u2028\\\\u2029]"'
    assert _unicode_runs_folded(short) == short


def test_schema_is_valid_draft_2020_12(schema):
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_covers_the_request(schema):
    top = schema["properties"]
    for member in (
        "ModelPackageName", "ModelPackageGroupName", "InferenceSpecification",
        "ValidationSpecification", "SourceAlgorithmSpecification", "CertifyForMarketplace",
        "Tags", "ModelApprovalStatus", "SkipModelValidation", "CustomerMetadataProperties",
    ):  # fmt: skip
        assert member in top
    assert schema["additionalProperties"] is False
    assert top["SkipModelValidation"]["enum"] == ["All", "None"]
    containers = top["InferenceSpecification"]["properties"]["Containers"]
    assert (containers["minItems"], containers["maxItems"]) == (1, 15)
    instance_types = top["InferenceSpecification"]["properties"]["SupportedTransformInstanceTypes"]
    assert "ml.m5.large" in instance_types["items"]["enum"]
    assert top["ModelPackageName"]["maxLength"] == 63


def walk_patterns(node):
    if isinstance(node, dict):
        if "pattern" in node:
            yield node
        for value in node.values():
            yield from walk_patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk_patterns(value)


def test_every_pattern_compiles_and_is_anchored(schema):
    patterns = list(walk_patterns(schema))
    assert patterns
    for node in patterns:
        re.compile(node["pattern"])  # raises re.error when it does not compile
        assert node["pattern"].startswith("^(?:") and node["pattern"].endswith(r"(?![\s\S])")


@pytest.mark.parametrize(
    ("aws", "good", "bad"),
    [
        # Anchored: a JSON Schema pattern is a search, the API means a full match.
        ("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}", ["my-model", "a"], ["my_model", "-a", "a-", "a\n"]),
        # \p{L} is Unicode letters (not digits or underscore), \p{Z} separators.
        ("([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)", ["Équipe ML", "é:1", ""], ["a;b", "tab\there"]),
        # A quantified end anchor means the end of the string.
        ("([\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@]*)${1,128}", ["owner", "ü"], ["a!", "x\n"]),
        # Look-behind kept: a name may not end with a hyphen.
        (
            "(arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:[a-z\\-]*\\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)",
            ["churn", "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn"],
            ["churn-", "arn:aws:sagemaker:us-east-1:1234:model-package-group/churn"],
        ),
        # Java's \w and \d are ASCII.
        ("[-\\w]+\\/.+", ["text/csv", "application/x-npy"], ["tëxt/csv", "text/"]),
        ("\\d{1,4}.\\d{1,4}.\\d{1,4}", ["1.0.0"], ["١.0.0"]),
        # [\S\s] is any character, [\S] any non-space.
        ("[\\S\\s]+", ["a b\nc"], [""]),
        ("[\\S]+", ["image:1"], ["a b", ""]),
        # Java's '.' does not match line terminators.
        (".{0,1024}", ["anything"], ["two\nlines", "a\u2028b"]),
    ],
)
def test_pattern_translation_keeps_the_meaning(generator, aws, good, bad):
    pattern = re.compile(generator.translate_pattern(aws))
    for text in good:
        assert pattern.search(text), text
    for text in bad:
        assert not pattern.search(text), text


def test_unsupported_constructs_are_refused(generator):
    with pytest.raises(ValueError, match="unsupported"):
        generator.translate_pattern("\\bword\\b")
