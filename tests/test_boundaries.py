"""Every limit at the limit and one past it, and every reason a rule gives, through the CLI.

Each case is one small spec: the rule must fire exactly past the boundary, with the reason that
names the defect, and stay quiet at the boundary. (These tests were written from a mutation
audit: a `<= 63` turned into `<= 64`, a disabled `..` check and a `>=` instead of `>` went
unnoticed before.)
"""

from __future__ import annotations

import pytest
from conftest import VALID_VERSIONED, run_mplint

MODEL = "s3://acme-models-us-east-1/churn/model.tar.gz"


def findings(tmp_path, text: str, *args: str, name: str = "spec.yaml") -> list[dict]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_mplint("check", name, "-f", "json", "--no-cache", *args, cwd=tmp_path)
    assert result.code in (0, 1), result.err
    return result.findings()


def with_model_data(url: str) -> str:
    return VALID_VERSIONED.replace(MODEL, url)


def with_image(image: str) -> str:
    return VALID_VERSIONED.replace(
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2", image
    )


# --- names --------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["ModelPackageGroupName", "ModelPackageName"])
def test_a_name_of_63_characters_passes_and_64_is_reported_with_its_length(tmp_path, key):
    def spec(name: str) -> str:
        text = VALID_VERSIONED.replace("ModelPackageGroupName: churn", f"{key}: {name}")
        if key == "ModelPackageName":  # an unversioned package takes no approval status
            text = text.replace("ModelApprovalStatus: PendingManualApproval\n", "")
        return text

    assert [f["rule"] for f in findings(tmp_path, spec("a" * 63))] == []
    [finding] = findings(tmp_path, spec("a" * 64))  # one defect, one finding
    assert "64 characters long" in finding["message"]
    # ModelPackageName's shape has a maxLength (MP105); the group's limit is in its pattern
    assert (finding["rule"], finding["message"].endswith("the maximum is 63")) in (
        ("MP105", True),
        ("MP107", False),
    )
    assert finding["rule"] == ("MP105" if key == "ModelPackageName" else "MP107")


# --- S3 bucket names (MP402) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("bucket", "reason"),
    [
        ("ab", "2 characters long"),
        ("acme..models", "two adjacent dots"),
        ("192.168.10.20", "IP address"),
        ("xn--acme", "start with 'xn--'"),
        ("sthree-acme", "start with 'sthree-'"),
        ("amzn-s3-demo-acme", "start with 'amzn-s3-demo-'"),
        ("acme_models-", "lower-case letters, digits, dots and hyphens"),
        ("-acme", "start and end with a letter or digit"),
        ("acme-", "start and end with a letter or digit"),
    ],
)
def test_each_bucket_naming_rule_gives_its_reason(tmp_path, bucket, reason):
    [finding] = findings(tmp_path, with_model_data(f"s3://{bucket}/churn/model.tar.gz"))
    assert finding["rule"] == "MP402"
    assert reason in finding["message"]


@pytest.mark.parametrize(
    ("bucket", "reason"),
    [("a" * 64, "64 characters"), ("acme_models", "underscores"), ("Acme", "upper-case")],
)
def test_legacy_us_east_1_names_are_a_warning(tmp_path, bucket, reason):
    """Buckets created in us-east-1 before March 1, 2018 may have such names (MP405)."""
    [finding] = findings(tmp_path, with_model_data(f"s3://{bucket}/churn/model.tar.gz"))
    assert (finding["rule"], finding["level"]) == ("MP405", "warning")
    assert reason in finding["message"]


@pytest.mark.parametrize(
    "bucket", ["abc", "a" * 63, "acme.models", "acme-models-1", "1acme", "192.168.10.x"]
)
def test_bucket_names_at_the_limits_pass(tmp_path, bucket):
    assert findings(tmp_path, with_model_data(f"s3://{bucket}/churn/model.tar.gz")) == []


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://s3.us-east-1.amazonaws.com/", "names no bucket"),
        ("https://storage.example.com/churn/model.tar.gz", "not an Amazon S3 endpoint"),
    ],
)
def test_each_s3_url_reason(tmp_path, url, reason):
    [finding] = findings(tmp_path, with_model_data(url))
    assert finding["rule"] == "MP402"
    assert reason in finding["message"]


@pytest.mark.parametrize(
    "url",
    [
        "https://s3.us-east-1.amazonaws.com/acme-models/churn/model.tar.gz",  # path style
        "https://acme-models.s3.us-east-1.amazonaws.com/churn/model.tar.gz",  # virtual host
        "https://acme-models.s3.amazonaws.com/churn/model.tar.gz",  # global endpoint
        "https://acme-models.s3-us-east-1.amazonaws.com/churn/model.tar.gz",  # legacy dash
    ],
)
def test_https_s3_endpoints_pass(tmp_path, url):
    assert findings(tmp_path, with_model_data(url)) == []


@pytest.mark.parametrize("url", ["ftp://acme/model.tar.gz", "s3:///churn/model.tar.gz"])
def test_the_schema_pattern_reports_urls_without_scheme_or_bucket(tmp_path, url):
    """The API's pattern for every S3 location needs s3:// or https:// and a host: MP107 owns
    these, and MP402 does not report them again."""
    assert [f["rule"] for f in findings(tmp_path, with_model_data(url))] == ["MP107"]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("acme/model.tar.gz", "it has no scheme"),
        ("s3:///churn/model.tar.gz", "no bucket name after s3://"),
        ("ftp://acme/model.tar.gz", "the scheme ftp:// is not s3:// or https://"),
    ],
)
def test_the_s3_url_parser_gives_a_reason_for_what_the_schema_already_rejects(url, reason):
    """The parser is total (rules call it on any string); through a spec the schema's pattern
    reports these first (above)."""
    from mplint.checks._aws import parse_s3_url

    assert reason in parse_s3_url(url)


# --- images (MP410, MP411) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("image", "rule", "reason"),
    [
        ("churn:1.4.2", "MP410", "no registry"),
        ("acme/churn:1.4.2", "MP410", "is not a registry host"),
        ("registry.example.com/churn@sha256:abc", "MP410", "is not sha256: followed by 64"),
        ("registry.example.com/Churn:1.4.2", "MP410", "not of the form registry/repository"),
        ("12345678901.dkr.ecr.us-east-1.amazonaws.com/churn:1", "MP411", "12-digit"),
        ("123456789012.dkr.ecr.mars.amazonaws.com/churn:1", "MP411", "is not an AWS region"),
        ("123456789012.ecr.us-east-1.amazonaws.com/churn:1", "MP411", "ACCOUNT.dkr.ecr.REGION"),
    ],
)
def test_each_image_reason(tmp_path, image, rule, reason):
    reported = [f for f in findings(tmp_path, with_image(image)) if f["rule"] in ("MP410", "MP411")]
    assert [f["rule"] for f in reported] == [rule]
    assert reason in reported[0]["message"]


@pytest.mark.parametrize(
    "image",
    [
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2",
        "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/churn:1.4.2",
        "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/churn:1.4.2",
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/churn@sha256:" + "a" * 64,
    ],
)
def test_valid_ecr_images_pass(tmp_path, image):
    rules = {f["rule"] for f in findings(tmp_path, with_image(image))}
    assert not rules & {"MP410", "MP411"}


# --- the maximum file size (MP008) -----------------------------------------------------------


def test_a_file_of_exactly_the_maximum_size_is_checked_and_one_byte_more_is_not(tmp_path):
    text = VALID_VERSIONED
    limit = str(len(text.encode("utf-8")))
    assert findings(tmp_path, text, "--max-file-size", limit) == []
    [finding] = findings(tmp_path, text + "\n", "--max-file-size", limit)
    assert finding["rule"] == "MP008"


# --- globs (exclude) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "excluded"),
    [
        ("spec?.yaml", {"spec1.yaml", "deep/spec2.yaml", "deep/deeper/spec3.yaml"}),
        ("deep?spec2.yaml", set()),  # ? is one character, never a separator
        ("spec[12].yaml", {"spec1.yaml", "deep/spec2.yaml"}),
        ("spec[!1].yaml", {"deep/spec2.yaml", "deep/deeper/spec3.yaml"}),
        ("deep/**", {"deep/spec2.yaml", "deep/deeper/spec3.yaml"}),
        ("**spec3.yaml", {"deep/deeper/spec3.yaml"}),  # ** without / spans folders
        ("deep/*.yaml", {"deep/spec2.yaml"}),  # * stays inside one folder
        ("deep", {"deep/spec2.yaml", "deep/deeper/spec3.yaml"}),  # a folder name, any depth
        ("./deep/deeper/", {"deep/deeper/spec3.yaml"}),
    ],
)
def test_exclude_globs_match_as_documented(tmp_path, pattern, excluded):
    files = {"spec1.yaml", "deep/spec2.yaml", "deep/deeper/spec3.yaml"}
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("ModelPackageGroupname: churn\n", encoding="utf-8")
    (tmp_path / ".mplint.yaml").write_text(f"exclude: ['{pattern}']\n", encoding="utf-8")
    result = run_mplint("check", ".", "-f", "json", "--no-cache", cwd=tmp_path)
    checked = {f["file"] for f in result.findings()}
    assert checked == files - excluded
