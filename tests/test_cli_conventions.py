"""The command-line conventions users bring from ruff: --exit-zero, -q, --statistics,
--output-format, --color/FORCE_COLOR and shell completion."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, VALID_VERSIONED

from mplint.terminal import use_color

RED = "\033[31m"


def test_exit_zero_passes_findings_but_not_usage_errors(mplint):
    assert mplint("check", "examples/invalid").code == 1
    result = mplint("check", "examples/invalid", "--exit-zero")
    assert result.code == 0
    assert " error MP101 " in result.out  # the findings are still reported
    assert mplint("check", "no/such/file.yaml", "--exit-zero").code == 2


def test_quiet_prints_findings_only(mplint, write, tmp_path):
    bad = write("bad.yaml", "ModelPackageGroupName: 1\n")
    loud = mplint("check", str(bad))
    quiet = mplint("check", str(bad), "-q")
    assert loud.out.splitlines()[-1].startswith("Checked 1 file")
    assert quiet.out.splitlines() == loud.out.splitlines()[:-1]
    assert quiet.code == loud.code == 1
    clean = write("clean.yaml", VALID_VERSIONED)
    assert mplint("check", str(clean), "--quiet").out == ""
    # GitHub workflow commands lose their summary line too; notes on stderr are silenced.
    github = mplint("check", str(bad), "-q", "-f", "github")
    assert all(line.startswith("::error ") for line in github.out.splitlines())
    empty = tmp_path / "empty"
    empty.mkdir()
    assert mplint("check", str(empty), "-q").err == ""


def test_statistics_counts_findings_per_rule(mplint):
    result = mplint("check", "examples/", "--statistics")
    full = mplint("check", "examples/", "-f", "json").findings()
    counts: dict[str, int] = {}
    for finding in full:
        counts[finding["rule"]] = counts.get(finding["rule"], 0) + 1
    names = {f["rule"]: f["name"] for f in full}
    expected = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    lines = result.out.splitlines()
    assert [line.split() for line in lines] == [
        [str(count), rule, names[rule]] for rule, count in expected
    ]
    width = len(str(expected[0][1]))
    assert lines[0] == f"{expected[0][1]:>{width}}  {expected[0][0]}  {names[expected[0][0]]}"
    assert result.code == 1  # the exit code is the run's


def test_statistics_keeps_reports_written_to_files(mplint, tmp_path):
    sarif = tmp_path / "out.sarif"
    result = mplint("check", "examples/invalid", "--statistics", "-f", "sarif", "-o", str(sarif))
    assert json.loads(sarif.read_text())["runs"][0]["results"]
    assert "MP101  unknown-key" in result.out
    refused = mplint("check", "examples/invalid", "--statistics", "-f", "json")
    assert refused.code == 2 and "--statistics" in refused.err


def test_output_format_is_an_alias_of_format(mplint, tmp_path):
    by_alias = mplint("check", "examples/invalid", "--output-format", "json")
    assert (
        by_alias.json()["findings"]
        == mplint("check", "examples/invalid", "-f", "json").json()["findings"]
    )
    out = tmp_path / "r.json"
    paired = mplint(
        "check", "examples/invalid", "--output-format=json", "-o", str(out), "--output-format", "text"
    )  # fmt: skip
    assert json.loads(out.read_text())["findings"]
    assert paired.out.splitlines()[-1].startswith("Checked ")
    assert json.loads(mplint("rules", "--output-format", "json").out)


@pytest.mark.parametrize(
    ("mode", "environ", "isatty", "expected"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": ""}, True, True),  # no-color.org: set and not empty
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"FORCE_COLOR": "0"}, False, False),
        ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_decision(mode, environ, isatty, expected):
    assert use_color(mode, environ, isatty) is expected


def test_force_color_and_color_flag_reach_the_text_report(mplint, write):
    bad = write("bad.yaml", "ModelPackageGroupName: 1\n")
    assert RED not in mplint("check", str(bad)).out  # a pipe, NO_COLOR set by the helper
    assert RED in mplint("check", str(bad), env={"NO_COLOR": "", "FORCE_COLOR": "1"}).out
    assert RED in mplint("check", str(bad), "--color", "always").out
    never = mplint("check", str(bad), "--color=never", env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert RED not in never.out
    assert mplint("check", str(bad), "--color", "sometimes").code == 2


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completion_completes_commands_options_and_values(tmp_path):
    # The script the user evals calls `mplint`: put one that runs this checkout on PATH.
    launcher = tmp_path / "mplint"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m mplint "$@"\n')
    launcher.chmod(0o755)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PATH": f"{tmp_path}:{os.environ['PATH']}"}

    def complete(*words: str) -> list[str]:
        script = (
            'eval "$(mplint completion bash)"\n'
            f"COMP_WORDS=({' '.join(words)}); COMP_CWORD={len(words) - 1}\n"
            '_mplint_completion mplint\nprintf "%s\\n" "${COMPREPLY[@]}"\n'
        )
        proc = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True,
                              timeout=60)  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        return proc.stdout.split()

    assert "check" in complete("mplint", "ch")
    assert set(complete("mplint", "check", "--ex")) == {"--exit-zero", "--extend-select"}
    assert complete("mplint", "check", "--color", "''") == ["auto", "always", "never"]


def test_completion_scripts_for_each_shell(mplint):
    for shell in ("zsh", "fish", "powershell"):
        result = mplint("completion", shell)
        assert result.code == 0 and "_MPLINT_COMPLETE" in result.out
    assert mplint("completion", "tcsh").code == 2
