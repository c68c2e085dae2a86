"""Text a reporter writes during a run and copies out once at its end.

Some formats put per-file parts after a header that holds end-of-run totals (JUnit's counts,
SARIF's rule list) or after another list (the JSON report's `files` after its `findings`).
A Spool keeps that text in memory up to a limit, then in an anonymous temporary file, so a
run over many files does not hold it all in memory. Without a usable temporary folder it
stays in memory: slower to grow, never an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from mplint.reporters import Writable

LIMIT = 1 << 18  # characters kept in memory before moving to a temporary file


class Spool:
    def __init__(self, limit: int | None = None) -> None:
        self._parts: list[str] = []
        self._size = 0
        self._limit = LIMIT if limit is None else limit
        self._file: TextIO | None = None

    def write(self, text: str) -> None:
        if self._file is not None:
            self._file.write(text)
            return
        self._parts.append(text)
        self._size += len(text)
        if self._size > self._limit:
            self._spill()

    def _spill(self) -> None:
        import tempfile  # only for large reports: start-up matters

        try:
            # newline="\n": no translation either way; surrogatepass: whatever was written
            # (a file name that is not UTF-8) reads back unchanged.
            handle = tempfile.TemporaryFile(  # noqa: SIM115 (closed by close())
                "w+", encoding="utf-8", errors="surrogatepass", newline="\n"
            )
        except OSError:
            self._limit = float("inf")  # type: ignore[assignment]
            return
        try:
            handle.writelines(self._parts)
        except OSError:
            handle.close()
            self._limit = float("inf")  # type: ignore[assignment]
            return
        self._file = handle  # type: ignore[assignment]
        self._parts = []

    def _rewind(self) -> TextIO | None:
        if self._file is not None:
            self._file.seek(0)
        return self._file

    def copy_to(self, out: Writable) -> None:
        """Write everything spooled to `out`, and forget it."""
        handle = self._rewind()
        if handle is None:
            for part in self._parts:
                out.write(part)
        else:
            while block := handle.read(1 << 16):
                out.write(block)
        self.close()

    def lines(self) -> Iterator[str]:
        """The spooled lines (each with its newline), then forget them."""
        handle = self._rewind()
        if handle is None:
            yield from "".join(self._parts).splitlines(keepends=True)
        else:
            yield from handle
        self.close()

    def close(self) -> None:
        self._parts = []
        if self._file is not None:
            self._file.close()
            self._file = None
