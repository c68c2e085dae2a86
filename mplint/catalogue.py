"""The rule catalogue: every rule's metadata and documentation, read from rules/*.yaml.

It is the one registry of rules: Python checks register under a rule's name, mplint's own
machinery reports a Kind (model/kinds.py) that names its rule, and the entries say which
sources a rule applies to and which rules it supersedes (one defect, one finding)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from mplint.conditions import ConditionError, a_type, compile_rule
from mplint.model import Kind, Level
from mplint.parsing.datafile import DataFileError, load_yaml
from mplint.resources import data_dir
from mplint.ruledocs import BASES, explain
from mplint.sources import NAMES as SOURCE_NAMES
from mplint.suggestions import suggest

RULE_FIELDS = {
    "id", "name", "level", "summary", "tags", "source", "reference", "explanation",
    "example", "fix", "autofix", "options", "when", "require", "message", "path", "basis",
    "example-file", "example-config", "example-encoding", "sources", "supersedes",
}  # fmt: skip
DEFAULT_EXAMPLE_FILE = "spec.yaml"
# `autofix`: whether `mplint check --fix` can repair a finding (always, sometimes or never)
# and whether the repair is safe (applied by --fix) or unsafe (only with --unsafe-fixes).
AUTOFIX_FIELDS = ("available", "safety", "description")
AUTOFIX_AVAILABLE = ("always", "sometimes", "never")
AUTOFIX_SAFETY = ("safe", "unsafe")
REQUIRED_FIELDS = ("id", "name", "level", "summary", "explanation")
DEFAULT_SOURCE_URL = (
    "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModelPackage.html"
)


class CatalogueError(Exception):
    """A rules file or policy pack that cannot be used; names the file and line."""


@dataclass(frozen=True, slots=True)
class Autofix:
    """What `mplint check --fix` can do about a rule's findings."""

    available: str = "never"  # always, sometimes or never
    safety: str = "safe"  # safe: applied by --fix; unsafe: only with --unsafe-fixes
    description: str = ""  # what the fix changes, and when it is offered

    @property
    def fixable(self) -> bool:
        return self.available != "never"

    def documentation(self) -> str:
        if not self.fixable:
            return "No automatic fix."
        when = "always" if self.available == "always" else "sometimes"
        how = (
            "safe: `mplint check --fix` applies it"
            if self.safety == "safe"
            else "unsafe: applied only with `mplint check --fix --unsafe-fixes`"
        )
        text = f"Fix is {when} available ({how})."
        return f"{text} {self.description.strip()}" if self.description else text


NO_AUTOFIX = Autofix()


@dataclass(slots=True)
class Rule:
    id: str
    name: str
    level: Level
    summary: str
    explanation: str
    tags: list[str] = field(default_factory=list)
    source_url: str = DEFAULT_SOURCE_URL  # where the rule comes from (its entry's `source`)
    reference: str = ""
    basis: str = "policy"  # a key of BASES
    example: str = ""
    fix: str = ""
    example_file: str = ""  # the example's file name, when it is not a YAML spec
    example_config: str = ""  # the .mplint.yaml the example needs (rule options, packs)
    example_encoding: str = ""  # how the example is saved, when that is what it shows
    options: dict[str, Any] = field(default_factory=dict)  # option name -> default value
    autofix: Autofix = NO_AUTOFIX
    condition: dict[str, Any] | None = None  # declarative when/require/message/path
    origin: str = ""  # the file that defined it
    defined_at: str = ""  # file:line:col of its id
    compiled: Any = None  # conditions.DeclarativeRule, compiled with the default options
    # The sources (kinds of file) whose specs the rule checks; empty: every source.
    sources: tuple[str, ...] = ()
    # Rules (ids or names) whose findings this rule's finding replaces in the same spec (or,
    # at the file level, the same file): one defect, one finding. Catalogue resolves them.
    supersedes: tuple[str, ...] = ()

    @property
    def example_name(self) -> str:
        return self.example_file or DEFAULT_EXAMPLE_FILE

    def documentation(self) -> str:
        """The full text `mplint explain` prints (Markdown)."""
        return explain(self)


ID_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*[0-9]+$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
BUILTIN_PREFIX = "MP"
_TEXT_FIELDS = ("summary", "explanation", "source", "reference", "example", "fix", "basis",
                "example-file", "example-config", "example-encoding")  # fmt: skip
DECLARATIVE_FIELDS = ("when", "require", "message", "path")


def rules_from_file(path: Path, *, pack: bool = False) -> list[Rule]:
    """The rules of a rules/*.yaml file or a policy pack, validated; CatalogueError names
    the file, line and column of the first problem."""
    what = "policy pack" if pack else "rules file"
    try:
        datafile = load_yaml(path, what)
    except DataFileError as exc:
        raise CatalogueError(str(exc)) from None
    data = datafile.data
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise CatalogueError(
            f"{datafile.where(())}: a {what} is a mapping with a 'rules' list"
            + (f" (found {_kind(data)})" if not isinstance(data, dict) else "")
        )
    extra = sorted(str(key) for key in data if key != "rules")
    if extra:
        raise CatalogueError(
            f"{datafile.where((extra[0],))}: unknown top-level key '{extra[0]}' in a {what};"
            " only 'rules' is allowed"
        )
    return [rule_from_entry(entry, datafile, i, pack=pack) for i, entry in enumerate(data["rules"])]


def _kind(value: Any) -> str:
    return "an empty file" if value is None else a_type(value)


def rule_from_entry(entry: Any, datafile: Any, index: int, *, pack: bool = False) -> Rule:
    """One rule entry of `datafile` (a parsing.datafile.DataFile) at rules[index]."""
    base = ("rules", index)

    def fail(field_path: tuple, message: str, at_key: bool = False) -> CatalogueError:
        return CatalogueError(f"{datafile.where(base + field_path, at_key=at_key)}: {message}")

    if not isinstance(entry, dict):
        raise fail((), f"a rule is a mapping of fields, not {_kind(entry)}")
    for key in entry:
        if key not in RULE_FIELDS:
            hint = suggest(str(key), sorted(RULE_FIELDS), limit=1, contains=False)
            extra = f"; did you mean '{hint[0]}'?" if hint else ""
            raise fail((key,), f"unknown field '{key}' in a rule{extra}", True)
    for name in REQUIRED_FIELDS:
        if entry.get(name) in (None, ""):
            raise fail((), f"the rule has no '{name}'", True)
    for name in ("id", "name", "level", *_TEXT_FIELDS):
        if name in entry and not isinstance(entry[name], str):
            raise fail((name,), f"'{name}' is a string, not {_kind(entry[name])}")
    _check_example_fields(entry, fail)
    rule_id, rule_name = entry["id"], entry["name"]
    if not ID_PATTERN.match(rule_id):
        raise fail(("id",), f"rule id '{rule_id}' is not capital letters then digits (ACME001)")
    if pack and rule_id.startswith(BUILTIN_PREFIX):
        raise fail(("id",), f"rule id '{rule_id}': the {BUILTIN_PREFIX} prefix is mplint's own;"
                   " give the pack's rules a prefix of their own (ACME001)")  # fmt: skip
    if not NAME_PATTERN.match(rule_name):
        raise fail(("name",), f"rule name '{rule_name}' is not kebab-case (lower-case-words)")
    try:
        level = Level.parse(entry["level"])
    except ValueError as exc:
        raise fail(("level",), str(exc)) from None
    basis = entry.get("basis") or "policy"  # a pack's rule is its team's policy
    if basis not in BASES:
        raise fail(("basis",), f"unknown basis '{basis}'; use one of {', '.join(BASES)}")
    tags = entry.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise fail(("tags",), "'tags' is a list of strings")
    options = entry.get("options") or {}
    if not isinstance(options, dict) or not all(isinstance(k, str) for k in options):
        raise fail(("options",), "'options' is a mapping of option names to default values")
    autofix = _autofix(entry.get("autofix"), fail, pack)
    sources = _strings(entry, "sources", fail)
    unknown = [name for name in sources if name not in SOURCE_NAMES]
    if unknown:
        raise fail(("sources",), f"unknown source '{unknown[0]}'; use {', '.join(SOURCE_NAMES)}")
    supersedes = _strings(entry, "supersedes", fail)
    condition = {k: entry[k] for k in DECLARATIVE_FIELDS if k in entry}
    compiled = None
    if condition:
        try:
            compiled = compile_rule(
                condition,
                options,
                summary=entry["summary"],
                where=lambda p, at_key: datafile.where(base + p, at_key=at_key),
            )
        except ConditionError as exc:
            raise CatalogueError(str(exc)) from None
    elif pack:
        raise fail((), "a policy pack rule needs a 'require' condition (see rules/README.md)", True)
    return Rule(
        id=rule_id,
        name=rule_name,
        level=level,
        summary=entry["summary"],
        explanation=entry["explanation"],
        tags=list(tags),
        source_url=entry.get("source") or (datafile.name if pack else DEFAULT_SOURCE_URL),
        reference=entry.get("reference") or "",
        basis=basis,
        example=entry.get("example") or "",
        fix=entry.get("fix") or "",
        example_file=entry.get("example-file") or "",
        example_config=entry.get("example-config") or "",
        example_encoding=entry.get("example-encoding") or "",
        options=dict(options),
        autofix=autofix,
        condition=condition or None,
        origin=str(datafile.name),
        defined_at=datafile.where(base + ("id",), at_key=False),
        compiled=compiled,
        sources=tuple(sources),
        supersedes=tuple(supersedes),
    )


def _strings(entry: dict, name: str, fail: Any) -> list[str]:
    value = entry.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail((name,), f"'{name}' is a list of strings")
    return value


def _check_example_fields(entry: dict, fail: Any) -> None:
    """The example is written to a file by its test: a plain file name and a known codec."""
    name = entry.get("example-file")
    if name and (name != Path(name).name or name in (".", "..")):
        raise fail(("example-file",), f"'example-file' is a file name, not a path ('{name}')")
    encoding = entry.get("example-encoding")
    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise fail(("example-encoding",), f"unknown encoding '{encoding}'") from None


def _autofix(value: Any, fail: Any, pack: bool) -> Autofix:
    """A rule's `autofix` entry: {available, safety, description}."""
    if value is None:
        return NO_AUTOFIX
    if pack:
        raise fail(("autofix",), "a policy pack rule cannot declare an automatic fix", True)
    if not isinstance(value, dict):
        raise fail(("autofix",), "'autofix' is a mapping with available, safety, description")
    for key in value:
        if key not in AUTOFIX_FIELDS:
            raise fail(("autofix", key), f"unknown field '{key}' in autofix", True)
    available = value.get("available", "never")
    safety = value.get("safety", "safe")
    if available not in AUTOFIX_AVAILABLE:
        raise fail(("autofix", "available"), f"use one of {', '.join(AUTOFIX_AVAILABLE)}")
    if safety not in AUTOFIX_SAFETY:
        raise fail(("autofix", "safety"), f"use one of {', '.join(AUTOFIX_SAFETY)}")
    description = value.get("description", "")
    if not isinstance(description, str):
        raise fail(("autofix", "description"), "'description' is a string")
    return Autofix(available, safety, description)


class Catalogue:
    """All known rules, by id and by name."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules: dict[str, Rule] = {}
        self.by_name: dict[str, Rule] = {}
        for rule in rules:
            for table, key in ((self.rules, rule.id), (self.by_name, rule.name)):
                if key in table:
                    what = "id" if table is self.rules else "name"
                    raise CatalogueError(
                        f"{rule.defined_at or rule.origin}: rule {what} '{key}' is already"
                        f" defined at {table[key].defined_at or table[key].origin}"
                    )
                table[key] = rule
        # rule id -> the ids of the rules it supersedes
        self.supersedes: dict[str, frozenset[str]] = {}
        for rule in rules:
            if rule.supersedes:
                self.supersedes[rule.id] = frozenset(self._resolve(rule, rule.supersedes))

    def _resolve(self, rule: Rule, names: tuple[str, ...]) -> list[str]:
        found = []
        for name in names:
            other = self.find(name)
            if other is None:
                raise CatalogueError(f"{rule.defined_at}: rule {rule.id} supersedes '{name}',"
                                     " which is not a rule")  # fmt: skip
            found.append(other.id)
        return found

    def rule_for(self, kind: Kind) -> Rule:
        """The rule that owns a kind of problem (its entry's name is the kind's value)."""
        rule = self.by_name.get(kind.value)
        if rule is None:
            raise CatalogueError(f"no rule named '{kind.value}' in the catalogue")
        return rule

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
            rules += rules_from_file(pack, pack=True)
        return Catalogue(rules)


@lru_cache(maxsize=1)
def builtin() -> Catalogue:
    """The rules shipped with mplint."""
    rules: list[Rule] = []
    for path in sorted(data_dir("rules").glob("*.yaml")):
        rules += rules_from_file(path)
    return Catalogue(rules)
