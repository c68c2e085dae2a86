"""Every report format read as its strictest consumer reads it.

Python's json module accepts an escaped lone surrogate ("\\ud800") and its str holds one; a
strict consumer (a Rust or Go JSON parser, GitHub's SARIF upload) rejects it. So: the text
must encode as UTF-8, JSON formats must parse and hold no lone surrogate in any string, JUnit
must be well-formed XML, SARIF must be valid against the OASIS schema.
"""

from __future__ import annotations

import json
from typing import Any


def _no_surrogates(value: Any) -> None:
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            item.encode("utf-8")  # raises on a lone surrogate
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


def assert_strict(fmt: str, output: str | bytes) -> None:
    """Fails the test unless `output` of format `fmt` is valid for a strict consumer."""
    import xml.etree.ElementTree as ET

    from sarif_support import validate_sarif

    raw = output if isinstance(output, bytes) else output.encode("utf-8")  # no surrogates
    text = raw.decode("utf-8")
    if fmt in ("json", "sarif", "gitlab"):
        data = json.loads(text)
        _no_surrogates(data)
        if fmt == "sarif":
            validate_sarif(data)
    elif fmt == "junit":
        ET.fromstring(raw)
    else:  # text, github: one line per finding, no terminal control characters
        assert not any(c in text for c in "\x1b\r\x00\x07\x08\x7f"), text
