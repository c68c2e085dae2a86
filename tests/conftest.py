"""Shared helpers: run mplint as a user does, in a subprocess, on files the test writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out)

    def findings(self) -> list[dict]:
        return self.json()["findings"]

    def rules(self) -> list[str]:
        return [f["rule"] for f in self.findings()]


def run_mplint(*args: str, cwd: Path | str | None = None, stdin: str | None = None,
               env: dict[str, str] | None = None) -> Result:  # fmt: skip
    """`mplint ARGS` in a fresh process, importing this checkout's code."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    environment.pop("GITHUB_ACTIONS", None)  # a test opts in through `env`
    environment.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "mplint", *args],
        cwd=cwd or ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def mplint():
    return run_mplint


@pytest.fixture
def write(tmp_path):
    """write("name.yaml", text) -> Path: a dedented file in the test's temporary folder."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


VALID_VERSIONED = """\
ModelPackageGroupName: churn
ModelApprovalStatus: PendingManualApproval
InferenceSpecification:
  Containers:
    - Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2
      ModelDataUrl: s3://acme-models-us-east-1/churn/model.tar.gz
  SupportedContentTypes: [text/csv]
  SupportedResponseMIMETypes: [text/csv]
  SupportedRealtimeInferenceInstanceTypes: [ml.m5.large]
  SupportedTransformInstanceTypes: [ml.m5.large]
"""


# Hypothesis: a bounded profile for CI (the default) and a long one for a soak run:
#   MPLINT_HYPOTHESIS_PROFILE=long python -m pytest tests/test_properties.py
try:
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "ci",
        max_examples=75,
        deadline=None,
        derandomize=True,  # the same examples on every run: CI does not change colour
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    settings.register_profile(
        "long",
        max_examples=5000,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    settings.load_profile(os.environ.get("MPLINT_HYPOTHESIS_PROFILE", "ci"))
except ImportError:  # pragma: no cover - hypothesis is in the test extra
    pass
