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
    """`mplint ARGS` in a fresh process, importing this checkout's code.

    With MPLINT_TESTS_IN_PROCESS=1 the command runs inside the test process instead: about 30
    times faster, for the edit-run loop and mutation testing (docs/testing.md). CI runs every
    test in a fresh process, as a user runs mplint."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    environment.pop("GITHUB_ACTIONS", None)  # a test opts in through `env`
    environment.update(env or {})
    if IN_PROCESS:
        return _run_in_process(args, Path(cwd or ROOT), stdin, environment)
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


IN_PROCESS = os.environ.get("MPLINT_TESTS_IN_PROCESS") == "1"


def _run_in_process(args: tuple[str, ...], cwd: Path, stdin: str | None,
                    environment: dict[str, str]) -> Result:  # fmt: skip
    """What `run_mplint` does, but calling the entry point in this process with its working
    directory, environment, argv and standard streams swapped for the call."""
    import contextlib
    import io

    from mplint.__main__ import main

    def stream(data: bytes = b"") -> io.TextIOWrapper:
        return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape",
                                newline="", write_through=True)  # fmt: skip

    saved = (dict(os.environ), os.getcwd(), sys.argv, sys.stdin, sys.stdout, sys.stderr)
    out, err = stream(), stream()
    code: object = 0
    try:
        os.environ.clear()
        os.environ.update(environment)
        os.chdir(cwd)
        _forget_the_repository_root()
        sys.argv = ["mplint", *args]
        sys.stdin = stream((stdin or "").encode("utf-8", "surrogateescape"))
        sys.stdout, sys.stderr = out, err
        with contextlib.suppress(SystemExit):
            try:
                main()
            except SystemExit as exit_:
                code = exit_.code
                raise
    finally:
        os.environ.clear()
        os.environ.update(saved[0])
        os.chdir(saved[1])
        _forget_the_repository_root()
        sys.argv, sys.stdin, sys.stdout, sys.stderr = saved[2:]
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("message"): printed, exit 1
        err.write(f"{code}\n")
        code = 1

    def text(buffer: io.TextIOWrapper) -> str:
        buffer.flush()
        raw = buffer.buffer.getvalue()  # type: ignore[attr-defined]
        return raw.decode("utf-8", "replace").replace("\r\n", "\n")

    return Result(code, text(out), text(err))


def _forget_the_repository_root() -> None:
    """A fresh process finds the repository root from its working directory once: so must
    each in-process run (and the test after it), or one would see the other's root."""
    for name in ("mplint.model.locations", "mplint.reporters.locations"):
        module = sys.modules.get(name)
        if module is not None:
            module.source_root.cache_clear()


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


# The edit-run loop (docs/testing.md): `pytest -m quick` selects the rule, schema, source and
# parsing tests, the ones a change to a check or a loader must keep green.
QUICK_MODULES = {
    "test_semantic_rules", "test_semantic_edges", "test_rule_options", "test_schema_required",
    "test_rules_robustness", "test_patterns", "test_suggestions", "test_parsing_internals",
    "test_schema", "test_sources_python", "test_sources_pipeline",
    "test_sources_cloudformation", "test_sources_describe", "test_sources_common",
    "test_suppressions", "test_boundaries", "test_sources_python_dicts", "test_sources_python_sdk",
    "test_verdicts", "test_known_files", "test_mutation_kills",
}  # fmt: skip
# What mutation testing runs (docs/testing.md): the quick tests and those of the filters, the
# exit code and the CLI, which reach the schema translation and the filters in process.
MUTATION_MODULES = QUICK_MODULES | {
    "test_check_cli", "test_baseline", "test_config", "test_api", "test_streaming", "test_stdin",
    "test_reports", "test_cli_conventions", "test_rule_examples", "test_hostile_inputs",
    "test_mutation_kills_filters", "test_mutation_kills_schema",
}  # fmt: skip


def pytest_sessionstart(session: pytest.Session) -> None:
    """Under mutation testing (docs/testing.md) each mutant's tests run in a fork of a process
    that already ran them: a result cached from the original code would hide the mutant."""
    if ROOT.name == "mutants" and (ROOT.parent / "mplint").is_dir():
        # mutmut's copy of the checkout: make it the repository root (as the checkout is),
        # or the paths that reports show relative to that root would start with mutants/.
        # An empty .git folder is no repository to git, which looks further up.
        (ROOT / ".git").mkdir(exist_ok=True)
    if os.environ.get("MUTANT_UNDER_TEST"):
        import functools
        import gc

        for obj in gc.get_objects():
            if isinstance(obj, functools._lru_cache_wrapper):
                obj.cache_clear()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.module is not None and item.module.__name__ in QUICK_MODULES:
            item.add_marker(pytest.mark.quick)
        if item.module is not None and item.module.__name__ in MUTATION_MODULES:
            item.add_marker(pytest.mark.mutation)
