"""pre-commit hooks: the hook definitions, the behaviour they rely on, and a real pre-commit run.

The real run installs this checkout into a fresh hook environment with pip (PyPI must be
reachable for the build backend and dependencies), once per test session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, VALID_VERSIONED, run_mplint

COMPOSE = "services:\n  web:\n    image: nginx:1.27\n"
TYPO = "ModelPackageGroupName: churn\nModelAprovalStatus: Approved\n"  # a spec with a misspelt key
TYPO_FINDING = (
    "2:1: error MP101 unknown key 'ModelAprovalStatus' in the top level; "
    "did you mean 'ModelApprovalStatus'?"
)


def test_hook_definitions():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"mplint", "mplint-config"}
    main = hooks["mplint"]
    assert main["entry"] == "mplint check --skip-non-specs --quiet"
    assert main["language"] == "python"
    assert main["types_or"] == ["yaml", "json"]
    config = hooks["mplint-config"]
    assert config["entry"] == "mplint check --quiet"
    assert config["pass_filenames"] is False
    assert config["language"] == "python"


def test_skip_non_specs_skips_named_files_that_are_not_specs(tmp_path, write):
    write("docker-compose.yml", COMPOSE)
    write("package.json", '{"name": "web", "version": "1.0.0"}\n')
    write("churn.yaml", VALID_VERSIONED)
    files = ("docker-compose.yml", "package.json", "churn.yaml")
    result = run_mplint("check", "--skip-non-specs", *files, cwd=tmp_path)
    assert result.code == 0, result.out
    assert (
        result.out
        == "Checked 1 file (2 skipped: not model package specs): 0 errors, 0 warnings, 0 notes.\n"
    )
    verbose = run_mplint("check", "--skip-non-specs", "-v", *files, cwd=tmp_path)
    assert "docker-compose.yml: skipped (no model package keys)" in verbose.out
    # without the flag a file named on the command line is always checked
    strict = run_mplint("check", "docker-compose.yml", cwd=tmp_path)
    assert strict.code == 1
    assert "docker-compose.yml:1:1: error MP" in strict.out


def test_skip_non_specs_still_fails_a_broken_spec(tmp_path, write):
    write("docker-compose.yml", COMPOSE)
    write("bad.yaml", TYPO)
    write("broken.json", '{"ModelPackageGroupName": "churn",}\n')
    result = run_mplint(
        "check", "--skip-non-specs", "docker-compose.yml", "bad.yaml", "broken.json", cwd=tmp_path
    )
    assert result.code == 1
    assert result.out.splitlines()[:2] == [
        f"bad.yaml:{TYPO_FINDING}",
        "broken.json:1:34: error MP002 JSON syntax error: trailing comma before '}'",
    ]


def test_check_without_paths_checks_the_current_directory(tmp_path, write):
    write("specs/bad.yaml", TYPO)
    write("docker-compose.yml", COMPOSE)
    result = run_mplint("check", cwd=tmp_path)
    assert result.code == 1
    assert result.out.startswith(f"specs/bad.yaml:{TYPO_FINDING}")
    assert "Checked 1 file (1 skipped" in result.out


# -- the real pre-commit ----------------------------------------------------------------


def _git(*args: str, cwd: Path) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return proc.stdout


# What pip prints when it cannot reach the package index to build the hook's environment.
OFFLINE = (
    "Failed to establish a new connection", "Temporary failure in name resolution",
    "No matching distribution found", "Network is unreachable",
)  # fmt: skip


def _checkout_is_a_git_repository() -> bool:
    if shutil.which("git") is None:
        return False
    proc = subprocess.run(["git", "rev-parse", "--git-dir"], cwd=ROOT, capture_output=True)
    return proc.returncode == 0


@pytest.mark.skipif(
    not _checkout_is_a_git_repository(), reason="pre-commit try-repo needs a git checkout"
)
def test_pre_commit_try_repo_passes_a_good_commit_and_blocks_a_broken_spec(tmp_path):
    pytest.importorskip("pre_commit")
    repo = tmp_path / "project"
    repo.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE")
    }
    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        NO_COLOR="1",
        PIP_RETRIES="0",  # offline, fail fast instead of retrying for minutes
        PIP_DEFAULT_TIMEOUT="15",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )

    def git(*args: str) -> str:
        proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                              check=True, env=env)  # fmt: skip
        return proc.stdout

    def commit(message: str) -> subprocess.CompletedProcess:
        """Run both hooks of this checkout on the staged files, as the installed commit hook
        would, and commit only when they pass. try-repo uses the checkout's uncommitted
        changes too (through a shadow commit); it installs a fresh hook environment per call."""
        gate = subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "--color", "never"],
            cwd=repo, capture_output=True, text=True, env=env, timeout=600,
        )  # fmt: skip
        if gate.returncode == 3 or any(sign in gate.stdout + gate.stderr for sign in OFFLINE):
            pytest.skip("pre-commit installs the hook's environment from the package index,"
                        " which cannot be reached")  # fmt: skip
        if gate.returncode == 0:
            git("commit", "-q", "-m", message)
        return gate

    git("init", "-q", "-b", "main")
    git("config", "user.name", "test")
    git("config", "user.email", "test@example.invalid")
    git("config", "commit.gpgsign", "false")
    (repo / "specs").mkdir()
    (repo / "specs" / "churn.yaml").write_text(VALID_VERSIONED, "utf-8")
    (repo / "docker-compose.yml").write_text(COMPOSE, "utf-8")
    (repo / "package.json").write_text('{"name": "web"}\n', "utf-8")
    git("add", "-A")

    passed = commit("good spec and unrelated YAML/JSON")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "mplint....." in passed.stdout and "mplint (configured paths)..." in passed.stdout
    assert "Failed" not in passed.stdout
    assert git("log", "--format=%s") == "good spec and unrelated YAML/JSON\n"

    (repo / "specs" / "bad.yaml").write_text(TYPO, "utf-8")
    git("add", "specs/bad.yaml")
    blocked = commit("a broken spec")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    # both hooks fail: `mplint` on the staged file, `mplint-config` on the whole tree
    assert blocked.stdout.count("Failed") == 2
    assert blocked.stdout.count(f"specs/bad.yaml:{TYPO_FINDING}") == 2
    assert "docker-compose.yml" not in blocked.stdout  # never reported: not a spec
    # --quiet: findings only, no summary line per batch of files ("0 errors" in a failure)
    assert "Checked " not in blocked.stdout
    assert git("log", "--format=%s") == "good spec and unrelated YAML/JSON\n"  # not committed
