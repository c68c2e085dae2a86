"""Inline suppressions in YAML (and Python) comments, and the report of those that suppress
nothing.

    Image: repo/img:latest  # mplint: disable=MP401 -- pinned by digest at deploy time
    # mplint: disable=MP201,tags-on-versioned-package
    Tags: [...]
    # mplint: disable-file=MP303     (or `disable-file` alone: every rule, the whole file)

A line directive covers findings that start on its line; alone on a line, it covers the next
line that is neither blank nor a comment. The text after ` -- ` is the justification, kept in
Finding.suppressed (SARIF shows it). Suppressed findings stay in the report, marked; text and
JSON reports leave them out. JSON has no comments, so JSON files cannot carry suppressions.
In Python, only real comments count (found by the tokenizer): a line of a docstring or other
string that looks like a directive suppresses nothing. A comment is reported once however
many unknown rules it names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from mplint.catalogue import Catalogue
from mplint.model import Document, Finding, Kind, Span
from mplint.parsing import iter_paths

# An internal error is never hidden, and a directive cannot silence the report of directives.
_NEVER_SUPPRESSED = frozenset({Kind.INTERNAL_ERROR, Kind.UNUSED_SUPPRESSION})
_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#[ \t]*mplint[ \t]*:(?P<body>[^\n]*)", re.MULTILINE)
_BODY = re.compile(
    r"""^\s*(?P<kind>disable-file|disable)\b
        (?:\s*=\s*(?P<codes>[^\s,]+(?:\s*,\s*[^\s,]+)*))?
        (?:\s+--(?:\s+(?P<why>.*?))?)?\s*$""",
    re.VERBOSE,
)
_USAGE = (
    "write '# mplint: disable=RULE[,RULE...] [-- reason]' or '# mplint: disable-file[=RULE,...]'"
)


@dataclass(slots=True)
class Directive:
    span: Span  # the comment
    file_level: bool
    rules: set[str] | None  # rule ids; None: every rule
    justification: str
    target: int  # the line it covers (0 for file-level)
    written: dict[str, str] = field(default_factory=dict)  # rule id -> as written
    used: set[str] = field(default_factory=set)  # rule ids that suppressed something

    def covers(self, finding: Finding) -> bool:
        if not self.file_level and finding.span.line != self.target:
            return False
        return self.rules is None or finding.rule in self.rules


def _scalar_spans(documents: Iterable[Document]) -> list[Span]:
    spans = []
    for document in documents:
        spans += document.keys.values()
        for path, value in iter_paths(document.data):
            if not isinstance(value, (dict, list)) and path in document.values:
                spans.append(document.values[path])
    return spans


def _inside(line: int, col: int, spans: list[Span]) -> bool:
    return any((s.line, s.col) < (line, col) < (s.end_line, s.end_col) for s in spans)


def _python_comments(text: str) -> dict[int, tuple[int, int]] | None:
    """Line -> (first, last) 1-based column of the comment on that line, from Python's
    tokenizer; None when the text does not tokenize (then no directive is trusted)."""
    import io
    import tokenize

    comments: dict[int, tuple[int, int]] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                (line, col), (_, end) = token.start, token.end
                comments[line] = (col + 1, end)
    except (tokenize.TokenError, SyntaxError, ValueError):
        return None
    return comments


def _in_comment(line: int, col: int, comments: dict[int, tuple[int, int]] | None) -> bool:
    if comments is None:
        return False
    first, last = comments.get(line, (0, -1))
    return first <= col <= last


def parse(
    text: str, documents: Iterable[Document], catalogue: Catalogue, *, python: bool = False
) -> tuple[list[Directive], list[tuple[Span, str]]]:
    """The suppression comments of a YAML (or, with `python`, Python) text, and the problems
    with them."""
    if "mplint" not in text:
        return [], []
    comments = _python_comments(text) if python else None
    directives: list[Directive] = []
    problems: list[tuple[Span, str]] = []
    scalars: list[Span] | None = None
    lines: list[str] | None = None
    for match in _COMMENT.finditer(text):
        if lines is None:  # most files that mention mplint hold no directive
            lines = text.split("\n")
        index = text.count("\n", 0, match.start())
        line, col = index + 1, match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        if python:
            if not _in_comment(line, col, comments):
                continue  # inside a string (a docstring), not a comment
        else:
            if scalars is None:
                scalars = _scalar_spans(documents)
            if _inside(line, col, scalars):
                continue  # '#' inside a quoted or block string, not a comment
        end_col = len(lines[index].rstrip()) + 1
        span = Span(line, col, line, max(end_col, col + 1))
        body = _BODY.match(match.group("body"))
        if body is None:
            problems.append((span, f"malformed suppression comment; {_USAGE}"))
            continue
        file_level = body.group("kind") == "disable-file"
        directive = Directive(span, file_level, None, body.group("why") or "", 0)
        if body.group("codes"):
            directive.rules = set()
            unknown: dict[str, None] = {}  # in order, once each
            for code in (c.strip() for c in body.group("codes").split(",")):
                rule = catalogue.find(code)
                if rule is None:
                    unknown[code] = None
                    continue
                directive.rules.add(rule.id)
                directive.written[rule.id] = code
            if unknown:
                problems.append((span, _unknown_message(list(unknown))))
            if not directive.rules:
                continue
        if not file_level:
            alone = not lines[index][: col - 1].strip()
            directive.target = _next_code_line(lines, index) if alone else line
        directives.append(directive)
    return directives, problems


def _unknown_message(codes: list[str]) -> str:
    shown = ", ".join(f"'{code}'" for code in codes[:5])
    if len(codes) > 5:
        shown += f" and {len(codes) - 5} more"
    noun = "rule" if len(codes) == 1 else "rules"
    return f"unknown {noun} {shown} in a suppression comment"


def _next_code_line(lines: list[str], index: int) -> int:
    for i in range(index + 1, len(lines)):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return i + 1
    return -1  # nothing follows: the directive covers nothing


def apply(
    text: str,
    documents: Iterable[Document],
    findings: list[Finding],
    catalogue: Catalogue,
    active: set[str],
    *,
    python: bool = False,
) -> list[tuple[Span, str]]:
    """Mark the findings that a directive covers (Finding.suppressed = justification) and
    return the problems to report as unused suppressions: unused, unknown and malformed
    directives.

    `active` holds the rules that ran on this file: a directive for a rule that did not run
    cannot be judged, so it is not reported as unused.
    """
    directives, problems = parse(text, documents, catalogue, python=python)
    if not directives:
        return problems
    # File-level directives first: they say the most general thing.
    ordered = sorted(directives, key=lambda d: not d.file_level)
    for finding in findings:
        if finding.kind in _NEVER_SUPPRESSED or finding.suppressed is not None:
            continue
        for directive in ordered:
            if directive.covers(finding):
                finding.suppressed = directive.justification
                directive.used.add(finding.rule)
                break
    for directive in directives:
        where = "in this file" if directive.file_level else f"on line {directive.target}"
        if directive.target == -1:
            where = "(no line follows the comment)"
        if directive.rules is None:
            if not directive.used:
                problems.append((directive.span, f"unused suppression: no finding {where}"))
            continue
        unused = [r for r in directive.written if r not in directive.used and r in active]
        if unused:
            names = ", ".join(directive.written[r] for r in unused)
            problems.append((directive.span, f"unused suppression: no {names} finding {where}"))
    return problems
