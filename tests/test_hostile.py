"""Hostile and broken input: mplint never crashes, hangs, executes or loses a finding.

The corpus (tests/hostile_corpus.py) is checked in-process, every case with its exact
outcome; the CLI tests cover what only a process shows: exit codes, a closed pipe, Ctrl-C,
nothing executed, directory walks over links, FIFOs and vanished files.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from conftest import ROOT, VALID_VERSIONED, run_mplint
from hostile_corpus import MARKER, Case, S, cases

from mplint import checks, discovery, parsing
from mplint.checks import Violation
from mplint.config import Settings
from mplint.engine import Linter
from mplint.model import FileReport, Kind
from mplint.model.limits import DEFAULT_MAX_BYTES, MAX_DEPTH
from mplint.runner import run

CASES = cases()


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Settings())


def outcome(report: FileReport) -> list[tuple[str, int, int]]:
    return [(f.rule, f.span.line, f.span.col) for f in report.findings if f.rule < "MP1"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_case(linter: Linter, case: Case) -> None:
    report = linter.check_bytes(case.content, case.filename, explicit=True)
    assert outcome(report) == case.expect
    found = {(f.rule, f.span.line, f.span.col) for f in report.findings}
    assert set(case.also) <= found
    assert all(f.rule != "MP000" for f in report.findings)


# --- execution ------------------------------------------------------------------------


def test_no_tag_runs_anything(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for case in CASES:
        if case.name.startswith("unsafe-tag"):
            text = case.content.decode().replace(MARKER, str(marker))
            (tmp_path / case.filename).write_text(text, encoding="utf-8")
    result = run_mplint("check", str(tmp_path), "--format", "json")
    assert result.code == 1, result.err
    unsafe = sorted((f["file"].rsplit("/", 1)[-1], f["line"]) for f in result.findings()
                    if f["rule"] == "MP005")  # fmt: skip
    assert len(unsafe) == sum(c.name.startswith("unsafe-tag") for c in CASES)
    assert not marker.exists()
    assert "Traceback" not in result.err


def test_unsafe_tag_message_names_the_tag(linter: Linter) -> None:
    text = S + "ModelPackageDescription: !!python/object/apply:os.system [id]\n"
    [finding] = [f for f in linter.check_text(text, "a.yaml", explicit=True).findings
                 if f.rule == "MP005"]  # fmt: skip
    assert "tag:yaml.org,2002:python/object/apply:os.system" in finding.message
    assert finding.path == ("ModelPackageDescription",)


# --- limits bound memory as well as time ----------------------------------------------


def test_alias_bomb_memory_is_bounded(linter: Linter) -> None:
    bomb = next(c for c in CASES if c.name == "billion-laughs").content
    tracemalloc.start()
    try:
        report = linter.check_bytes(bomb, "bomb.yaml", explicit=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert outcome(report)[0][0] == "MP008"
    assert "aliases expand to more than" in report.findings[0].message
    assert peak < 30 * 1024 * 1024  # 9**9 values expanded would need tens of gigabytes


def test_deep_nesting_never_reaches_the_c_composer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the cheap depth bound, libyaml's events are scanned before anything is composed;
    the documents before a too-deep one are still checked."""
    deep = "x: " + "[" * 100_000 + "]" * 100_000 + "\n"
    text = S + "ModelApprovalStatus: nope\n---\n" + S + deep + "---\n" + S
    documents, problems = parsing.parse_yaml(text)
    assert len(documents) == 1
    assert [(p.kind, p.span.line, p.span.col, p.document) for p in problems] == [
        (Kind.TOO_COMPLEX, 5, 104, 1)
    ]
    assert "or any after it" in problems[0].message


def test_limits_are_exact() -> None:
    """A value inside MAX_DEPTH collections is fine, inside one more it is not; the same in
    YAML and JSON."""
    limit = MAX_DEPTH
    ok = "[" * limit + "0" + "]" * limit
    too_deep = "[" * (limit + 1) + "0" + "]" * (limit + 1)
    assert parsing.parse_yaml(ok)[1] == []
    assert parsing.parse_json(ok)[1] == []
    assert [p.kind for p in parsing.parse_yaml(too_deep)[1]] == [Kind.TOO_COMPLEX]
    assert [p.kind for p in parsing.parse_json(too_deep)[1]] == [Kind.TOO_COMPLEX]


# --- internal errors --------------------------------------------------------------------


def _boom(spec, options):
    raise RuntimeError("boom")
    yield  # pragma: no cover


def _finds_description(spec, options):
    if "ModelPackageDescription" in spec.data:
        yield Violation(("ModelPackageDescription",), "a description from a test check")


@pytest.fixture
def broken_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two test-only checks under catalogue rules (MP004, MP006): one raises, one finds
    something."""
    checks.load_all()
    monkeypatch.setitem(checks.CHECKS, "not-a-spec", _boom)
    monkeypatch.setitem(checks.CHECKS, "unknown-yaml-tag", _finds_description)


def test_a_failing_rule_is_mp000_and_others_still_report(broken_rule: None) -> None:
    linter = Linter(Settings())
    text = S + "ModelPackageDescription: hello\nModelApprovalStatus: nope\n"
    report = linter.check_text(text, "spec.yaml", explicit=True)
    rules = {(f.rule, f.span.line) for f in report.findings}
    assert ("MP000", 1) in rules
    assert ("MP006", 2) in rules  # the other check's finding
    assert ("MP104", 3) in rules  # the schema's finding
    [crash] = [f for f in report.findings if f.rule == "MP000"]
    assert crash.message.startswith("rule MP004 failed: RuntimeError: boom (at test_hostile.py:")
    assert report.exit_code(Settings().fail_on) == 2


def test_a_failing_rule_exits_2_from_the_cli(broken_rule: None, write) -> None:
    from typer.testing import CliRunner

    from mplint.cli import app

    spec = write("spec.yaml", S + "ModelPackageDescription: hello\n")
    result = CliRunner().invoke(app, ["check", str(spec)])
    assert result.exit_code == 2
    assert ":1:1: error MP000 rule MP004 failed: RuntimeError: boom" in result.output
    assert ":2:1: error MP006 a description from a test check" in result.output


def test_a_crash_outside_rules_is_mp000_for_that_file_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "a.yaml").write_text(S + "Crash: here\n")
    (tmp_path / "b.yaml").write_text(S + "ModelApprovalStatus: nope\n")
    real = parsing.parse

    def parse(name: str, text: str):
        if "Crash" in text:
            raise ValueError("parser bug")
        return real(name, text)

    monkeypatch.setattr(parsing, "parse", parse)
    _, reports = run([str(tmp_path)], Settings())
    by_file = {Path(r.file).name: r for r in reports}
    assert [(f.rule, f.span.line) for f in by_file["a.yaml"].findings] == [("MP000", 1)]
    assert "ValueError: parser bug" in by_file["a.yaml"].findings[0].message
    assert [f.rule for f in by_file["b.yaml"].findings] == ["MP104"]
    assert max(r.exit_code(Settings().fail_on) for r in reports) == 2


# --- reading and walking ----------------------------------------------------------------


def test_size_limit_option(write) -> None:
    spec = write("spec.yaml", S + "ModelApprovalStatus: nope\n")
    small = run_mplint("check", str(spec), "--max-file-size", "20", "--format", "json")
    assert [(f["rule"], f["line"], f["column"]) for f in small.findings()] == [("MP008", 1, 1)]
    assert "--max-file-size" in small.findings()[0]["message"]
    fine = run_mplint("check", str(spec), "--max-file-size", "1K", "--format", "json")
    assert [f["rule"] for f in fine.findings()] == ["MP104"]
    bad = run_mplint("check", str(spec), "--max-file-size", "lots")
    assert bad.code == 2 and bad.err.startswith("mplint: error: --max-file-size")


def test_large_or_binary_files_in_a_scan_are_skipped_unless_they_mention_spec_keys(
    tmp_path: Path,
) -> None:
    (tmp_path / "package-lock.json").write_text("{}" + " " * DEFAULT_MAX_BYTES)
    (tmp_path / "big-spec.yaml").write_text(S + "#" * DEFAULT_MAX_BYTES)
    (tmp_path / "image.json").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "latin1.yaml").write_bytes(
        (S + "ModelPackageDescription: caf\xe9\n").encode("latin-1")
    )
    result = run_mplint("check", str(tmp_path), "--format", "json")
    got = sorted(
        (Path(f["file"]).name, f["rule"], f["line"], f["column"]) for f in result.findings()
    )
    assert got == [("big-spec.yaml", "MP008", 1, 1), ("latin1.yaml", "MP007", 2, 29)]
    skipped = {Path(f["file"]).name: f["reason"] for f in result.json()["files"]
               if f["status"] == "skipped"}  # fmt: skip
    assert skipped == {"image.json": "not text",
                       "package-lock.json": "large file, no model package keys"}  # fmt: skip


def test_walk_survives_links_fifos_and_missing_files(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "specs").mkdir(parents=True)
    (root / "specs" / "a.yaml").write_text(S + "ModelApprovalStatus: nope\n")
    (root / "specs" / "loop").symlink_to("..")  # a folder loop
    (root / "specs" / "self.yaml").symlink_to("self.yaml")  # a file loop
    (root / "dangling.yaml").symlink_to("gone.yaml")
    os.mkfifo(root / "fifo.yaml")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "other.yaml").write_text(S + "ModelApprovalStatus: nope\n")
    (root / "linked").symlink_to(outside)  # folder links are not followed
    result = run_mplint("check", str(root), "--format", "json")
    got = sorted((Path(f["file"]).name, f["rule"]) for f in result.findings())
    assert got == [("a.yaml", "MP104"), ("dangling.yaml", "MP007"), ("self.yaml", "MP007")]
    messages = {Path(f["file"]).name: f["message"] for f in result.findings()}
    assert messages["dangling.yaml"] == "cannot read file: broken symbolic link to 'gone.yaml'"
    assert "Too many levels of symbolic links" in messages["self.yaml"]
    statuses = {Path(f["file"]).name: (f["status"], f["reason"]) for f in result.json()["files"]}
    assert statuses["fifo.yaml"] == ("skipped", "not a regular file")
    assert result.code == 1 and result.err == ""


def test_explicit_pipe_is_read(tmp_path: Path) -> None:
    """`mplint check <(generate-spec)`: a named pipe given on the command line is read."""
    script = f'{sys.executable} -m mplint check <(printf "{S}ModelApprovalStatus: nope\\n")'
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    proc = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env,
                          timeout=120, cwd=ROOT)  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert ":2:22: error MP104 " in proc.stdout


def test_unlistable_folder_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Works as root too: os.scandir refuses one folder as a permission problem would."""
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.yaml").write_text(S)
    (tmp_path / "secret").mkdir()
    real = os.scandir

    def scandir(path):
        if str(path).endswith("secret"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    _, reports = run([str(tmp_path)], Settings())
    by_file = {Path(r.file).name: r for r in reports}
    assert by_file["a.yaml"].status == "checked"
    [finding] = by_file["secret"].findings
    assert (finding.rule, finding.message) == ("MP007", "cannot read folder: Permission denied")


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_unreadable_folder_and_file_for_real(tmp_path: Path) -> None:
    """chmod 000 as a normal user; as root (which chmod does not stop) the run is dropped to
    the `nobody` user with setpriv."""
    base = Path(os.environ.get("TMPDIR", "/tmp")) / f"mplint-perm-{os.getpid()}"
    base.mkdir()
    try:
        (base / "locked").mkdir()
        (base / "locked" / "x.yaml").write_text(S)
        (base / "secret.yaml").write_text(S)
        (base / "ok.yaml").write_text(S + "ModelApprovalStatus: nope\n")
        base.chmod(0o755)
        (base / "locked").chmod(0)
        (base / "secret.yaml").chmod(0)
        command = [sys.executable, "-m", "mplint", "check", str(base), "--format", "json"]
        if os.geteuid() == 0:
            if not _which("setpriv"):
                pytest.skip("running as root without setpriv: chmod 000 cannot stop root")
            drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            probe = subprocess.run([*drop, sys.executable, "-c", "import mplint.cli, yaml, jsonschema"], cwd="/",
                                   env={**os.environ, "PYTHONPATH": str(ROOT)},
                                   capture_output=True, text=True)  # fmt: skip
            if probe.returncode != 0:
                pytest.skip("running as root, and user nobody cannot run this Python or"
                            " checkout (chmod 000 cannot stop root)")  # fmt: skip
            command = [*drop, *command]
        env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
        proc = subprocess.run(command, capture_output=True, text=True, env=env, cwd="/",
                              timeout=120)  # fmt: skip
        import json

        findings = json.loads(proc.stdout)["findings"]
        got = sorted((Path(f["file"]).name, f["rule"], f["message"]) for f in findings)
        assert got == [
            ("locked", "MP007", "cannot read folder: Permission denied"),
            ("ok.yaml", "MP104", got[1][2]),
            ("secret.yaml", "MP007", "cannot read file: Permission denied"),
        ]
        assert proc.returncode == 1
    finally:
        (base / "locked").chmod(0o755)
        (base / "secret.yaml").chmod(0o644)
        import shutil

        shutil.rmtree(base)


def _which(name: str) -> bool:
    import shutil

    return shutil.which(name) is not None


def test_file_removed_during_the_run(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(S)
    (tmp_path / "b.yaml").write_text(S + "ModelApprovalStatus: nope\n")
    linter = Linter(Settings())
    candidates = list(discovery.discover([str(tmp_path)]))
    (tmp_path / "a.yaml").unlink()
    reports = {Path(r.file).name: r for r in map(linter.check_file, candidates)}
    [gone] = reports["a.yaml"].findings
    assert gone.rule == "MP007"
    assert gone.message.startswith("cannot read file: No such file or directory")
    assert [f.rule for f in reports["b.yaml"].findings] == ["MP104"]


def test_folder_removed_during_the_walk(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "spec.yaml").write_text(S)
    walk = discovery.discover([str(tmp_path)])
    first = next(walk)
    assert first.path.endswith(os.path.join("a", "spec.yaml"))
    (tmp_path / "b" / "spec.yaml").unlink()
    (tmp_path / "b").rmdir()
    [rest] = list(walk)
    assert rest.error == "cannot read folder: No such file or directory"


def test_undecodable_file_name_is_printed_escaped(tmp_path: Path) -> None:
    name = os.path.join(os.fsencode(tmp_path), b"bad\xff.yaml")
    with open(name, "wb") as handle:
        handle.write((S + "ModelApprovalStatus: nope\n").encode())
    result = run_mplint("check", str(tmp_path))
    assert result.code == 1, result.err
    assert "bad\\xff.yaml:2:22: error MP104" in result.out  # the byte, escaped


# --- the process: closed pipe, Ctrl-C ---------------------------------------------------


def test_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    for i in range(300):
        (tmp_path / f"s{i:03}.yaml").write_text(S + "ModelApprovalStatus: nope\n")
    script = (
        f"{sys.executable} -m mplint check {tmp_path} 2>{tmp_path / 'err.txt'} | head -1;"
        " echo ${PIPESTATUS[0]}"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    proc = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env,
                          timeout=120)  # fmt: skip
    first, status = proc.stdout.splitlines()
    assert first.endswith("s000.yaml:2:22: error MP104 ModelApprovalStatus is 'nope'; allowed"
                          " values: Approved, Rejected, PendingManualApproval")  # fmt: skip
    assert (tmp_path / "err.txt").read_text() == ""
    assert status == "1"


@pytest.mark.parametrize(
    "args",
    [["--version"], ["rules"], ["rules", "--format", "markdown"], ["explain", "MP101"],
     ["schema"], ["api-model", "show", "bundled"], ["completion", "bash"]],
)  # fmt: skip
def test_a_reader_that_goes_away_ends_other_commands_quietly_with_0(args: list[str]) -> None:
    """`mplint rules | head -1` is not an error: the reader has what it wanted."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before mplint writes anything
    try:
        proc = subprocess.run([sys.executable, "-m", "mplint", *args], stdout=write,
                              stderr=subprocess.PIPE, text=True, timeout=60,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip
    finally:
        os.close(write)
    assert (proc.returncode, proc.stderr) == (0, "")


def interrupted(args: list[str], cwd: Path, *, group: bool = False,
                sig: int = signal.SIGINT) -> tuple[int, str, str]:  # fmt: skip
    """(exit code, stdout, stderr) of mplint sent Ctrl-C (or `sig`) until it ends; `group`:
    the signal goes to its whole process group, as a terminal sends it.

    The signal starts ignored, so that only mplint's own handler can act on it (no race with
    interpreter start-up); it is sent again until the process has installed it."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "mplint", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        start_new_session=group,
        preexec_fn=lambda: signal.signal(sig, signal.SIG_IGN),
    )
    try:
        while True:
            try:
                proc.wait(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                if group:
                    os.killpg(proc.pid, sig)
                else:
                    proc.send_signal(sig)
        out, err = proc.communicate(timeout=20)
    finally:
        proc.kill()
    if group and os.path.isdir("/proc/self"):
        # No worker outlives the run: the group empties (waited for, not slept on).
        deadline = time.monotonic() + 20
        while _running_in_group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _running_in_group(proc.pid) == []
    return proc.returncode, out, err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_exits_130_without_traceback(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "spec.yaml")  # a named file is read as given: mplint waits for a writer
    assert interrupted(["check", "spec.yaml"], tmp_path) == (130, "", "mplint: interrupted\n")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_during_a_parallel_run_leaves_no_worker_and_no_traceback(tmp_path: Path) -> None:
    for i in range(100):
        (tmp_path / f"a{i:03d}.yaml").write_text(VALID_VERSIONED)
    os.mkfifo(tmp_path / "zz-fifo.yaml")  # a worker blocks opening it: the run cannot end
    names = sorted(p.name for p in tmp_path.iterdir())
    code, _out, err = interrupted(["check", "-j2", "--no-cache", *names], tmp_path, group=True)
    assert (code, err) == (130, "mplint: interrupted\n")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_during_a_parallel_run_ends_like_ctrl_c(tmp_path: Path) -> None:
    """#12 item 17: SIGTERM to the group printed a traceback per worker."""
    for i in range(100):
        (tmp_path / f"a{i:03d}.yaml").write_text(VALID_VERSIONED)
    os.mkfifo(tmp_path / "zz-fifo.yaml")
    names = sorted(p.name for p in tmp_path.iterdir())
    args = ["check", "-j2", "--no-cache", *names]
    code, _out, err = interrupted(args, tmp_path, group=True, sig=signal.SIGTERM)
    assert (code, err) == (143, "mplint: terminated\n")
    alone = interrupted(["check", "zz-fifo.yaml"], tmp_path, sig=signal.SIGTERM)
    assert alone == (143, "", "mplint: terminated\n")


def _running_in_group(group: int) -> list[int]:
    """Processes of a process group that still run (not zombies awaiting their reaper)."""
    running = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        state, pgrp = fields[0], int(fields[2])
        if pgrp == group and state != "Z":
            running.append(int(entry))
    return running


def test_valid_spec_still_passes_through_every_path(write) -> None:
    """The hardening changes nothing for a normal spec, as YAML, CRLF YAML and UTF-16."""
    for name, content in [
        ("a.yaml", VALID_VERSIONED.encode()),
        ("b.yaml", VALID_VERSIONED.replace("\n", "\r\n").encode()),
    ]:
        path = write(name, content)
        result = run_mplint("check", str(path), "--format", "json")
        assert result.findings() == [] and result.code == 0, result.out


# --- policy packs (rules files) get the same treatment -----------------------------------

PACK_RULE = (
    "rules:\n  - id: ACME901\n    name: team-rule\n    level: error\n    summary: s\n"
    "    path: SkipModelValidation\n    require: {not: {equals: All}}\n"
)


@pytest.mark.parametrize(
    ("name", "text", "where", "message"),
    [
        ("syntax", "rules: [\n", ":2:1: ", "YAML syntax error"),
        ("python-tag", "rules: !!python/object/apply:os.system [id]\n", ":1:8: ",
         "would construct a Python object"),
        ("duplicate", PACK_RULE + "rules: []\n", ":8:1: ", "duplicate key 'rules'"),
        ("deep", "rules: " + "[" * 100_000 + "]" * 100_000 + "\n", ":1:108: ",
         "nested deeper than 100 levels"),
        ("bomb", next(c for c in CASES if c.name == "billion-laughs").content.decode(), ":2:",
         "aliases expand to more than"),
        ("custom-tag", "rules: !Ref x\n", ":1:8: ", "YAML tag '!Ref' is not allowed in a policy pack"),
        ("binary", "rules: \udcff\n", ": ", "policy pack is not UTF-8 text"),
    ],
    ids=["syntax", "python-tag", "duplicate", "deep", "bomb", "custom-tag", "binary"],
)  # fmt: skip
def test_hostile_policy_pack_is_a_clear_error(tmp_path: Path, name, text, where, message) -> None:
    from mplint.config import ConfigError

    pack = tmp_path / f"{name}.yaml"
    pack.write_bytes(text.encode("utf-8", "surrogateescape"))
    with pytest.raises(ConfigError) as error:
        Settings(packs=[pack]).catalogue()
    assert str(error.value).startswith(f"{pack}{where}")
    assert message in str(error.value)


def test_a_valid_policy_pack_still_loads(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK_RULE + "    explanation: e\n")
    assert "ACME901" in Settings(packs=[pack]).catalogue().rules


# --- configuration files ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "error"),
    [
        ("pyproject.toml", "[tool.mplint]\nignore = " + "[" * 100_000 + "]" * 100_000 + "\n",
         "mplint: error: pyproject.toml: invalid TOML: nested too deeply to read\n"),
        (".mplint.yaml", "ignore: " + "[" * 100_000 + "]" * 100_000 + "\n",
         "mplint: error: .mplint.yaml:1:109: invalid configuration file: values are nested"
         " deeper than 100 levels; mplint does not check this document or any after it\n"),
        (".mplint.yaml", "ignore: !!python/object/apply:os.system [id]\n",
         "mplint: error: .mplint.yaml:1:9: invalid configuration file: YAML tag"
         " 'tag:yaml.org,2002:python/object/apply:os.system' would construct a Python object;"
         " mplint refuses it and so should every loader of this file\n"),
    ],
    ids=["deep-toml", "deep-yaml", "python-tag"],
)  # fmt: skip
def test_hostile_configuration_is_one_line_error(tmp_path: Path, name, text, error) -> None:
    (tmp_path / name).write_text(text)
    (tmp_path / "spec.yaml").write_text(S)
    result = run_mplint("check", "spec.yaml", cwd=tmp_path)
    assert (result.code, result.out, result.err) == (2, "", error)


def test_an_unexpected_error_anywhere_is_one_line(monkeypatch, capsys) -> None:
    """The last safety net in `mplint.cli.main`: no traceback even for a bug outside files."""
    from mplint import cli, runner

    def broken(*args, **kwargs):
        raise KeyError("lost")

    monkeypatch.setattr(runner, "stream", broken)  # what the CLI calls
    monkeypatch.setattr(sys, "argv", ["mplint", "check", str(ROOT / "examples")])
    monkeypatch.delenv("MPLINT_DEBUG", raising=False)
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("mplint: internal error: KeyError: 'lost' (at test_hostile.py:")
    assert "Traceback" not in err
    signal.signal(signal.SIGINT, signal.default_int_handler)  # main() installed its own


def test_size_limit_from_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(S + "ModelApprovalStatus: nope\n")
    (tmp_path / ".mplint.yaml").write_text("max-file-size: 20\n")
    result = run_mplint("check", "spec.yaml", "--format", "json", cwd=tmp_path)
    assert [(f["rule"], f["line"]) for f in result.findings()] == [("MP008", 1)]
    wins = run_mplint("check", "spec.yaml", "--max-file-size", "1K", "-f", "json", cwd=tmp_path)
    assert [f["rule"] for f in wins.findings()] == ["MP104"]
    (tmp_path / ".mplint.yaml").write_text("max-file-size: lots\n")
    bad = run_mplint("check", "spec.yaml", cwd=tmp_path)
    assert bad.code == 2
    assert bad.err == (
        "mplint: error: .mplint.yaml:1:16: max-file-size: expected a positive size like"
        " 1048576, 512K or 5M, not 'lots'\n"
    )


def test_size_limit_applies_to_standard_input(tmp_path: Path) -> None:
    spec = S + "ModelApprovalStatus: nope\n"
    small = run_mplint("check", "-", "--max-file-size", "20", "-f", "json", stdin=spec,
                       cwd=tmp_path)  # fmt: skip
    assert [f["rule"] for f in small.findings()] == ["MP008"]
    fine = run_mplint("check", "-", "-f", "json", stdin=spec, cwd=tmp_path)
    assert [f["rule"] for f in fine.findings()] == ["MP104"]
