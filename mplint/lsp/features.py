"""What the language server answers, built from mplint's findings and parsed documents.

Diagnostics carry the rule id as `code`, a link to the rule's section of docs/rules.md as
`codeDescription`, the finding's level as severity and its exact range; hover on a key of a
request shows the API's documentation of that member (the editor schema's Markdown); the
code action "disable this rule on this line" appends (or extends) an inline suppression.
"""

from __future__ import annotations

import re

from lsprotocol import types

from mplint import sources
from mplint.api import Finding
from mplint.lsp.text import Units, from_lsp, lines, to_lsp, utf16
from mplint.parsing import looks_like_json
from mplint.parsing.positions import Lines
from mplint.project import rule_doc_url

SOURCE = "mplint"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "note": types.DiagnosticSeverity.Information,
}
# An inline suppression that names rules: `# mplint: disable=MP101,MP104 -- why`.
_SUPPRESSION = re.compile(
    r"(?:^|(?<=[ \t]))#[ \t]*mplint[ \t]*:[ \t]*disable(?P<list>[ \t]*=[ \t]*[^\s,]+(?:[ \t]*,[ \t]*[^\s,]+)*)?"
)


def diagnostics(findings: list[Finding], text: str, units: Units = utf16) -> list[types.Diagnostic]:
    doc_lines = lines(text)
    result = []
    for finding in findings:
        start = to_lsp(doc_lines, finding.line, finding.column, units)
        end = max(start, to_lsp(doc_lines, finding.end_line, finding.end_column, units))
        href = rule_doc_url(finding.rule)
        result.append(
            types.Diagnostic(
                range=types.Range(
                    start=types.Position(line=start[0], character=start[1]),
                    end=types.Position(line=end[0], character=end[1]),
                ),
                message=finding.message,
                severity=SEVERITY[finding.level],
                code=finding.rule,
                code_description=types.CodeDescription(href=href) if href else None,
                source=SOURCE,
                data={"name": finding.name},
            )
        )
    return result


# -- hover ----------------------------------------------------------------------------------


def hover(
    text: str, name: str, position: types.Position, units: Units = utf16
) -> types.Hover | None:
    """The API's documentation of the request member whose key is under `position`."""
    # Loaded with the first hover, not at the server's start-up.
    from mplint.editor_schema import member_markdown, node_at, source_schema

    doc_lines = lines(text)
    line, column = from_lsp(doc_lines, position.line, position.character, units)
    documents, _ = sources.parse(name, text)
    for spec in sources.find_specs(documents, explicit=True):
        root = spec.root
        for path, span in spec.document.keys.items():
            if path[: len(root)] != root or span.line != line:
                continue
            if not span.col <= column <= span.end_col:
                continue
            try:
                node, member, parent = node_at(source_schema(), path[len(root) :])
            except KeyError:
                return None  # not a member of the request (a typo, or the container's own)
            start = to_lsp(doc_lines, span.line, span.col, units)
            end = to_lsp(doc_lines, span.end_line, span.end_col, units)
            return types.Hover(
                contents=types.MarkupContent(
                    kind=types.MarkupKind.Markdown, value=member_markdown(node, member, parent)
                ),
                range=types.Range(
                    start=types.Position(line=start[0], character=start[1]),
                    end=types.Position(line=end[0], character=end[1]),
                ),
            )
    return None


# -- code actions ---------------------------------------------------------------------------


def accepts_comments(name: str, text: str) -> bool:
    """YAML and Python carry `#` comments; JSON does not (use per-file-ignores there)."""
    return name.endswith(".py") or not looks_like_json(name, text)


def suppression_edit(
    text: str, line: int, rule: str, units: Units = utf16
) -> types.TextEdit | None:
    """The edit that silences `rule` on the 0-based `line`: a new `# mplint: disable=RULE` at
    the end of the line, or RULE added to the suppression already there; None when the line's
    suppression covers every rule already."""
    doc_lines = lines(text)
    if not 0 <= line < len(doc_lines):
        return None
    current = doc_lines[line]
    existing = _SUPPRESSION.search(current)
    if existing is None:
        column, insert = len(current.rstrip()), f"  # mplint: disable={rule}"
        replace_to = len(current)
    elif existing.group("list") is None:
        return None  # `# mplint: disable` alone covers every rule
    else:
        column = replace_to = existing.end()
        insert = f",{rule}"
    start = units(current[:column])
    end = units(current[:replace_to])
    return types.TextEdit(
        range=types.Range(
            start=types.Position(line=line, character=start),
            end=types.Position(line=line, character=end),
        ),
        new_text=insert,
    )


def code_actions(
    uri: str, name: str, text: str, wanted: list[types.Diagnostic], units: Units = utf16
) -> list[types.CodeAction]:
    """A "disable RULE on this line" quick fix for each mplint diagnostic in `wanted`."""
    if not accepts_comments(name, text):
        return []
    actions = []
    seen: set[tuple[int, str]] = set()
    for diagnostic in wanted:
        if diagnostic.source != SOURCE or not isinstance(diagnostic.code, str):
            continue
        key = (diagnostic.range.start.line, diagnostic.code)
        if key in seen:
            continue
        seen.add(key)
        edit = suppression_edit(text, key[0], diagnostic.code, units)
        if edit is None:
            continue
        name_of = (diagnostic.data or {}).get("name") if isinstance(diagnostic.data, dict) else None
        label = f"{diagnostic.code} ({name_of})" if name_of else diagnostic.code
        actions.append(
            types.CodeAction(
                title=f"Disable {label} on this line",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=types.WorkspaceEdit(changes={uri: [edit]}),
            )
        )
    return actions


# -- fixes (the engine of `mplint check --fix`) ---------------------------------------------

FIX_ALL = "source.fixAll.mplint"


def _text_edit(doc_lines: list[str], span, new_text: str, units: Units) -> types.TextEdit:
    start = to_lsp(doc_lines, span.line, span.col, units)
    end = to_lsp(doc_lines, span.end_line, span.end_col, units)
    return types.TextEdit(
        range=types.Range(
            start=types.Position(line=start[0], character=start[1]),
            end=types.Position(line=end[0], character=end[1]),
        ),
        new_text=new_text,
    )


def fix_actions(
    uri: str, name: str, text: str, linter, wanted: list[types.Diagnostic], units: Units = utf16
) -> list[types.CodeAction]:
    """The fixes of `mplint check --fix` as code actions: one per mplint diagnostic in
    `wanted` that has a fix (unsafe ones say so), and "fix all", which applies every safe fix
    as `--fix` does, each proven by a re-check."""
    from mplint.fixes import compute_fixes, fix_text  # (as the editor schema in hover)

    fixes = compute_fixes(text, name, linter)
    if not fixes:
        return []
    doc_lines = lines(text)
    offsets = Lines(text)
    by_place = {(f.rule, f.finding.span.line, f.finding.span.col): f for f in fixes}
    actions = []
    for diagnostic in wanted:
        if diagnostic.source != SOURCE or not isinstance(diagnostic.code, str):
            continue
        start = diagnostic.range.start
        line, column = from_lsp(doc_lines, start.line, start.character, units)
        fix = by_place.get((diagnostic.code, line, column))
        if fix is None:
            continue
        edits = [_text_edit(doc_lines, e.span(offsets), e.text, units) for e in fix.edits]
        unsafe = "" if fix.safe else " (unsafe: check the result)"
        actions.append(
            types.CodeAction(
                title=f"Fix {fix.rule}: {fix.title}{unsafe}",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=fix.safe,
                edit=types.WorkspaceEdit(changes={uri: edits}),
            )
        )
    if any(f.safe for f in fixes):
        outcome = fix_text(text, name, linter)
        if outcome.changed:
            whole = types.Range(
                start=types.Position(line=0, character=0),
                end=types.Position(
                    line=len(doc_lines) - 1, character=units(doc_lines[-1]) if doc_lines else 0
                ),
            )
            count = len(outcome.applied)
            actions.append(
                types.CodeAction(
                    title=f"Fix all mplint findings with a safe fix ({count})",
                    kind=FIX_ALL,
                    edit=types.WorkspaceEdit(
                        changes={uri: [types.TextEdit(range=whole, new_text=outcome.text)]}
                    ),
                )
            )
    return actions
