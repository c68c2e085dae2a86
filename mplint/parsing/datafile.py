"""mplint's own YAML files (rules, policy packs, .mplint.yaml), read with positions.

They are read with the same safe, position-keeping parser as the specs, so that every
configuration error can name `file:line:col`, and nothing in them can construct an object.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mplint.discovery import display_path
from mplint.model import Document, Span
from mplint.model.limits import DEFAULT_MAX_BYTES
from mplint.parsing.yaml import parse_yaml


class DataFileError(Exception):
    """A file mplint cannot use as configuration; the message names the file and line."""


def display(path: Path | str) -> str:
    return display_path(str(path))


@dataclass(slots=True)
class DataFile:
    """A parsed YAML file and the way to name a position in it."""

    path: Path
    document: Document | None  # None: the file holds no document (empty)
    name: str = ""  # how messages name the file

    @property
    def data(self) -> Any:
        return self.document.data if self.document else None

    def where(self, path: tuple = (), *, at_key: bool = True) -> str:
        """`file:line:col` of the key (or value) at `path`."""
        if self.document is None:
            return f"{self.name}:1:1"
        span = self.document.span(path) if at_key else self.document.value_span(path)
        return f"{self.name}:{span.line}:{span.col}"


def located(name: str, span: Span) -> str:
    return f"{name}:{span.line}:{span.col}"


def load_yaml(path: Path, what: str = "file") -> DataFile:
    """One YAML document from `path`, or DataFileError naming the file and line."""
    name = display(path)
    try:
        with open(path, "rb") as handle:  # bounded like a spec: a pack is no bigger
            raw = handle.read(DEFAULT_MAX_BYTES + 1)
        if len(raw) > DEFAULT_MAX_BYTES:
            raise DataFileError(f"{name}: {what} is larger than {DEFAULT_MAX_BYTES:,} bytes")
        text = raw.decode("utf-8-sig")
    except FileNotFoundError:
        raise DataFileError(f"{name}: {what} not found") from None
    except IsADirectoryError:
        raise DataFileError(f"{name}: {what} is a directory, not a file") from None
    except OSError as exc:
        raise DataFileError(f"{name}: cannot read {what}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{name}: {what} is not UTF-8 text (byte {exc.start})") from None
    try:
        documents, problems = parse_yaml(text)
    except RecursionError:
        raise DataFileError(f"{name}: {what} is nested too deeply to read") from None
    if problems:
        first = min(problems, key=lambda p: (p.span.line, p.span.col))
        raise DataFileError(f"{located(name, first.span)}: invalid {what}: {first.message}")
    if len(documents) > 1:
        span = documents[1].values.get((), Span.point(1, 1))
        raise DataFileError(f"{located(name, span)}: a {what} holds one YAML document, not several")
    if documents and documents[0].tags:
        tag_path, tag = next(iter(documents[0].tags.items()))
        raise DataFileError(
            f"{located(name, documents[0].value_span(tag_path))}: YAML tag '{tag}' is not"
            f" allowed in a {what}"
        )
    return DataFile(path, documents[0] if documents else None, name)
