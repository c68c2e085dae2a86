"""`mplint check` end to end, as a user runs it: findings, positions, formats, exit codes."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES, VALID_VERSIONED, run_mplint


def by_rule(result) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for finding in result.findings():
        found.setdefault(finding["rule"], []).append(finding)
    return found


def position(finding: dict) -> tuple[int, int]:
    return finding["line"], finding["column"]


def test_valid_spec_passes(mplint, write):
    path = write("spec.yaml", VALID_VERSIONED)
    result = mplint("check", str(path))
    assert result.code == 0, result.out
    assert result.out.strip().endswith("Checked 1 file: 0 errors, 0 warnings, 0 notes.")


def test_shipped_valid_examples_have_no_schema_errors(mplint):
    result = mplint(
        "check", "examples/versioned/churn-model.yaml", "examples/unversioned", "-f", "json"
    )
    assert [f for f in result.findings() if f["level"] == "error"] == []


def test_each_schema_defect_has_its_rule_and_position(mplint, write):
    path = write(
        "bad.yaml",
        """
        ModelPackageGroupname: churn
        ModelPackageName: customer-churn-gradient-boosted-trees-with-calibrated-probabilities
        ModelApprovalStatus: approved
        InferenceSpecification:
          Containers:
            - Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1
              ModelDataUrl: churn/model.tar.gz
              Environment:
                model-server-workers: "2"
          SupportedContentTypes: text/csv
          SupportedRealtimeInferenceInstanceTypes: [ml.m5.superlarge]
          SupportedTransformInstanceTypes: []
        ValidationSpecification:
          ValidationRole: arn:aws:iam::123456789012:role/Validate
          ValidationProfiles:
            - ProfileName: p1
              TransformJobDefinition:
                TransformInput:
                  DataSource: {S3DataSource: {S3DataType: S3Prefix, S3Uri: "s3://b/in/"}}
                TransformOutput: {S3OutputPath: "s3://b/out/"}
                TransformResources: {InstanceType: ml.m5.large, InstanceCount: 0}
        CertifyForMarketplace: "yes"
        """,
    )
    result = mplint("check", str(path), "-f", "json")
    assert result.code == 1
    found = by_rule(result)
    unknown = found["MP101"][0]
    assert position(unknown) == (1, 1)
    assert "did you mean 'ModelPackageGroupName'" in unknown["message"]
    assert position(found["MP105"][0]) == (2, 19)
    assert found["MP105"][0]["message"] == (
        "ModelPackageName is 67 characters long; the maximum is 63"
    )
    enum_messages = {position(f): f["message"] for f in found["MP104"]}
    assert "allowed values: Approved, Rejected, PendingManualApproval" in enum_messages[(3, 22)]
    assert "did you mean ml.m5.large" in enum_messages[(11, 45)]
    assert position(found["MP107"][0]) == (7, 21)
    assert found["MP107"][0]["path"] == "/InferenceSpecification/Containers/0/ModelDataUrl"
    assert position(found["MP111"][0]) == (9, 9)  # the Environment key itself
    types = {position(f) for f in found["MP103"]}
    assert types == {(10, 26), (22, 24)}
    assert position(found["MP109"][0]) == (12, 36)
    assert position(found["MP110"][0]) == (21, 72)


def test_missing_required_member_points_at_the_mapping(mplint, write):
    path = write(
        "spec.yaml",
        """
        ModelPackageGroupName: churn
        InferenceSpecification:
          SupportedContentTypes: [text/csv]
        """,
    )
    result = mplint("check", str(path), "-f", "json")
    missing = by_rule(result)["MP102"]
    assert [(position(f), f["message"]) for f in missing] == [
        ((2, 1), "InferenceSpecification is missing the required key 'Containers'")
    ]


def test_wrong_type_does_not_cascade(mplint, write):
    path = write(
        "spec.yaml",
        """
        ModelPackageGroupName: churn
        InferenceSpecification: [text/csv, {Containers: 1}]
        Tags: "team=ml"
        """,
    )
    result = mplint("check", str(path), "-f", "json")
    assert [(f["rule"], position(f)) for f in result.findings()] == [
        ("MP103", (2, 25)),
        ("MP103", (3, 7)),
    ]


def test_unknown_nested_key_suggests_the_closest(mplint, write):
    path = write(
        "spec.yaml",
        """
        ModelPackageGroupName: churn
        InferenceSpecification:
          Containers:
            - image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1
        """,
    )
    finding = by_rule(mplint("check", str(path), "-f", "json"))["MP101"][0]
    assert position(finding) == (4, 7)
    assert finding["message"] == (
        "unknown key 'image' in InferenceSpecification.Containers[0]; did you mean 'Image'?"
    )


def test_json_spec_positions(mplint, write):
    path = write(
        "spec.json",
        '{"ModelPackageGroupName": "churn",\n "ModelApprovalStatus": "Aproved"}\n',
    )
    finding = by_rule(mplint("check", str(path), "-f", "json"))["MP104"][0]
    assert position(finding) == (2, 25)
    assert (finding["end_line"], finding["end_column"]) == (2, 34)


def test_yaml_syntax_error(mplint, write):
    path = write("spec.yaml", "ModelPackageGroupName: churn\nTags: [{Key: a, Value: b}\n")
    result = mplint("check", str(path), "-f", "json")
    assert result.code == 1
    [finding] = result.findings()
    assert finding["rule"] == "MP001"
    assert finding["line"] == 3
    assert finding["message"].startswith("YAML syntax error")


def test_json_syntax_errors(mplint, write):
    trailing = write("a.json", '{\n  "ModelPackageGroupName": "churn",\n}\n')
    missing = write("b.json", '{"ModelPackageGroupName": "churn" "Tags": []}')
    result = mplint("check", str(trailing), str(missing), "-f", "json")
    found = [
        (f["file"].rsplit("/", 1)[-1], f["rule"], position(f), f["message"])
        for f in result.findings()
    ]
    assert found == [
        ("a.json", "MP002", (2, 35), "JSON syntax error: trailing comma before '}'"),
        ("b.json", "MP002", (1, 35), "JSON syntax error: expected ',' or '}'"),
    ]


def test_duplicate_keys_in_yaml_and_json(mplint, write):
    yaml_file = write("a.yaml", "ModelPackageGroupName: a\nModelPackageGroupName: b\n")
    json_file = write("b.json", '{"ModelPackageGroupName": "a",\n  "ModelPackageGroupName": "b"}')
    result = mplint("check", str(yaml_file), str(json_file), "-f", "json")
    assert [(f["rule"], position(f)) for f in result.findings()] == [
        ("MP003", (2, 1)),
        ("MP003", (2, 3)),
    ]
    assert "first defined at line 1" in result.findings()[0]["message"]


def test_multi_document_file_checks_each_document(mplint, write):
    path = write(
        "two.yaml",
        """
        ModelPackageGroupName: churn
        ---
        ModelPackageGroupName: churn
        ModelApprovalStatus: Approvd
        """,
    )
    [finding] = mplint("check", str(path), "-f", "json").findings()
    assert (finding["rule"], position(finding), finding["document"]) == ("MP104", (4, 22), 1)


def test_empty_file_and_non_mapping_top_level(mplint, write):
    empty = write("empty.yaml", "")
    listing = write("list.yaml", "- ModelPackageGroupName: churn\n")
    result = mplint("check", str(empty), str(listing), "-f", "json")
    assert [(f["rule"], position(f)) for f in result.findings()] == [
        ("MP004", (1, 1)),
        ("MP004", (1, 1)),
    ]
    assert "is a list; expected a mapping" in result.findings()[1]["message"]


def test_unsafe_and_unknown_tags(mplint, write, tmp_path):
    marker = tmp_path / "pwned"
    path = write(
        "spec.yaml",
        f"""
        ModelPackageGroupName: !Ref Group
        ModelPackageDescription: !!python/object/apply:os.system ["touch {marker}"]
        """,
    )
    result = mplint("check", str(path), "-f", "json")
    assert [(f["rule"], position(f)) for f in result.findings()] == [
        ("MP006", (1, 24)),
        ("MP005", (2, 26)),
    ]
    assert not marker.exists()


def test_directory_discovery_skips_non_specs_and_hidden_folders(mplint, write, tmp_path):
    write("specs/churn.yaml", VALID_VERSIONED)
    write("specs/bad.json", '{"ModelPackageGroupName": "churn", "Tagz": []}')
    write(".github/workflows/ci.yml", "on: push\njobs: {}\n")
    write(".venv/lib/spec.yaml", "ModelPackageGroupName: 1\n")
    write("node_modules/x/spec.yaml", "ModelPackageGroupName: 1\n")
    write("venvdir/pyvenv.cfg", "home = /usr\n")
    write("venvdir/spec.yaml", "ModelPackageGroupName: 1\n")
    write("k8s/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\n")
    write(
        "compose.yml", "services:\n  # ModelPackageName is mentioned only in a comment\n  a: {}\n"
    )
    write("notes.txt", "ModelPackageGroupName: 1\n")
    result = mplint("check", ".", "-f", "json", cwd=tmp_path)
    statuses = {f["file"]: f["status"] for f in result.json()["files"]}
    assert statuses == {
        "compose.yml": "skipped",
        "k8s/deployment.yaml": "skipped",
        "specs/bad.json": "checked",
        "specs/churn.yaml": "checked",
    }
    assert [(f["file"], f["rule"]) for f in result.findings()] == [("specs/bad.json", "MP101")]
    verbose = mplint("check", ".", "-v", cwd=tmp_path)
    assert "k8s/deployment.yaml: skipped" in verbose.out


def test_explicit_non_spec_file_is_checked(mplint, write):
    path = write("deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\n")
    result = mplint("check", str(path), "-f", "json")
    assert result.code == 1
    assert {f["rule"] for f in result.findings()} == {"MP101"}


def test_unreadable_file_does_not_stop_the_others(mplint, write, tmp_path):
    good = write("good.yaml", VALID_VERSIONED)
    bad = write("bad.yaml", "ModelPackageGroupName: a\nModelApprovalStatus: nope\n")
    binary = write("blob.yaml", b"\xff\xfe\x00garbage\x80")
    directory_as_file = tmp_path / "dir.yaml"
    directory_as_file.mkdir()
    result = mplint("check", str(good), str(binary), str(bad), "-f", "json")
    rules = [(f["file"].rsplit("/", 1)[-1], f["rule"]) for f in result.findings()]
    assert rules == [("bad.yaml", "MP104"), ("blob.yaml", "MP007")]
    assert result.code == 1


def test_paths_are_relative_to_the_current_directory(mplint, write, tmp_path):
    write("sub/spec.yaml", "ModelPackageGroupName: a\nModelApprovalStatus: nope\n")
    result = mplint("check", "sub", cwd=tmp_path)
    assert result.out.startswith("sub/spec.yaml:2:22: error MP104 ")


def test_text_output_is_sorted_and_summarised(mplint):
    result = mplint("check", "examples/")
    lines = result.out.splitlines()
    assert result.code == 1
    keys = []
    for line in lines[:-1]:
        path, row, col, _ = line.split(":", 3)
        keys.append((path, int(row), int(col)))
    assert keys == sorted(keys)
    assert lines[-1].startswith("Checked ")
    assert "skipped: not model package specs" in lines[-1]


def test_json_format_is_documented_shape(mplint):
    document = json.loads(mplint("check", str(EXAMPLES / "invalid"), "-f", "json").out)
    assert document["version"] == 1
    assert document["tool"]["name"] == "mplint"
    finding = document["findings"][0]
    assert set(finding) == {
        "file", "line", "column", "end_line", "end_column", "rule", "name", "level",
        "message", "path", "document",
    }  # fmt: skip


def test_output_file(mplint, tmp_path):
    out = tmp_path / "report.json"
    result = mplint("check", "examples/invalid", "-f", "json", "-o", str(out))
    assert result.out == ""
    assert json.loads(out.read_text())["findings"]


def test_exit_codes(mplint, write):
    clean = write("clean.yaml", VALID_VERSIONED)
    assert mplint("check", str(clean)).code == 0
    assert mplint("check", "examples/invalid").code == 1
    missing = mplint("check", "no/such/path.yaml")
    assert missing.code == 2
    assert missing.err.strip() == "mplint: error: no such file or directory: no/such/path.yaml"
    assert "Traceback" not in missing.err
    assert mplint("check", str(clean), "--format", "xml").code == 2
    assert mplint("check", str(clean), "--select", "MP999").code == 2


def test_select_and_ignore(mplint):
    only = mplint("check", "examples/invalid", "-f", "json", "--select", "MP104,unknown-key")
    assert {f["rule"] for f in only.findings()} == {"MP101", "MP104"}
    without = mplint("check", "examples/invalid", "-f", "json", "--ignore", "MP1")
    rules = {f["rule"] for f in without.findings()}
    assert "MP002" in rules and not any(rule.startswith("MP1") for rule in rules)


def test_fail_on_decides_which_level_fails_the_run(mplint, write):
    clean = write("clean.yaml", VALID_VERSIONED)
    assert mplint("check", str(clean), "--fail-on", "note").code == 0
    # MP213 is a warning: it fails the run only when --fail-on reaches down to it.
    warned = write("warned.yaml", VALID_VERSIONED + "CertifyForMarketplace: true\n")
    assert mplint("check", str(warned), "-f", "json").rules() == ["MP213"]
    assert mplint("check", str(warned)).code == 0
    assert mplint("check", str(warned), "--fail-on", "error").code == 0
    assert mplint("check", str(warned), "--fail-on", "warning").code == 1
    assert mplint("check", str(warned), "--fail-on", "note").code == 1
    # The run's exit code is the highest of its files'.
    failed = write("failed.yaml", VALID_VERSIONED + "ModelApprovalStatus: nope\n")
    assert mplint("check", str(warned), str(failed)).code == 1


def test_directory_scan_finds_a_spec_whose_only_key_is_misspelt(mplint, write, tmp_path):
    write("specs/typo.yaml", "ModelPackageGroupname: churn\n")
    result = mplint("check", ".", "-f", "json", cwd=tmp_path)
    assert [(f["file"], f["rule"], position(f)) for f in result.findings()] == [
        ("specs/typo.yaml", "MP101", (1, 1))
    ]


def test_a_misspelt_required_key_is_one_finding(mplint, write):
    path = write(
        "spec.yaml",
        """
        ModelPackageGroupName: churn
        ModelMetrics:
          ModelQuality:
            Statistics:
              ContentType: application/json
              S3uri: s3://bucket/statistics.json
        """,
    )
    assert [
        (f["rule"], position(f)) for f in mplint("check", str(path), "-f", "json").findings()
    ] == [("MP101", (6, 7))]


def test_instance_type_suggestions_prefer_the_same_family(mplint, write):
    path = write(
        "spec.yaml",
        """
        ModelPackageGroupName: churn
        InferenceSpecification:
          Containers: [{Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1}]
          SupportedContentTypes: [text/csv]
          SupportedResponseMIMETypes: [text/csv]
          SupportedRealtimeInferenceInstanceTypes: [m5.xlarge]
        """,
    )
    [finding] = mplint("check", str(path), "-f", "json").findings()
    assert "did you mean ml.m5.xlarge or" in finding["message"]


def test_yaml_scalar_that_is_not_a_string_gets_a_quoting_hint(mplint, write):
    path = write(
        "spec.yaml", "ModelPackageGroupName: churn\nMetadataProperties: {CommitId: 1.10}\n"
    )
    [finding] = mplint("check", str(path), "-f", "json").findings()
    assert finding["rule"] == "MP103"
    assert finding["message"].endswith("quote the value)")


def test_empty_documents_between_separators_are_not_specs(mplint, write):
    path = write("spec.yaml", "---\n" + VALID_VERSIONED + "---\n")
    result = mplint("check", str(path))
    assert result.code == 0, result.out


def test_unclosed_quote_names_where_it_started(mplint, write):
    path = write(
        "spec.yaml", 'ModelPackageGroupName: churn\nModelPackageDescription: "open\nTags: []\n'
    )
    [finding] = mplint("check", str(path), "-f", "json").findings()
    assert finding["rule"] == "MP001"
    assert finding["message"].endswith("it started at line 2, column 26")


def test_an_empty_selection_is_a_usage_error(mplint, write):
    path = write("spec.yaml", VALID_VERSIONED)
    result = mplint("check", str(path), "--select", "")
    assert result.code == 2
    assert "empty rule selection" in result.err


def test_a_named_file_without_any_request_is_reported(mplint, write):
    spec = write("spec.yaml", VALID_VERSIONED)
    forced = mplint("check", "--source", "pipeline", str(spec), "-f", "json")
    assert forced.code == 1
    [finding] = forced.findings()
    assert (finding["rule"], position(finding)) == ("MP004", (1, 1))
    assert finding["message"] == (
        "no CreateModelPackage request found in this file (read with --source pipeline)"
    )
    template = write(
        "stack.yaml",
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
        "  Bucket: {Type: AWS::S3::Bucket}\n  Group: {Type: AWS::SageMaker::ModelPackageGroup}\n",
    )
    result = mplint("check", str(template), "-f", "json")
    assert [f["rule"] for f in result.findings()] == ["MP004"]


def test_binary_file_is_reported_at_its_first_nul_byte(mplint, write):
    path = write("blob.yaml", b"\x7fELF\x02\x01\x01\x00abc\xd0\xff")
    [finding] = mplint("check", str(path), "-f", "json").findings()
    assert (finding["rule"], position(finding)) == ("MP007", (1, 8))
    assert finding["message"] == "binary file: NUL character at line 1, column 8"


def test_a_name_over_63_characters_is_reported_as_too_long(mplint, write):
    long_group = write("a.yaml", f"ModelPackageGroupName: {'churn-' * 11}x\n")
    bad_group = write("b.yaml", "ModelPackageGroupName: churn_model\n")
    result = mplint("check", str(long_group), str(bad_group), "-f", "json")
    found = [(f["rule"], position(f), f["message"]) for f in result.findings()]
    assert found[0][:2] == ("MP107", (1, 24))
    assert found[0][2].endswith(
        "is 67 characters long; a name has at most 63 (letters, digits and hyphens)"
    )
    assert found[1] == (
        "MP107",
        (1, 24),
        "ModelPackageGroupName 'churn_model' is not a name (1-63 letters, digits and hyphens)"
        " or a SageMaker ARN",
    )


def test_an_empty_json_file_is_empty_like_an_empty_yaml_file(mplint, write):
    empty = write("empty.json", "\n  \n")
    result = mplint("check", str(empty), "-f", "json")
    [finding] = result.findings()
    assert (finding["rule"], position(finding)) == ("MP004", (1, 1))
    assert finding["message"] == "the file is empty; expected a model package spec"


def test_a_folder_without_files_to_check_passes_with_a_warning(mplint, tmp_path):
    (tmp_path / "specs").mkdir()
    result = mplint("check", "specs", cwd=tmp_path)
    assert result.code == 0
    assert result.err == "mplint: warning: no files to check were found in specs\n"
    assert result.out == "Checked 0 files: 0 errors, 0 warnings, 0 notes.\n"


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_a_report_or_baseline_never_overwrites_a_spec_of_the_checked_tree(write, tmp_path, option):
    """`-o specs/churn.yaml` with the report's own name forgotten: the spec is found by the
    scan, not named, and must survive."""
    spec = write("specs/churn.yaml", VALID_VERSIONED)
    result = run_mplint("check", option, "specs/churn.yaml", ".", cwd=tmp_path)
    assert result.code == 2
    named = "--output" if option == "-o" else option
    assert f"{named} specs/churn.yaml would overwrite a model package spec" in result.err
    assert spec.read_text("utf-8") == VALID_VERSIONED


def test_reports_and_baselines_of_earlier_runs_are_overwritten(write, tmp_path):
    write("specs/churn.yaml", VALID_VERSIONED + "Colour: red\n")
    for _ in range(2):  # the second run replaces what the first wrote
        for args in (["-f", "json", "-o", "r.json"], ["-f", "sarif", "-o", "r.sarif"],
                     ["-f", "gitlab", "-o", "gl.json"], ["--write-baseline", "bl.json"]):  # fmt: skip
            assert run_mplint("check", ".", *args, cwd=tmp_path).code in (0, 1)


def test_unsafe_fixes_without_fix_or_diff_says_it_does_nothing(write, tmp_path):
    write("spec.yaml", VALID_VERSIONED)
    result = run_mplint("check", "--unsafe-fixes", "spec.yaml", cwd=tmp_path)
    assert result.code == 0
    assert "--unsafe-fixes does nothing without --fix or --diff" in result.err
