"""How a value is written, and how to rewrite it with the fewest characters changed.

Every function here gets the character range of one key or value, as the parser recorded
it, and returns an Edit or None when the text is not written in a way it can rewrite safely
(an escape sequence, a block scalar, a tag...). It never rewrites anything outside the range,
except `remove_entry`, which also takes the comma and the spacing that separated the entry.
"""

from __future__ import annotations

import re

from mplint.fixes.edits import Edit

# A YAML plain scalar that reads back as the same string in block and flow context.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9._/-]*\Z")
# Plain words YAML 1.1 (PyYAML, boto3's users) reads as booleans or null.
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
_QUOTES = "'\""
# Characters that end or change a plain scalar inside a flow collection.
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]|: | #")
_SPACE = " \t\r\n"


def rename(text: str, start: int, end: int, old: str, new: str, syntax: str) -> Edit | None:
    """Rewrite the string `old` written at text[start:end] as `new`, keeping its quoting."""
    written = text[start:end]
    if written == old:  # a plain YAML scalar, or a Python keyword argument's name
        if syntax == "python" or (_PLAIN.match(new) and new.lower() not in _YAML_WORDS):
            return Edit(start, end, new)
        return Edit(start, end, "'" + new.replace("'", "''") + "'")
    if (
        len(written) >= 2
        and written[0] in _QUOTES
        and written[-1] == written[0]
        and written[1:-1] == old
        and written[0] not in new
        and "\\" not in new
        and "\\" not in old
    ):
        return Edit(start + 1, end - 1, new)  # inside the quotes the user chose
    return None


def _scalar(written: str) -> bool:
    """A single-line value written without quotes, tags, anchors or block indicators."""
    return (
        bool(written)
        and "\n" not in written
        and "\r" not in written
        and (written[0] not in "'\"!&*|>%@`")
    )


def quote(text: str, start: int, end: int, syntax: str) -> Edit | None:
    """Make the number or boolean written at text[start:end] a string of exactly the
    characters written (`1.10` becomes '1.10', never '1.1')."""
    written = text[start:end]
    if not _scalar(written) or any(q in written for q in _QUOTES) or "\\" in written:
        return None
    if syntax == "yaml":
        return Edit(start, end, f"'{written}'")
    return Edit(start, end, f'"{written}"')


def wrap_in_list(text: str, start: int, end: int, syntax: str) -> Edit | None:
    """Make the single string written at text[start:end] a list holding it."""
    written = text[start:end]
    if not written or "\n" in written or "\r" in written or written[0] in "!&*|>":
        return None
    if syntax == "yaml" and written[0] not in _QUOTES and _FLOW_UNSAFE.search(written):
        return None  # the plain scalar would not read back the same inside [ ]
    return Edit(start, end, f"[{written}]")


def remove_entry(text: str, key_start: int, value_end: int) -> Edit:
    """Remove `key: value` from a JSON object, a YAML flow mapping, a Python dict or call,
    with the comma that separates it from its neighbours and the spacing before it."""
    before = key_start
    while before > 0 and text[before - 1] in _SPACE:
        before -= 1
    after = value_end
    while after < len(text) and text[after] in _SPACE:
        after += 1
    if text.startswith(",", after):  # not the last entry: its comma goes with it
        return Edit(before, after + 1, "")
    if before > 0 and text[before - 1] == ",":  # the last entry: the comma before it goes
        return Edit(before - 1, value_end, "")
    return Edit(key_start, value_end, "")  # the only entry
