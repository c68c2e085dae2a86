"""mplint reads what the SageMaker Python SDK writes.

tests/data/sdk/churn-pipeline.json was written by tests/data/sdk/build_pipeline.py with
sagemaker 2.257.7 (see the script for the exact command). The SDK (about 300 MB with its
dependencies, and pinning boto3 versions of its own) is not a test dependency: the test that
runs it is skipped unless `sagemaker` is importable, or MPLINT_SAGEMAKER_PYTHON names a
Python that has it (`python -m venv /tmp/sm && /tmp/sm/bin/pip install 'sagemaker<3'`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT
from sources_helpers import at, position

DATA = ROOT / "tests" / "data" / "sdk"


def test_committed_sdk_definition_is_read_without_findings(mplint, tmp_path):
    text = (DATA / "churn-pipeline.json").read_text(encoding="utf-8")
    assert "\n" not in text.strip()  # as definition() writes it: one line
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(json.loads(text), indent=4, sort_keys=True), encoding="utf-8")
    for path in (DATA / "churn-pipeline.json", pretty):
        result = mplint("check", "--format", "json", str(path))
        assert result.code == 0, result.out
        assert result.findings() == []
        assert result.json()["files"][0]["specs"] == 1


def _sdk_python() -> str:
    configured = os.environ.get("MPLINT_SAGEMAKER_PYTHON")
    if configured:
        return configured
    pytest.importorskip("sagemaker")
    return sys.executable


def test_definition_built_by_the_sdk(mplint, tmp_path):
    python = _sdk_python()
    out = tmp_path / "definition.json"
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "offline", "AWS_SECRET_ACCESS_KEY": "offline"}
    env.pop("PYTHONPATH", None)
    build = subprocess.run(
        [python, str(DATA / "build_pipeline.py"), str(out), "approved"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    result = mplint("check", "--format", "json", str(out))
    (finding,) = result.findings()
    assert finding["rule"] == "MP104"
    assert at(finding) == position(text, '"approved"')  # the parameter's default
    assert finding["path"].endswith("/IfSteps/0/Arguments/ModelApprovalStatus")
    assert "RegisterModel" in finding["message"]
