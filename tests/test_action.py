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
    """The `Run mplint` step with the given inputs (defaults from action.yml), the install
    step's `mplint` running this checkout, in a copy of the examples."""
    values = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    values.update(inputs)
    step = next(s for s in ACTION["runs"]["steps"] if s.get("name") == "Run mplint")
    assert EXPRESSION.search(step["run"]) is None  # inputs only through the environment
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GITHUB_ACTIONS": "true", "NO_COLOR": "1"}
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "mplint"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m mplint "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    outputs = {"steps.install.outputs.mplint": str(shim)}
    for key, value in step["env"].items():
        value = EXPRESSION.sub(lambda m: values[m.group(1)], value)
        env[key] = re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: outputs[m.group(1)], value)
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


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's step is a bash script")
def test_action_creates_the_folder_of_the_sarif_file(tmp_path):
    result = run_step(tmp_path, **{"sarif-file": "reports/mplint/out.sarif"})
    assert result.returncode == 1, result.stderr
    assert validate_sarif((tmp_path / "workspace/reports/mplint/out.sarif").read_text("utf-8"))


def test_setup_python_leaves_the_jobs_python_alone():
    setup = next(s for s in ACTION["runs"]["steps"] if "setup-python" in s.get("uses", ""))
    assert setup["with"]["update-environment"] is False


# What pip prints when it cannot reach the package index.
OFFLINE = (
    "Failed to establish a new connection", "Temporary failure in name resolution",
    "No matching distribution found", "Network is unreachable",
)  # fmt: skip


@pytest.mark.skipif(
    shutil.which("bash") is None or os.name == "nt", reason="the install step is a bash script"
)
def test_install_step_puts_mplint_in_a_virtual_environment_of_its_own(tmp_path):
    """The real install step (pip installs this checkout; the build backend comes from the
    package index): mplint lands in $RUNNER_TEMP/mplint-venv, and the job's Python, given as
    setup-python's python-path, gets nothing."""
    step = next(s for s in ACTION["runs"]["steps"] if s.get("name") == "Install mplint")
    job_python = tmp_path / "job"
    subprocess.run([sys.executable, "-m", "venv", str(job_python)], check=True)
    python = job_python / "bin" / "python"
    before = subprocess.run([python, "-m", "pip", "freeze"], capture_output=True, text=True)
    output = tmp_path / "github_output"
    script = tmp_path / "install.sh"
    script.write_text(step["run"], encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(MPLINT_PYTHON=str(python), RUNNER_TEMP=str(tmp_path / "runner-temp"),
               GITHUB_ACTION_PATH=str(ROOT), GITHUB_OUTPUT=str(output),
               PIP_DISABLE_PIP_VERSION_CHECK="1",
               PIP_RETRIES="0", PIP_DEFAULT_TIMEOUT="15")  # offline: fail fast  # fmt: skip
    (tmp_path / "runner-temp").mkdir()
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if result.returncode != 0 and any(sign in result.stderr for sign in OFFLINE):
        pytest.skip("the install step installs from the package index, which cannot be reached")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""  # quiet: pip says nothing when all goes well
    mplint = output.read_text("utf-8").strip().removeprefix("mplint=")
    assert mplint == str(tmp_path / "runner-temp" / "mplint-venv" / "bin" / "mplint")
    version = subprocess.run([mplint, "--version"], capture_output=True, text=True, env=env)
    assert version.stdout.startswith("mplint ")
    after = subprocess.run([python, "-m", "pip", "freeze"], capture_output=True, text=True)
    assert after.stdout == before.stdout
