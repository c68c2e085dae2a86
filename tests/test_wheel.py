"""mplint installed from a wheel into a fresh venv works from an unrelated directory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The `mplint` executable of a fresh venv with the wheel built from this checkout."""
    if shutil.which("git") is None:  # pragma: no cover
        pytest.skip("git is needed to build from a clean copy")
    work = tmp_path_factory.mktemp("wheel")
    wheels = work / "dist"
    # Hermetic: the build backend (hatchling) is a test dependency, so no build isolation and
    # no package index; the fresh venv takes mplint's dependencies from this test environment.
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", str(wheels), str(ROOT)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    [wheel] = wheels.glob("mplint-*.whl")
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    install = subprocess.run(
        [str(bindir / "python"), "-m", "pip", "install", "-q", "--no-index", "--no-deps",
         str(wheel)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    _borrow_dependencies(bindir / "python")
    return bindir / "mplint", work


def _borrow_dependencies(python) -> None:
    """Make this environment's packages (mplint's dependencies) importable in the fresh venv,
    after its own site-packages, so the wheel's mplint is the one imported. A plain path line:
    the editable install of this checkout in this environment stays inactive there."""
    ask = [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
    target = subprocess.run(ask, capture_output=True, text=True, check=True).stdout.strip()
    ours = sysconfig.get_paths()["purelib"]
    (Path(target) / "zz-test-dependencies.pth").write_text(ours + "\n", encoding="utf-8")


def test_the_wheel_declares_the_project_dependencies(installed):
    """The borrowed dependencies must not hide a missing one: the wheel declares them all."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    _, work = installed
    [metadata] = (work / "venv").rglob("mplint-*.dist-info/METADATA")
    requires = [
        Requirement(line.split(":", 1)[1])
        for line in metadata.read_text("utf-8").splitlines()
        if line.startswith("Requires-Dist:")
    ]
    runtime = {canonicalize_name(r.name) for r in requires if "extra" not in str(r.marker)}
    assert {"jsonschema", "pyyaml", "typer", "ruamel-yaml", "tomli"} <= runtime


def run(executable, *args, cwd):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_ACTIONS")}
    return subprocess.run(
        [str(executable), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120
    )


def test_installed_wheel_checks_examples_from_another_directory(installed, tmp_path):
    executable, _ = installed
    shutil.copytree(EXAMPLES, tmp_path / "specs")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run(
        executable, "check", str(tmp_path / "specs" / "invalid"), "-f", "json", cwd=elsewhere
    )
    assert result.returncode == 1, result.stderr
    assert "MP101" in result.stdout and "MP105" in result.stdout
    clean = run(
        executable,
        "check",
        str(tmp_path / "specs" / "versioned" / "churn-model.yaml"),
        cwd=elsewhere,
    )
    assert "Traceback" not in clean.stderr


def test_installed_wheel_carries_rules_and_schema(installed, tmp_path):
    executable, work = installed
    rules = run(executable, "rules", cwd=tmp_path)
    assert rules.returncode == 0
    assert "MP101  unknown-key" in rules.stdout
    explained = run(executable, "explain", "MP105", cwd=tmp_path)
    assert explained.returncode == 0 and "## Why is this bad?" in explained.stdout
    data = list((work / "venv").rglob("mplint/_data/schemas/create-model-package.schema.json"))
    assert data, "the schema must be inside the installed package"


def test_installed_wheel_writes_every_report_format_and_reads_stdin(installed, tmp_path):
    import json

    from sarif_support import validate_sarif

    executable, _ = installed
    shutil.copytree(EXAMPLES, tmp_path / "specs")
    result = run(
        executable, "check", "specs", "-f", "sarif", "-o", "out.sarif", "-f", "junit", "-o",
        "out.xml", "-f", "gitlab", "-o", "out.json", "-f", "github", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "\n::error file=specs/invalid/broken-syntax.json,line=6," in result.stdout
    sarif = validate_sarif((tmp_path / "out.sarif").read_text("utf-8"))
    assert sarif["runs"][0]["tool"]["driver"]["rules"][0]["help"]["markdown"].startswith("# MP0")
    assert json.loads((tmp_path / "out.json").read_text("utf-8"))
    piped = subprocess.run(
        [str(executable), "check", "-", "--stdin-filename", "spec.yaml"],
        input="ModelPackageGroupName: churn\nColour: red\n",
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_ACTIONS")},
    )  # fmt: skip
    assert piped.returncode == 1
    assert piped.stdout.startswith("spec.yaml:2:1: error MP101")


def test_installed_wheel_reads_configuration_and_packs_from_another_directory(installed, tmp_path):
    executable, _ = installed
    shutil.copytree(EXAMPLES / "policies", tmp_path / "policies")
    result = run(executable, "check", "-f", "json", cwd=tmp_path / "policies" / "specs")
    assert result.returncode == 1, result.stderr
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert {"ACME001", "ACME002", "ACME003", "ACME004"} <= rules
    assert "MP009" in run(executable, "rules", cwd=tmp_path).stdout


def test_installed_wheel_builds_and_compares_api_models(installed, tmp_path):
    """The generator is in the wheel: from a botocore folder (the test fixture, 1.43.11) it
    writes the bundled schema again, byte for byte, and the diff command finds no change."""
    executable, work = installed
    fixture = ROOT / "tests" / "data" / "apimodel" / "botocore"
    out = tmp_path / "schema.json"
    made = run(executable, "api-model", "generate", str(fixture), "-o", str(out), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    [bundled] = (work / "venv").rglob("mplint/_data/schemas/create-model-package.schema.json")
    assert out.read_bytes() == bundled.read_bytes()
    same = run(executable, "api-model", "diff", "bundled", str(out), "--exit-code", cwd=tmp_path)
    assert same.returncode == 0 and "No change" in same.stdout
    shown = run(executable, "--version", cwd=tmp_path)
    assert "API model: botocore " in shown.stdout
