"""docs/rule-basis.md: what every built-in rule's verdict rests on, generated from rules/*.yaml.

Regenerate after changing a rule's `basis`, `source` or `reference`:

    python -m mplint.rule_basis > docs/rule-basis.md

tests/test_rule_basis.py fails when the committed page differs from what this writes.
"""

from __future__ import annotations

from mplint.catalogue import BASES, DEFAULT_SOURCE_URL, Catalogue, Rule, builtin

_MAX_SENTENCE = 240  # characters of the reference shown in the table


def _cell(text: str) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    if len(text) > _MAX_SENTENCE:
        text = text[: _MAX_SENTENCE - 3].rstrip() + "..."
    return text


def render(catalogue: Catalogue | None = None) -> str:
    """The Markdown page, one table row per rule, in id order."""
    rules = list(catalogue if catalogue is not None else builtin())
    counts = {basis: sum(r.basis == basis for r in rules) for basis in BASES}
    lines = [
        "# What each rule rests on",
        "",
        "Generated from `rules/*.yaml` by `python -m mplint.rule_basis`; do not edit by hand.",
        "",
        "A rule's level follows the strength of its basis: an **error** is what AWS rejects or",
        "what certainly fails (the API model, a sentence of the API reference or developer guide",
        "that says so); SageMaker Python SDK behaviour that the API does not document, a likely",
        "mistake and a practice are **warnings** or **notes**, and their messages say so.",
        "",
        "| basis | meaning | rules |",
        "|---|---|---:|",
    ]
    lines += [f"| `{key}` | {meaning} | {counts[key]} |" for key, meaning in BASES.items()]
    lines += [
        "",
        "| rule | name | level | basis | what it enforces | source |",
        "|---|---|---|---|---|---|",
    ]
    for rule in rules:
        enforces = _cell(rule.reference or rule.summary)
        lines.append(
            f"| {rule.id} | {rule.name} | {rule.level} | `{rule.basis}` | {enforces}"
            f" | {_link(rule)} |"
        )
    return "\n".join(lines) + "\n"


def _link(rule: Rule) -> str:
    if (
        rule.basis in ("input", "policy")
        and rule.source_url == DEFAULT_SOURCE_URL
        and not rule.reference
    ):
        return "mplint's own"  # about reading the file, not about AWS: nothing to cite
    return f"[{_link_text(rule.source_url)}]({rule.source_url})"


def _link_text(url: str) -> str:
    """A short label for a source URL: its last path segment without the extension."""
    tail = url.rstrip("/").rsplit("/", 1)[-1]
    return tail.split("#", 1)[0].removesuffix(".html").removesuffix(".py") or url


def main() -> None:
    import sys

    sys.stdout.write(render())


if __name__ == "__main__":
    main()
