"""How messages name a member of a request, the type of a value and an exception."""

from __future__ import annotations

import os
import traceback
from typing import Any

from mplint.model.document import Path


def describe_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__} (quote it to make it a string)"


def member_name(path: Path) -> str:
    """How a message names the member at `path`: `Containers[0].Image`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the top level"


def describe_exception(exc: BaseException) -> str:
    """'ValueError: message (at mplint/checks/x.py:12)': enough to report the bug."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        frame = frames[-1]
        where = f" (at {os.path.basename(frame.filename)}:{frame.lineno})"
    return f"{type(exc).__name__}: {exc}{where}"
