"""`python -m mplint` and the `mplint` command.

Ctrl-C is handled before anything heavy is imported, so an interrupt at any moment ends the
run quietly with exit code 130 (128 + SIGINT), never with a traceback. SIGTERM (a CI job
cancelled, `timeout`) ends it the same way with 143 (128 + SIGTERM).
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


def main() -> None:
    install_interrupt_handler()
    from mplint.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
