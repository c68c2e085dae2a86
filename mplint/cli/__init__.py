"""The `mplint` command line: its commands and options, and the last safety net (main).

Exit codes: 0 nothing at or above --fail-on was found; 1 something was; 2 usage or
configuration error, or an internal error in a rule.

Every command starts by importing this module, so it holds only what typer needs to parse a
command line; each command imports its own work when it runs: checking.py (`check`: the
engine, the reporters), listing.py (`rules`, `explain`: the catalogue), the editor schema,
the language server. tests/test_startup.py pins what `mplint check` imports.
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from mplint.apimodel import AUTO, ApiModelError, resolve
from mplint.apimodel import commands as api_model_commands
from mplint.cli.usage import emit, fail, select_model
from mplint.interrupts import install_interrupt_handler
from mplint.version import __version__

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
        # --version only: the schema layer stays out of the other commands' start-up
        from mplint.schema import accel as schema_accel

        emit(f"mplint {__version__}")
        try:  # which model auto chooses; nothing is built or loaded
            emit(f"API model: {resolve(AUTO).label}")
        except ApiModelError as exc:
            emit(f"API model: unusable ({exc})")
        emit(f"schema accelerator: {schema_accel.status()}")
        raise typer.Exit()


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
    from mplint.cli.checking import CheckRequest, run_check  # the engine: `check` only

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
    from mplint.cli.listing import list_rules  # the catalogue: `rules` and `explain` only

    list_rules(output_format, config, isolated)


@app.command()
def explain(
    rule: Annotated[
        str, typer.Argument(metavar="RULE", help="A rule id (MP101) or name (unknown-key).")
    ],
    config: PackConfig = None,
    isolated: BuiltInOnly = False,
) -> None:
    """Print a rule's full documentation."""
    from mplint.cli.listing import explain_rule  # (as in rules)

    explain_rule(rule, config, isolated)


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
    from mplint.editor_schema import editor_schema  # `schema` only: builds on the checks' schema

    select_model(api_model or "auto", no_cache=False)  # the model the checks would use
    text = json.dumps(editor_schema(), indent=2) + "\n"
    if output is None:
        emit(text, nl=False)
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
    from mplint.lsp import run  # `server` only: it needs pygls, an optional dependency

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
    from typer._completion_shared import get_completion_script  # `completion` only

    emit(get_completion_script(prog_name="mplint", complete_var=COMPLETE_VAR,
                                     shell=shell.value))  # fmt: skip


# The maintainers' commands: mplint api-model show|generate|diff (mplint/apimodel/commands.py).
app.add_typer(api_model_commands.app, name="api-model")


def main() -> None:
    install_interrupt_handler()
    if os.environ.get(COMPLETE_VAR):  # the shell asks for completions: typer answers
        from typer.completion import completion_init  # only then

        completion_init()
    try:
        app(prog_name="mplint")
    except Exception as exc:  # the last safety net: one line, never a traceback
        if os.environ.get("MPLINT_DEBUG"):
            raise
        from mplint.model.describe import describe_exception  # only after a crash

        typer.echo(
            f"mplint: internal error: {describe_exception(exc)}; please report it"
            " (MPLINT_DEBUG=1 shows the traceback)",
            err=True,
        )
        sys.exit(2)
