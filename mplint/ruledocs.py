"""A rule's documentation as Markdown: what `mplint explain` prints, SARIF help carries and
docs/rules.md collects (`mplint rules --format markdown`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mplint.catalogue import Rule

# What a rule's verdict rests on (its entry's `basis`), as the docs say it.
BASES = {
    "api-model": "API model (botocore's machine-readable service model)",
    "api-reference": "API reference (a sentence of the documentation)",
    "developer-guide": "SageMaker or AWS developer guide",
    "sdk": "SageMaker Python SDK behaviour",
    "policy": "policy (a practice, not an AWS rule)",
    "input": "input (the file cannot be read as a request)",
}

# The fence language of an example file, by its extension.
FENCES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".py": "python"}

# The families of mplint's own rules, by id prefix, as docs/rules.md groups them.
FAMILIES = {
    "MP0": "the file itself (syntax, duplicate keys, unsafe tags, unreadable files)",
    "MP1": "the CreateModelPackage schema, generated from the AWS API model",
    "MP2": "identity and versioning (versioned and unversioned packages)",
    "MP3": "model validation and AWS Marketplace certification",
    "MP4": "locations (artifacts, container images, KMS keys, regions)",
    "MP5": "limits the API reference states, and uniqueness",
    "MP6": "documented values and members the API reference marks [REQUIRED]",
    "MP7": "where the request lives (pipelines, templates, describe output, Python)",
}

REGENERATE = "mplint rules --isolated --format markdown > docs/rules.md"


def fence(file_name: str) -> str:
    """The Markdown fence language for an example saved as `file_name`."""
    suffix = file_name[file_name.rfind(".") :].lower() if "." in file_name else ""
    return FENCES.get(suffix, "text")


def _block(language: str, text: str) -> list[str]:
    return [f"```{language}", text.rstrip("\n"), "```"]


def explain(rule: Rule, depth: int = 1) -> str:
    """The full documentation of one rule; `depth` is the level of its top heading."""
    h1, h2 = "#" * depth, "#" * (depth + 1)
    parts = [f"{h1} {rule.id} {rule.name}", "", f"Default level: {rule.level}.", ""]
    parts += [rule.summary.rstrip(".") + ".", "", f"{h2} Why is this bad?", ""]
    parts += [rule.explanation.strip()]
    if rule.reference:
        parts += ["", f"{h2} What the API says", "", f"> {rule.reference.strip()}"]
    if rule.example:
        parts += ["", f"{h2} Example", ""] + _example_setting(rule)
        parts += _block(fence(rule.example_name), rule.example)
    if rule.fix:
        saved = ", saved as UTF-8" if rule.example_encoding else ""
        parts += ["", f"Use instead{saved}:", ""] + _block(fence(rule.example_name), rule.fix)
    if rule.autofix.fixable:
        parts += ["", f"{h2} Automatic fix", "", rule.autofix.documentation()]
    if rule.condition:
        import yaml

        text = yaml.safe_dump(rule.condition, sort_keys=False, allow_unicode=True, width=96)
        parts += ["", f"{h2} Condition", "", "```yaml", text.rstrip(), "```"]
    if rule.options:
        parts += ["", f"{h2} Options", ""]
        parts += [f"- `{name}` (default: `{value!r}`)" for name, value in rule.options.items()]
    parts += [
        "",
        f"Tags: {', '.join(rule.tags) or '-'}. Basis: {BASES[rule.basis]}. Source: {rule.source_url}",
    ]
    return "\n".join(parts) + "\n"


def _example_setting(rule: Rule) -> list[str]:
    """The line that says how the example is saved and configured, when that matters."""
    saved = f"`{rule.example_name}`"
    if rule.example_encoding:
        saved += f", saved as {rule.example_encoding.upper()}"
    if not rule.example_config:
        return [f"In {saved}:", ""]
    config = _block("yaml", rule.example_config)
    return [f"In {saved}, with this `.mplint.yaml`:", "", *config, ""]


def catalogue_markdown(rules: Iterable[Rule]) -> str:
    """docs/rules.md: every rule, grouped by family, each with an anchor named by its id."""
    rules = list(rules)
    groups: dict[str, list[Rule]] = {}
    for rule in rules:
        groups.setdefault(_family(rule.id), []).append(rule)
    parts = [
        "# Rules",
        "",
        "<!-- Generated from the rule catalogue by `mplint rules --format markdown`; do not edit."
        f" For mplint's own rules: `{REGENERATE}`. -->",
        "",
        "Every rule mplint knows, as `mplint explain RULE` prints it. A rule is selected,",
        "ignored, levelled and suppressed by its id or its name (see",
        "[configuration.md](configuration.md)).",
        "",
        "The fix column says what `mplint check --fix` can do (see [fixes.md](fixes.md)):",
        "*safe* fixes are applied by `--fix`, *unsafe* ones only with `--unsafe-fixes`.",
        "",
        "| rule | name | level | fix | finds |",
        "|---|---|---|---|---|",
    ]
    parts += [
        f"| [{r.id}](#{r.id.lower()}) | `{r.name}` | {r.level} | {_fix_cell(r)}"
        f" | {_cell(r.summary)} |"
        for r in rules
    ]
    for family, members in groups.items():
        if family in FAMILIES:
            anchor, heading = f"{family}xx", f"{family}xx: {FAMILIES[family]}"
        else:  # a policy pack's rules
            anchor, heading = family, f"{family} rules"
        parts += ["", f'<a id="{anchor.lower()}"></a>', "", f"## {heading}"]
        for rule in members:
            parts += ["", f'<a id="{rule.id.lower()}"></a>', "", explain(rule, depth=3).rstrip()]
    return "\n".join(parts) + "\n"


def _family(rule_id: str) -> str:
    """The family of a rule id: MP212 -> MP2 (mplint's own families); a pack's rules group
    by prefix (ACME001 -> ACME)."""
    prefix = rule_id.rstrip("0123456789")
    return rule_id[: len(prefix) + 1] if prefix == "MP" else prefix


def _fix_cell(rule: Rule) -> str:
    fix = rule.autofix
    return f"{fix.available}, {fix.safety}" if fix.fixable else ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
