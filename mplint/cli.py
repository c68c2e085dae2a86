"""The `mplint` command line: check, rules, explain.

Exit codes: 0 nothing at or above --fail-on was found; 1 something was; 2 usage or
configuration error, or an internal error in a rule.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from mplint.apimodel import commands as api_model_commands
from mplint.version import __version__

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from mplint.config import Settings
    from mplint.model import FileReport

app = typer.Typer(
    name="mplint",
    help="Lint Amazon SageMaker model package specs (CreateModelPackage requests).",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    gitlab = "gitlab"


class ColorMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class LevelName(str, Enum):
    error = "error"
    warning = "warning"
    note = "note"


def _version(value: bool) -> None:
    if value:
        from mplint.apimodel import AUTO, ApiModelError, resolve
        from mplint.schema import accel as schema_accel

        typer.echo(f"mplint {__version__}")
        try:  # which model auto chooses; nothing is built or loaded
            typer.echo(f"API model: {resolve(AUTO).label}")
        except ApiModelError as exc:
            typer.echo(f"API model: unusable ({exc})")
        typer.echo(f"schema accelerator: {schema_accel.status()}")
        raise typer.Exit()


def fail(message: str) -> None:
    """A usage or configuration error: one line on stderr, exit 2."""
    typer.echo(f"mplint: error: {message}", err=True)
    raise typer.Exit(2)


def _split(values: list[str] | None) -> list[str]:
    parts = [part.strip() for value in values or [] for part in value.split(",") if part.strip()]
    if values and not parts:
        fail("an empty rule selection selects nothing; name rules, prefixes or ALL")
    return parts


@app.callback()
def main_callback(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    """Lint Amazon SageMaker model package specs (CreateModelPackage requests)."""


@app.command()
def check(
    paths: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="[PATH]...",
            show_default=False,
            help="Files and directories to check (default: the configuration's"
            " include list, else the current directory); - reads standard input.",
        ),
    ] = None,
    output_format: Annotated[
        Optional[list[Format]],
        typer.Option(
            "--format",
            "--output-format",
            "-f",
            metavar="FORMAT",
            help="Report format: text, json, sarif, github, junit or gitlab; repeat with"
            " --output for several reports.",
        ),
    ] = None,
    output: Annotated[
        Optional[list[str]],
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report of the --format before it here.",
        ),
    ] = None,
    fail_on: Annotated[
        Optional[LevelName],
        typer.Option(
            help="Lowest level that makes the exit code 1 [default: error].", show_default=False
        ),
    ] = None,
    select: Annotated[
        Optional[list[str]],
        typer.Option(metavar="RULES", help="Rules to run (ids, names, prefixes; comma-separated)."),
    ] = None,
    extend_select: Annotated[
        Optional[list[str]],
        typer.Option(metavar="RULES", help="Rules to run in addition to the selection."),
    ] = None,
    ignore: Annotated[
        Optional[list[str]], typer.Option(metavar="RULES", help="Rules not to run.")
    ] = None,
    baseline: Annotated[
        Optional[str],
        typer.Option(
            metavar="FILE", help="Report only findings that are not in this baseline file."
        ),
    ] = None,
    write_baseline: Annotated[
        Optional[str],
        typer.Option(metavar="FILE", help="Record every current finding in this baseline file."),
    ] = None,
    stdin_filename: Annotated[
        Optional[str],
        typer.Option(
            metavar="NAME",
            help="Name of the spec read from standard input (for messages and config).",
        ),
    ] = None,
    skip_non_specs: Annotated[
        bool,
        typer.Option(
            "--skip-non-specs",
            help="Skip named files that are not model package specs instead of checking them.",
        ),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also list files that were skipped.")
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Print findings only: no summary line, no notes on stderr."
        ),
    ] = False,
    exit_zero: Annotated[
        bool,
        typer.Option(
            "--exit-zero",
            help="Exit with 0 even when findings are left (usage and internal errors still 2).",
        ),
    ] = False,
    statistics: Annotated[
        bool,
        typer.Option(
            "--statistics",
            help="Print how many findings each rule has instead of the findings.",
        ),
    ] = False,
    include_suppressed: Annotated[
        bool,
        typer.Option(
            "--include-suppressed",
            help="SARIF: also write findings silenced by inline suppressions, marked as"
            " suppressed (GitHub code scanning would show them as open alerts).",
        ),
    ] = False,
    color: Annotated[
        ColorMode,
        typer.Option(
            "--color",
            help="Colour in the text report: auto (a terminal, unless NO_COLOR; FORCE_COLOR"
            " forces it), always or never.",
        ),
    ] = ColorMode.auto,
    source: Annotated[
        Optional[str],
        typer.Option(
            metavar="SOURCE",
            help="Read every file as this source: spec, pipeline, cloudformation, describe"
            " or python (default: recognised per file by content).",
        ),
    ] = None,
    python: Annotated[
        bool,
        typer.Option("--python", help="Also read create_model_package(...) calls in .py files."),
    ] = False,
    config: Annotated[
        Optional[str],
        typer.Option(
            "--config",
            metavar="FILE",
            help="Use this configuration file instead of searching for"
            " .mplint.yaml or pyproject.toml [tool.mplint].",
        ),
    ] = None,
    isolated: Annotated[
        bool, typer.Option("--isolated", help="Ignore every configuration file.")
    ] = False,
    jobs: Annotated[
        Optional[int],
        typer.Option(
            "--jobs", "-j", min=0, metavar="N", help="Processes to use (default 0: one per CPU)."
        ),
    ] = 0,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write .mplint_cache/.")
    ] = False,
    max_file_size: Annotated[
        Optional[str],
        typer.Option(
            metavar="SIZE",
            help="Larger files are not checked (MP008): bytes, or with K, M or G (1024-based)."
            " Default 1M.",
        ),
    ] = None,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Apply the safe fixes in place, then report what remains (with -, print the"
            " fixed text).",
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Print a diff of what --fix would change; change nothing."),
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option(
            "--unsafe-fixes", help="With --fix or --diff, also apply fixes that may change meaning."
        ),
    ] = False,
    api_model: Annotated[
        Optional[str],
        typer.Option(
            "--api-model",
            metavar="MODEL",
            help="The SageMaker API model to check against: auto (the newer of the bundled"
            " one and the installed botocore's), bundled, or a service-2.json or mplint"
            " schema file [default: auto].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check model package specs and report what AWS would reject."""
    request = CheckRequest(
        paths=list(paths or []),
        formats=[f.value for f in output_format or []],
        outputs=list(output or []),
        fail_on=fail_on.value if fail_on is not None else None,
        select=select,
        extend_select=extend_select,
        ignore=ignore,
        baseline=baseline,
        write_baseline=write_baseline,
        stdin_filename=stdin_filename,
        skip_non_specs=skip_non_specs,
        verbose=verbose,
        quiet=quiet,
        exit_zero=exit_zero,
        statistics=statistics,
        include_suppressed=include_suppressed,
        color=color.value,
        source=source,
        python=python,
        config=config,
        isolated=isolated,
        jobs=jobs or 0,
        cache=not no_cache,
        max_file_size=max_file_size,
        fix=fix,
        diff=diff,
        unsafe_fixes=unsafe_fixes,
        api_model=api_model,
    )
    raise typer.Exit(run_check(request))


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
    from mplint.config import ConfigError
    from mplint.outputs import OutputError, StdoutError, check_outputs, deliver, plan
    from mplint.reporters import RunContext
    from mplint.runner import STDIN, stream
    from mplint.terminal import use_color

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
        model = _select_model(settings.api_model, not request.cache)
        cache = _open_cache(settings) if request.cache else None
        linter, reports = stream(
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
        # the fixes read YAML with ruamel.yaml: imported only when asked for (start-up)
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
    from mplint.outputs import Target

    kept = [t for t in targets if t.output is not None]
    return kept + [Target("statistics", None)]


def _paths(request: CheckRequest) -> list[str]:
    """The paths to check; standard input alone when only --stdin-filename is given."""
    from mplint.runner import STDIN

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
    from mplint.api import configure
    from mplint.runner import STDIN

    config_paths = [request.stdin_filename if p == STDIN else p for p in paths]
    return configure(
        [p for p in config_paths if p is not None], config=request.config,
        isolated=request.isolated, select=_split(request.select) if request.select else None,
        extend_select=_split(request.extend_select), ignore=_split(request.ignore),
        fail_on=request.fail_on, source=request.source, python=request.python,
        max_file_size=size_limit,
    )  # fmt: skip


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
    from mplint.model.limits import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        fail(f"--max-file-size: {exc}")
        raise  # not reached: fail() exits


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
    from mplint.reading import read_at_most

    return read_at_most(stream, limit or 64 * 1024 * 1024)


def _stdin_display(stdin_filename: str | None) -> str:
    if not stdin_filename:
        return "<stdin>"
    from mplint.discovery import display_path

    return display_path(stdin_filename)


def _refuse_overwriting_specs(linter, settings, written: list[tuple[str, str | None]]) -> None:
    """A report or a baseline never replaces a model package spec: `-o spec.yaml` with the
    report's name forgotten would otherwise overwrite a spec found in the checked tree. A spec
    is what a directory scan of this run would check (reports and baselines are not)."""
    from mplint.runner import suffixes

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
    from mplint.filters import baseline as bl

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
    from mplint.filters import baseline as bl

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


# The options `rules` and `explain` share: which configuration's policy packs to list.
PackConfig = Annotated[
    Optional[str],
    typer.Option("--config", metavar="FILE", help="Configuration file (for its packs)."),
]
BuiltInOnly = Annotated[
    bool, typer.Option("--isolated", help="Built-in rules only: ignore configuration.")
]


@app.command()
def rules(
    output_format: Annotated[
        str,
        typer.Option(
            "--format", "--output-format", "-f", metavar="FORMAT", help="table, json or markdown."
        ),
    ] = "table",
    config: PackConfig = None,
    isolated: BuiltInOnly = False,
) -> None:
    """List every rule (built-in and from the configuration's policy packs)."""
    import json

    catalogue = _catalogue(config, isolated)
    if output_format == "json":
        entries = [
            {"id": r.id, "name": r.name, "level": str(r.level), "summary": r.summary,
             "tags": r.tags, "source": r.source_url, "fix": r.autofix.available,
             "fix_safety": r.autofix.safety if r.autofix.fixable else None}
            for r in catalogue
        ]  # fmt: skip
        typer.echo(json.dumps(entries, indent=2))
    elif output_format == "table":
        # The fix column, as in ruff's rule table: "fix" is applied by --fix, "fix*" only
        # with --unsafe-fixes.
        width = max(len(r.name) for r in catalogue)
        for r in catalogue:
            fix = "" if not r.autofix.fixable else "fix" if r.autofix.safety == "safe" else "fix*"
            typer.echo(f"{r.id}  {r.name:<{width}}  {r.level!s:<7}  {fix:<4}  {r.summary}")
    elif output_format == "markdown":  # docs/rules.md
        from mplint.ruledocs import catalogue_markdown

        typer.echo(catalogue_markdown(catalogue), nl=False)
    else:
        fail(f"unknown format '{output_format}'; use table, json or markdown")


@app.command()
def explain(
    rule: Annotated[
        str, typer.Argument(metavar="RULE", help="A rule id (MP101) or name (unknown-key).")
    ],
    config: PackConfig = None,
    isolated: BuiltInOnly = False,
) -> None:
    """Print a rule's full documentation."""
    found = _catalogue(config, isolated).find(rule)
    if found is None:
        fail(f"unknown rule '{rule}' (see `mplint rules`)")
    typer.echo(found.documentation(), nl=False)


@app.command()
def schema(
    output: Annotated[
        Optional[str],
        typer.Option("--output", "-o", metavar="FILE", help="Write the schema here."),
    ] = None,
    api_model: Annotated[
        Optional[str],
        typer.Option(
            "--api-model", metavar="MODEL", help="auto (default), bundled or a model file."
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of a spec for editors (yaml-language-server, VS Code)."""
    import json

    from mplint.editor_schema import editor_schema

    _select_model(api_model or "auto", no_cache=False)  # the model the checks would use
    text = json.dumps(editor_schema(), indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        os.makedirs(os.path.dirname(output) or ".", exist_ok=True)
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")


@app.command()
def server() -> None:
    """Run the language server (LSP over standard input and output; needs pygls)."""
    from mplint.lsp import run

    run()


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"


COMPLETE_VAR = "_MPLINT_COMPLETE"  # set by the completion script when the shell asks


@app.command()
def completion(
    shell: Annotated[Shell, typer.Argument(help="bash, zsh, fish or powershell.")],
) -> None:
    """Print the shell completion script: eval "$(mplint completion bash)" in ~/.bashrc."""
    from typer._completion_shared import get_completion_script

    typer.echo(get_completion_script(prog_name="mplint", complete_var=COMPLETE_VAR,
                                     shell=shell.value))  # fmt: skip


# The maintainers' commands: mplint api-model show|generate|diff (mplint/apimodel/commands.py).
app.add_typer(api_model_commands.app, name="api-model")


def _select_model(choice: str, no_cache: bool):
    """Make the API model of the run active (built or read from the cache folder now, before
    any worker starts); an unusable one is a usage error."""
    from mplint.apimodel import ApiModelError, select
    from mplint.project import cache_folder

    try:
        return select(choice, None if no_cache else cache_folder())
    except ApiModelError as exc:
        fail(str(exc))


def _open_cache(settings):
    from mplint.cache import Cache, fingerprint, linked
    from mplint.project import cache_folder

    folder = cache_folder()
    if linked(folder):
        typer.echo(
            f"mplint: warning: the cache folder {folder} is a symbolic link; running without"
            " the cache",
            err=True,
        )
        return None
    return Cache(folder, fingerprint(settings))


def _settings(paths: list[str], config: str | None, isolated: bool):
    """The configuration that applies (raises ConfigError)."""
    from mplint.config.files import settings_for

    if config and isolated:
        fail("--config and --isolated exclude each other")
    return settings_for(paths, config, isolated)


def _catalogue(config: str | None = None, isolated: bool = False):
    """The built-in rules and those of the packs the configuration names."""
    from mplint.catalogue import CatalogueError
    from mplint.config import ConfigError

    try:
        return _settings([], config, isolated).catalogue()
    except (CatalogueError, ConfigError) as exc:
        fail(str(exc))


def main() -> None:
    from mplint.interrupts import install_interrupt_handler

    install_interrupt_handler()
    if os.environ.get(COMPLETE_VAR):  # the shell asks for completions: typer answers
        from typer.completion import completion_init

        completion_init()
    try:
        app(prog_name="mplint")
    except Exception as exc:  # the last safety net: one line, never a traceback
        if os.environ.get("MPLINT_DEBUG"):
            raise
        from mplint.model.describe import describe_exception

        typer.echo(
            f"mplint: internal error: {describe_exception(exc)}; please report it"
            " (MPLINT_DEBUG=1 shows the traceback)",
            err=True,
        )
        sys.exit(2)
