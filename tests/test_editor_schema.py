"""`mplint schema`: the request's JSON Schema for editors, valid against its meta-schema,
with descriptions, enums and limits, and patterns that JavaScript reads as Python does."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
import yaml
from conftest import EXAMPLES, VALID_VERSIONED, run_mplint
from jsonschema import Draft7Validator

from mplint.editor_schema import editor_schema, member_doc_url, node_at, source_schema


@pytest.fixture(scope="module")
def printed() -> dict:
    result = run_mplint("schema")
    assert result.code == 0, result.err
    return json.loads(result.out)


def walk(node, path=()):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, path + (i,))


def test_printed_schema_is_valid_draft_07(printed):
    assert printed == json.loads(json.dumps(editor_schema()))
    assert printed["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(printed)
    assert not any(key.startswith("x-") for _, node in walk(printed) for key in node)


def test_output_file(tmp_path, printed):
    target = tmp_path / "schemas" / "mplint.json"
    result = run_mplint("schema", "-o", str(target))
    assert result.code == 0 and result.out == ""
    assert json.loads(target.read_text("utf-8")) == printed
    blocked = run_mplint("schema", "-o", str(tmp_path))  # a folder
    assert blocked.code == 2 and "cannot write" in blocked.err


def test_valid_specs_pass_and_defects_fail(printed):
    validator = Draft7Validator(printed)
    valid = [yaml.safe_load(VALID_VERSIONED)]
    valid += [json.loads((EXAMPLES / "unversioned" / "fraud-detector.json").read_text("utf-8"))]
    for spec in valid:
        assert list(validator.iter_errors(spec)) == []
    typos = yaml.safe_load((EXAMPLES / "invalid" / "typos.yaml").read_text("utf-8"))
    messages = sorted(error.message for error in validator.iter_errors(typos))
    assert any("'ModelPackageGroupname' was unexpected" in m for m in messages)
    assert any("'approved' is not one of ['Approved', 'Rejected', " in m for m in messages)
    assert any("is too long" in m for m in messages)
    tag = {"ModelPackageName": "x", "Tags": [{"Key": "team/ünïcode 𐀀", "Value": "ok"}]}
    assert list(validator.iter_errors(tag)) == []
    assert list(validator.iter_errors({"Tags": [{"Key": "bad\u0007", "Value": "x"}]}))


def test_every_member_is_documented_with_its_limits_and_api_link(printed):
    members = [
        (path, node) for path, node in walk(printed) if len(path) >= 2 and path[-2] == "properties"
    ]
    assert len(members) > 200
    for path, node in members:
        assert node["description"], path
        markdown = node["markdownDescription"]
        assert markdown.startswith(f"**{path[-1]}** ("), path
        assert (
            "[API reference](https://docs.aws.amazon.com/sagemaker/latest/APIReference/" in markdown
        )
    status = printed["properties"]["ModelApprovalStatus"]
    assert status["enum"] == ["Approved", "Rejected", "PendingManualApproval"]
    assert (
        "One of: `Approved`, `Rejected`, `PendingManualApproval`" in status["markdownDescription"]
    )
    name = printed["properties"]["ModelPackageName"]
    assert (name["minLength"], name["maxLength"]) == (1, 63)
    assert "1 to 63 characters" in name["markdownDescription"]
    assert "Pattern (API): `[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`" in name["markdownDescription"]
    containers = printed["properties"]["InferenceSpecification"]["properties"]["Containers"]
    assert containers["markdownDescription"].startswith(
        "**Containers** (list of ModelPackageContainerDefinition)"
    )
    assert containers["items"]["additionalProperties"] is False


def test_doc_links_follow_the_api_reference_anchors():
    assert member_doc_url("ModelApprovalStatus", None) == (
        "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModelPackage.html"
        "#sagemaker-CreateModelPackage-request-ModelApprovalStatus"
    )
    _, member, parent = node_at(
        source_schema(), ("InferenceSpecification", "Containers", 0, "Image")
    )
    assert member_doc_url(member, parent) == (
        "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"
        "API_ModelPackageContainerDefinition.html#sagemaker-Type-ModelPackageContainerDefinition-Image"
    )
    with pytest.raises(KeyError):
        node_at(source_schema(), ("NoSuchMember",))


# What a JavaScript editor does with a pattern: new RegExp(pattern, "u"), tested on samples.
NODE_SCRIPT = """
const fs = require("fs");
const [schemaFile, samplesFile] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
const samples = JSON.parse(fs.readFileSync(samplesFile, "utf8"));
const out = [];
(function walk(n) {
  if (Array.isArray(n)) return n.forEach(walk);
  if (n && typeof n === "object") for (const [k, v] of Object.entries(n)) {
    if (k === "pattern" && typeof v === "string") {
      const re = new RegExp(v, "u");
      out.push([v, samples.map((s) => re.test(s))]);
    } else walk(v);
  }
})(schema);
console.log(JSON.stringify(out));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run JavaScript regexes")
def test_patterns_mean_the_same_in_javascript(tmp_path, printed):
    samples = [
        "churn", "a-b", "x" * 70, "s3://bucket/model.tar.gz", "Łódź 𐀀 data", "🙂", "",
        "line\n", "sha256:" + "a" * 64, "model_server_workers", "ml.m5.large",
        "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn",
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2",
    ]  # fmt: skip
    (tmp_path / "schema.json").write_text(json.dumps(printed), "utf-8")
    (tmp_path / "samples.json").write_text(json.dumps(samples), "utf-8")
    (tmp_path / "check.js").write_text(NODE_SCRIPT, "utf-8")
    proc = subprocess.run(
        ["node", str(tmp_path / "check.js"), str(tmp_path / "schema.json"),
         str(tmp_path / "samples.json")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr  # every pattern compiles with the u flag
    results = json.loads(proc.stdout)
    assert len(results) == sum(1 for _, node in walk(printed) if "pattern" in node)
    for pattern, javascript in results:
        assert [re.search(pattern, s) is not None for s in samples] == javascript, pattern
