"""Python check functions for the rules that a declarative condition cannot express.

A check is registered under its rule's name (the `name` of its entry in rules/*.yaml,
which gives it its id and level) and receives the spec and the rule's options; it
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
OptionsValidator = Callable[[dict[str, Any]], None]
CHECKS: dict[str, Check] = {}
# rule name -> a function that raises ValueError (with a message for people) when the rule's
# options cannot be used, e.g. a regular expression that does not compile.
VALIDATORS: dict[str, OptionsValidator] = {}


def check(rule: str, *, validate: OptionsValidator | None = None) -> Callable[[Check], Check]:
    """Register a check function for the rule named `rule`, with an optional validator of
    its options."""

    def register(function: Check) -> Check:
        if rule in CHECKS:
            raise ValueError(f"two checks registered for {rule}")
        CHECKS[rule] = function
        if validate is not None:
            VALIDATORS[rule] = validate
        return function

    return register


def validate_options(rule: str, options: dict[str, Any]) -> None:
    """Raise ValueError when `options` cannot be used by the check of the rule named `rule`
    (KeyError when no check is registered under that name)."""
    if rule not in CHECKS:
        raise KeyError(f"no check is registered for the rule named {rule!r}")
    validator = VALIDATORS.get(rule)
    if validator is not None:
        validator(options)


def load_all() -> dict[str, Check]:
    """Import every check module (they register themselves) and return the registry: rule
    name -> check."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return CHECKS
