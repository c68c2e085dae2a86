"""`mplint check --fix`, `--diff`, `--unsafe-fixes` as a user runs them (fresh processes)."""

from __future__ import annotations

import os
import stat

from conftest import run_mplint

IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2"
SPEC = f"""\
# churn model
ModelPackageGroupName: churn
ModelApprovalStatus: approved   # until reviewed
Tags:
  - {{Key: team, Value: growth}}
InferenceSpecification:
  Containers:
    - Image: {IMAGE}
  SupportedContentTypes: text/csv
  SupportedResponseMIMETypes: [text/csv]
"""
SAFE_FIXED = SPEC.replace("approved ", "Approved ").replace("Types: text/csv", "Types: [text/csv]")


def test_fix_rewrites_the_file_and_reports_what_remains(tmp_path):
    path = tmp_path / "spec.yaml"
    path.write_text(SPEC, encoding="utf-8")
    os.chmod(path, 0o640)
    result = run_mplint("check", "--fix", "--no-cache", str(path), cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == SAFE_FIXED
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert result.code == 1  # MP212 (Tags) remains: its fix is unsafe
    assert "MP212" in result.out and "MP104" not in result.out
    assert "mplint: fixed 2 findings in 1 file" in result.err
    assert "mplint: 1 more fix available with --unsafe-fixes" in result.err
    assert [p.name for p in tmp_path.iterdir()] == ["spec.yaml"]  # no temporary file left

    again = run_mplint("check", "--fix", "--unsafe-fixes", "--no-cache", str(path), cwd=tmp_path)
    assert again.code == 0, again.out
    assert path.read_text(encoding="utf-8") == SAFE_FIXED.replace(
        "Tags:\n  - {Key: team, Value: growth}\n", ""
    )
    assert "fixed 1 finding in 1 file" in again.err


def test_diff_prints_the_change_and_writes_nothing(tmp_path):
    path = tmp_path / "spec.yaml"
    path.write_text(SPEC, encoding="utf-8")
    result = run_mplint("check", "--diff", "spec.yaml", cwd=tmp_path)
    assert result.code == 1
    assert path.read_text(encoding="utf-8") == SPEC
    assert result.out.startswith("--- a/spec.yaml\n+++ b/spec.yaml\n@@ ")
    assert "-ModelApprovalStatus: approved   # until reviewed\n" in result.out
    assert "+ModelApprovalStatus: Approved   # until reviewed\n" in result.out
    assert "would fix 2 findings in 1 file" in result.err

    path.write_text(SAFE_FIXED.replace("Tags:\n  - {Key: team, Value: growth}\n", ""), "utf-8")
    clean = run_mplint("check", "--diff", "spec.yaml", cwd=tmp_path)
    assert (clean.code, clean.out) == (0, "")


def test_stdin_fix_prints_the_fixed_text_and_reports_on_stderr(tmp_path):
    result = run_mplint("check", "--fix", "-", stdin=SPEC, cwd=tmp_path)
    assert result.out == SAFE_FIXED
    assert "<stdin>:4:1: error MP212" in result.err
    assert result.code == 1
    nothing = run_mplint("check", "--fix", "-", stdin=SAFE_FIXED, cwd=tmp_path)
    assert nothing.out == SAFE_FIXED


def test_stdin_is_fixed_alone(tmp_path):
    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    result = run_mplint("check", "--fix", "-", "spec.yaml", stdin=SPEC, cwd=tmp_path)
    assert result.code == 2 and "checked alone" in result.err


def test_fixes_apply_under_a_baseline_and_the_cache_never_serves_the_old_file(tmp_path):
    path = tmp_path / "spec.yaml"
    path.write_text(SPEC, encoding="utf-8")
    run_mplint("check", "spec.yaml", "--write-baseline", "base.json", cwd=tmp_path)
    first = run_mplint("check", "spec.yaml", "--baseline", "base.json", cwd=tmp_path)
    assert first.code == 0  # everything is in the baseline (and now in the cache)
    fixed = run_mplint("check", "--fix", "spec.yaml", "--baseline", "base.json", cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == SAFE_FIXED
    assert "fixed 2 findings" in fixed.err
    after = run_mplint("check", "spec.yaml", "-f", "json", cwd=tmp_path)
    assert after.rules() == ["MP212"]


def test_directory_run_fixes_only_what_needs_it(tmp_path):
    (tmp_path / "a.yaml").write_text(SPEC, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(SAFE_FIXED, encoding="utf-8")
    (tmp_path / "notes.yaml").write_text("title: not a spec\n", encoding="utf-8")
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    result = run_mplint("check", "--fix", ".", cwd=tmp_path)
    assert "fixed 2 findings in 1 file" in result.err
    after = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir() if p.is_file()}
    assert after["b.yaml"] == before["b.yaml"] and after["notes.yaml"] == before["notes.yaml"]


def test_rules_and_explain_show_fixability():
    table = run_mplint("rules").out.splitlines()
    rows = {line.split()[0]: line for line in table}
    assert "  fix   " in rows["MP104"] and "  fix*  " in rows["MP212"]
    assert " fix" not in rows["MP105"]
    explained = run_mplint("explain", "MP212").out
    assert "## Automatic fix" in explained and "--unsafe-fixes" in explained
    listed = {r["id"]: r for r in run_mplint("rules", "--format", "json").json()}
    assert (listed["MP101"]["fix"], listed["MP101"]["fix_safety"]) == ("sometimes", "safe")
    assert (listed["MP105"]["fix"], listed["MP105"]["fix_safety"]) == ("never", None)


def test_quiet_keeps_only_what_needs_action(tmp_path):
    path = tmp_path / "spec.yaml"
    path.write_text(SPEC, encoding="utf-8")
    result = run_mplint("check", "--fix", "-q", "spec.yaml", cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == SAFE_FIXED
    assert "fixed" not in result.err and "--unsafe-fixes" not in result.err
    assert "MP212" in result.out


def test_diff_of_an_absolute_path_names_it_as_it_is(tmp_path):
    path = tmp_path / "spec.yaml"
    path.write_text(SPEC, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_mplint("check", "--diff", str(path), cwd=elsewhere)  # shown absolute
    assert result.out.startswith(f"--- {path.as_posix()}\n+++ {path.as_posix()}\n")
