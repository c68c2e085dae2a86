"""Path globs of the configuration (exclude, per-file-ignores), relative to the project root.

- A pattern without `/` matches a file or folder name at any depth: `*.json`, `legacy`.
- A pattern with `/` matches the path from the project root (the configuration file's
  folder): `specs/legacy/*.yaml`, `generated/**`. A leading `./` or `/` changes nothing.
- `*` and `?` stay inside one path part, `**` spans any number of folders, `[abc]` is a
  character class.
- A pattern that matches a folder matches everything under it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache


def _translate(pattern: str) -> str:
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            out += "[^/]"
            i += 1
        elif pattern[i] == "[":
            end = pattern.find("]", i + 2)
            if end == -1:
                out += re.escape("[")
                i += 1
                continue
            body = pattern[i + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out += "[" + body.replace("\\", "\\\\") + "]"
            i = end + 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return out


@dataclass(frozen=True, slots=True)
class Glob:
    pattern: str
    anchored: bool  # matches the path from the root (it has a '/'), else any name
    regex: re.Pattern

    @classmethod
    def compile(cls, pattern: str) -> Glob:
        text = pattern.strip().replace("\\", "/")
        while text.startswith("./"):
            text = text[2:]
        anchored = "/" in text.rstrip("/")
        text = text.strip("/") or "."
        try:
            regex = re.compile(_translate(text) + r"\Z", re.DOTALL)
        except re.error as exc:
            raise ValueError(f"invalid glob {pattern!r}: {exc}") from None
        return cls(pattern, anchored, regex)

    def matches(self, relative: str) -> bool:
        """Whether `relative` (a '/'-separated path from the root) or a folder above it
        matches."""
        parts = [p for p in relative.split("/") if p and p != "."]
        if not self.anchored:
            return any(self.regex.match(part) for part in parts)
        return any(self.regex.match("/".join(parts[:n])) for n in range(1, len(parts) + 1))


def relative_to(path: str, root: str) -> str:
    """`path` relative to `root`, '/'-separated; the file name alone when it lies outside."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        return os.path.basename(absolute)
    if relative == ".." or relative.startswith(".." + os.sep):
        return os.path.basename(absolute)
    return relative.replace(os.sep, "/")


@lru_cache(maxsize=256)
def glob(pattern: str) -> Glob:
    """The compiled glob (cached: the same patterns are matched against every file)."""
    return Glob.compile(pattern)
