"""Fixes: repairs of findings as minimal text edits (`mplint check --fix`, editors).

    from mplint.fixes import compute_fixes, apply_edits, fix_text

- `compute_fixes(text, name, linter)` -> the Fix of every fixable finding: its rule, a title,
  whether it is safe, and its Edits (character offsets of `text`; `edit.span(Lines(text))`
  gives 1-based lines and columns for an editor's code action).
- `apply_edits(text, edits)` -> the new text.
- `fix_text(text, name, linter, unsafe=False)` -> Outcome: the fixes applied until nothing
  changes, each proven by checking the result, and those rolled back with the reason.

Every byte outside an edited value stays as it was (comments, quoting, indentation, line
endings, JSON layout). The fixers are in `fixers.py`, one per rule; `files.py` reads and
writes files (encoding, byte order mark, atomic replace).
"""

from __future__ import annotations

import importlib
from typing import Any

# Where each public name lives; loaded on first use, so that `check --fix` on files with
# nothing to fix imports only the rule ids of the fixers (mplint/fixes/session.py).
_API = {
    "Outcome": "apply", "Rejected": "apply", "compute_fixes": "apply", "describe": "apply",
    "fix_text": "apply", "fixable": "apply",
    "Edit": "edits", "apply_edits": "edits",
    "FIXERS": "fixers", "SAFE": "fixers", "Fix": "fixers",
}  # fmt: skip

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_API[name]}"), name)
