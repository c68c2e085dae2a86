"""Evaluating compiled conditions over a spec's plain data, in three-valued logic.

A value decided only at deploy time (model.Unknown) makes a test unknown: an unknown
`require` is not a finding, an unknown `when` does not apply the rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mplint.conditions.messages import TYPES, _type_name, a_type, describe, show
from mplint.conditions.paths import Node, PathExpr, expand
from mplint.model import Path, Unknown


@dataclass(slots=True)
class Hit:
    """A place that makes a condition true or false, and why."""

    path: Path
    at_key: bool
    because: str | Callable[[], str]  # the reason, or how to build it (only when reported)
    value: Any = None
    weak: bool = False  # placed at the scope only because an option test has no position

    @property
    def reason(self) -> str:
        if callable(self.because):
            self.because = self.because()
        return self.because


@dataclass(slots=True)
class Outcome:
    state: bool | None  # None: unknown (a value decided at deploy time)
    failures: list[Hit] = field(default_factory=list)  # why it is false
    holds: list[Hit] = field(default_factory=list)  # where it is true (for `not`)


def _all(states: list[bool | None]) -> bool | None:
    if any(s is False for s in states):
        return False
    return None if any(s is None for s in states) else True


def _any(states: list[bool | None]) -> bool | None:
    if any(s is True for s in states):
        return True
    return None if any(s is None for s in states) else False


# -- operators -----------------------------------------------------------------------------


def _same(a: Any, b: Any) -> bool:
    """Equality that keeps YAML's types apart: true is not 1, "1" is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return a == b


def _size(value: Any) -> tuple[int, str] | None:
    if isinstance(value, str):
        return len(value), "characters"
    if isinstance(value, list):
        return len(value), "items"
    if isinstance(value, dict):
        return len(value), "entries"
    return None


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _keys_off(value: dict, patterns: list[re.Pattern]) -> list[Any]:
    return [k for k in value if not any(p.fullmatch(str(k)) for p in patterns)]


def _is_type(value: Any, names: list[str]) -> bool:
    return any(
        isinstance(value, TYPES[t]) and not (t in ("integer", "number") and isinstance(value, bool))
        for t in names
    )


@dataclass(slots=True)
class Operator:
    """One operator with its compiled argument."""

    name: str
    argument: Any

    def holds(self, value: Any) -> bool:
        """Whether `value` passes (fast: no message is built)."""
        name, arg = self.name, self.argument
        if name == "equals":
            return _same(value, arg)
        if name == "in":
            return any(_same(value, choice) for choice in arg)
        if name == "contains":
            if isinstance(value, list):
                return any(_same(item, arg) for item in value)
            return isinstance(value, str) and isinstance(arg, str) and arg in value
        if name == "keys-match":
            return isinstance(value, dict) and not _keys_off(value, arg)
        if name == "matches":
            return isinstance(value, str) and any(p.fullmatch(value) for p in arg)
        if name == "type":
            return _is_type(value, arg)
        if name in ("min-length", "max-length"):
            size = _size(value)
            if size is None:
                return False
            return size[0] >= arg if name == "min-length" else size[0] <= arg
        if name in ("minimum", "maximum"):
            if not _number(value):
                return False
            return value >= arg if name == "minimum" else value <= arg
        raise AssertionError(name)  # pragma: no cover - compile() admits only OPERATORS

    def explain(self, what: str, value: Any, held: bool) -> str:
        """Why the operator held (`held`) or did not, for a message."""
        name, arg = self.name, self.argument
        shown = f"{what} is {show(value)}"
        if name == "equals":
            return shown if held else f"{shown}, not {show(arg)}"
        if name == "in":
            allowed = ", ".join(show(c) for c in arg) or "(none are allowed)"
            return shown if held else f"{shown}; allowed: {allowed}"
        if name == "contains":
            return f"{what} {'contains' if held else 'does not contain'} {show(arg)}"
        if name == "keys-match":
            if held:
                return f"every key of {what} matches"
            if not isinstance(value, dict):
                return f"{what} is {a_type(value)}, not a mapping"
            patterns = " or ".join(p.pattern for p in arg) or "(no pattern set)"
            return f"key {show(_keys_off(value, arg)[0])} of {what} does not match {patterns}"
        if name == "matches":
            if not isinstance(value, str):
                return f"{what} is {a_type(value)}, not a string"
            if held:
                first = next(p.pattern for p in arg if p.fullmatch(value))
                return f"{what} {show(value)} matches {first}"
            if not arg:
                return f"{what} {show(value)} matches no allowed pattern (none set)"
            return f"{what} {show(value)} does not match {' or '.join(p.pattern for p in arg)}"
        if name == "type":
            actual = f"{what} is {_type_name(value)}"
            return actual if held else f"{actual}, not {' or '.join(arg)}"
        if name in ("min-length", "max-length"):
            size = _size(value)
            if size is None:
                return f"{what} is {a_type(value)}, which has no length"
            text = f"{what} has {size[0]} {size[1]}"
            bound = "minimum" if name == "min-length" else "maximum"
            return text if held else f"{text}; the {bound} is {arg}"
        if not _number(value):  # minimum, maximum
            return f"{what} is {a_type(value)}, not a number"
        bound = "at least" if name == "minimum" else "at most"
        return shown if held else f"{shown}; it must be {bound} {arg}"


# -- conditions ----------------------------------------------------------------------------


class Condition:
    def evaluate(self, data: Any, scope: Path) -> Outcome:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass(slots=True)
class Test(Condition):
    """`{path: P, op: arg, ...}`: every node P selects passes every operator."""

    path: PathExpr | None  # None: the scope node itself
    option: tuple[str, Any] | None  # `{option: NAME, ...}`: a test on a rule option
    presence: bool | None  # True: must exist; False: must not exist; None: not asked
    operators: list[Operator]

    def evaluate(self, data: Any, scope: Path) -> Outcome:
        if self.option is not None:
            name, value = self.option
            node = Node(scope, value is not None, value, scope)
            outcome = self._combine([self._node(node, f"option '{name}'", scope)])
            for hit in outcome.failures + outcome.holds:
                hit.weak = True
            return outcome
        nodes = (
            expand(data, scope, self.path) if self.path else [Node(scope, True, _at(data, scope))]
        )
        return self._combine([self._node(node, None, None) for node in nodes])

    def _combine(self, results: list[tuple[bool | None, Hit]]) -> Outcome:
        outcome = Outcome(_all([state for state, _ in results]))
        for state, hit in results:
            if state is False:
                outcome.failures.append(hit)
            elif state is True:
                outcome.holds.append(hit)
        return outcome

    def _node(self, node: Node, label: str | None, blame: Path | None) -> tuple[bool | None, Hit]:
        def what() -> str:
            return label or describe(node.path)

        if not node.exists:
            where = node.parent if blame is None else blame
            if self.presence is False:
                return True, Hit(where, True, lambda: f"{what()} is absent")
            return False, Hit(where, True, lambda: f"{what()} is missing")
        at = node.path if blame is None else blame
        value = node.value
        if self.presence is False:
            return False, Hit(at, True, lambda: f"{what()} is present", value)
        if isinstance(value, Unknown):
            state = True if not self.operators else None
            return state, Hit(at, False, lambda: f"{what()} is {show(value)}", value)
        for operator in self.operators:
            if not operator.holds(value):
                if operator.name == "keys-match" and isinstance(value, dict):
                    key = _keys_off(value, operator.argument)[0]
                    return False, Hit(
                        node.path + (key,),
                        True,
                        lambda o=operator: o.explain(what(), value, False),
                        key,
                    )
                return False, Hit(
                    at, False, lambda o=operator: o.explain(what(), value, False), value
                )
        operators = self.operators

        def held() -> str:
            reasons = [o.explain(what(), value, True) for o in operators]
            return " and ".join(reasons) if reasons else f"{what()} is present"

        return True, Hit(at, not operators, held, value)


def _at(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


@dataclass(slots=True)
class All(Condition):
    parts: list[Condition]

    def evaluate(self, data: Any, scope: Path) -> Outcome:
        outcomes = [part.evaluate(data, scope) for part in self.parts]
        result = Outcome(_all([o.state for o in outcomes]))
        for outcome in outcomes:
            result.failures += outcome.failures if outcome.state is False else []
            result.holds += outcome.holds
        return result


@dataclass(slots=True)
class Any_(Condition):
    parts: list[Condition]

    def evaluate(self, data: Any, scope: Path) -> Outcome:
        outcomes = [part.evaluate(data, scope) for part in self.parts]
        result = Outcome(_any([o.state for o in outcomes]))
        for outcome in outcomes:
            result.holds += outcome.holds if outcome.state is True else []
        if result.state is False:
            # One finding for the whole alternative, placed where the first one failed.
            firsts = [o.failures[0] for o in outcomes if o.failures]
            if firsts:
                place = next((hit for hit in firsts if not hit.weak), firsts[0])
                reason = lambda: " and ".join(hit.reason for hit in firsts)  # noqa: E731
                result.failures = [Hit(place.path, place.at_key, reason, place.value, place.weak)]
        return result


@dataclass(slots=True)
class Not(Condition):
    part: Condition

    def evaluate(self, data: Any, scope: Path) -> Outcome:
        inner = self.part.evaluate(data, scope)
        state = None if inner.state is None else not inner.state
        return Outcome(state, failures=inner.holds, holds=inner.failures)
