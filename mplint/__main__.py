"""`python -m mplint` and the `mplint` command.

Ctrl-C is handled before anything heavy is imported, so an interrupt at any moment ends the
run quietly with exit code 130 (128 + SIGINT), never with a traceback. SIGTERM (a CI job
cancelled, `timeout`) ends it the same way with 143 (128 + SIGTERM).
"""

from __future__ import annotations

from mplint.interrupts import install_interrupt_handler


def main() -> None:
    install_interrupt_handler()
    from mplint.cli import main as cli_main  # after the handler: importing takes a while

    cli_main()


if __name__ == "__main__":
    main()
