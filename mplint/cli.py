"""The `mplint` command line: check, rules, explain.

Exit codes: 0 nothing at or above --fail-on was found; 1 something was; 2 usage or
configuration error, or an internal error in a rule.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from mplint import __version__

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


class LevelName(str, Enum):
    error = "error"
    warning = "warning"
    note = "note"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mplint {__version__}")
        raise typer.Exit()


def fail(message: str) -> None:
    """A usage or configuration error: one line on stderr, exit 2."""
    typer.echo(f"mplint: error: {message}", err=True)
    raise typer.Exit(2)


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


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
            help="Files and directories to check (default: the configuration's"
            " include list, else the current directory)."
        ),
    ] = None,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Report format.")
    ] = Format.text,
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    fail_on: Annotated[
        Optional[LevelName],
        typer.Option(
            help="Lowest level that makes the exit code 1 [default: error].", show_default=False
        ),
    ] = None,
    select: Annotated[
        Optional[list[str]],
        typer.Option(help="Rules to run (ids, names, prefixes; comma-separated)."),
    ] = None,
    extend_select: Annotated[
        Optional[list[str]], typer.Option(help="Rules to run in addition to the selection.")
    ] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(help="Rules not to run.")] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also list files that were skipped.")
    ] = False,
    source: Annotated[
        Optional[str],
        typer.Option(
            help="Read every file as this source: spec, pipeline, cloudformation, describe"
            " or python (default: recognised per file by content)."
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
            help="Use this configuration file instead of searching for"
            " .mplint.yaml or pyproject.toml [tool.mplint].",
        ),
    ] = None,
    isolated: Annotated[
        bool, typer.Option("--isolated", help="Ignore every configuration file.")
    ] = False,
) -> None:
    """Check model package specs and report what AWS would reject."""
    from mplint.config import ConfigError, Selection
    from mplint.engine import exit_code
    from mplint.model import Level
    from mplint.reporters import RunContext, get
    from mplint.runner import run

    paths = paths or []
    try:
        settings = _settings(paths, config, isolated)
        if fail_on is not None:
            settings.fail_on = Level.parse(fail_on.value)
        if select or extend_select or ignore:
            settings.cli = Selection(
                _split(select) if select else None, _split(extend_select), _split(ignore)
            )
        if source is not None:
            from mplint.sources import NAMES

            if source not in NAMES:
                fail(f"unknown source '{source}'; use one of {', '.join(NAMES)}")
            settings.source = source
        settings.python = settings.python or python
        linter, reports = run(paths, settings)
    except ConfigError as exc:
        fail(str(exc))
    except FileNotFoundError as exc:
        fail(f"no such file or directory: {exc.args[0]}")
    context = RunContext(
        catalogue=linter.catalogue,
        levels=linter.levels,
        fail_on=settings.fail_on,
        verbose=verbose,
        color=output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ,
    )
    text = get(output_format.value)(reports, context)
    if output:
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror}")
    else:
        sys.stdout.write(text)
    raise typer.Exit(exit_code(reports, settings.fail_on))


@app.command()
def rules(
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    config: Annotated[
        Optional[str], typer.Option("--config", help="Configuration file (for its packs).")
    ] = None,
    isolated: Annotated[
        bool, typer.Option("--isolated", help="Built-in rules only: ignore configuration.")
    ] = False,
) -> None:
    """List every rule (built-in and from the configuration's policy packs)."""
    import json

    catalogue = _catalogue(config, isolated)
    if output_format == "json":
        entries = [
            {"id": r.id, "name": r.name, "level": str(r.level), "summary": r.summary,
             "tags": r.tags, "source": r.source}
            for r in catalogue
        ]  # fmt: skip
        typer.echo(json.dumps(entries, indent=2))
    elif output_format == "table":
        width = max(len(r.name) for r in catalogue)
        for r in catalogue:
            typer.echo(f"{r.id}  {r.name:<{width}}  {r.level!s:<7}  {r.summary}")
    else:
        fail(f"unknown format '{output_format}'; use table or json")


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="A rule id (MP101) or name (unknown-key).")],
    config: Annotated[
        Optional[str], typer.Option("--config", help="Configuration file (for its packs).")
    ] = None,
    isolated: Annotated[
        bool, typer.Option("--isolated", help="Built-in rules only: ignore configuration.")
    ] = False,
) -> None:
    """Print a rule's full documentation."""
    found = _catalogue(config, isolated).find(rule)
    if found is None:
        fail(f"unknown rule '{rule}' (see `mplint rules`)")
    typer.echo(found.documentation(), nl=False)


def _settings(paths: list[str], config: str | None, isolated: bool):
    """The configuration that applies (raises ConfigError)."""
    from mplint.configfile import settings_for

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
    app()
