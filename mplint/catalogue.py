"""The rule catalogue: every rule's metadata and documentation, read from rules/*.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from mplint.model import Level

RULE_FIELDS = {
    "id", "name", "level", "summary", "tags", "source", "reference", "explanation",
    "example", "fix", "options", "when", "require", "message", "path",
}  # fmt: skip
REQUIRED_FIELDS = ("id", "name", "level", "summary", "explanation")
DEFAULT_SOURCE = (
    "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModelPackage.html"
)


class CatalogueError(Exception):
    """A rules file or policy pack that cannot be used; names the file and line."""


@dataclass(slots=True)
class Rule:
    id: str
    name: str
    level: Level
    summary: str
    explanation: str
    tags: list[str] = field(default_factory=list)
    source: str = DEFAULT_SOURCE
    reference: str = ""
    example: str = ""
    fix: str = ""
    options: dict[str, Any] = field(default_factory=dict)  # option name -> default value
    condition: dict[str, Any] | None = None  # declarative when/require/message/path
    origin: str = ""  # the file that defined it

    def documentation(self) -> str:
        """The full text `mplint explain` prints (Markdown)."""
        parts = [f"# {self.id} {self.name}", "", f"Default level: {self.level}.", ""]
        parts += [
            self.summary.rstrip(".") + ".",
            "",
            "## Why is this bad?",
            self.explanation.strip(),
        ]
        if self.reference:
            parts += ["", "## What the API says", f"> {self.reference.strip()}"]
        if self.example:
            parts += ["", "## Example", "```yaml", self.example.rstrip(), "```"]
        if self.fix:
            fix = self.fix.rstrip()
            parts += ["", "Use instead:"]
            parts += ["```yaml", fix, "```"] if "\n" in fix or ":" in fix else [fix]
        if self.options:
            parts += ["", "## Options"]
            parts += [f"- `{name}` (default: `{value!r}`)" for name, value in self.options.items()]
        parts += ["", f"Tags: {', '.join(self.tags) or '-'}. Source: {self.source}"]
        return "\n".join(parts) + "\n"


def _load_yaml_file(path: Path) -> Any:
    import yaml

    try:
        loader = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover
        loader = yaml.SafeLoader
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise CatalogueError(f"{where}: invalid YAML: {exc.problem}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CatalogueError(f"{path}: cannot read rules: {exc}") from None


def rules_from_file(path: Path) -> list[Rule]:
    data = _load_yaml_file(path)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise CatalogueError(f"{path}: expected a mapping with a 'rules' list")
    return [rule_from_entry(entry, path, i) for i, entry in enumerate(data["rules"])]


def rule_from_entry(entry: Any, path: Path, index: int) -> Rule:
    where = f"{path}: rules[{index}]"
    if not isinstance(entry, dict):
        raise CatalogueError(f"{where}: expected a mapping")
    unknown = sorted(set(entry) - RULE_FIELDS)
    if unknown:
        raise CatalogueError(f"{where}: unknown field(s) {', '.join(unknown)}")
    missing = [name for name in REQUIRED_FIELDS if not entry.get(name)]
    if missing:
        raise CatalogueError(f"{where}: missing field(s) {', '.join(missing)}")
    try:
        level = Level.parse(str(entry["level"]))
    except ValueError as exc:
        raise CatalogueError(f"{where}: {exc}") from None
    condition = {k: entry[k] for k in ("when", "require", "message", "path") if k in entry}
    return Rule(
        id=str(entry["id"]),
        name=str(entry["name"]),
        level=level,
        summary=str(entry["summary"]),
        explanation=str(entry["explanation"]),
        tags=list(entry.get("tags") or []),
        source=str(entry.get("source") or DEFAULT_SOURCE),
        reference=str(entry.get("reference") or ""),
        example=str(entry.get("example") or ""),
        fix=str(entry.get("fix") or ""),
        options=dict(entry.get("options") or {}),
        condition=condition or None,
        origin=str(path),
    )


class Catalogue:
    """All known rules, by id and by name."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules: dict[str, Rule] = {}
        self.by_name: dict[str, Rule] = {}
        for rule in rules:
            for table, key in ((self.rules, rule.id), (self.by_name, rule.name)):
                if key in table:
                    raise CatalogueError(
                        f"{rule.origin}: rule {key} is already defined in {table[key].origin}"
                    )
                table[key] = rule

    def __iter__(self):
        return iter(sorted(self.rules.values(), key=lambda r: r.id))

    def __len__(self) -> int:
        return len(self.rules)

    def find(self, id_or_name: str) -> Rule | None:
        return self.rules.get(id_or_name.upper()) or self.by_name.get(id_or_name.lower())

    def matching(self, selector: str) -> list[Rule]:
        """Rules a selector names: an id, a name, an id prefix (`MP1`) or `ALL`."""
        if selector.upper() == "ALL":
            return list(self)
        rule = self.find(selector)
        if rule:
            return [rule]
        return [r for r in self if r.id.startswith(selector.upper())]

    def extended(self, packs: list[Path]) -> Catalogue:
        rules = list(self.rules.values())
        for pack in packs:
            rules += rules_from_file(pack)
        return Catalogue(rules)


@lru_cache(maxsize=1)
def builtin() -> Catalogue:
    """The rules shipped with mplint."""
    from mplint.resources import data_dir

    rules: list[Rule] = []
    for path in sorted(data_dir("rules").glob("*.yaml")):
        rules += rules_from_file(path)
    return Catalogue(rules)
