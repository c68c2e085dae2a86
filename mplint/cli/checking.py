"""`mplint check`: the command line's request (CheckRequest) run through the runner, the
fixes, the baseline and the reporters, down to the exit code.

mplint/cli/__init__.py imports this module only when `check` runs, so the other commands
never load the engine or the reporters.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import typer

from mplint import runner
from mplint.api import configure
from mplint.cli.usage import fail, select_model
from mplint.config import ConfigError
from mplint.discovery import display_path
from mplint.model.limits import parse_size
from mplint.outputs import OutputError, StdoutError, Target, check_outputs, deliver, plan
from mplint.project import cache_folder
from mplint.reading import read_at_most
from mplint.reporters import RunContext
from mplint.runner import STDIN, suffixes
from mplint.terminal import use_color

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from mplint.cache import Cache
    from mplint.config import Settings
    from mplint.model import FileReport


@dataclass(slots=True)
class CheckRequest:
    """What `mplint check` was asked to do, as given on the command line."""

    paths: list[str] = field(default_factory=list)  # `-` is standard input
    formats: list[str] = field(default_factory=list)  # --format, in order
    outputs: list[str] = field(default_factory=list)  # --output, in order
    fail_on: str | None = None  # None: the configuration's
    select: list[str] | None = None  # as given: comma-separated selectors
    extend_select: list[str] | None = None
    ignore: list[str] | None = None
    baseline: str | None = None
    write_baseline: str | None = None
    stdin_filename: str | None = None
    skip_non_specs: bool = False
    verbose: bool = False
    quiet: bool = False
    exit_zero: bool = False  # exit 0 even when findings fail the run
    statistics: bool = False  # a table of counts instead of the text report
    include_suppressed: bool = False
    color: str = "auto"  # auto, always or never
    source: str | None = None  # read every file with this source
    python: bool = False
    config: str | None = None
    isolated: bool = False
    jobs: int = 0  # 0: one per CPU
    cache: bool = True
    max_file_size: str | None = None  # as given: 1048576, 512K, 5M...
    fix: bool = False  # apply the safe fixes in place
    diff: bool = False  # print what --fix would change, change nothing
    unsafe_fixes: bool = False  # also the fixes that may change meaning
    api_model: str | None = None  # None: the configuration's (default auto)


def run_check(request: CheckRequest) -> int:
    """Run `mplint check` and return its exit code (the highest of its files'); a usage
    or configuration error exits 2 from here (fail)."""
    try:
        targets = plan(
            request.formats,
            request.outputs,
            sys.argv[1:],
            github_actions=os.environ.get("GITHUB_ACTIONS") == "true",
        )
    except OutputError as exc:
        fail(str(exc))
    if request.statistics:
        targets = _with_statistics(targets)
    paths = _paths(request)
    others = {
        "--baseline": request.baseline,
        "--write-baseline": request.write_baseline,
        "--config": request.config,
    }
    try:
        check_outputs(targets, [p for p in paths if p != STDIN],
                      {k: v for k, v in others.items() if v})  # fmt: skip
    except OutputError as exc:
        fail(str(exc))
    size_limit = _parse_size(request.max_file_size) if request.max_file_size is not None else None
    stdin = _read_stdin(size_limit) if STDIN in paths else None
    try:
        settings = _configure(request, paths, size_limit)
        if request.api_model is not None:
            settings.api_model = request.api_model
        model = select_model(settings.api_model, not request.cache)
        cache = _open_cache(settings) if request.cache else None
        linter, reports = runner.stream(
            paths, settings, stdin=stdin, stdin_name=_stdin_display(request.stdin_filename),
            skip_non_specs=request.skip_non_specs, jobs=request.jobs or None, cache=cache,
        )  # fmt: skip
    except ConfigError as exc:
        fail(str(exc))
    except FileNotFoundError as exc:
        fail(f"no such file or directory: {exc.args[0]}")
    written = [("--output", t.output) for t in targets if t.output is not None]
    written.append(("--write-baseline", request.write_baseline))
    _refuse_overwriting_specs(linter, settings, written)
    if request.unsafe_fixes and not (request.fix or request.diff):
        typer.echo("mplint: warning: --unsafe-fixes does nothing without --fix or --diff",
                   err=True)  # fmt: skip
    # Reports stream from the files through the fixes and the baseline to every reporter;
    # what needs the whole run (exit code, summaries, the baseline's notes) comes at the end.
    session = None
    if request.fix or request.diff:
        # --fix and --diff only: a plain check's start-up does without the fix package
        from mplint.fixes.session import Session

        session = Session(
            linter, unsafe=request.unsafe_fixes, write=request.fix and not request.diff
        )
        if STDIN in paths:
            reports = (session.fixed(stdin or b"", report, None) for report in reports)
        else:
            reports = session.reports(reports)
        if request.diff:
            _print_diff(session, reports, quiet=request.quiet)
    baseline, write_baseline = request.baseline, request.write_baseline
    known = _baseline_filter(baseline, write_baseline) if baseline or write_baseline else None
    if known is not None:
        reports = map(known, reports)
    context = RunContext(
        catalogue=linter.catalogue,
        levels=linter.levels,
        fail_on=settings.fail_on,
        verbose=request.verbose,
        quiet=request.quiet,
        include_suppressed=request.include_suppressed,
        color=False,
        api_model=model.describe(),
    )
    if any(target.output is None for target in targets):
        _safe_stdout()
    seen = [0]  # files reported, to warn when a path held none at all
    reports = _counted(reports, seen)
    # With --fix on standard input, the fixed text is the output: the report goes to stderr.
    report_stream = sys.stderr if session is not None and STDIN in paths else sys.stdout
    try:
        code = deliver(
            targets, reports, context, stdout=report_stream,
            color=use_color(request.color, os.environ, report_stream.isatty()),
        )  # fmt: skip
    except (OutputError, StdoutError) as exc:
        fail(str(exc))
    if known is not None:
        _finish_baseline(known, baseline, write_baseline, quiet=request.quiet)
    if session is not None:
        if STDIN in paths:
            _write_fixed_stdin(session, stdin or b"")
        for line in session.notes(quiet=request.quiet):
            typer.echo(line, err=True)
    if not seen[0] and not request.quiet:
        where = ", ".join(paths or settings.include or ["."])
        typer.echo(f"mplint: warning: no files to check were found in {where}", err=True)
    return 0 if request.exit_zero and code == 1 else code


def _with_statistics(targets: list) -> list:
    """--statistics replaces the text report printed to standard output."""
    shown = [t for t in targets if t.output is None]
    if shown and shown[0].format not in ("text", "github"):
        fail(f"--statistics prints a table to standard output, not {shown[0].format}; write"
             f" that report to a file with --output")  # fmt: skip
    kept = [t for t in targets if t.output is not None]
    return kept + [Target("statistics", None)]


def _paths(request: CheckRequest) -> list[str]:
    """The paths to check; standard input alone when only --stdin-filename is given."""
    paths = list(request.paths)
    if request.stdin_filename is not None and not paths:
        paths = [STDIN]
    if paths.count(STDIN) > 1:
        fail("standard input (-) can be read only once")
    if request.stdin_filename is not None and STDIN not in paths:
        fail("--stdin-filename names the spec read from standard input; add - to the paths")
    if (request.fix or request.diff) and STDIN in paths and len(paths) > 1:
        fail("with --fix or --diff, standard input (-) is checked alone (its fixed text is"
             " printed)")  # fmt: skip
    return paths


def _configure(request: CheckRequest, paths: list[str], size_limit: int | None) -> Settings:
    """The settings as the Python API and the language server build them: the
    configuration found from the checked paths (standard input counts as its
    --stdin-filename), with the command line's options on top (raises ConfigError)."""
    config_paths = [request.stdin_filename if p == STDIN else p for p in paths]
    return configure(
        [p for p in config_paths if p is not None], config=request.config,
        isolated=request.isolated, select=_split(request.select) if request.select else None,
        extend_select=_split(request.extend_select), ignore=_split(request.ignore),
        fail_on=request.fail_on, source=request.source, python=request.python,
        max_file_size=size_limit,
    )  # fmt: skip


def _split(values: list[str] | None) -> list[str]:
    parts = [part.strip() for value in values or [] for part in value.split(",") if part.strip()]
    if values and not parts:
        fail("an empty rule selection selects nothing; name rules, prefixes or ALL")
    return parts


def _print_diff(session, reports: Iterable[FileReport], *, quiet: bool = False) -> None:
    """--diff: the diff of every file --fix would change; exit 1 when there is one."""
    for _ in reports:
        pass
    _safe_stdout()
    sys.stdout.write(session.diff())
    for line in session.notes(quiet=quiet):
        typer.echo(line, err=True)
    raise typer.Exit(1 if session.files else 0)


def _write_fixed_stdin(session, raw: bytes) -> None:
    """--fix on standard input: the fixed text (the input unchanged when nothing was fixed)."""
    fixed = session.files[0].after if session.files else raw
    sys.stdout.flush()
    sys.stdout.buffer.write(fixed)
    sys.stdout.flush()


def _counted(reports: Iterable[FileReport], seen: list[int]) -> Iterator[FileReport]:
    for report in reports:
        seen[0] += 1
        yield report


def _parse_size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as exc:
        fail(f"--max-file-size: {exc}")


def _safe_stdout() -> None:
    """File names may hold bytes that are not UTF-8 (surrogates once decoded by Python):
    print them escaped rather than crash."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")


def _read_stdin(limit: int | None = None) -> bytes:
    """At most `limit` + 1 bytes (--max-file-size), or 64 MiB + 1 when only the configuration
    (read later) may set the limit: enough for the engine to tell a spec over it."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # no standard input at all (closed, or a GUI process)
        return b""
    return read_at_most(stream, limit or 64 * 1024 * 1024)


def _stdin_display(stdin_filename: str | None) -> str:
    if not stdin_filename:
        return "<stdin>"
    return display_path(stdin_filename)


def _refuse_overwriting_specs(linter, settings, written: list[tuple[str, str | None]]) -> None:
    """A report or a baseline never replaces a model package spec: `-o spec.yaml` with the
    report's name forgotten would otherwise overwrite a spec found in the checked tree. A spec
    is what a directory scan of this run would check (reports and baselines are not)."""
    for option, path in written:
        if path is None or not path.endswith(suffixes(settings)) or not os.path.isfile(path):
            continue
        try:
            with open(path, "rb") as handle:
                raw = handle.read(linter.max_bytes + 1)
        except OSError:
            continue  # check_outputs has already said whether it can be written
        if linter.check_bytes(raw, path, explicit=False).status != "skipped":
            fail(f"{option} {path} would overwrite a model package spec; write it elsewhere")


def _baseline_filter(baseline_path: str | None, write_path: str | None):
    """What hides baselined findings from the reports: the entries of `baseline_path`, or,
    with `write_path`, a recorder of every finding (read before any file is checked)."""
    from mplint.filters import baseline as bl  # --baseline only (it writes with tempfile)

    if write_path:
        return bl.Filter(None)
    try:
        return bl.Filter(bl.read(baseline_path))
    except bl.BaselineError as exc:
        fail(str(exc))


def _finish_baseline(
    known, baseline_path: str | None, write_path: str | None, *, quiet: bool = False
) -> None:
    """Write the recorded baseline, or say what it hid and which entries are stale; notes go
    to stderr so reports stay parseable (-q keeps only the stale entries, which need action)."""
    from mplint.filters import baseline as bl  # (as in _baseline_filter)

    if write_path:
        # A run over some files keeps the entries of the others (still existing) files.
        kept = bl.kept_from(write_path, known.checked)
        try:
            bl.write_entries(write_path, known.recorded + kept)
        except bl.BaselineError as exc:
            fail(str(exc))
        if not quiet:
            count = len(known.recorded)
            others = f" (kept {len(kept)} of files not checked)" if kept else ""
            typer.echo(
                f"mplint: recorded {count} finding{'s' if count != 1 else ''} in {write_path}"
                + others,
                err=True,
            )
        return
    hidden = known.hidden
    if hidden and not quiet:
        typer.echo(
            f"mplint: {hidden} finding{'s' if hidden != 1 else ''} in the baseline "
            f"{baseline_path} not shown",
            err=True,
        )
    unmatched = known.unmatched()
    if unmatched:
        count = len(unmatched)
        typer.echo(
            f"mplint: {count} baseline entr{'ies' if count != 1 else 'y'} in {baseline_path} "
            f"no longer match a finding; shrink the baseline with "
            f"--write-baseline {baseline_path}:",
            err=True,
        )
        for entry in unmatched:
            typer.echo(f"  {entry.describe()}", err=True)


def _open_cache(settings: Settings) -> Cache | None:
    # Not with --no-cache: hashing and tempfile stay out of such a run's start-up.
    from mplint.cache import Cache, fingerprint, linked

    folder = cache_folder()
    if linked(folder):
        typer.echo(
            f"mplint: warning: the cache folder {folder} is a symbolic link; running without"
            " the cache",
            err=True,
        )
        return None
    return Cache(folder, fingerprint(settings))
