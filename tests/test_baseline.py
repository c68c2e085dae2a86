"""--write-baseline / --baseline: adopt mplint gradually, keyed on where a finding is, not its line."""

from __future__ import annotations

import json

import pytest
from conftest import run_mplint

SPEC = """\
ModelPackageGroupName: churn
ModelPackageDescription: [not, a, string]
Colour: red
"""


def rules_and_lines(result) -> list[tuple[str, str, int]]:
    return [(f["file"], f["rule"], f["line"]) for f in result.findings()]


@pytest.fixture
def repo(tmp_path, write):
    write("specs/a.yaml", SPEC)
    write("specs/b.yaml", "ModelPackageGroupName: fraud\n")
    return tmp_path


def check(repo, *args: str, stdin: str | None = None):
    return run_mplint("check", "specs", "-f", "json", *args, cwd=repo, stdin=stdin)


def test_write_baseline_records_findings_and_accepts_them(repo):
    result = check(repo, "--write-baseline", "baseline.json")
    assert result.code == 0, result.err
    assert result.findings() == []
    assert "recorded 2 findings in baseline.json" in result.err
    data = json.loads((repo / "baseline.json").read_text("utf-8"))
    assert data["version"] == 1
    assert [(e["file"], e["rule"], e["document"], e["path"]) for e in data["findings"]] == [
        ("specs/a.yaml", "MP101", 0, "/Colour"),
        ("specs/a.yaml", "MP103", 0, "/ModelPackageDescription"),
    ]
    assert all(e["message"] for e in data["findings"])


def test_baseline_hides_recorded_findings_and_reports_new_ones(repo):
    check(repo, "--write-baseline", "baseline.json")
    assert check(repo, "--baseline", "baseline.json").code == 0
    (repo / "specs" / "b.yaml").write_text("ModelPackageGroupName: fraud\nShape: round\n", "utf-8")
    result = check(repo, "--baseline", "baseline.json")
    assert result.code == 1
    assert rules_and_lines(result) == [("specs/b.yaml", "MP101", 2)]
    assert "2 findings in the baseline baseline.json not shown" in result.err


def test_lines_moving_keep_the_baseline_valid(repo):
    check(repo, "--write-baseline", "baseline.json")
    moved = "# owned by the churn team\n\nTags: []\n" + SPEC
    (repo / "specs" / "a.yaml").write_text(moved, "utf-8")
    assert [r for _, r, _ in rules_and_lines(check(repo))] == ["MP103", "MP101"]
    result = check(repo, "--baseline", "baseline.json")
    assert result.code == 0, result.out
    assert result.findings() == []
    assert "no longer match" not in result.err


def test_a_finding_moving_to_another_file_is_new(repo):
    check(repo, "--write-baseline", "baseline.json")
    # Colour moves from a.yaml to b.yaml: same rule, same path in the document, other file
    (repo / "specs" / "a.yaml").write_text(SPEC.replace("Colour: red\n", ""), "utf-8")
    (repo / "specs" / "b.yaml").write_text("ModelPackageGroupName: fraud\nColour: red\n", "utf-8")
    result = check(repo, "--baseline", "baseline.json")
    assert result.code == 1
    assert rules_and_lines(result) == [("specs/b.yaml", "MP101", 2)]
    assert (
        "1 baseline entry in baseline.json no longer match a finding; shrink the baseline "
        "with --write-baseline baseline.json:\n  specs/a.yaml: MP101 at /Colour\n"
    ) in result.err


def test_fixed_findings_shrink_the_baseline(repo):
    check(repo, "--write-baseline", "baseline.json")
    (repo / "specs" / "a.yaml").write_text("ModelPackageGroupName: churn\n", "utf-8")
    result = check(repo, "--baseline", "baseline.json")
    assert result.code == 0
    assert "2 baseline entries in baseline.json no longer match a finding" in result.err
    assert "specs/a.yaml: MP101 at /Colour" in result.err
    assert "specs/a.yaml: MP103 at /ModelPackageDescription" in result.err
    # rewriting it drops the stale entries
    check(repo, "--baseline", "baseline.json", "--write-baseline", "baseline.json")
    assert json.loads((repo / "baseline.json").read_text("utf-8"))["findings"] == []
    assert "no longer match" not in check(repo, "--baseline", "baseline.json").err


def test_another_finding_at_the_same_place_is_new(repo):
    check(repo, "--write-baseline", "baseline.json")
    # the value at /ModelPackageDescription changes kind of problem: MP103 -> MP105
    changed = SPEC.replace("[not, a, string]", "x" * 1100)
    (repo / "specs" / "a.yaml").write_text(changed, "utf-8")
    result = check(repo, "--baseline", "baseline.json")
    assert [r for _, r, _ in rules_and_lines(result)] == ["MP105"]
    assert "specs/a.yaml: MP103 at /ModelPackageDescription" in result.err


def test_each_entry_absorbs_one_finding(tmp_path, write):
    write("multi.yaml", "ModelPackageGroupName: a\nColour: red\n---\nModelPackageGroupName: b\n")
    run_mplint("check", "multi.yaml", "--write-baseline", "b.json", cwd=tmp_path)
    entries = json.loads((tmp_path / "b.json").read_text("utf-8"))["findings"]
    assert [(e["document"], e["path"]) for e in entries] == [(0, "/Colour")]
    # the same problem in the second document is not covered by the first one's entry
    (tmp_path / "multi.yaml").write_text(
        "ModelPackageGroupName: a\nColour: red\n---\nModelPackageGroupName: b\nColour: red\n",
        "utf-8",
    )
    result = run_mplint("check", "multi.yaml", "--baseline", "b.json", "-f", "json", cwd=tmp_path)
    assert [(f["document"], f["line"]) for f in result.findings()] == [(1, 5)]


def test_baseline_applies_before_every_reporter(repo, tmp_path):
    check(repo, "--write-baseline", "baseline.json")
    (repo / "specs" / "b.yaml").write_text("ModelPackageGroupName: fraud\nShape: round\n", "utf-8")
    sarif = repo / "out.sarif"
    result = run_mplint(
        "check", "specs", "--baseline", "baseline.json", "-f", "text", "-f", "sarif", "-o",
        str(sarif), cwd=repo,
    )  # fmt: skip
    assert result.out.splitlines()[0].startswith("specs/b.yaml:2:1: error MP101")
    assert len(result.out.splitlines()) == 2
    from sarif_support import validate_sarif

    results = validate_sarif(sarif.read_text("utf-8"))["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["MP101"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline missing.json does not exist; create it with --write-baseline"),
        ("{not json", "baseline is not valid JSON"),
        ('{"version": 7, "findings": []}', "not an mplint baseline"),
        ('{"version": 1, "findings": [{"file": 1}]}', "findings[0]: 'file' must be a string"),
    ],
)
def test_bad_baselines_are_usage_errors(repo, content, message):
    name = "missing.json" if content is None else "bad.json"
    if content is not None:
        (repo / name).write_text(content, "utf-8")
    result = check(repo, "--baseline", name)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_internal_errors_are_never_baselined():
    from mplint.filters import baseline
    from mplint.model import FileReport, Finding, Kind, Level, Span

    crash = Finding("MP000", Level.ERROR, "rule MP999 failed", "a.yaml", Span.point(1, 1))
    crash.kind = Kind.INTERNAL_ERROR
    reports = [FileReport("a.yaml", "checked", [crash], 1)]
    assert baseline.entries(reports) == []
    entry = baseline.Entry("a.yaml", "MP000", 0, "")
    filtered, unmatched = baseline.apply(reports, [entry])
    assert filtered[0].findings == [crash]
    assert unmatched == [entry]


def test_baseline_paths_are_relative_to_the_repository_root(repo):
    (repo / ".git").mkdir()  # the root of a repository
    check(repo, "--write-baseline", "baseline.json")
    entries = json.loads((repo / "baseline.json").read_text("utf-8"))["findings"]
    assert {e["file"] for e in entries} == {"specs/a.yaml"}
    # from a subdirectory the same findings match
    inside = run_mplint("check", ".", "--baseline", "../baseline.json", cwd=repo / "specs")
    assert inside.code == 0, inside.out + inside.err
    assert "no longer match" not in inside.err


def test_a_run_over_some_files_says_nothing_of_the_others_entries(repo, write):
    """A pre-commit hook passes only the staged files: the entries of the files it did not
    check are not stale, and recording a baseline from them keeps the others' entries."""
    write("other/c.yaml", SPEC)
    assert run_mplint("check", ".", "--write-baseline", "bl.json", cwd=repo).code == 0
    some = run_mplint("check", "other/c.yaml", "--baseline", "bl.json", cwd=repo)
    assert some.code == 0, some.err
    assert "no longer match" not in some.err
    rewritten = run_mplint("check", "other/c.yaml", "--write-baseline", "bl.json", cwd=repo)
    assert "recorded 2 findings in bl.json (kept 2 of files not checked)" in rewritten.err
    everything = run_mplint("check", ".", "--baseline", "bl.json", "-f", "json", cwd=repo)
    assert (everything.code, everything.findings()) == (0, [])


def test_entries_of_a_deleted_file_are_stale_and_are_not_kept(repo, write):
    write("other/c.yaml", SPEC)
    assert run_mplint("check", ".", "--write-baseline", "bl.json", cwd=repo).code == 0
    (repo / "specs" / "a.yaml").unlink()
    everything = run_mplint("check", ".", "--baseline", "bl.json", cwd=repo)
    assert "2 baseline entries in bl.json no longer match" in everything.err  # a.yaml is gone
    assert "specs/a.yaml: MP101" in everything.err
    run_mplint("check", "other/c.yaml", "--write-baseline", "bl.json", cwd=repo)
    files = {e["file"] for e in json.loads((repo / "bl.json").read_text("utf-8"))["findings"]}
    assert files == {"other/c.yaml"}
