"""`mplint check -` reads one spec from standard input; --stdin-filename names it."""

from __future__ import annotations

from conftest import VALID_VERSIONED, run_mplint
from sarif_support import validate_sarif

BROKEN = "ModelPackageGroupName: churn\nModelApprovalStatus: approved\n"


def test_stdin_spec_is_checked(tmp_path):
    result = run_mplint("check", "-", stdin=BROKEN, cwd=tmp_path)
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "<stdin>:2:22: error MP104 ModelApprovalStatus is 'approved'; allowed values: "
        "Approved, Rejected, PendingManualApproval"
    )
    assert result.out.splitlines()[-1] == "Checked 1 file: 1 error, 0 warnings, 0 notes."


def test_stdin_filename_names_the_spec(tmp_path):
    result = run_mplint(
        "check", "-", "--stdin-filename", "specs/churn.yaml", "-f", "json",
        stdin=BROKEN, cwd=tmp_path,
    )  # fmt: skip
    assert [(f["file"], f["rule"], f["line"], f["column"]) for f in result.findings()] == [
        ("specs/churn.yaml", "MP104", 2, 22)
    ]


def test_stdin_filename_alone_reads_stdin(tmp_path):
    result = run_mplint("check", "--stdin-filename", "x.yaml", stdin=BROKEN, cwd=tmp_path)
    assert result.code == 1 and result.out.startswith("x.yaml:2:22: error MP104")


def test_stdin_json_is_parsed_as_json(tmp_path):
    result = run_mplint("check", "-", stdin='{"ModelPackageGroupName": "churn",}', cwd=tmp_path)
    assert result.code == 1
    assert "error MP002 JSON syntax error: trailing comma" in result.out


def test_stdin_valid_spec_passes(tmp_path):
    result = run_mplint("check", "-", stdin=VALID_VERSIONED, cwd=tmp_path)
    assert result.code == 0, result.out
    assert result.out == "Checked 1 file: 0 errors, 0 warnings, 0 notes.\n"


def test_stdin_is_always_a_spec_even_with_skip_non_specs(tmp_path):
    result = run_mplint("check", "-", "--skip-non-specs", stdin="services: {}\n", cwd=tmp_path)
    assert result.code == 1
    assert "MP10" in result.out


def test_stdin_with_files_and_sarif(tmp_path, write):
    write("a.yaml", "ModelPackageGroupName: churn\nColour: red\n")
    result = run_mplint(
        "check", "a.yaml", "-", "--stdin-filename", "b.yaml", "-f", "sarif",
        stdin=BROKEN, cwd=tmp_path,
    )  # fmt: skip
    run = validate_sarif(result.out)["runs"][0]
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    ]
    assert uris == ["a.yaml", "b.yaml"]


def test_stdin_without_a_name_in_sarif(tmp_path):
    result = run_mplint("check", "-", "-f", "sarif", stdin=BROKEN, cwd=tmp_path)
    run = validate_sarif(result.out)["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "%3Cstdin%3E"}


def test_stdin_usage_errors(tmp_path):
    twice = run_mplint("check", "-", "-", stdin=BROKEN, cwd=tmp_path)
    assert twice.code == 2 and "standard input (-) can be read only once" in twice.err
    (tmp_path / "a.yaml").write_text(BROKEN, "utf-8")
    misplaced = run_mplint("check", "a.yaml", "--stdin-filename", "x.yaml", cwd=tmp_path)
    assert misplaced.code == 2 and "add - to the paths" in misplaced.err
