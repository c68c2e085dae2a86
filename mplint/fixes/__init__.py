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

from mplint.fixes.apply import Outcome, Rejected, compute_fixes, describe, fix_text, fixable
from mplint.fixes.edits import Edit, apply_edits
from mplint.fixes.fixers import FIXERS, SAFE, Fix

__all__ = [
    "FIXERS",
    "SAFE",
    "Edit",
    "Fix",
    "Outcome",
    "Rejected",
    "apply_edits",
    "compute_fixes",
    "describe",
    "fix_text",
    "fixable",
]
