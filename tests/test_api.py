"""The Python API: mplint.check_text and mplint.check_paths, the code path of `mplint check`."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT, VALID_VERSIONED, run_mplint

import mplint


def test_exports_are_typed_documented_and_lazy():
    assert {"check_text", "check_paths", "Finding", "Report", "FileResult", "ConfigError"} <= set(
        mplint.__all__
    )
    for name in mplint.__all__:
        assert getattr(mplint, name).__doc__ or name == "__version__", name
    assert mplint.check_text.__annotations__["return"] == "list[Finding]"
    assert mplint.check_paths.__annotations__["return"] == "Report"
    # importing mplint loads none of the checker: the API is imported on first use
    probe = "import sys, mplint; print(sorted(m for m in sys.modules if m.startswith('mplint')))"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT)}, check=True)  # fmt: skip
    assert json.loads(proc.stdout.replace("'", '"')) == ["mplint", "mplint.version"]


def test_check_text_gives_the_findings_of_the_json_report(tmp_path):
    text = (EXAMPLES / "invalid" / "typos.yaml").read_text(encoding="utf-8")
    findings = mplint.check_text(text, "typos.yaml", isolated=True)
    spec = tmp_path / "typos.yaml"
    spec.write_text(text, encoding="utf-8")
    report = run_mplint("check", "typos.yaml", "-f", "json", "--isolated", cwd=tmp_path)
    assert [dataclasses.asdict(f) for f in findings] == report.findings()
    first = findings[0]
    assert (first.rule, first.name, first.level, first.line, first.column) == (
        "MP101", "unknown-key", "error", 2, 1,
    )  # fmt: skip
    assert first.path == "/ModelPackageGroupname"
    assert first.message.startswith("unknown key 'ModelPackageGroupname'")


def test_check_text_defaults_and_options():
    assert mplint.check_text(VALID_VERSIONED) == []
    (finding,) = mplint.check_text("ModelPackageGroupName: 1\n", isolated=True)
    assert finding.file == "spec.yaml" and finding.rule == "MP103"
    as_json = mplint.check_text('{"ModelPackageGroupName": 1}', "spec.json", isolated=True)
    assert [f.rule for f in as_json] == ["MP103"]
    text = "ModelPackageGroupName: churn\nModelApprovalStatus: approved\nExtra: 1\n"
    rules = {f.rule for f in mplint.check_text(text, isolated=True)}
    assert rules == {"MP101", "MP104"}
    assert {f.rule for f in mplint.check_text(text, isolated=True, select=["MP104"])} == {"MP104"}
    assert {f.rule for f in mplint.check_text(text, isolated=True, ignore="MP1")} == set()
    # a text that is no spec: checked as one, like a named file; nothing with skip_non_specs
    compose = "services:\n  web:\n    image: nginx\n"
    assert [f.rule for f in mplint.check_text(compose, "compose.yaml", isolated=True)] == ["MP101"]
    assert mplint.check_text(compose, "compose.yaml", isolated=True, skip_non_specs=True) == []


def test_check_text_finds_the_configuration_from_its_name(tmp_path):
    (tmp_path / ".mplint.yaml").write_text(
        "ignore: [MP101]\nper-file-ignores: {'legacy/*': [MP104]}\nexclude: [generated]\n",
        encoding="utf-8",
    )
    text = "ModelPackageGroupName: churn\nModelApprovalStatus: approved\nExtra: 1\n"
    here = mplint.check_text(text, str(tmp_path / "spec.yaml"))
    assert [f.rule for f in here] == ["MP104"]
    assert mplint.check_text(text, str(tmp_path / "legacy" / "spec.yaml")) == []
    assert mplint.check_text(text, str(tmp_path / "generated" / "spec.yaml")) == []
    assert len(mplint.check_text(text, str(tmp_path / "spec.yaml"), isolated=True)) == 2


def test_check_text_leaves_suppressed_findings_out():
    text = "ModelPackageGroupName: churn\nExtra: 1  # mplint: disable=MP101\n"
    assert mplint.check_text(text, isolated=True) == []


def test_check_paths_is_mplint_check(tmp_path):
    report = mplint.check_paths([EXAMPLES], jobs=1)
    cli = run_mplint("check", str(EXAMPLES), "-f", "json", "--no-cache").json()
    assert [dataclasses.asdict(f) for f in report.findings] == cli["findings"]
    assert [dataclasses.asdict(f) for f in report.files] == cli["files"]
    assert report.exit_code == 1
    clean = tmp_path / "clean.yaml"
    clean.write_text(VALID_VERSIONED, encoding="utf-8")
    assert mplint.check_paths([clean]).exit_code == 0
    warned = mplint.check_paths([EXAMPLES / "invalid"], select=["MP302"], fail_on="warning")
    assert [f.rule for f in warned.findings] == ["MP302"] and warned.exit_code == 1
    assert mplint.check_paths([EXAMPLES / "invalid"], select=["MP302"]).exit_code == 0


def test_errors_are_exceptions_not_exits(tmp_path):
    with pytest.raises(mplint.ConfigError, match="unknown rule or prefix 'MP999'"):
        mplint.check_text(VALID_VERSIONED, isolated=True, select=["MP999"])
    with pytest.raises(mplint.ConfigError, match="unknown source"):
        mplint.check_paths([tmp_path], source="terraform")
    with pytest.raises(FileNotFoundError):
        mplint.check_paths([tmp_path / "missing.yaml"])
    bad = tmp_path / ".mplint.yaml"
    bad.write_text("selekt: [ALL]\n", encoding="utf-8")
    with pytest.raises(mplint.ConfigError, match=r"\.mplint\.yaml:1:1"):
        mplint.check_text(VALID_VERSIONED, str(tmp_path / "spec.yaml"))


def test_check_paths_takes_one_path_alone():
    alone = mplint.check_paths(str(EXAMPLES / "invalid" / "typos.yaml"))
    listed = mplint.check_paths([EXAMPLES / "invalid" / "typos.yaml"])
    assert alone.findings == listed.findings and alone.findings
