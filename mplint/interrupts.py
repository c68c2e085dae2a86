"""Ctrl-C and SIGTERM: end the run quietly with exit code 128 + the signal, never with a
traceback.

Installed by `mplint` before anything heavy is imported (and again by `cli.main` for callers
that enter there), so an interrupt at any moment is handled.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys

_ENDINGS = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}


def _interrupted(signum: int, frame: object) -> None:
    try:
        _stop_workers()
        sys.stderr.write(f"mplint: {_ENDINGS.get(signum, 'interrupted')}\n")
        sys.stderr.flush()
    finally:
        os._exit(128 + signum)  # no cleanup can raise


def _stop_workers() -> None:
    """End the worker processes of a parallel run first: they ignore Ctrl-C, and one left
    behind would print a traceback when it finds the pipe to this process closed."""
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is None:
        return  # no workers were ever started
    for child in multiprocessing.active_children():
        with contextlib.suppress(OSError):  # already gone
            os.kill(child.pid, signal.SIGKILL)


def install_interrupt_handler() -> None:
    for signum in _ENDINGS:
        signal.signal(signum, _interrupted)
