"""Sources: where CreateModelPackage requests live inside a parsed file.

A source looks at one parsed Document and yields the Specs inside it, each with its root
path and a label. Adding a kind of file (CloudFormation, pipeline definitions, ...) means
adding one module here and listing it in SOURCES; rules and reporters do not change.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from mplint.model import Document, Spec
from mplint.sources import standalone


class Source(Protocol):
    NAME: str

    def matches(self, document: Document) -> bool:
        """Whether this document is of this source's kind (cheap, by content)."""

    def specs(self, document: Document) -> Iterator[Spec]:
        """The requests inside the document."""


# Tried in order; the first that matches a document reads it. Standalone comes last.
SOURCES: list[Source] = [standalone]  # type: ignore[list-item]
# Words whose presence in a file's text makes it worth parsing during a directory scan.
SIGNATURES: tuple[str, ...] = standalone.SIGNATURES


def by_name(name: str) -> Source:
    for source in SOURCES:
        if name == source.NAME:
            return source
    raise KeyError(name)


def find_specs(
    documents: list[Document], *, forced: str | None = None, explicit: bool = False
) -> Iterator[Spec]:
    """The specs in a file's documents.

    A document that no source recognises is skipped, unless the file was named explicitly
    (or the source forced), in which case the standalone source reads it and reports why
    it is not a spec.
    """
    for document in documents:
        if forced:
            yield from by_name(forced).specs(document)
            continue
        for source in SOURCES:
            if source.matches(document):
                yield from source.specs(document)
                break
        else:
            if explicit:
                yield from standalone.specs(document)
