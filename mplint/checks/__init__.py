"""Python check functions for the rules that a declarative condition cannot express.

A check is registered under its rule id and receives the spec and the rule's options; it
yields Violations. The engine turns them into Findings (file, position, level) and applies
configuration and suppressions, so a check only knows about the request it reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from mplint.model import Path, Spec


@dataclass(frozen=True, slots=True)
class Violation:
    path: Path  # inside the spec
    message: str
    at_key: bool = True  # point at the key of `path` (else at its value)


Check = Callable[[Spec, dict[str, Any]], Iterator[Violation]]
CHECKS: dict[str, Check] = {}


def check(rule_id: str) -> Callable[[Check], Check]:
    """Register a check function for `rule_id`."""

    def register(function: Check) -> Check:
        if rule_id in CHECKS:
            raise ValueError(f"two checks registered for {rule_id}")
        CHECKS[rule_id] = function
        return function

    return register


def load_all() -> dict[str, Check]:
    """Import every check module (they register themselves) and return the registry."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return CHECKS
