"""Path globs of the configuration (exclude, per-file-ignores), relative to the project root.

- A pattern without `/` matches a file or folder name at any depth: `*.json`, `legacy`.
- A pattern with `/` matches the path from the project root (the configuration file's
  folder): `specs/legacy/*.yaml`, `generated/**`. A leading `./` or `/` changes nothing.
- `*` and `?` stay inside one path part, `**` spans any number of folders, `[abc]` is a
  character class.
- A pattern that matches a folder matches everything under it.

Matching runs over path parts, keeping the set of pattern parts reached so far (an NFA), so its
cost is at most parts of the path times parts of the pattern, whatever the number of `**`
(a backtracking regex over the whole path is exponential on `**/**/**/.../z`).
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


_ANY = None  # a `**` part: any number of path parts


@dataclass(frozen=True, slots=True)
class Glob:
    pattern: str
    anchored: bool  # matches the path from the root (it has a '/'), else any name
    parts: tuple[re.Pattern | None, ...]  # one regex per part; _ANY for a `**` part

    @classmethod
    def compile(cls, pattern: str) -> Glob:
        text = pattern.strip().replace("\\", "/")
        while text.startswith("./"):
            text = text[2:]
        anchored = "/" in text.rstrip("/")
        text = text.strip("/") or "."
        parts: list[re.Pattern | None] = []
        for part in text.split("/"):
            if part == "**":
                if parts and parts[-1] is _ANY:
                    continue  # `**/**` is `**`
                parts.append(_ANY)
                continue
            try:
                parts.append(re.compile(_translate(part) + r"\Z", re.DOTALL))
            except re.error as exc:
                raise ValueError(f"invalid glob {pattern!r}: {exc}") from None
        return cls(pattern, anchored, tuple(parts))

    def _closure(self, states: set[int]) -> set[int]:
        """`states` plus those reached by letting a `**` match no part."""
        reached, pending = set(states), list(states)
        while pending:
            state = pending.pop()
            if state < len(self.parts) and self.parts[state] is _ANY and state + 1 not in reached:
                reached.add(state + 1)
                pending.append(state + 1)
        return reached

    def _matches_a_prefix(self, parts: list[str]) -> bool:
        """Whether the pattern matches `parts[:n]` for some n >= 1."""
        end = len(self.parts)
        states = self._closure({0})
        for part in parts:
            following = set()
            for state in states:
                if state == end:
                    continue
                regex = self.parts[state]
                if regex is _ANY:
                    following.add(state)  # `**` takes this part and may take more
                elif regex.match(part):
                    following.add(state + 1)
            states = self._closure(following)
            if end in states:
                return True
            if not states:
                return False
        return False

    def matches(self, relative: str) -> bool:
        """Whether `relative` (a '/'-separated path from the root) or a folder above it
        matches."""
        parts = [p for p in relative.split("/") if p and p != "."]
        if not self.anchored:
            regex = self.parts[0]
            return regex is _ANY or any(regex.match(part) for part in parts)
        return self._matches_a_prefix(parts)


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
