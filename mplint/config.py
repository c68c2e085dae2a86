"""Settings: which rules run, at which level, with which options.

Built from defaults, then a config file, then the command line (later wins).
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mplint.catalogue import Catalogue, CatalogueError
from mplint.model import Level


class ConfigError(Exception):
    """A configuration problem; the CLI prints it and exits 2."""


@dataclass(slots=True)
class Settings:
    select: list[str] = field(default_factory=lambda: ["ALL"])
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    levels: dict[str, Level] = field(default_factory=dict)  # selector -> level
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # glob -> selectors
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule id/name -> options
    packs: list[Path] = field(default_factory=list)
    fail_on: Level = Level.ERROR
    source: str | None = None  # force one source for every file
    python: bool = False  # also read create_model_package(...) calls in .py files
    config_file: Path | None = None

    def catalogue(self) -> Catalogue:
        from mplint.catalogue import builtin

        try:
            return builtin().extended(self.packs) if self.packs else builtin()
        except CatalogueError as exc:
            raise ConfigError(str(exc)) from None

    def enabled(self, catalogue: Catalogue) -> dict[str, Level]:
        """Rule id -> effective level, for every rule that runs."""
        chosen: dict[str, Level] = {}
        for selector in self.select + self.extend_select:
            rules = self._resolve(catalogue, selector)
            chosen.update({rule.id: rule.level for rule in rules})
        for selector in self.ignore:
            for rule in self._resolve(catalogue, selector):
                chosen.pop(rule.id, None)
        for selector, level in self.levels.items():
            for rule in self._resolve(catalogue, selector):
                if rule.id in chosen:
                    chosen[rule.id] = level
        chosen["MP000"] = Level.ERROR  # internal errors are never hidden
        return chosen

    def ignored_for(self, catalogue: Catalogue, file: str) -> set[str]:
        """Rule ids that per-file-ignores switch off for `file` (a relative path)."""
        ids: set[str] = set()
        for pattern, selectors in self.per_file_ignores.items():
            if fnmatch.fnmatch(file, pattern) or fnmatch.fnmatch(Path(file).name, pattern):
                for selector in selectors:
                    ids.update(rule.id for rule in self._resolve(catalogue, selector))
        return ids

    def rule_options(self, rule: Any) -> dict[str, Any]:
        merged = dict(rule.options)
        merged.update(self.options.get(rule.id, {}))
        merged.update(self.options.get(rule.name, {}))
        return merged

    @staticmethod
    def _resolve(catalogue: Catalogue, selector: str) -> list:
        rules = catalogue.matching(selector)
        if not rules:
            raise ConfigError(f"unknown rule or prefix '{selector}' (see `mplint rules`)")
        return rules
