"""`python -m mplint` and the `mplint` command.

Ctrl-C is handled before anything heavy is imported, so an interrupt at any moment ends the
run quietly with exit code 130 (128 + SIGINT), never with a traceback.
"""

from __future__ import annotations

import os
import signal
import sys


def _interrupted(signum: int, frame: object) -> None:
    try:
        sys.stderr.write("mplint: interrupted\n")
        sys.stderr.flush()
    finally:
        os._exit(130)  # no cleanup can raise, and worker processes end the same way


def install_interrupt_handler() -> None:
    signal.signal(signal.SIGINT, _interrupted)


def main() -> None:
    install_interrupt_handler()
    from mplint.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
