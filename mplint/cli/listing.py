"""`mplint rules` and `mplint explain`: the built-in rules and those of the configuration's
policy packs, listed or explained.

mplint/cli/__init__.py imports this module only when one of the two runs.
"""

from __future__ import annotations

import json

from mplint.catalogue import Catalogue, CatalogueError
from mplint.cli.usage import emit, fail
from mplint.config import ConfigError
from mplint.config.files import settings_for
from mplint.ruledocs import catalogue_markdown


def list_rules(output_format: str, config: str | None, isolated: bool) -> None:
    """Print every rule as a table, JSON or Markdown (docs/rules.md)."""
    catalogue = _catalogue(config, isolated)
    if output_format == "json":
        entries = [
            {"id": r.id, "name": r.name, "level": str(r.level), "summary": r.summary,
             "tags": r.tags, "source": r.source_url, "fix": r.autofix.available,
             "fix_safety": r.autofix.safety if r.autofix.fixable else None}
            for r in catalogue
        ]  # fmt: skip
        emit(json.dumps(entries, indent=2))
    elif output_format == "table":
        # The fix column, as in ruff's rule table: "fix" is applied by --fix, "fix*" only
        # with --unsafe-fixes.
        width = max(len(r.name) for r in catalogue)
        for r in catalogue:
            fix = "" if not r.autofix.fixable else "fix" if r.autofix.safety == "safe" else "fix*"
            emit(f"{r.id}  {r.name:<{width}}  {r.level!s:<7}  {fix:<4}  {r.summary}")
    elif output_format == "markdown":  # docs/rules.md
        emit(catalogue_markdown(catalogue), nl=False)
    else:
        fail(f"unknown format '{output_format}'; use table, json or markdown")


def explain_rule(rule: str, config: str | None, isolated: bool) -> None:
    """Print the full documentation of the rule with this id or name."""
    found = _catalogue(config, isolated).find(rule)
    if found is None:
        fail(f"unknown rule '{rule}' (see `mplint rules`)")
    emit(found.documentation(), nl=False)


def _catalogue(config: str | None, isolated: bool) -> Catalogue:
    """The built-in rules and those of the packs the configuration names."""
    if config and isolated:
        fail("--config and --isolated exclude each other")
    try:
        return settings_for([], config, isolated).catalogue()
    except (CatalogueError, ConfigError) as exc:
        fail(str(exc))
