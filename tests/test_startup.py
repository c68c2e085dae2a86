"""What one `mplint check` run imports: start-up is paid on every commit by the pre-commit
hook, so the modules a run does not need stay out of it. Asserts the import set, not time."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest
from conftest import ROOT, VALID_VERSIONED

# Runs `mplint <args>` in this interpreter and prints the top-level packages and the mplint
# modules that ended up imported.
PROBE = """
import json, sys
from mplint.__main__ import main
sys.argv = ["mplint", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def imported(tmp_path, *args: str) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        input="",  # `mplint server` ends at the end of its input
        capture_output=True,
        text=True,
        timeout=60,
    )
    return set(json.loads(proc.stderr.strip().splitlines()[-1]))


def reporters(modules: set[str]) -> set[str]:
    return {m for m in modules if m.startswith("mplint.reporters.") and m.endswith("_report")}


@pytest.fixture
def valid_spec(tmp_path):
    path = tmp_path / "spec.yaml"
    path.write_text(VALID_VERSIONED, encoding="utf-8")
    return path


def test_checking_a_valid_spec_imports_no_heavy_or_unused_library(tmp_path, valid_spec):
    modules = imported(tmp_path, "check", str(valid_spec), "--no-cache")
    assert "mplint.engine" in modules  # the probe really ran a check
    # pydantic: typer >= 0.29 builds a TypeAdapter per option (pinned out in pyproject);
    # rich: help formatting only; ruamel.yaml: not needed to read; jsonschema: the schema
    # gate answers for a valid spec; multiprocessing: one file needs no workers.
    # pygls, lsprotocol: only `mplint server` uses them.
    for heavy in ("pydantic", "rich", "ruamel", "jsonschema", "jsonschema_rs", "multiprocessing",
                  "pygls", "lsprotocol", "mplint.lsp"):  # fmt: skip
        assert heavy not in modules, heavy
    assert reporters(modules) == {"mplint.reporters.text_report"}


def test_a_defect_imports_jsonschema_and_only_the_selected_reporter(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("ModelPackageGroupName: 1\n", encoding="utf-8")
    modules = imported(tmp_path, "check", str(path), "--no-cache", "-f", "sarif")
    # Its errors come from jsonschema-rs when the accelerator (mplint[fast]) is installed.
    accelerated = importlib.util.find_spec("jsonschema_rs") is not None
    assert ("jsonschema_rs" if accelerated else "jsonschema") in modules
    assert accelerated is ("jsonschema" not in modules)
    assert "pydantic" not in modules
    assert reporters(modules) == {"mplint.reporters.sarif_report"}


def test_fix_with_nothing_to_fix_imports_what_check_imports(tmp_path, valid_spec):
    plain = imported(tmp_path, "check", str(valid_spec), "--no-cache")
    fixing = imported(tmp_path, "check", "--fix", str(valid_spec), "--no-cache")
    # Only the fix package's own light modules are added: no ruamel.yaml, no jsonschema.
    assert {m.split(".")[0] for m in fixing - plain} <= {"mplint"}
    assert all(m.startswith("mplint.fixes") for m in fixing - plain), fixing - plain
    # Nothing to fix is decided from the catalogue: no fixer, no fix engine is loaded.
    assert not {"mplint.fixes.apply", "mplint.fixes.fixers", "mplint.fixes.yaml_structure"} & fixing


def test_a_value_fix_does_not_load_ruamel(tmp_path):
    path = tmp_path / "spec.yaml"
    path.write_text(VALID_VERSIONED.replace("PendingManualApproval", "approved"), encoding="utf-8")
    modules = imported(tmp_path, "check", "--fix", str(path), "--no-cache")
    assert "Approved" in path.read_text(encoding="utf-8")  # the probe really fixed it
    assert "ruamel" not in {m.split(".")[0] for m in modules}


def test_only_the_server_imports_pygls(tmp_path):
    pytest.importorskip("pygls")
    modules = imported(tmp_path, "server")
    assert {"pygls", "lsprotocol", "mplint.lsp.server"} <= modules
    assert "mplint.engine" not in modules  # nothing is checked before a document is opened
