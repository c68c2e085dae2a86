"""mplint reads what the SageMaker Python SDK writes.

tests/data/sdk/churn-pipeline.json was written by tests/data/sdk/build_pipeline.py with
sagemaker 2.257.7 (see the script for the exact command). The SDK (about 300 MB with its
dependencies, and pinning boto3 versions of its own) is not a test dependency: the test that
runs it is skipped unless `sagemaker` is importable, or MPLINT_SAGEMAKER_PYTHON names a
Python that has it (`python -m venv /tmp/sm && /tmp/sm/bin/pip install 'sagemaker==2.257.7'`).
The same Python runs tests/data/sdk/capture_register.py, which records the CreateModelPackage
requests the SDK sends for the register() calls of tests/data/sdk/register_calls.py: mplint
must derive the same requests from the text (python_sdk.SDK_VERSION names the version).
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


# Members the SDK fills in by itself: mplint leaves them out, they are not the user's text.
SDK_DEFAULTS = {
    "CertifyForMarketplace": False,
    "ModelApprovalStatus": "PendingManualApproval",
    "SkipModelValidation": "None",
}


def _agrees(derived, sent, path=()) -> list[str]:
    """Where mplint's request differs from the SDK's: an Unknown stands for any value, a
    member mplint leaves out must be an SDK default (or a field of the model's container)."""
    from mplint.model import MaybeAbsent, Unknown

    if isinstance(derived, Unknown):
        return []
    if isinstance(derived, dict) and isinstance(sent, dict):
        problems = []
        for key, value in derived.items():
            if key not in sent:
                if not isinstance(value, MaybeAbsent):
                    problems.append(f"{path + (key,)}: mplint has it, the SDK does not send it")
                continue
            problems += _agrees(value, sent[key], path + (key,))
        in_container = path[:2] == ("InferenceSpecification", "Containers")
        for key in sent.keys() - derived.keys():
            if not in_container and SDK_DEFAULTS.get(key, object()) != sent[key]:
                problems.append(f"{path + (key,)}: the SDK sends {sent[key]!r}, mplint has nothing")
        return problems
    if isinstance(derived, list) and isinstance(sent, list) and len(derived) == len(sent):
        pairs = enumerate(zip(derived, sent, strict=True))
        return [p for i, (a, b) in pairs for p in _agrees(a, b, path + (i,))]
    return [] if derived == sent else [f"{path}: mplint {derived!r}, the SDK {sent!r}"]


def test_register_requests_equal_what_the_sdk_sends(mplint, tmp_path):
    """The requests of tests/data/sdk/register_calls.py: as the SDK sends them to a stub
    client (or writes them into a pipeline definition), and as mplint reads the text."""
    from mplint.sources import python_code

    python = _sdk_python()
    out = tmp_path / "requests.json"
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "offline", "AWS_SECRET_ACCESS_KEY": "offline"}
    env.pop("PYTHONPATH", None)
    capture = subprocess.run(
        [python, str(DATA / "capture_register.py"), str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert capture.returncode == 0, capture.stderr[-2000:]
    sent = json.loads(out.read_text(encoding="utf-8"))
    documents, problems = python_code.parse((DATA / "register_calls.py").read_text("utf-8"))
    assert problems == []
    assert len(documents) == len(sent) == 7  # 5 register() calls, then 2 pipeline steps
    assert documents[0].data["InferenceSpecification"]["SupportedContentTypes"] == ["text/csv"]
    for document, request in zip(documents, sent, strict=True):
        assert _agrees(document.data, request) == [], document.line


def test_register_calls_file_findings_point_at_the_users_keywords(mplint):
    # Two of the calls are realistic mistakes; nothing is reported about what the SDK fills in.
    path = DATA / "register_calls.py"
    text = path.read_text(encoding="utf-8")
    result = mplint("check", "--python", "--format", "json", str(path))
    assert result.json()["files"][0]["specs"] == 7
    found = [(f["rule"], at(f)) for f in result.findings()]
    assert found == [
        ("MP303", position(text, "skip_model_validation=")),  # Approved without validation
        ("MP310", position(text, "marketplace_cert=")),  # Marketplace without validation
        ("MP212", position(text, "tags=")),  # RegisterModel's tags on a versioned package
    ]


def test_pipeline_register_step_equals_the_committed_definition():
    """No SDK needed: build_pipeline.py's ModelStep(step_args=model.register(...)) as mplint
    reads it, against the RegisterModel step the SDK wrote into churn-pipeline.json (the SDK
    removed CertifyForMarketplace; mplint leaves it out too)."""
    from mplint.sources import python_code

    (document,), problems = python_code.parse((DATA / "build_pipeline.py").read_text("utf-8"))
    assert problems == []
    definition = json.loads((DATA / "churn-pipeline.json").read_text(encoding="utf-8"))
    (condition,) = [s for s in definition["Steps"] if s["Type"] == "Condition"]
    (step,) = condition["Arguments"]["IfSteps"]
    assert step["Type"] == "RegisterModel"
    assert "CertifyForMarketplace" not in step["Arguments"]
    assert _agrees(document.data, step["Arguments"]) == []
    assert document.data["InferenceSpecification"]["SupportedRealtimeInferenceInstanceTypes"] == [
        "ml.m5.large",
        "ml.m5.xlarge",
    ]
