"""A run streams: reports come one at a time, in the order they are printed, and reporters
write as they get them, so memory does not grow with the number of files.

Nothing here is timed or measured: each test pins an order of events or compares outputs
(memory is measured by benchmarks/bench.py).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, VALID_VERSIONED, run_mplint
from test_reports import SELECT, SNAPSHOTS, SUFFIXES, normalise

from mplint import discovery, runner
from mplint.config import Selection, Settings
from mplint.config.files import settings_for
from mplint.discovery import Candidate
from mplint.engine import Linter
from mplint.filters.baseline import Entry, Filter
from mplint.model import FileReport, Finding, Kind, Level, Span
from mplint.reporters import FORMATS, RunContext, get, reporter, spool
from mplint.reporters.jsonstream import Array, cut

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import generate

BAD = VALID_VERSIONED + "ModelApprovalStatus: nope\n"


def _tree(root: Path, names: list[str], text: str = BAD) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# Names whose order a walk gets wrong unless it sorts the way reports do: `-` and `.` sort
# before `/`, so `a-b/x` and `a.yaml` come before `a/x`; capitals before lower case.
TRICKY = ["a.yaml", "a/x.yaml", "a-b/y.yaml", "a.b/z.yaml", "b.json", "a/c/d.yml",
          "-x.yaml", ".h.yaml", "A.yaml", "a/a.yaml", "a b.yaml", "z/a/b/c.yaml"]  # fmt: skip


# --- discovery order ------------------------------------------------------------------------


def test_discovery_yields_candidates_sorted_by_display_path(tmp_path, monkeypatch):
    _tree(tmp_path, TRICKY)
    monkeypatch.chdir(tmp_path)
    for paths in (["."], [str(tmp_path)], ["z", "a", "b.json"], ["b.json", ".", "a"]):
        shown = [c.display for c in discovery.discover(paths)]
        assert shown == sorted(shown), paths
    assert len([c.display for c in discovery.discover(["a", "a"])]) == 6  # named twice: twice


def test_discovery_order_from_inside_the_checked_folder(tmp_path, monkeypatch):
    """The current directory inside the checked folder: its files print relative, the
    others absolute; still in printed order."""
    _tree(tmp_path, TRICKY)
    monkeypatch.chdir(tmp_path / "a")
    shown = [c.display for c in discovery.discover([".."])]
    assert shown == sorted(shown)
    assert "x.yaml" in shown and str(tmp_path / "b.json") in shown


def test_an_unreadable_folder_is_reported_where_its_path_sorts(tmp_path, monkeypatch):
    _tree(tmp_path, ["sub.yaml", "sub-x.yaml", "sub/in.yaml", "z.yaml"])
    real = os.scandir

    def scandir(path):
        if str(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.chdir(tmp_path)
    found = list(discovery.discover(["."]))
    assert [c.display for c in found] == ["sub", "sub-x.yaml", "sub.yaml", "z.yaml"]
    assert found[0].error == "cannot read folder: Permission denied"


def test_a_missing_path_is_an_error_before_any_folder_is_listed(tmp_path, monkeypatch):
    _tree(tmp_path, ["a/x.yaml"])
    listed = []
    real = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path: listed.append(path) or real(path))
    with pytest.raises(FileNotFoundError):
        discovery.discover([str(tmp_path / "a"), str(tmp_path / "missing")])
    assert listed == []
    with pytest.raises(FileNotFoundError):
        runner.stream([str(tmp_path / "a"), str(tmp_path / "missing")], Settings())
    assert not [path for path in listed if str(tmp_path) in str(path)]


def test_include_patterns_stream_sorted_and_without_duplicates(tmp_path, monkeypatch):
    _tree(tmp_path, TRICKY)
    monkeypatch.chdir(tmp_path)
    settings = Settings()
    settings.include = ["z", "a/**/*.yaml", "a", "*.yaml"]
    shown = [c.display for c in runner.candidates_for([], settings)]
    assert shown == sorted(set(shown))
    # (a glob leaves out hidden files: .h.yaml)
    assert shown == ["-x.yaml", "A.yaml", "a b.yaml", "a.yaml", "a/a.yaml", "a/c/d.yml",
                     "a/x.yaml", "z/a/b/c.yaml"]  # fmt: skip


# --- the runner -----------------------------------------------------------------------------


def test_the_first_report_comes_before_the_last_file_is_read(tmp_path, monkeypatch):
    _tree(tmp_path, [f"f{i:03}.yaml" for i in range(50)])
    read: list[str] = []
    real = Linter.check_path

    def check_path(self, path, display, *, explicit):
        read.append(Path(path).name)
        return real(self, path, display, explicit=explicit)

    monkeypatch.setattr(Linter, "check_path", check_path)
    _, reports = runner.stream([str(tmp_path)], Settings(), jobs=1)
    assert isinstance(reports, Iterator)
    assert read == []  # nothing is read until a report is asked for
    first = next(reports)
    assert Path(first.file).name == "f000.yaml"
    assert read == ["f000.yaml"]
    second = next(reports)
    assert Path(second.file).name == "f001.yaml" and len(read) == 2
    rest = list(reports)
    assert len(rest) == 48 and read[-1] == "f049.yaml"


def _counted(candidates: list[Candidate], pulled: list[int]) -> Iterator[Candidate]:
    for candidate in candidates:
        pulled[0] += 1
        yield candidate


def test_workers_are_decided_from_a_bounded_look_ahead(tmp_path, monkeypatch):
    """With 2 jobs, 2 * MIN_FILES_PER_WORKER candidates are read ahead: enough, and the
    pool gets the rest as a stream; fewer, and one process checks them."""
    _tree(tmp_path, [f"f{i:03}.yaml" for i in range(100)], VALID_VERSIONED)
    candidates = list(discovery.discover([str(tmp_path)]))
    linter = Linter(Settings())
    seen = {}

    def parallel(pending, settings, cache, workers):
        seen.update(pulled=pulled[0], workers=workers)
        for candidate in pending:
            yield linter.check_file(candidate)

    monkeypatch.setattr(runner, "_parallel", parallel)
    pulled = [0]
    ahead = 2 * runner.MIN_FILES_PER_WORKER
    reports = runner.check_each(linter, _counted(candidates, pulled), jobs=2)
    assert Path(next(reports).file).name == "f000.yaml"
    assert seen == {"pulled": ahead, "workers": 2}
    assert len(list(reports)) == 99
    seen.clear()
    pulled = [0]
    few = list(runner.check_each(linter, _counted(candidates[: ahead - 1], pulled), jobs=2))
    assert len(few) == ahead - 1 and seen == {}  # one process: no pool


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    generate(folder, 100, seed=5)
    return folder


def test_one_and_two_jobs_write_identical_reports(corpus, tmp_path):
    outputs = {}
    for jobs in ("1", "2"):
        folder = tmp_path / f"j{jobs}"
        folder.mkdir()
        result = run_mplint("check", str(corpus), "-j", jobs, "--no-cache", "-f", "text",
                            "-f", "json", "-o", str(folder / "report.json"),
                            "-f", "sarif", "-o", str(folder / "report.sarif"),
                            "-f", "junit", "-o", str(folder / "report.xml"))  # fmt: skip
        assert result.code == 1 and result.err == ""
        outputs[jobs] = [result.out] + [
            (folder / name).read_text("utf-8")
            for name in ("report.json", "report.sarif", "report.xml")
        ]
    assert outputs["1"] == outputs["2"]
    files = [f["file"] for f in json.loads(outputs["1"][1])["files"]]
    assert len(files) == 100 and files == sorted(files)


def test_standard_input_takes_its_place_among_the_files(tmp_path):
    _tree(tmp_path, ["a.yaml", "z.yaml"])
    result = run_mplint("check", "z.yaml", "-", "a.yaml", "--stdin-filename", "m.yaml",
                        cwd=tmp_path, stdin=BAD)  # fmt: skip
    files = [line.split(":")[0] for line in result.out.splitlines()[:-1]]
    assert list(dict.fromkeys(files)) == ["a.yaml", "m.yaml", "z.yaml"]


# --- reporters ------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [None, 1])
@pytest.mark.parametrize("fmt", FORMATS)
def test_reporters_given_a_generator_write_the_snapshots(fmt, limit, monkeypatch):
    """A generator of reports, read once, gives the exact snapshot of each format (made by
    the CLI before reports streamed); with a spool limit of one character every spooled
    part goes through a temporary file."""
    monkeypatch.chdir(ROOT)
    if limit is not None:
        monkeypatch.setattr(spool, "LIMIT", limit)
    settings = settings_for(["examples/"], None, False)
    settings.cli = Selection(SELECT[1].split(","), [], [])
    linter, reports = runner.stream(["examples/"], settings, jobs=1)
    context = RunContext(
        catalogue=linter.catalogue, levels=linter.levels, api_model=linter.api_model.describe()
    )
    text = get(fmt)(reports, context)
    assert normalise(text) == (SNAPSHOTS / f"examples.{fmt}.{SUFFIXES[fmt]}").read_text("utf-8")


def _finding(file: str, line: int, rule: str = "MP101") -> Finding:
    return Finding(rule, Level.ERROR, f"unknown key at {line}", file, Span(line, 1, line, 2),
                   (f"K{line}",))  # fmt: skip


class Tape:
    """An output stream that records what was written so far."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text


@pytest.mark.parametrize("fmt", ["text", "github", "json", "gitlab"])
def test_reporters_write_a_finding_as_its_file_comes(fmt):
    from mplint.catalogue import builtin

    context = RunContext(catalogue=builtin(), levels={})
    out = Tape()
    writer = reporter(fmt)(out, context)
    writer.add(FileReport("a.yaml", "checked", [_finding("a.yaml", 7)], 1))
    assert "a.yaml" in out.text  # before the run ends
    before = out.text
    writer.add(FileReport("b.yaml", "checked", [], 1))  # a clean file
    writer.add(FileReport("c.yaml", "checked", [_finding("c.yaml", 9)], 1))
    assert out.text.startswith(before) and "c.yaml" in out.text[len(before) :]
    writer.finish()


def test_clean_files_leave_nothing_in_a_streaming_reporter():
    """Text, GitHub, GitLab and SARIF keep nothing per clean file; JSON and JUnit put the
    clean files' entries in a spool, never in a list."""
    from mplint.catalogue import builtin

    context = RunContext(catalogue=builtin(), levels={})
    for fmt in FORMATS:
        writer = reporter(fmt)(Tape(), context)
        for i in range(200):
            writer.add(FileReport(f"f{i:03}.yaml", "checked", [], 1))
        held = [value for value in vars(writer).values() if isinstance(value, (list, dict))]
        assert all(len(value) < 10 for value in held), fmt
        writer.finish()


def test_one_report_fans_out_to_every_target_the_same(corpus, tmp_path):
    """Several -f/-o targets in one run get what separate runs of each format write."""
    args = ["check", str(corpus), "-j1", "--no-cache"]
    together = run_mplint(*args, "-f", "gitlab", "-o", str(tmp_path / "g.json"), "-f", "github",
                          "-f", "junit", "-o", str(tmp_path / "j.xml"))  # fmt: skip
    assert together.out == run_mplint(*args, "-f", "github").out
    assert (tmp_path / "g.json").read_text("utf-8") == run_mplint(*args, "-f", "gitlab").out
    assert (tmp_path / "j.xml").read_text("utf-8") == run_mplint(*args, "-f", "junit").out


def test_a_report_file_inside_the_checked_folder_is_not_read_half_written(tmp_path):
    _tree(tmp_path, ["a.yaml", "b.yaml"])
    plain = run_mplint("check", ".", "-f", "json", cwd=tmp_path)
    written = run_mplint("check", ".", "-f", "json", "-o", "report.json", cwd=tmp_path)
    assert written.out == "" and (tmp_path / "report.json").read_text("utf-8") == plain.out


def test_an_unwritable_report_file_is_a_usage_error(tmp_path):
    _tree(tmp_path, ["a.yaml"])
    result = run_mplint("check", "a.yaml", "-f", "json", "-o", "a.yaml/r.json", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("mplint: error: cannot write a.yaml/r.json: ")


# --- JSON written a piece at a time -------------------------------------------------------


@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_json_pieces_equal_one_dump(ensure_ascii):
    items = [{"a": [1, {"b": []}], "s": 'é\udcff\n"x"', "e": {}}, [], {}, "x", 3]
    inner: dict = {"k": 1}
    document = {"head": {"x": [1, 2]}, "outer": [{"inner": inner}], "tail": []}
    full = dict(document, outer=[{"inner": dict(inner, list=items)}], tail=items[:2])
    parts, indents = cut(document, (inner, "list"), (document, "tail"), ensure_ascii=ensure_ascii)
    pieces = [parts[0]]
    for i, values in enumerate((items, items[:2])):
        array = Array(_Sink(pieces), indents[i], ensure_ascii=ensure_ascii)
        for value in values:
            array.add(value)
        array.close()
        pieces.append(parts[i + 1])
    assert "".join(pieces) == json.dumps(full, indent=2, ensure_ascii=ensure_ascii)


class _Sink:
    def __init__(self, pieces: list[str]) -> None:
        self.pieces = pieces

    def write(self, text: str) -> None:
        self.pieces.append(text)


def test_an_empty_array_is_written_as_json_dumps_writes_it():
    pieces: list[str] = []
    array = Array(_Sink(pieces), 4)
    array.close()
    assert "".join(pieces) == "[]"


def test_a_spool_reads_back_what_was_written(monkeypatch):
    for limit in (0, 5, 1 << 20):
        kept = spool.Spool(limit)
        for i in range(100):
            kept.write(f"line {i} \udcff é\n")
        assert list(kept.lines()) == [f"line {i} \udcff é\n" for i in range(100)]
        again = spool.Spool(limit)
        again.write("a\r\nb")
        out = Tape()
        again.copy_to(out)
        assert out.text == "a\r\nb"


def test_a_spool_without_a_temporary_folder_stays_in_memory(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    kept = spool.Spool(3)
    kept.write("abcdef\n")
    kept.write("g\n")
    assert list(kept.lines()) == ["abcdef\n", "g\n"]


# --- the baseline, per report ---------------------------------------------------------------


def test_a_baseline_filters_a_stream_one_report_at_a_time():
    entries = [Entry("a.yaml", "MP101", 0, "/K1"), Entry("gone.yaml", "MP101", 0, "/K1")]
    known = Filter(entries)
    seen: list[str] = []

    def reports() -> Iterator[FileReport]:
        for name in ("a.yaml", "b.yaml"):
            seen.append(name)
            yield FileReport(name, "checked", [_finding(name, 1), _finding(name, 2)], 1)

    stream = map(known, reports())
    first = next(stream)
    assert seen == ["a.yaml"] and [f.span.line for f in first.findings] == [2]
    assert [f.span.line for f in next(stream).findings] == [1, 2]
    assert known.hidden == 1
    assert known.unmatched() == [entries[1]]


def test_recording_a_baseline_hides_what_it_records():
    recorder = Filter(None)
    crash = Finding(
        "MP000", Level.ERROR, "rule failed", "a.yaml", Span.point(1, 1), kind=Kind.INTERNAL_ERROR
    )
    shown = recorder(FileReport("a.yaml", "checked", [_finding("a.yaml", 1), crash], 1))
    assert shown.findings == [crash]  # internal errors are never recorded nor hidden
    assert [e.key for e in recorder.recorded] == [("a.yaml", "MP101", 0, "/K1")]


def test_exit_code_of_a_report():
    """Each file's part of the exit code; the run's is the highest (the CLI's tests check it
    end to end: test_check_cli.py::test_fail_on_decides_which_level_fails_the_run)."""
    error = _finding("a.yaml", 1)
    warning = Finding("MP601", Level.WARNING, "w", "a.yaml", Span.point(2, 1))
    crash = Finding(
        "MP000", Level.ERROR, "rule failed", "a.yaml", Span.point(1, 1), kind=Kind.INTERNAL_ERROR
    )
    assert FileReport("a.yaml", "checked", [error], 1).exit_code(Level.ERROR) == 1
    assert FileReport("a.yaml", "checked", [warning], 1).exit_code(Level.ERROR) == 0
    assert FileReport("a.yaml", "checked", [warning], 1).exit_code(Level.WARNING) == 1
    assert FileReport("a.yaml", "checked", [error, crash], 1).exit_code(Level.NOTE) == 2
    crash.suppressed = ""
    assert FileReport("a.yaml", "checked", [crash], 1).exit_code(Level.NOTE) == 0
