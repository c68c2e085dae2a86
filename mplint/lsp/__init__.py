"""`mplint server`: a language server (LSP over standard input and output).

Diagnostics on open, change (debounced) and save with the findings of `mplint check` (the
Python API's code path: mplint/api.py), hover with the API's documentation of a member,
and code actions (a suppression comment for a finding's line). Built on pygls, an optional
dependency (the `lsp` extra) imported only here, so `mplint check` never pays for it.

- text.py: LSP positions (0-based lines, UTF-16 code units) from mplint's 1-based
  line/character positions, and back; pure, tested without a client.
- features.py: what the server answers (diagnostics, hover text, code action edits) as plain
  data, independent of pygls.
- server.py: the pygls server that wires them to the protocol.
"""

from __future__ import annotations

import sys

MISSING = (
    "mplint: error: `mplint server` needs pygls, which is not installed; install the `lsp`"
    " extra with mplint (pip install '.[lsp]' in a checkout of mplint), or run"
    " `pip install 'pygls>=2,<3'` in mplint's environment"
)


def run() -> None:
    """Serve over standard input and output until the client says exit."""
    try:
        import pygls  # noqa: F401
    except ImportError:
        print(MISSING, file=sys.stderr)
        raise SystemExit(2) from None
    from mplint.lsp.server import build  # needs pygls, now known to be installed

    build().start_io()
