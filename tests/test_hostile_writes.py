"""Hostile input, round 2 (issue #12): nothing hidden by a damaged cache or baseline, nothing
lost when a report cannot be written, nothing written where it should not go.

Each test names the item of the issue it reproduces.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_mplint
from strict_formats import assert_strict

from mplint import cache as cache_module
from mplint.config import Settings
from mplint.model import FileReport, Finding, Level, Span

BOGUS = "ModelPackageGroupName: churn\nModelApprovalStatus: bogus\n"


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json"))


# --- item 4: a damaged cache entry is a miss ------------------------------------------------


def test_item4_an_entry_rewritten_with_empty_lists_is_not_trusted(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(BOGUS)
    env = {"MPLINT_CACHE_DIR": str(tmp_path / "cache")}
    first = run_mplint("check", str(spec), "-f", "json", env=env)
    assert first.code == 1 and first.rules() == ["MP104"]
    [entry] = _entries(tmp_path / "cache")
    empty = {"status": "checked", "specs": 1, "reason": "", "findings": []}
    for damaged in (json.dumps(empty).encode(), b"0" * 64 + b"\n" + json.dumps(empty).encode()):
        entry.write_bytes(damaged)
        again = run_mplint("check", str(spec), "-f", "json", env=env)
        assert again.code == 1 and again.rules() == ["MP104"]


def _finding(**change) -> dict:
    good = {"rule": "MP104", "level": 3, "message": "m", "span": [2, 22, 2, 27], "path": ["A"],
            "document": 0, "suppressed": None}  # fmt: skip
    return {**good, **change}


def _entry(*findings: dict, **change) -> dict:
    return {"status": "checked", "specs": 1, "reason": "", "findings": list(findings), **change}


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    "payload",
    [
        _entry(_finding(span=[-5, 0, -1, -9])),
        _entry(_finding(span=[3, 1, 2, 1])),
        _entry(_finding(level=True)),
        _entry(_finding(level=7)),
        _entry(_finding(document=-1)),
        _entry(_finding(path=[True])),
        _entry(_finding(suppressed=1)),
        _entry(_finding(extra=1)),
        _entry(specs=True),
        _entry(reason=[]),
        _entry(more=1),
        "NESTED",
    ],
    ids=lambda p: "nested" if p == "NESTED" else json.dumps(p)[-60:],
)
def test_item4_a_sealed_but_malformed_entry_is_a_miss(tmp_path: Path, payload) -> None:
    cache = cache_module.Cache(tmp_path, "run")
    key = cache.key(b"raw", "spec.yaml", True)
    text = _nested(100_000) if payload == "NESTED" else json.dumps(payload)
    path = cache._path(key)
    path.parent.mkdir(parents=True)
    path.write_bytes(cache_module.seal(key, text.encode()))
    assert cache.get(key, "spec.yaml") is None


def test_item4_an_entry_round_trips_and_a_foreign_key_is_a_miss(tmp_path: Path) -> None:
    cache = cache_module.Cache(tmp_path / "c", cache_module.fingerprint(Settings()))
    finding = Finding("MP104", Level.ERROR, "m", "spec.yaml", Span(2, 22, 2, 27), ("A", 0), 1)
    report = FileReport("spec.yaml", "checked", [finding], 1)
    key, other = cache.key(b"a", "spec.yaml", True), cache.key(b"b", "spec.yaml", True)
    cache.put(key, report)
    assert cache.get(key, "spec.yaml") == report
    cache._path(other).parent.mkdir(exist_ok=True)
    cache._path(other).write_bytes(cache._path(key).read_bytes())  # moved to another key
    assert cache.get(other, "spec.yaml") is None


# --- item 9: a linked cache folder, a cache folder of the user's ----------------------------


def test_item9_a_linked_cache_folder_is_refused(tmp_path: Path) -> None:
    project, target = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir()
    target.mkdir()
    (project / "spec.yaml").write_text(BOGUS)
    (project / ".mplint_cache").symlink_to(target)
    result = run_mplint("check", "spec.yaml", "-f", "json", cwd=project,
                        env={"MPLINT_CACHE_DIR": ""})  # fmt: skip
    assert result.code == 1 and result.rules() == ["MP104"]
    assert result.err.count("\n") == 1 and "symbolic link" in result.err
    assert list(target.iterdir()) == []


def test_item9_a_link_inside_the_cache_folder_is_not_written_through(tmp_path: Path) -> None:
    cache, target = cache_module.Cache(tmp_path / "c", "run"), tmp_path / "elsewhere"
    target.mkdir()
    key = cache.key(b"a", "spec.yaml", True)
    cache.folder.mkdir()
    (cache.folder / key[:2]).symlink_to(target)
    cache.put(key, FileReport("spec.yaml", "checked", [], 1))
    assert list(target.iterdir()) == []


def test_item9_markers_are_written_only_into_a_folder_mplint_created(tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(BOGUS)
    result = run_mplint("check", "spec.yaml", cwd=tmp_path, env={"MPLINT_CACHE_DIR": "."})
    assert result.code == 1
    assert not (tmp_path / ".gitignore").exists()
    assert not (tmp_path / "CACHEDIR.TAG").exists()
    assert len(_entries(tmp_path)) == 1  # the entry itself is written (in a subfolder)
    fresh = run_mplint("check", "spec.yaml", cwd=tmp_path, env={"MPLINT_CACHE_DIR": "new/c"})
    assert fresh.code == 1
    assert (tmp_path / "new" / "c" / ".gitignore").read_text().endswith("*\n")
    assert (tmp_path / "new" / "c" / "CACHEDIR.TAG").is_file()


# --- item 5: a baseline is written whole, whatever the findings hold -------------------------

SURROGATE_SPEC = (
    '{"ModelPackageGroupName": "churn", "ModelApprovalStatus": "\\ud800", "\\ud800x": 1}'
)


def test_item5_a_lone_surrogate_never_truncates_the_baseline(tmp_path: Path) -> None:
    (tmp_path / "spec.json").write_text(SURROGATE_SPEC)
    baseline = tmp_path / "baseline.json"
    baseline.write_text("previous")
    written = run_mplint("check", "spec.json", "--write-baseline", "baseline.json", cwd=tmp_path)
    assert written.code == 0, written.err
    data = json.loads(baseline.read_bytes().decode("utf-8"))  # strict UTF-8: no surrogate
    assert sorted(e["rule"] for e in data["findings"]) == ["MP101", "MP104"]
    assert "\\ud800" in data["findings"][0]["message"] + data["findings"][1]["message"]
    again = run_mplint("check", "spec.json", "--baseline", "baseline.json", "-f", "json",
                       cwd=tmp_path)  # fmt: skip
    assert again.code == 0 and again.findings() == [], again.err


def test_item5_a_failed_write_leaves_the_previous_baseline_whole(tmp_path: Path) -> None:
    from mplint import atomicfile

    target = tmp_path / "baseline.json"
    target.write_text("previous")

    def failing(handle) -> None:
        handle.write("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        atomicfile.replace(str(target), failing)
    assert target.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.json"]  # no leftovers


# --- item 14: a hostile baseline is a baseline error -------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"version": 1, "findings": [{"document": ' + "9" * 5000 + "}]}", "Exceeds the limit"),
        ('{"version": true, "findings": []}', "not an mplint baseline"),
        ('{"version": 1.0, "findings": []}', "not an mplint baseline"),
        (
            '{"version": 1, "findings": [{"file": "a", "rule": "MP1", "path": "", "message": 1}]}',
            "'message' must be a string",
        ),
        ("\x00" * 100, "holds NUL bytes"),
    ],
    ids=["deep", "long-number", "version-true", "version-float", "message-int", "nul"],
)
def test_item14_a_malformed_baseline_is_a_baseline_error(tmp_path: Path, content, message) -> None:
    (tmp_path / "spec.yaml").write_text(BOGUS)
    (tmp_path / "baseline.json").write_text(content)
    result = run_mplint("check", "spec.yaml", "--baseline", "baseline.json", cwd=tmp_path)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("mplint: error: baseline.json") and message in result.err
    assert result.err.count("\n") == 1


def test_item14_reading_dev_zero_is_bounded(tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(BOGUS)
    result = run_mplint("check", "spec.yaml", "--baseline", "/dev/zero", cwd=tmp_path)
    assert result.code == 2 and "holds NUL bytes" in result.err


def test_item14_a_huge_baseline_is_refused_before_it_is_parsed(monkeypatch, tmp_path) -> None:
    from mplint.filters import baseline

    monkeypatch.setattr(baseline, "MAX_BYTES", 1 << 20)
    big = tmp_path / "big.json"
    big.write_text(" " * (3 << 20))
    with pytest.raises(baseline.BaselineError, match="larger than 1 MiB"):
        baseline.read(str(big))


# --- item 7: reports named with -o are written whatever happens to standard output -----------


def _many(folder: Path, count: int = 300) -> None:
    folder.mkdir(exist_ok=True)
    for i in range(count):
        (folder / f"s{i:03}.yaml").write_text(BOGUS)


def _shell(script: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=120)  # fmt: skip


def test_item7_a_report_file_is_written_when_stdout_closes_early(tmp_path: Path) -> None:
    _many(tmp_path / "specs")
    mplint = f"{sys.executable} -m mplint check --no-cache"
    proc = _shell(f"{mplint} -f json -o r.json -f text specs 2>err.txt | head -1;"
                  " echo ${PIPESTATUS[0]}", tmp_path)  # fmt: skip
    first, status = proc.stdout.splitlines()
    assert first.startswith("specs/s000.yaml:2:22: error MP104")
    assert status == "1" and (tmp_path / "err.txt").read_text() == ""
    assert len(json.loads((tmp_path / "r.json").read_text())["findings"]) == 300


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_item7_a_full_stdout_is_a_one_line_error(tmp_path: Path) -> None:
    _many(tmp_path / "specs", 50)
    mplint = f"{sys.executable} -m mplint check --no-cache"
    proc = _shell(f"{mplint} -f json -o r.json -f text specs > /dev/full", tmp_path)
    assert proc.returncode == 2
    assert (
        proc.stderr == "mplint: error: cannot write to standard output: No space left on device\n"
    )
    assert len(json.loads((tmp_path / "r.json").read_text())["findings"]) == 50


# --- item 8: -o never writes through a link, onto an input or the baseline -------------------


def test_item8_an_output_link_is_replaced_not_followed(tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(BOGUS)
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    (tmp_path / "report.json").symlink_to(target)
    result = run_mplint("check", "spec.yaml", "-f", "json", "-o", "report.json", cwd=tmp_path)
    assert result.code == 1
    assert target.read_text() == "keep me"
    report = tmp_path / "report.json"
    assert not report.is_symlink() and json.loads(report.read_text())["findings"]


@pytest.mark.parametrize(
    "args",
    [
        ["-o", "spec.yaml", "spec.yaml"],
        ["-o", "./spec.yaml", "spec.yaml"],
        ["-o", "b.json", "--write-baseline", "b.json", "spec.yaml"],
        ["-o", "b.json", "--baseline", "b.json", "spec.yaml"],
    ],
    ids=["input", "input-dotted", "write-baseline", "baseline"],
)
def test_item8_an_output_onto_an_input_is_a_usage_error(tmp_path: Path, args) -> None:
    (tmp_path / "spec.yaml").write_text(BOGUS)
    (tmp_path / "b.json").write_text('{"version": 1, "findings": []}')
    result = run_mplint("check", "-f", "json", *args, cwd=tmp_path)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("mplint: error: --output ")
    assert (tmp_path / "spec.yaml").read_text() == BOGUS
    assert (tmp_path / "b.json").read_text() == '{"version": 1, "findings": []}'


def test_item8_an_output_into_a_missing_folder_creates_it(tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(BOGUS)
    result = run_mplint("check", "spec.yaml", "-f", "sarif", "-o", "out/deep/r.sarif",
                        cwd=tmp_path)  # fmt: skip
    assert result.code == 1
    assert json.loads((tmp_path / "out/deep/r.sarif").read_text())["runs"]


def test_item8_an_unwritable_output_fails_before_the_run(tmp_path: Path) -> None:
    _many(tmp_path / "specs", 3)
    (tmp_path / "file").write_text("")
    result = run_mplint("check", "specs", "-f", "json", "-o", "file/r.json",
                        "--write-baseline", "b.json", cwd=tmp_path)  # fmt: skip
    assert result.code == 2 and result.err.startswith("mplint: error: cannot write file/r.json")
    assert not (tmp_path / "b.json").exists()  # nothing was checked nor recorded


# --- item 10: a directory scan does not read through links that leave it ---------------------


def test_item10_a_scan_does_not_read_a_link_out_of_the_tree(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.yaml"
    secrets.write_text("ModelPackageGroupName: churn\nModelApprovalStatus: s3cr3t\n")
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "leak.yaml").symlink_to(secrets)
    (tree / "sub" / "real.yaml").write_text(BOGUS)
    (tree / "inner.yaml").symlink_to(tree / "sub" / "real.yaml")  # stays inside: read
    result = run_mplint("check", "tree", "-v", "--no-cache", cwd=tmp_path)
    assert "s3cr3t" not in result.out
    assert "tree/leak.yaml: skipped (a link to a file outside the checked folder" in result.out
    assert "tree/inner.yaml:2:22: error MP104" in result.out
    assert "tree/sub/real.yaml:2:22: error MP104" in result.out
    named = run_mplint("check", "tree/leak.yaml", "--no-cache", cwd=tmp_path)  # as given
    assert "s3cr3t" in named.out


# --- item 13: include globs stay in the tree and end; config globs match in linear time ------


def test_item13_include_globs_do_not_loop_through_folder_links(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    (specs / "x").mkdir(parents=True)
    (specs / "x" / "a.yaml").write_text(BOGUS)
    (specs / "a").symlink_to(".")
    (specs / "b").symlink_to(".")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.yaml").write_text(BOGUS)
    (specs / "out").symlink_to(outside)
    (specs / "leak.yaml").symlink_to(outside / "o.yaml")
    (tmp_path / ".mplint.yaml").write_text('include: ["specs/**/*.yaml", "specs/*"]\n')
    result = run_mplint("check", "-v", "--no-cache", cwd=tmp_path)
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0] == ("specs/leak.yaml: skipped (a link to a file outside the folder of the"
                        " include pattern; not read)")  # fmt: skip
    assert lines[1].startswith("specs/x/a.yaml:2:22: error MP104")
    assert len(lines) == 3


def test_item13_include_glob_expansion_matches_the_standard_library(tmp_path: Path) -> None:
    import glob

    from mplint.discovery import expand_glob

    for name in ["a.yaml", "b/c.yaml", "b/d/e.yaml", "b/.hidden/f.yaml", ".g.yaml", "h/i.json"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    for pattern in ["**/*.yaml", "b/**/*.yaml", "*/*.yaml", "b/*", "**", "b/**", "*.yaml",
                    "[ab]/*.yaml", "b/d/e.yaml*"]:  # fmt: skip
        full = f"{tmp_path}/{pattern}"
        assert expand_glob(full)[0] == sorted(set(glob.glob(full, recursive=True))), pattern


def test_item13_config_glob_matching_is_linear() -> None:
    from mplint.config.globs import glob

    deep = "/".join(["a"] * 60)
    assert not glob("**/**/**/**/**/**/**/z").matches(deep)  # finished at all: linear
    assert glob("**/**/**/**/**/**/**/a").matches(deep)
    assert not glob("a/**/b/**/c/**/d/**/e/**/z").matches(deep + "/b/c/d/e/y")
    assert glob("a/**/b/**/c").matches("a/x/y/b/c/d.yaml")


# --- item 6: every report stays valid on lone surrogates and names that are not UTF-8 --------

FORMATS = ["text", "json", "sarif", "github", "junit", "gitlab"]


def _run_bytes(args: list, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "mplint", *args], cwd=cwd, input=stdin,
                          capture_output=True, env=env, timeout=120)  # fmt: skip


PYTHON_SURROGATE = b"""\
import boto3

boto3.client("sagemaker").create_model_package(ModelPackageGroupName="churn", **{"\\ud800": 1})
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_item6_every_format_is_strict_on_hostile_text_and_names(tmp_path: Path, fmt) -> None:
    (tmp_path / "spec.json").write_text(SURROGATE_SPEC)
    (tmp_path / "call.py").write_bytes(PYTHON_SURROGATE)
    (tmp_path / "caf\xe9.yaml".encode("latin-1").decode("utf-8", "surrogateescape")).write_text(
        BOGUS
    )
    result = _run_bytes(["check", "--no-cache", "--python", "-f", fmt, "."], tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stderr == b""
    assert_strict(fmt, result.stdout)
    out = result.stdout.decode().replace("\\\\", "\\")  # JSON doubles the backslash
    assert ("caf\\xe9.yaml" in out or "caf%5Cxe9.yaml" in out) and "\\ud800" in out
    piped = _run_bytes(["check", "--no-cache", "-f", fmt, "--stdin-filename", b"n\xe9.yaml", "-"],
                       tmp_path, stdin=BOGUS.encode())  # fmt: skip
    assert piped.returncode == 1 and piped.stderr == b""
    assert_strict(fmt, piped.stdout)


# --- item 16: control characters are escaped where a terminal shows them ---------------------


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_item16_control_characters_cannot_rewrite_the_terminal(tmp_path: Path, fmt) -> None:
    (tmp_path / "spec.yaml").write_text(
        'ModelPackageGroupName: churn\nModelApprovalStatus: "\\e[2K\\rx\\nChecked 1 file: 0 errors"\n'
    )
    result = run_mplint("check", "--no-cache", "-f", fmt, "spec.yaml", cwd=tmp_path)
    assert result.code == 1
    lines = result.out.splitlines()
    assert len(lines) == 2 and lines[1] == "Checked 1 file: 1 error, 0 warnings, 0 notes."
    assert "\x1b" not in result.out and "\r" not in result.out
    assert "'\\x1b[2K\\rx\\nChecked 1 file: 0 errors'" in lines[0]
