"""Settings: which rules run, at which level, with which options.

Built from defaults, then a config file, then the command line (later wins).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from mplint.catalogue import Catalogue, CatalogueError, builtin
from mplint.config.globs import glob, relative_to
from mplint.model import Kind, Level


class ConfigError(Exception):
    """A configuration problem; the CLI prints it and exits 2."""


@lru_cache(maxsize=4)
def _catalogue(packs: tuple[Path, ...]) -> Catalogue:
    """The built-in rules plus those of the packs (read once per run)."""
    try:
        return builtin().extended(list(packs)) if packs else builtin()
    except CatalogueError as exc:
        raise ConfigError(str(exc)) from None


@dataclass(slots=True)
class Selection:
    """One layer of rule selection (the configuration file, then the command line)."""

    select: list[str] | None = None  # None: keep what the layers below chose
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Settings:
    select: list[str] = field(default_factory=lambda: ["ALL"])
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    cli: Selection | None = None  # the command line's selection, applied last
    levels: dict[str, Level] = field(default_factory=dict)  # selector -> level
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # glob -> selectors
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule id/name -> options
    packs: list[Path] = field(default_factory=list)
    fail_on: Level = Level.ERROR
    source: str | None = None  # force one source for every file
    python: bool = False  # also read create_model_package(...) calls in .py files
    max_file_size: int | None = None  # bytes; None: model.limits.DEFAULT_MAX_BYTES
    include: list[str] = field(default_factory=lambda: ["."])  # checked when no path is given
    exclude: list[str] = field(default_factory=list)  # globs, see config/globs.py
    root: Path | None = None  # the folder globs and packs are relative to (else the cwd)
    api_model: str = "auto"  # auto, bundled or a file (see mplint/apimodel)
    # "file:line:col" of configuration values by key path, e.g. ("options", "ACME001", "x")
    locations: dict[tuple, str] = field(default_factory=dict)

    def project_root(self) -> str:
        return str(self.root) if self.root else os.getcwd()

    def catalogue(self) -> Catalogue:
        return _catalogue(tuple(self.packs))

    def enabled(self, catalogue: Catalogue) -> dict[str, Level]:
        """Rule id -> effective level, for every rule that runs."""
        chosen: dict[str, Level] = {}
        layers = [Selection(self.select, self.extend_select, self.ignore)]
        layers += [self.cli] if self.cli else []
        for layer in layers:
            if layer.select is not None:  # a new selection replaces everything below it
                chosen = {}
            for selector in (layer.select or []) + layer.extend_select:
                rules = self._resolve(catalogue, selector)
                chosen.update({rule.id: rule.level for rule in rules})
            for selector in layer.ignore:
                for rule in self._resolve(catalogue, selector):
                    chosen.pop(rule.id, None)
        for selector, level in self.levels.items():
            for rule in self._resolve(catalogue, selector):
                if rule.id in chosen:
                    chosen[rule.id] = level
        chosen[catalogue.rule_for(Kind.INTERNAL_ERROR).id] = Level.ERROR  # never hidden
        return chosen

    def ignored_for(self, catalogue: Catalogue, file: str) -> set[str]:
        """Rule ids that per-file-ignores switch off for `file` (as displayed: relative to
        the current directory, or absolute)."""
        if not self.per_file_ignores:
            return set()

        relative = relative_to(file, self.project_root())
        ids: set[str] = set()
        for pattern, selectors in self.per_file_ignores.items():
            if glob(pattern).matches(relative):
                for selector in selectors:
                    ids.update(rule.id for rule in self._resolve(catalogue, selector))
        return ids

    def excluded(self, path: str) -> bool:
        """Whether `exclude` covers `path` (a file or folder)."""
        if not self.exclude:
            return False

        relative = relative_to(path, self.project_root())
        return any(glob(pattern).matches(relative) for pattern in self.exclude)

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
