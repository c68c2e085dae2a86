"""The CI snippets of the README ("Use in CI") and of docs/ci.md are valid and their mplint
commands do what they say."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import xml.etree.ElementTree as ET

import yaml
from conftest import ROOT, run_mplint
from sarif_support import validate_sarif

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## Use in CI") :]
SECTION = SECTION[: SECTION.index("\n## ", 3)]
CI_PAGE = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", SECTION + CI_PAGE, re.S)


def block(marker: str) -> str:
    return next(b for b in BLOCKS if marker in b)


def mplint_args(command: str) -> list[str]:
    words = shlex.split(command)
    assert words[:2] == ["mplint", "check"]
    return words[2:]


def test_github_workflow_uploads_the_sarif_mplint_writes():
    workflow = yaml.safe_load(block(".github/workflows/mplint.yml"))
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["mplint"]["steps"]
    action = next(s for s in steps if s.get("name") == "mplint")
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == action["with"]["sarif-file"]
    assert "cancelled" in upload["if"]
    inputs = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))["inputs"]
    assert set(action["with"]) <= set(inputs)


def test_github_steps_without_the_action_work(tmp_path):
    steps = yaml.safe_load(block("actions/setup-python"))
    command = steps[-1]["run"]
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    result = run_mplint("check", *mplint_args(command), cwd=tmp_path)
    assert result.code == 1
    assert "\n::error file=examples/invalid/broken-syntax.json,line=6," in result.out
    validate_sarif((tmp_path / "mplint.sarif").read_text("utf-8"))


def test_gitlab_job_writes_its_reports(tmp_path):
    job = yaml.safe_load(block(".gitlab-ci.yml"))["mplint"]
    command = next(line for line in job["script"] if line.startswith("mplint "))
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    result = run_mplint("check", *mplint_args(command), cwd=tmp_path)
    assert result.code == 1
    findings = run_mplint("check", ".", "-f", "json", cwd=tmp_path).findings()
    errors = sum(1 for f in findings if f["level"] == "error")
    assert f"{errors} errors" in result.out.splitlines()[-1]
    reports = job["artifacts"]["reports"]
    junit = ET.parse(tmp_path / reports["junit"]).getroot()
    failing = {f["file"] for f in findings if f["level"] == "error"}
    assert junit.get("failures") == str(len(failing))  # files with an error: failing cases
    quality = json.loads((tmp_path / reports["codequality"]).read_text("utf-8"))
    assert len(quality) == len(findings)
    assert job["artifacts"]["when"] == "always"


def test_pre_commit_snippet_names_the_hooks():
    config = yaml.safe_load(block(".pre-commit-config.yaml"))
    hook_ids = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    used = {h["id"] for repo in config["repos"] for h in repo["hooks"]}
    assert used <= hook_ids


def test_ci_runs_exactly_the_readme_test_command():
    """`.ci/run` and the project's own workflow run the README's test command, word for word."""
    command = next(
        line for line in README.splitlines() if "pip install" in line and "pytest" in line
    )
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in ci_run
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text("utf-8"))
    steps = workflow["jobs"]["test"]["steps"]
    assert any(step.get("run") == command for step in steps)
    assert workflow["jobs"]["test"]["strategy"]["matrix"]["python"] == [
        "3.10", "3.11", "3.12", "3.13",
    ]  # fmt: skip
