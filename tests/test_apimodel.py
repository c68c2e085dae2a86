"""--api-model: auto picks the newer of the bundled and the installed botocore's model,
bundled pins, a file works, a damaged model is a usage error, built schemas are cached.

The models are fixtures derived from the bundled botocore release (tests/data/apimodel/botocore, made by
trim.py there): a "newer botocore" is that copy with a higher version, instance types, a
member and a partition added, installed on PYTHONPATH ahead of the real one. Nothing here
depends on the botocore release that happens to be installed.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

FIXTURE = ROOT / "tests" / "data" / "apimodel" / "botocore"
BUNDLED_SCHEMA = ROOT / "schemas" / "create-model-package.schema.json"
SERVICE = Path("data", "sagemaker", "2017-07-24", "service-2.json.gz")
BUNDLED = json.loads(BUNDLED_SCHEMA.read_text(encoding="utf-8"))["x-generated-from"]["botocore"]
NEWER = "9.0.0"  # a release above any the bundled model could come from
NEWER_LABEL = f"botocore {NEWER} (installed)"

# What the "newer" fixture adds to the bundled release.
REALTIME_TYPE = "ml.g7.2xlarge"  # not in 1.43.11's ProductionVariantInstanceType
NEW_MEMBER = "ModelPackageFixtureNote"
PARTITION = {
    "id": "aws-fixture",
    "outputs": {"dnsSuffix": "amazonaws.fixture", "dualStackDnsSuffix": "api.aws",
                "implicitGlobalRegion": "fx-north-1", "name": "aws-fixture",
                "supportsDualStack": False, "supportsFIPS": False},
    "regionRegex": "^fx\\-\\w+\\-\\d+$",
    "regions": {"fx-north-1": {"description": "Fixture North"}},
}  # fmt: skip

SPEC = f"""\
ModelPackageGroupName: churn
{NEW_MEMBER}: hello
InferenceSpecification:
  Containers:
    - Image: 123456789012.dkr.ecr.fx-north-1.amazonaws.fixture/churn:1.4.2
  SupportedContentTypes: [text/csv]
  SupportedResponseMIMETypes: [text/csv]
  SupportedRealtimeInferenceInstanceTypes: [{REALTIME_TYPE}]
SecurityConfig:
  KmsKeyId: arn:aws-fixture:kms:fx-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
"""
# What the bundled model says about SPEC (and the newer one does not).
BUNDLED_RULES = ["MP101", "MP104", "MP411", "MP420"]


def install_botocore(site: Path, version: str, *, newer: bool = True) -> Path:
    """A copy of the fixture botocore under `site`, as release `version`; with `newer`,
    the additions above. Returns its service-2.json.gz."""
    package = site / "botocore"
    shutil.copytree(FIXTURE, package)
    (package / "__init__.py").write_text(f"__version__ = '{version}'\n", encoding="utf-8")
    service_file = package / SERVICE
    if newer:
        service = json.loads(gzip.decompress(service_file.read_bytes()))
        shapes = service["shapes"]
        shapes["ProductionVariantInstanceType"]["enum"].append(REALTIME_TYPE)
        shapes["CreateModelPackageInput"]["members"][NEW_MEMBER] = {"shape": "EntityName"}
        service_file.write_bytes(gzip.compress(json.dumps(service).encode()))
        partitions_file = package / "data" / "partitions.json"
        partitions = json.loads(partitions_file.read_text(encoding="utf-8"))
        partitions["partitions"].append(PARTITION)
        partitions_file.write_text(json.dumps(partitions), encoding="utf-8")
    return service_file


@pytest.fixture
def newer(tmp_path) -> Path:
    """A site folder holding botocore 1.99.0 (the fixture with additions)."""
    site = tmp_path / "site"
    install_botocore(site, NEWER)
    return site


@pytest.fixture
def spec(tmp_path) -> Path:
    path = tmp_path / "work" / "spec.yaml"
    path.parent.mkdir()
    path.write_text(SPEC, encoding="utf-8")
    return path


def run(mplint, spec: Path, *args: str, site: Path | None = None, cache: Path | None = None):
    env = {"PYTHONPATH": f"{site}:{ROOT}" if site else str(ROOT)}
    env["MPLINT_CACHE_DIR"] = str(cache or spec.parent / ".cache")
    return mplint(*args, cwd=spec.parent, env=env)


def rules(result) -> list[str]:
    return sorted({f["rule"] for f in result.findings()})


def test_auto_uses_an_installed_botocore_newer_than_the_bundled_model(mplint, spec, newer):
    version = run(mplint, spec, "--version", site=newer)
    assert f"API model: {NEWER_LABEL}" in version.out
    result = run(mplint, spec, "check", "spec.yaml", "-f", "json", site=newer)
    assert result.code == 0, result.out + result.err
    assert result.findings() == []
    model = result.json()["tool"]["apiModel"]
    assert model["label"] == NEWER_LABEL
    assert model["source"] == "installed" and model["botocore"] == NEWER


def test_bundled_pins_the_shipped_model_and_messages_name_it(mplint, spec, newer):
    result = run(mplint, spec, "check", "spec.yaml", "-f", "json", "--api-model", "bundled",
                 site=newer)  # fmt: skip
    assert result.code == 1
    assert rules(result) == BUNDLED_RULES
    assert result.json()["tool"]["apiModel"]["label"] == f"botocore {BUNDLED} (bundled)"
    by_rule = {f["rule"]: f["message"] for f in result.findings()}
    remedy = "if AWS added it recently, upgrade botocore or pass --api-model"
    assert f"values botocore {BUNDLED}'s API model allows" in by_rule["MP104"]
    assert remedy in by_rule["MP104"]
    assert f"(not in botocore {BUNDLED}'s API model; if AWS" in by_rule["MP101"]
    assert remedy in by_rule["MP101"]
    assert (
        f"'fx-north-1' is not an AWS region known to botocore {BUNDLED} (if AWS" in by_rule["MP411"]
    )
    assert "'fx-north-1' is not an AWS region known to" in by_rule["MP420"]


def test_the_config_key_chooses_the_model(mplint, spec, newer):
    (spec.parent / ".mplint.yaml").write_text("api-model: bundled\n", encoding="utf-8")
    assert rules(run(mplint, spec, "check", "spec.yaml", "-f", "json", site=newer)) == (
        BUNDLED_RULES
    )
    # the command line wins over the configuration
    result = run(mplint, spec, "check", "spec.yaml", "-f", "json", "--api-model", "auto",
                 site=newer)  # fmt: skip
    assert result.findings() == []


def test_auto_keeps_the_bundled_model_when_botocore_is_not_newer(mplint, spec, tmp_path):
    for version in (BUNDLED, "1.0.0"):
        site = tmp_path / f"site-{version}"
        install_botocore(site, version)  # with the additions: proves they are not read
        result = run(mplint, spec, "check", "spec.yaml", "-f", "json", site=site)
        assert result.json()["tool"]["apiModel"]["label"] == f"botocore {BUNDLED} (bundled)"
        assert rules(result) == BUNDLED_RULES


def test_the_built_schema_is_cached_and_reused(mplint, spec, newer, tmp_path):
    cache = tmp_path / "cache"
    assert run(mplint, spec, "check", "spec.yaml", site=newer, cache=cache).code == 0
    built = list((cache / "models").glob("*.json"))
    assert len(built) == 1
    # Reused, not rebuilt: an entry edited by hand is what the next run believes.
    schema = json.loads(built[0].read_text(encoding="utf-8"))
    del schema["properties"][NEW_MEMBER]
    built[0].write_text(json.dumps(schema), encoding="utf-8")
    result = run(mplint, spec, "check", "spec.yaml", "-f", "json", "--no-cache", site=newer)
    assert result.findings() == []  # --no-cache: built in memory, not read from the folder
    spec.write_text(SPEC + "# changed: the report cache misses\n", encoding="utf-8")
    result = run(mplint, spec, "check", "spec.yaml", "-f", "json", site=newer, cache=cache)
    assert rules(result) == ["MP101"]
    # A damaged entry is built again.
    built[0].write_text("{", encoding="utf-8")
    spec.write_text(SPEC + "# changed again\n", encoding="utf-8")
    result = run(mplint, spec, "check", "spec.yaml", "-f", "json", site=newer, cache=cache)
    assert result.findings() == []


def test_reports_cached_under_one_model_are_not_served_for_another(mplint, spec, newer):
    assert run(mplint, spec, "check", "spec.yaml", site=newer).code == 0
    bundled = run(mplint, spec, "check", "spec.yaml", "-f", "json", "--api-model", "bundled",
                  site=newer)  # fmt: skip
    assert rules(bundled) == BUNDLED_RULES
    assert run(mplint, spec, "check", "spec.yaml", site=newer).code == 0


def test_a_run_without_a_writable_cache_still_uses_the_newer_model(mplint, spec, newer, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    result = run(mplint, spec, "check", "spec.yaml", "-f", "json", site=newer,
                 cache=blocker / "cache")  # fmt: skip
    assert result.code == 0, result.err
    assert result.findings() == []
    assert result.json()["tool"]["apiModel"]["botocore"] == NEWER


def test_a_path_may_be_a_plain_or_compressed_service_model_or_a_generated_schema(
    mplint, spec, newer, tmp_path
):
    compressed = newer / "botocore" / SERVICE
    plain = tmp_path / "service-2.json"
    plain.write_bytes(gzip.decompress(compressed.read_bytes()))
    generated = tmp_path / "schema.json"
    made = run(mplint, spec, "api-model", "generate", str(newer / "botocore"), "-o",
               str(generated))  # fmt: skip
    assert made.code == 0, made.err
    # A lone service-2.json carries no partition data: the bundled partitions apply, which do
    # not know the fixture's region.
    for path, botocore, expected in (
        (compressed, NEWER, []),
        (generated, NEWER, []),
        (plain, None, ["MP411", "MP420"]),
    ):
        result = run(mplint, spec, "check", "spec.yaml", "-f", "sarif", "--api-model", str(path))
        assert result.code == (1 if expected else 0), result.err
        sarif = json.loads(result.out)["runs"][0]
        assert sorted(r["ruleId"] for r in sarif["results"]) == expected
        model = sarif["properties"]["apiModel"]
        assert model["source"] == "file" and model["path"] == str(path)
        assert model["botocore"] == botocore


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x1f\x8b\x08\x00garbage", "is a damaged gzip file"),
        (b"{not json", "is not valid JSON"),
        (b'{"metadata": {"endpointPrefix": "s3", "serviceId": "S3"}, "shapes": {}}',
         "is the API model of S3, not of SageMaker"),
        (b'{"version": "1.0"}', "expected botocore's service-2.json"),
        (b'{"metadata": {"endpointPrefix": "api.sagemaker"}, "shapes": {},'
         b' "operations": {"CreateModelPackage": {"input": {"shape": "Missing"}}}}',
         "the API model is damaged"),
    ],
)  # fmt: skip
def test_a_damaged_model_is_a_usage_error(mplint, spec, tmp_path, content, expected):
    bad = tmp_path / "service-2.json"
    bad.write_bytes(content)
    result = run(mplint, spec, "check", "spec.yaml", "--api-model", str(bad))
    assert result.code == 2
    assert expected in result.err
    assert "Traceback" not in result.err and result.out == ""


def test_a_missing_model_file_and_a_damaged_installed_model_are_usage_errors(
    mplint, spec, tmp_path
):
    missing = run(mplint, spec, "check", "spec.yaml", "--api-model", "nowhere.json")
    assert missing.code == 2
    assert "--api-model: no such file: nowhere.json" in missing.err
    site = tmp_path / "broken"
    service = install_botocore(site, NEWER)
    service.write_bytes(service.read_bytes()[:100])
    result = run(mplint, spec, "check", "spec.yaml", site=site)
    assert result.code == 2
    assert "damaged gzip file" in result.err and str(service) in result.err


def test_diff_prints_what_changed_between_two_models(mplint, spec, newer):
    result = run(mplint, spec, "api-model", "diff", "bundled", str(newer / "botocore"),
                 "--exit-code")  # fmt: skip
    assert result.code == 1, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith(f"## SageMaker API model: botocore {BUNDLED} (bundled) -> botocore")
    assert f"- added `{NEW_MEMBER}` (string, shape EntityName)" in lines
    enum = [line for line in lines if line.startswith("- ProductionVariantInstanceType")]
    assert len(enum) == 1 and f"added `{REALTIME_TYPE}`" in enum[0]
    assert "`InferenceSpecification.SupportedRealtimeInferenceInstanceTypes[]`" in enum[0]
    assert (
        "- new partition `aws-fixture` (DNS suffix `amazonaws.fixture`): regions `fx-north-1`"
        in lines
    )
    same = run(mplint, spec, "api-model", "diff", "bundled", str(FIXTURE), "--exit-code")
    assert same.code == 0
    assert "No change" in same.out


def test_the_fixture_model_builds_the_bundled_schema_exactly():
    """The generator reads botocore's files itself: from the fixture (the bundled release, trimmed to
    what CreateModelPackage reaches) it writes the committed schema byte for byte."""
    from mplint.apimodel import named
    from mplint.apimodel.generate import render

    assert render(named(str(FIXTURE)).schema()) == BUNDLED_SCHEMA.read_text(encoding="utf-8")


def test_regions_come_from_the_active_model(tmp_path):
    import mplint.apimodel as apimodel
    from mplint.apimodel import regions
    from mplint.checks._aws import ecr_region, parse_s3_url

    install_botocore(tmp_path, NEWER)
    previous = apimodel._active
    try:
        apimodel.select("bundled")
        assert regions.partition_of("eusc-de-east-1") == "aws-eusc"
        assert regions.dns_suffix("eusc-de-east-1") == "amazonaws.eu"
        assert regions.partition_of("us-gov-west-1") == "aws-us-gov"
        assert regions.partition_of("us-east-7") == "aws"  # by the partition's pattern
        assert regions.partition_of("fx-north-1") is None
        assert ecr_region("123456789012.dkr.ecr.eusc-de-east-1.amazonaws.eu") == "eusc-de-east-1"
        assert ecr_region("123456789012.dkr.ecr.eusc-de-east-1.amazonaws.com") is None
        assert ecr_region("123456789012.dkr.ecr.fx-north-1.amazonaws.fixture") is None
        url = "https://b.s3.fx-north-1.amazonaws.fixture/k"
        assert isinstance(parse_s3_url(url), str)
        apimodel.select(str(tmp_path / "botocore" / SERVICE))
        assert regions.partition_of("fx-north-1") == "aws-fixture"
        assert ecr_region("123456789012.dkr.ecr.fx-north-1.amazonaws.fixture") == "fx-north-1"
        assert parse_s3_url(url).region == "fx-north-1"
    finally:
        apimodel._active = previous


# --- in-process: the diff, the maintainers' commands, locating botocore -------------------


def _model(**changes) -> dict:
    schema = json.loads(BUNDLED_SCHEMA.read_text(encoding="utf-8"))
    for path, value in changes.items():
        node = schema
        *parents, last = path.split("/")
        for part in parents:
            node = node[part]
        if value is None:
            del node[last]
        else:
            node[last] = value
    return schema


def test_diff_reports_removals_limits_patterns_required_members_and_partitions():
    from mplint.apimodel.diff import changes, render

    old = _model()
    name = "properties/ModelPackageName"
    new = _model(
        **{
            "properties/CertifyForMarketplace": None,
            f"{name}/maxLength": 80,
            f"{name}/x-aws-pattern": "[a-z]+",
            "required": ["ModelPackageName"],
            "properties/ModelPackageGroupName/type": "integer",
            "x-aws-partitions/aws-cn": None,
            "x-aws-partitions/aws/dnsSuffix": "amazonaws.example",
            "x-aws-partitions/aws/regionRegex": "^x$",
            "x-aws-partitions/aws/regions": ["us-east-1"],
        }
    )
    found = changes(old, new)
    assert found["Members"] == [
        "- removed `CertifyForMarketplace` (boolean, shape CertifyForMarketplace)"
    ]
    assert found["Lengths and limits"] == ["- EntityName maxLength: 63 -> 80 (`ModelPackageName`)"]
    assert found["Patterns"][0].startswith(
        "- EntityName pattern: `[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}` -> `[a-z]+`"
    )
    assert (
        "- `ModelPackageName` of CreateModelPackageInput is now required"
        in (found["Required members"][0])
    )
    assert found["Types"] == ["- ArnOrName: string -> integer (`ModelPackageGroupName`)"]
    partitions = found["Partitions and regions"]
    assert "- partition `aws-cn` removed" in partitions
    assert "- `aws` DNS suffix: `amazonaws.com` -> `amazonaws.example`" in partitions
    assert any(line.startswith("- `aws` region pattern:") for line in partitions)
    assert any(line.startswith("- `aws` regions removed: `af-south-1`") for line in partitions)
    text = render("old", "new", found)
    assert text.startswith("## SageMaker API model: old -> new\n\n### Members\n")
    back = changes(new, old)
    assert (
        "- `ModelPackageName` of CreateModelPackageInput is no longer required"
        in (back["Required members"][0])
    )


def test_show_and_generate_check(tmp_path):
    from typer.testing import CliRunner

    from mplint.cli import app

    runner = CliRunner()
    shown = runner.invoke(app, ["api-model", "show", "bundled"])
    assert shown.exit_code == 0
    assert f"model:      botocore {BUNDLED} (bundled)" in shown.output
    assert "partitions: " in shown.output and "regions)" in shown.output
    fresh = runner.invoke(
        app, ["api-model", "generate", str(FIXTURE), "--check", "-o", str(BUNDLED_SCHEMA)]
    )
    assert fresh.exit_code == 0, fresh.output
    stale = tmp_path / "stale.json"
    stale.write_text("{}\n", encoding="utf-8")
    result = runner.invoke(
        app, ["api-model", "generate", str(FIXTURE), "--check", "-o", str(stale)]
    )
    assert result.exit_code == 1 and "is stale" in result.output
    printed = runner.invoke(app, ["api-model", "generate", str(BUNDLED_SCHEMA)])
    assert printed.exit_code == 0
    assert printed.output == BUNDLED_SCHEMA.read_text(encoding="utf-8")
    missing = runner.invoke(app, ["api-model", "generate", "--check"])
    assert missing.exit_code == 2
    not_botocore = runner.invoke(app, ["api-model", "show", str(tmp_path)])
    assert not_botocore.exit_code == 2


def test_locating_botocore_without_importing_it(tmp_path, monkeypatch):
    import sys

    from mplint.apimodel.locate import botocore_data, installed_botocore, version_key

    assert version_key("1.44.8") == (1, 44, 8)
    assert version_key("2.0.0rc1") == (2, 0, 0)
    assert version_key("dev") == ()
    assert botocore_data(tmp_path, "1.0") is None  # no sagemaker folder
    empty = tmp_path / "empty"
    (empty / "botocore").mkdir(parents=True)
    (empty / "botocore" / "__init__.py").write_text("# no version\n", encoding="utf-8")
    monkeypatch.setattr(sys, "path", [str(empty)])
    assert installed_botocore() is None
    monkeypatch.setattr(sys, "path", [str(tmp_path / "nowhere")])
    assert installed_botocore() is None
