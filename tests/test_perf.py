"""Parallel runs, the cache and the schema gate change how fast mplint is, never what it says.

No timings here: each test compares findings between the fast path and the plain one.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ROOT, run_mplint

from mplint import cache as cache_module
from mplint import runner
from mplint.config import Settings
from mplint.schema.document import schema
from mplint.schema.gate import compile_gate

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import generate

CORPUS_FILES = 80  # enough for two workers (runner.MIN_FILES_PER_WORKER each)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    generate(folder, CORPUS_FILES, seed=11)
    return folder


@pytest.fixture(scope="module")
def expected(corpus):
    """The JSON report of the corpus without cache, in one process."""
    return _check(str(corpus), "--no-cache", "--format", "json", "-j1")


def _check(*args: str, cache_dir: Path | None = None, **env: str):
    if cache_dir is not None:
        env["MPLINT_CACHE_DIR"] = str(cache_dir)
    return run_mplint("check", *args, env=env)


# --- jobs -----------------------------------------------------------------------------------


def test_a_corpus_of_this_size_is_spread_over_two_workers():
    assert runner.worker_count(CORPUS_FILES, 2) == 2
    assert runner.worker_count(5, 2) == 1  # a handful of files: one process
    assert runner.worker_count(10_000, 1) == 1


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_jobs_do_not_change_the_report_of_a_corpus(corpus, expected, fmt):
    one = expected if fmt == "json" else _check(str(corpus), "-j1", "--no-cache", "-f", fmt)
    two = _check(str(corpus), "-j2", "--no-cache", "--format", fmt)
    assert one.code == two.code == 1
    assert one.out == two.out
    assert one.err == two.err == ""
    if fmt == "json":
        findings = one.findings()
        assert findings and {f["rule"] for f in findings} >= {"MP101", "MP104"}
        assert [f["file"] for f in findings] == sorted(f["file"] for f in findings)


def test_jobs_do_not_change_the_report_of_the_examples():
    one = _check(str(EXAMPLES), "-j1", "--no-cache", "--format", "json")
    two = _check(str(EXAMPLES), "-j2", "--no-cache", "--format", "json")
    assert one.code == two.code == 1
    assert one.out == two.out
    assert one.findings()


def test_reports_from_workers_equal_reports_from_one_process(corpus):
    linter = runner.Linter(Settings())
    candidates = list(runner.discovery.discover([str(corpus)]))
    sequential = runner.check_all(linter, candidates, jobs=1)
    parallel = runner.check_all(linter, candidates, jobs=2)
    assert parallel == sequential
    assert [r.file for r in parallel] == [c.display for c in candidates]


def test_a_negative_job_count_is_a_usage_error():
    result = _check(str(EXAMPLES), "--jobs", "-1")
    assert result.code == 2


# --- cache ----------------------------------------------------------------------------------


def _entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.json"))


def _payload(path: Path) -> dict:
    payload = cache_module.unseal(path.stem, path.read_bytes())
    assert payload is not None, path
    return json.loads(payload)


def _tamper(folder: Path) -> None:
    """Rewrite every cached message (sealed as mplint seals an entry), so that a run served
    from the cache shows it."""
    for path in _entries(folder):
        entry = _payload(path)
        for finding in entry["findings"]:
            finding["message"] = "FROM-CACHE " + finding["message"]
        path.write_bytes(cache_module.seal(path.stem, json.dumps(entry).encode()))


def test_a_warm_run_returns_the_same_findings_from_the_cache(tmp_path, corpus, expected):
    cache_dir = tmp_path / "cache"
    plain = expected
    first = _check(str(corpus), "--format", "json", cache_dir=cache_dir)
    second = _check(str(corpus), "--format", "json", cache_dir=cache_dir)
    assert plain.out == first.out == second.out
    assert len(_entries(cache_dir)) == CORPUS_FILES
    assert (cache_dir / ".gitignore").read_text().strip().endswith("*")
    _tamper(cache_dir)
    served = _check(str(corpus), "--format", "json", "-j1", cache_dir=cache_dir)
    messages = [f["message"] for f in served.findings()]
    assert messages and all(m.startswith("FROM-CACHE ") for m in messages)


def test_the_cache_is_invalidated_by_a_content_change(tmp_path, write):
    spec = write("spec.yaml", "ModelPackageGroupName: churn\nModelApprovalStatus: approved\n")
    cache_dir = tmp_path / "cache"
    _check(str(spec), "--format", "json", cache_dir=cache_dir)
    _tamper(cache_dir)
    assert (
        _check(str(spec), "-f", "json", cache_dir=cache_dir)
        .findings()[0]["message"]
        .startswith("FROM-CACHE")
    )
    spec.write_text("ModelPackageGroupName: churn\nModelApprovalStatus: rejected\n")
    findings = _check(str(spec), "--format", "json", cache_dir=cache_dir).findings()
    assert [(f["rule"], f["line"], f["column"]) for f in findings] == [("MP104", 2, 22)]
    assert "'rejected'" in findings[0]["message"]
    assert not findings[0]["message"].startswith("FROM-CACHE")


def test_the_cache_is_invalidated_by_a_config_change(tmp_path, write):
    spec = write("spec.yaml", "ModelPackageGroupName: churn\nModelApprovalStatus: approved\n")
    cache_dir = tmp_path / "cache"
    _check(str(spec), "--format", "json", cache_dir=cache_dir)
    _tamper(cache_dir)
    ignored = _check(str(spec), "--format", "json", "--ignore", "MP104", cache_dir=cache_dir)
    assert ignored.code == 0 and ignored.findings() == []
    selected = _check(str(spec), "--format", "json", "--select", "MP1", cache_dir=cache_dir)
    assert [f["message"][:10] for f in selected.findings()] == ["ModelAppro"]


def test_the_cache_key_changes_with_version_settings_and_packs(monkeypatch, tmp_path):
    base = cache_module.fingerprint(Settings())
    assert cache_module.fingerprint(Settings()) == base  # stable
    assert cache_module._stable(object()) == cache_module._stable(object())  # no addresses
    assert cache_module.fingerprint(Settings(ignore=["MP104"])) != base
    assert cache_module.fingerprint(Settings(options={"MP101": {"a": 1}})) != base
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules: []\n")
    with_pack = cache_module.fingerprint(Settings(packs=[pack]))
    pack.write_text("rules: []\n# edited\n")
    assert cache_module.fingerprint(Settings(packs=[pack])) != with_pack
    monkeypatch.setattr(cache_module, "__version__", "99.0.0")
    assert cache_module.fingerprint(Settings()) != base
    keys = cache_module.Cache(tmp_path, base)
    assert keys.key(b"a", "x.yaml", True) != keys.key(b"b", "x.yaml", True)
    assert keys.key(b"a", "x.yaml", True) != keys.key(b"a", "y.yaml", True)
    assert keys.key(b"a", "x.yaml", True) != keys.key(b"a", "x.yaml", False)


_DAMAGE = [
    b"", b"\x00\xff not json", b'{"status": "checked"', b"[1, 2, 3]",
    b'{"status": "nonsense", "specs": 1, "reason": "", "findings": []}',
    b'{"status": "checked", "specs": 1, "reason": "", "findings": [{"span": [1]}]}',
    b'{"status": "checked", "specs": 1, "reason": "", "findings": [{"rule": "MP1"}]}',
]  # fmt: skip


def test_a_corrupted_cache_entry_is_a_miss(tmp_path, corpus, expected):
    cache_dir = tmp_path / "cache"
    _check(str(corpus), "--format", "json", cache_dir=cache_dir)
    for i, path in enumerate(_entries(cache_dir)):
        path.write_bytes(_DAMAGE[i % len(_DAMAGE)])
    again = _check(str(corpus), "--format", "json", "-j1", cache_dir=cache_dir)
    assert again.code == expected.code and again.out == expected.out and again.err == ""
    # and the entries were rewritten with good data
    assert all(_payload(p)["status"] for p in _entries(cache_dir))


def test_a_deleted_or_unwritable_cache_does_not_change_the_report(tmp_path, corpus, expected):
    cache_dir = tmp_path / "cache"
    _check(str(corpus), "--format", "json", cache_dir=cache_dir)
    for path in _entries(cache_dir)[::2]:
        path.unlink()
    assert _check(str(corpus), "--format", "json", cache_dir=cache_dir).out == expected.out
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    result = _check(str(corpus), "--format", "json", cache_dir=blocked)
    assert result.out == expected.out and result.err == ""


def test_no_cache_neither_reads_nor_writes(tmp_path, write):
    spec = write("spec.yaml", "ModelPackageGroupName: churn\n")
    cache_dir = tmp_path / "cache"
    result = _check(str(spec), "--no-cache", cache_dir=cache_dir)
    assert result.code == 0
    assert not cache_dir.exists()


def test_the_cache_lives_in_the_current_directory_by_default(tmp_path, write):
    spec = write("spec.yaml", "ModelPackageGroupName: churn\n")
    result = run_mplint("check", spec.name, cwd=tmp_path, env={"MPLINT_CACHE_DIR": ""})
    assert result.code == 0
    assert len(_entries(tmp_path / ".mplint_cache")) == 1
    assert (tmp_path / ".mplint_cache" / "CACHEDIR.TAG").is_file()


# --- the schema gate ------------------------------------------------------------------------

_VALUES = [
    "", "x", "approved", "ml.m5.large", "s3://bucket/key", "model.tar.gz", "a" * 64, "a" * 300,
    "caf\u00e9-mod\u00e8le", "\u0663\u0664", "tab\there", "line\nbreak", " lead", "trail ",
    "sha256:" + "a" * 64, "arn:aws:iam::123456789012:role/x", 0, -1, 1, 2**40, 1.5, 2.0,
    True, False, None, [], ["text/csv"], [1, 2], {}, {"Key": "k"}, {"unknown": 1},
]  # fmt: skip


def _paths(data, path=()):
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, path + (i,))


def _mutated(data, rng: random.Random):
    """A copy of `data` with one value replaced, one key removed or one key added."""
    data = json.loads(json.dumps(data))
    path = rng.choice([p for p in _paths(data) if p])
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    action = rng.random()
    if action < 0.7:
        parent[path[-1]] = rng.choice(_VALUES)
    elif action < 0.85 and isinstance(parent, dict):
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[rng.choice(["Extra", str(path[-1]).lower(), "Key"])] = rng.choice(_VALUES)
    return data


def _documents(folder: Path) -> list:
    paths = [p for p in sorted(folder.rglob("*")) if p.suffix in (".yaml", ".yml", ".json")]
    texts = [p.read_text(encoding="utf-8") for p in paths if p.is_file()]
    docs = []
    for text in texts:
        try:
            docs.append(yaml.safe_load(text))
        except yaml.YAMLError:
            continue
    return [d for d in docs if isinstance(d, dict)]


def test_the_gate_agrees_with_jsonschema(corpus):
    from jsonschema import Draft202012Validator

    gate = compile_gate(schema())
    validator = Draft202012Validator(schema())
    rng = random.Random(5)
    documents = _documents(corpus) + _documents(EXAMPLES)
    cases = documents + [_mutated(d, rng) for d in documents for _ in range(12)]
    outcomes = {True: 0, False: 0}
    for data in cases:
        valid = not any(True for _ in validator.iter_errors(data))
        assert gate(data) == valid, data
        outcomes[valid] += 1
    assert outcomes[True] > 50 and outcomes[False] > 300  # both answers were exercised


def test_the_gate_leaves_unknown_keywords_and_values_to_jsonschema():
    assert compile_gate({"type": "string", "format": "email"})("x") is False
    assert compile_gate({"type": "object", "properties": {"a": {"const": 1}}})({"a": 1}) is False
    assert compile_gate({"type": "integer"})(2.0) is True  # as jsonschema: 2.0 is an integer
    assert compile_gate({"type": "integer"})(True) is False
    assert compile_gate(schema())({"ModelPackageGroupName": object()}) is False


def test_findings_are_identical_with_and_without_the_gate(corpus, expected):
    for folder, plain in ((corpus, expected), (EXAMPLES, None)):
        gated = _check(str(folder), "--no-cache", "-f", "json", "-j1")
        plain = plain or gated
        ungated = _check(str(folder), "--no-cache", "-f", "json", "-j1", MPLINT_SCHEMA_GATE="0")
        assert gated.out == ungated.out == plain.out and gated.code == ungated.code
        assert gated.findings()
