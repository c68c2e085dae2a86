"""Sources: where CreateModelPackage requests live inside a parsed file.

A source looks at one parsed Document and yields the Specs inside it, each with its root
path and a label. Adding a kind of file (CloudFormation, pipeline definitions, ...) means
adding one module here and listing it in SOURCES; rules and reporters do not change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

from mplint import parsing
from mplint.model import Document, Span, Spec
from mplint.model.kinds import SYNTAX_ERRORS, Kind
from mplint.parsing import Problem
from mplint.sources import cloudformation, describe, known_files, pipeline, python_code, standalone


class Source(Protocol):
    NAME: str

    def matches(self, document: Document) -> bool:
        """Whether this document is of this source's kind (cheap, by content)."""

    def specs(self, document: Document) -> Iterator[Spec]:
        """The requests inside the document."""


# Tried in order; the first that matches a document reads it. Standalone comes last: a
# pipeline, a template or a describe output would also pass for a (broken) standalone spec.
SOURCES: list[Source] = [python_code, pipeline, cloudformation, describe, standalone]  # type: ignore[list-item]
NAMES: tuple[str, ...] = tuple(source.NAME for source in SOURCES)
# Words whose presence in a file's text makes it worth parsing during a directory scan.
SIGNATURES: tuple[str, ...] = (
    standalone.SIGNATURES + pipeline.SIGNATURES + cloudformation.SIGNATURES + describe.SIGNATURES
)
# Case-insensitive, as the standalone source's key match: a misspelt key still counts.
_SIGNATURE = re.compile("|".join(map(re.escape, SIGNATURES)), re.IGNORECASE)
PYTHON_SUFFIX = ".py"

# Syntax of templating tools (Jinja, Go templates, Helm, ERB) that makes a file invalid YAML
# or JSON until it is rendered.
_TEMPLATE = re.compile(r"\{%-?\s*\w|\{\{-?\s*[^{}\n]*\}\}|<%=?\s")


# What a template of a request shows before it is rendered: a request's key at the top level
# of YAML (at the start of a line, any case: a misspelt key still counts) or as a JSON key,
# a RegisterModel step, a CloudFormation model package resource. A Helm chart of the
# Kubernetes `kind: ModelPackage` resource (its keys are nested and camelCase) shows none.
_REQUEST_KEYS = "|".join(standalone.SIGNATURES + describe.SIGNATURES)
_TEMPLATED_REQUEST = re.compile(
    rf"^[\"']?(?i:{_REQUEST_KEYS})[\"']?[ \t]*:"
    rf"|\"(?:{_REQUEST_KEYS})\"\s*:"
    r"|\bType[\"']?\s*:\s*[\"']?RegisterModel\b"
    rf"|{re.escape(cloudformation.RESOURCE_TYPE)}\b",
    re.MULTILINE,
)


def unrendered_request(text: str) -> bool:
    """Whether a template that does not parse looks like a model package request: only then
    is it worth a finding in a directory scan (or with --skip-non-specs)."""
    return _TEMPLATED_REQUEST.search(text) is not None


def by_name(name: str) -> Source:
    for source in SOURCES:
        if name == source.NAME:
            return source
    raise KeyError(name)


def is_python(name: str, forced: str | None = None) -> bool:
    return forced == python_code.NAME if forced else name.endswith(PYTHON_SUFFIX)


def worth_reading(name: str, text: str, forced: str | None = None) -> bool:
    """The cheap text filter of directory scans: could this file hold a request?"""
    if is_python(name, forced):
        return python_code.worth_reading(text)
    return _SIGNATURE.search(text) is not None


def parse(name: str, text: str, forced: str | None = None) -> tuple[list[Document], list[Problem]]:
    """The documents of a file: Python by name (or forced), else YAML or JSON.

    A YAML or JSON file that does not parse because it is a template (`{% if %}` blocks,
    unquoted `{{ var }}`) has no documents: it is reported as an unrendered template, which
    supersedes its syntax errors (rules/MP7-sources.yaml).
    """
    if is_python(name, forced):
        return python_code.parse(text)
    documents, problems = parsing.parse(name, text)
    syntax = [p for p in problems if p.kind in SYNTAX_ERRORS]
    if syntax:
        template = _template_at(text, syntax[0].span)
        if template is not None:
            return [], [_template_problem(name, text, template), *problems]
    return documents, problems


def _template_at(text: str, error: Span) -> re.Match | None:
    """The template construct that broke parsing: the one that covers the position of the
    syntax error. A quoted placeholder elsewhere in a file with an unrelated syntax error is
    no template problem."""
    lines = text.split("\n")
    if not 1 <= error.line <= len(lines):
        return None
    start = sum(len(line) + 1 for line in lines[: error.line - 1])
    for match in _TEMPLATE.finditer(text, start, start + len(lines[error.line - 1])):
        if match.start() - start < error.col <= match.end() - start + 1:
            return match
    return None


def _template_problem(name: str, text: str, match: re.Match) -> Problem:
    line = text.count("\n", 0, match.start()) + 1
    col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    end = text.find("\n", match.start())
    snippet = text[match.start() : end if end != -1 else len(text)].strip()
    if len(snippet) > 40:
        snippet = snippet[:37] + "..."
    kind = "JSON" if parsing.looks_like_json(name, text) else "YAML"
    return Problem(
        Kind.UNRENDERED_TEMPLATE,
        f"the file is a template ('{snippet}') and is not valid {kind} until it is rendered;"
        " check the rendered file",
        Span(line, col, line, col + len(match.group())),
    )


def recognise(document: Document, forced: str | None = None) -> Source | None:
    """The source that reads a document (None: no source recognises it)."""
    if forced:
        return by_name(forced)
    for source in SOURCES:
        if source.matches(document):
            return source
    return None


# Sources whose requests are a part of a larger document (a pipeline, a template, a response).
CONTAINERS = frozenset({pipeline.NAME, cloudformation.NAME, describe.NAME})


def in_scope(
    problems: list[Problem], documents: list[Document], specs: list[Spec], forced: str | None
) -> list[Problem]:
    """The parse problems that concern mplint: in a pipeline definition, a template or a
    describe output only those inside a request (a duplicate key in an S3 bucket resource is
    not mplint's business), everywhere else all of them."""
    containers = {
        doc.index
        for doc in documents
        if (source := recognise(doc, forced)) is not None and source.NAME in CONTAINERS
    }
    if not containers:
        return problems
    roots: dict[int, list] = {}
    for spec in specs:
        roots.setdefault(spec.document.index, []).append(spec.root)
    return [
        p
        for p in problems
        if p.document not in containers
        or not p.path
        or any(p.path[: len(root)] == root for root in roots.get(p.document, []))
    ]


def skip_reason(documents: list[Document], forced: str | None = None) -> str | None:
    """Why a file whose every document is a known non-request file (a saved list or
    describe-model-package-group output, the SDK's configuration, an UpdateModelPackage
    request) is skipped; None for anything else, and when a source is forced."""
    if forced or not documents:
        return None
    reasons = [known_files.identify(document.data) for document in documents]
    return reasons[0] if all(reasons) else None


def find_specs(
    documents: list[Document], *, forced: str | None = None, explicit: bool = False
) -> Iterator[Spec]:
    """The specs in a file's documents.

    A document that no source recognises is skipped, unless the file was named explicitly
    (or the source forced), in which case the standalone source reads it and reports why
    it is not a spec.
    """
    for document in documents:
        if document.data is None and len(documents) > 1:
            continue  # an empty document between or after `---` separators sends nothing
        source = recognise(document, forced)
        if source is not None:
            yield from source.specs(document)
        elif explicit:
            yield from standalone.specs(document)
