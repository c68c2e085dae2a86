"""The composite GitHub Action (action.yml): run its mplint step as the runner would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT
from sarif_support import validate_sarif

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}")


def run_step(tmp_path, **inputs: str) -> subprocess.CompletedProcess:
    """The `Run mplint` step with the given inputs (defaults from action.yml), `mplint` on
    PATH running this checkout, in a copy of the examples."""
    values = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    values.update(inputs)
    step = next(s for s in ACTION["runs"]["steps"] if s.get("name") == "Run mplint")
    assert EXPRESSION.search(step["run"]) is None  # inputs only through the environment
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GITHUB_ACTIONS": "true", "NO_COLOR": "1"}
    for key, value in step["env"].items():
        env[key] = EXPRESSION.sub(lambda m: values[m.group(1)], value)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "mplint"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m mplint "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "examples", workspace / "examples")
    # GitHub runs `run:` with `bash --noprofile --norc -eo pipefail {0}`
    script = tmp_path / "step.sh"
    script.write_text(step["run"], encoding="utf-8")
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=workspace, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's step is a bash script")
def test_action_annotates_and_writes_sarif(tmp_path):
    result = run_step(tmp_path)
    assert result.returncode == 1, result.stderr
    assert "\n::error file=examples/invalid/broken-syntax.json,line=6,col=78," in result.stdout
    sarif = tmp_path / "workspace" / "mplint.sarif"
    assert validate_sarif(sarif.read_text("utf-8"))["runs"][0]["results"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's step is a bash script")
def test_action_inputs(tmp_path):
    result = run_step(
        tmp_path,
        paths="examples/versioned examples/unversioned",
        args="--ignore MP003",
        **{"sarif-file": "", "fail-on": "note"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "Checked 3 files: 0 errors, 0 warnings, 0 notes.\n"
    assert not (tmp_path / "workspace" / "mplint.sarif").exists()
