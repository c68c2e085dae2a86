"""Compute the fixes of a text, apply them, and prove each one by checking the result.

    fixes = compute_fixes(text, name, linter)          # what an editor offers
    outcome = fix_text(text, name, linter, unsafe=False)  # what `check --fix` does

A round applies every fix that does not overlap another, then checks the new text from
scratch. The round is kept only if the text still parses, every fixed finding is gone and
no finding was added (after a key's spelling is fixed, findings anywhere in that request
were hidden by the typo, not added);
otherwise the fixes of that round are tried one at a time and the ones that fail are rolled
back and reported. Rounds repeat until nothing changes (a fix may make another possible),
at most MAX_ROUNDS times.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mplint import parsing, sources
from mplint.fixes.edits import Edit, apply_edits, overlaps
from mplint.fixes.fixers import FIXERS, Fix, Target
from mplint.model import Finding, Kind, Spec
from mplint.parsing.positions import Lines

if TYPE_CHECKING:
    from mplint.catalogue import Catalogue
    from mplint.engine import Linter

MAX_ROUNDS = 10
# What says that a file does not parse (a fix must never cause one).
_UNPARSABLE = frozenset(
    {Kind.INVALID_YAML, Kind.INVALID_JSON, Kind.UNRENDERED_TEMPLATE, Kind.INVALID_PYTHON}
)
# Sources whose text is not the user's to edit: saved describe output records what AWS
# answered, not what the user asks for.
_NOT_FIXED = frozenset({"describe"})


@dataclass(slots=True)
class Examined:
    """One text checked: its findings, and the specs to find where values are written."""

    text: str
    findings: list[Finding]
    specs: list[Spec] = field(default_factory=list)
    syntax: str = "yaml"
    parsed: bool = False  # specs and syntax are filled in


@dataclass(slots=True)
class Rejected:
    fix: Fix
    reason: str


@dataclass(slots=True)
class Outcome:
    """What fixing a text did: the new text, the fixes applied and those rolled back, the
    findings that remain, and how many unsafe fixes were left for --unsafe-fixes."""

    text: str
    applied: list[Fix]
    rejected: list[Rejected]
    findings: list[Finding]
    unsafe_left: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def rule_name(finding: Finding, catalogue: Catalogue) -> str | None:
    """The name of a finding's rule, which its fixer is registered under."""
    rule = catalogue.rules.get(finding.rule)
    return rule.name if rule is not None else None


def fixable(findings: list[Finding], catalogue: Catalogue) -> bool:
    """Whether any finding is one a fixer may repair (cheap: by its rule only)."""
    return any(f.suppressed is None and rule_name(f, catalogue) in FIXERS for f in findings)


def examine(text: str, name: str, linter: Linter) -> Examined:
    report = linter.check_text(text, name, explicit=True)
    return Examined(text, report.findings)


def _parse(state: Examined, name: str, linter: Linter) -> None:
    """Fill in the specs (only when some finding may be fixed: parsing again costs)."""
    if state.parsed:
        return
    forced = linter.settings.source
    documents, _ = sources.parse(name, state.text, forced)
    state.specs = list(sources.find_specs(documents, forced=forced, explicit=True))
    if sources.is_python(name, forced):
        state.syntax = "python"
    elif parsing.looks_like_json(name, state.text):
        state.syntax = "json"
    state.parsed = True


def _spec_of(finding: Finding, specs: list[Spec]) -> Spec | None:
    """The request a finding is about: the one with the longest root above its path."""
    best = None
    for spec in specs:
        if spec.document.index != finding.document:
            continue
        if finding.path[: len(spec.root)] == spec.root and (
            best is None or len(spec.root) > len(best.root)
        ):
            best = spec
    return best


def fixes_of(state: Examined, name: str, linter: Linter) -> list[Fix]:
    """Every fix offered for the unsuppressed findings of a checked text (safe or not)."""
    if not fixable(state.findings, linter.catalogue):
        return []
    _parse(state, name, linter)
    lines = Lines(state.text)
    found: list[Fix] = []
    for finding in state.findings:
        name = rule_name(finding, linter.catalogue)
        fixer = FIXERS.get(name) if name is not None else None
        if fixer is None or finding.suppressed is not None:
            continue
        spec = _spec_of(finding, state.specs)
        if spec is None or spec.source in _NOT_FIXED:
            continue
        path = finding.path[len(spec.root) :]
        target = Target(state.text, lines, state.syntax, finding, spec, path, name)
        try:
            fix = fixer(target)
        except (LookupError, TypeError, ValueError):
            fix = None  # the value is not where or what the fixer expects: no fix
        if fix is not None:
            found.append(fix)
    return found


def compute_fixes(text: str, name: str, linter: Linter) -> list[Fix]:
    """The fixes offered for `text` (the file named `name`), safe and unsafe, unverified:
    each applies to `text` on its own (see fix_text for applying and proving them)."""
    return fixes_of(examine(text, name, linter), name, linter)


def _key(finding: Finding) -> tuple:
    return (finding.rule, finding.document, finding.path)


def _problem(before: Examined, after: Examined, fixes: list[Fix]) -> str | None:
    """Why the checked result of `fixes` cannot be kept, or None when it can."""
    new_syntax = {f.kind for f in after.findings if f.kind in _UNPARSABLE} - {
        f.kind for f in before.findings if f.kind in _UNPARSABLE
    }
    if new_syntax:
        return "the file would no longer parse"
    remaining = {_key(f) for f in after.findings if f.suppressed is None}
    for fix in fixes:
        if fix.key in remaining:
            return f"{fix.rule} would still be reported there"
    added = Counter(_key(f) for f in after.findings if f.suppressed is None)
    added.subtract(_key(f) for f in before.findings if f.suppressed is None)
    revealed = [(fix.finding.document, fix.reveals) for fix in fixes if fix.reveals is not None]
    for (rule, document, path), count in sorted(added.items(), key=str):
        if count <= 0 or any(document == d and path[: len(r)] == r for d, r in revealed):
            continue
        where = "/".join(map(str, path)) or "the top level"
        return f"it would add a {rule} finding at {where}"
    return None


def _batch(fixes: list[Fix]) -> list[Fix]:
    """Fixes whose edits overlap neither each other (first come first kept)."""
    chosen: list[Fix] = []
    taken: list[Edit] = []
    for fix in sorted(fixes, key=lambda f: min(e.start for e in f.edits)):
        if any(overlaps(a, b) for a in fix.edits for b in taken):
            continue
        chosen.append(fix)
        taken.extend(fix.edits)
    return chosen


def fix_text(text: str, name: str, linter: Linter, *, unsafe: bool = False) -> Outcome:
    """Apply the safe fixes (and the unsafe ones with `unsafe`) to `text` until nothing
    changes; every kept fix is proven by a check of its result."""
    state = examine(text, name, linter)
    applied: list[Fix] = []
    rejected: list[Rejected] = []
    refused: set[tuple] = set()  # findings whose fix was rolled back: not tried again
    for _ in range(MAX_ROUNDS):
        offered = [
            f for f in fixes_of(state, name, linter) if (f.safe or unsafe) and f.key not in refused
        ]
        batch = _batch(offered)
        if not batch:
            break
        after = _try(state, batch, name, linter)
        if isinstance(after, Examined):
            applied += batch
            state = after
            continue
        for fix in batch:  # one at a time, each against the text as it now is
            current = next((f for f in fixes_of(state, name, linter) if f.key == fix.key), None)
            if current is None:
                continue
            result = _try(state, [current], name, linter)
            if isinstance(result, Examined):
                applied.append(current)
                state = result
            else:
                refused.add(current.key)
                rejected.append(Rejected(current, result))
    unsafe_left = 0
    if not unsafe:
        unsafe_left = sum(not f.safe for f in fixes_of(state, name, linter))
    return Outcome(state.text, applied, rejected, state.findings, unsafe_left)


def _try(state: Examined, fixes: list[Fix], name: str, linter: Linter) -> Examined | str:
    """The checked text with `fixes` applied, or why it cannot be kept."""
    try:
        new_text = apply_edits(state.text, [e for f in fixes for e in f.edits])
    except ValueError as exc:
        return str(exc)
    if new_text == state.text:
        return "the fix changes nothing"
    after = examine(new_text, name, linter)
    problem = _problem(state, after, fixes)
    return after if problem is None else problem


def describe(fix: Fix) -> str:
    """`MP104 at 3:22: replace 'approved' with 'Approved'`."""
    span = fix.finding.span
    return f"{fix.rule} at {span.line}:{span.col}: {fix.title}"


__all__ = [
    "Edit",
    "Examined",
    "Fix",
    "Outcome",
    "Rejected",
    "compute_fixes",
    "describe",
    "examine",
    "fix_text",
    "fixable",
    "fixes_of",
]
