"""What every command shares: printing, a usage error, and the API model a command runs with."""

from __future__ import annotations

import sys
from typing import NoReturn

import typer

from mplint.apimodel import ApiModel, ApiModelError, select
from mplint.project import cache_folder
from mplint.terminal import silence


def emit(text: str, *, nl: bool = True) -> None:
    """Print to standard output. A reader that stops reading (`mplint rules | head -1`) ends
    the command quietly with exit code 0, as `mplint check` does."""
    try:
        typer.echo(text, nl=nl)
        sys.stdout.flush()
    except BrokenPipeError:
        silence(sys.stdout)
        raise typer.Exit(0) from None


def fail(message: str) -> NoReturn:
    """A usage or configuration error: one line on stderr, exit 2."""
    typer.echo(f"mplint: error: {message}", err=True)
    raise typer.Exit(2)


def select_model(choice: str, no_cache: bool) -> ApiModel:
    """Make the API model of the run active (built or read from the cache folder now, before
    any worker starts); an unusable one is a usage error."""
    try:
        return select(choice, None if no_cache else cache_folder())
    except ApiModelError as exc:
        fail(str(exc))
