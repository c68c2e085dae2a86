"""Declarative rule conditions: the small when/require language of rules/README.md.

A rule entry may say, instead of naming a Python check:

    path: InferenceSpecification.Containers[*].Image    # optional scope: each node is checked
    when: {path: $.SkipModelValidation, equals: All}     # optional: the rule applies only if
    require: {matches: '\\d{12}\\.dkr\\.ecr\\..*'}       # this must hold, else a finding
    message: "image {value} is not from an approved registry"

Conditions are plain data, compiled once per run into small objects and evaluated over the
spec's plain data. Nothing is ever executed: regexes are the only "code", and the only
placeholders in messages are {reason}, {value} and {path}.

Tests evaluate in three-valued logic: a value decided only at deploy time (model.Unknown)
makes a test unknown, and an unknown `require` is not a finding, an unknown `when` does not
apply the rule.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from mplint.checks import Violation
from mplint.model import Path, Spec, Unknown
from mplint.schema_check import member_name

COMBINATORS = ("all", "any", "not")
SUBJECTS = ("path", "option")
OPERATORS = (
    "present", "absent", "equals", "in", "contains", "matches", "type",
    "min-length", "max-length", "minimum", "maximum", "keys-match",
)  # fmt: skip
TYPES = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "list": (list,),
    "mapping": (dict,),
    "null": (type(None),),
}
PLACEHOLDERS = ("reason", "value", "path")
WILDCARD = "*"


class ConditionError(Exception):
    """A condition that cannot be compiled; the message names the file and line."""


# `where(path_in_entry, at_key)` -> "file:line:col" of a part of the rule entry.
Locator = Callable[[tuple, bool], str]


def _no_location(path: tuple, at_key: bool) -> str:
    return "<rule>"


# -- paths ---------------------------------------------------------------------------------

_SEGMENT = re.compile(
    r"""\[\*\] | \.\* | ^\*                # [*] or .* (or * first)
      | \.?(?P<name>[^.\[\]\s"'{}$*]+)    # .Name or Name
      | \[(?P<index>\d+)\]                 # [0]
      | \[(?P<q>["'])(?P<quoted>.*?)(?P=q)\]  # ["a.b"] or ['a.b']
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class PathExpr:
    """A parsed path: from the spec root (`$`) or from the rule's scope node."""

    text: str
    absolute: bool
    segments: tuple[str | int, ...]  # WILDCARD for [*]; ints are list indexes


def parse_path(text: str) -> PathExpr:
    """`A.B[0].C[*]`, `$.A`, `Tags[*].Key`, `CustomerMetadataProperties["a.b"]`; raises ValueError."""
    if not isinstance(text, str):
        raise ValueError(f"a path is a string, not {a_type(text)}")
    rest = text.strip()
    absolute = rest.startswith("$")
    if absolute:
        rest = rest[1:]
        if rest and rest[0] not in ".[":
            raise ValueError(f"path '{text}': expected '.' or '[' after '$'")
    segments: list[str | int] = []
    pos = 0
    while pos < len(rest):
        match = _SEGMENT.match(rest, pos)
        if not match or (match.group("name") and pos > 0 and rest[pos] != "."):
            raise ValueError(f"path '{text}': cannot read it from '{rest[pos:]}'")
        if not absolute and pos == 0 and rest.startswith("."):
            raise ValueError(f"path '{text}': a relative path starts with a key, not '.'")
        if match.group("name") is not None:
            segments.append(match.group("name"))
        elif match.group("index") is not None:
            segments.append(int(match.group("index")))
        elif match.group("quoted") is not None:
            segments.append(match.group("quoted"))
        else:
            segments.append(WILDCARD)
        pos = match.end()
    return PathExpr(text, absolute, tuple(segments))


@dataclass(slots=True)
class Node:
    """Where a path leads: an existing value, or a missing one under its nearest ancestor."""

    path: Path  # concrete path inside the spec (for a missing node: what was asked for)
    exists: bool
    value: Any = None
    parent: Path = ()  # for a missing node, the deepest existing ancestor


def expand(data: Any, base: Path, expr: PathExpr) -> list[Node]:
    """Every node `expr` selects, starting at `base` (or the root for `$` paths)."""
    start: Path = () if expr.absolute else base
    value = data
    for part in start:
        value = value[part]
    nodes = [Node(start, True, value)]
    for segment in expr.segments:
        following: list[Node] = []
        for node in nodes:
            if not node.exists:
                following.append(node)
                continue
            current = node.value
            if segment == WILDCARD:
                if isinstance(current, list):
                    following += [
                        Node(node.path + (i,), True, item) for i, item in enumerate(current)
                    ]
                elif isinstance(current, dict):
                    following += [Node(node.path + (k,), True, v) for k, v in current.items()]
                elif isinstance(current, Unknown):
                    following.append(Node(node.path, True, current))
                # A scalar has no items: nothing to check (the schema reports its type).
            elif isinstance(current, Unknown):
                following.append(Node(node.path + (segment,), True, current))
            elif isinstance(segment, int) and isinstance(current, list):
                if segment < len(current):
                    following.append(Node(node.path + (segment,), True, current[segment]))
                else:
                    following.append(Node(node.path + (segment,), False, parent=node.path))
            elif isinstance(segment, str) and isinstance(current, dict):
                if segment in current:
                    following.append(Node(node.path + (segment,), True, current[segment]))
                else:
                    following.append(Node(node.path + (segment,), False, parent=node.path))
            # A value of the wrong kind (a string where a mapping is expected) has no
            # members: nothing to check, the schema reports its type (one defect, one finding).
        nodes = following
    return nodes


def describe(path: Path) -> str:
    return member_name(path)


def show(value: Any, limit: int = 60) -> str:
    if isinstance(value, Unknown):
        return value.text
    text = f"'{value}'" if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _type_name(value: Any) -> str:
    for name, kinds in TYPES.items():
        if isinstance(value, kinds) and not (
            name in ("integer", "number") and isinstance(value, bool)
        ):
            return name
    return type(value).__name__


def a_type(value: Any) -> str:
    """'a string', 'an integer', ... for messages."""
    name = _type_name(value)
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


# -- outcomes ------------------------------------------------------------------------------


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


# -- compiling -----------------------------------------------------------------------------


@dataclass(slots=True)
class Compiler:
    """Turns the plain data of a rule entry into Conditions, or raises ConditionError."""

    options: dict[str, Any]  # the rule's options, defaults merged with the configuration
    where: Locator = _no_location
    option_where: Callable[[str], str | None] = lambda name: None

    def fail(self, at: tuple, message: str, at_key: bool = False) -> ConditionError:
        return ConditionError(f"{self.where(at, at_key)}: {message}")

    def condition(self, data: Any, at: tuple) -> Condition:
        if isinstance(data, list):
            if not data:
                raise self.fail(at, "an empty list of conditions")
            return All([self.condition(item, at + (i,)) for i, item in enumerate(data)])
        if not isinstance(data, dict):
            raise self.fail(
                at,
                f"a condition is a mapping (a test or all/any/not), not {a_type(data)}",
            )
        combinators = [key for key in data if key in COMBINATORS]
        if combinators:
            if len(data) != 1:
                other = next(key for key in data if key != combinators[0])
                raise self.fail(
                    at + (other,),
                    f"'{combinators[0]}' stands alone in its mapping; found '{other}' beside it",
                    True,
                )
            key = combinators[0]
            value = data[key]
            if key == "not":
                return Not(self.condition(value, at + (key,)))
            if not isinstance(value, list) or not value:
                raise self.fail(at + (key,), f"'{key}' takes a non-empty list of conditions")
            parts = [self.condition(item, at + (key, i)) for i, item in enumerate(value)]
            return All(parts) if key == "all" else Any_(parts)
        return self.test(data, at)

    def test(self, data: dict, at: tuple) -> Test:
        for key in data:
            if key not in OPERATORS and key not in SUBJECTS:
                raise self.fail(at + (key,), self._unknown(key), True)
        if "path" in data and "option" in data:
            raise self.fail(at + ("option",), "a test has a 'path' or an 'option', not both", True)
        path = option = None
        if "path" in data:
            text = self.resolve(data["path"], at + ("path",), str, "a path")
            try:
                path = parse_path(text)
            except ValueError as exc:
                raise self.fail(at + ("path",), str(exc)) from None
        if "option" in data:
            name = data["option"]
            if not isinstance(name, str) or name not in self.options:
                raise self.fail(at + ("option",), self._no_option(name))
            option = (name, self.options[name])
        presence: bool | None = None
        operators = []
        for key, value in data.items():
            if key in SUBJECTS:
                continue
            if key in ("present", "absent"):
                flag = self.resolve(value, at + (key,), bool, "true or false")
                wanted = flag if key == "present" else not flag
                if presence is not None and presence != wanted:
                    raise self.fail(
                        at + (key,), "'present' and 'absent' contradict each other", True
                    )
                presence = wanted
            else:
                operators.append(Operator(key, self.argument(key, value, at + (key,))))
        if presence is False and operators:
            raise self.fail(at, "a test that requires absence cannot also test the value", True)
        if presence is None and not operators:
            raise self.fail(at, "a test needs an operator: " + ", ".join(OPERATORS), True)
        return Test(path, option, presence, operators)

    def argument(self, name: str, value: Any, at: tuple) -> Any:
        if name == "equals":
            return self.resolve(value, at, object, "a value")
        if name == "contains":
            return self.resolve(value, at, object, "a value")
        if name == "in":
            return self.resolve(value, at, list, "a list of values")
        if name in ("matches", "keys-match"):
            patterns = self.resolve(value, at, (str, list), "a regex or a list of regexes")
            patterns = [patterns] if isinstance(patterns, str) else patterns
            compiled = []
            for i, pattern in enumerate(patterns):
                if not isinstance(pattern, str):
                    raise self.fail(at + (i,), f"a regex is a string, not {a_type(pattern)}")
                try:
                    compiled.append(re.compile(pattern))
                except re.error as exc:
                    where = self._origin(value, at + (i,) if isinstance(value, list) else at)
                    raise ConditionError(f"{where}: invalid regex {pattern!r}: {exc}") from None
            return compiled
        if name == "type":
            names = self.resolve(value, at, (str, list), "a type name or a list of them")
            names = [names] if isinstance(names, str) else names
            for type_name in names:
                if not isinstance(type_name, str) or type_name not in TYPES:
                    raise self.fail(
                        at, f"unknown type {type_name!r}; use one of {', '.join(TYPES)}"
                    )
            return names
        if name in ("min-length", "max-length"):
            number = self.resolve(value, at, int, "a whole number")
            if number < 0:
                raise self.fail(at, f"'{name}' must not be negative")
            return number
        return self.resolve(value, at, (int, float), "a number")  # minimum, maximum

    def resolve(self, value: Any, at: tuple, kind: Any, expected: str) -> Any:
        """The literal, or the option `{option: NAME}` refers to; checked against `kind`."""
        origin = at
        if isinstance(value, dict) and set(value) == {"option"}:
            name = value["option"]
            if not isinstance(name, str) or name not in self.options:
                raise self.fail(at, self._no_option(name))
            origin = ("option", name)
            value = self.options[name]
        if kind is object:
            return value
        kinds = kind if isinstance(kind, tuple) else (kind,)
        wrong_bool = isinstance(value, bool) and bool not in kinds
        if not isinstance(value, kinds) or wrong_bool:
            where = self._origin_text(origin, at)
            raise ConditionError(f"{where}: expected {expected}, not {a_type(value)}")
        return value

    def _origin(self, value: Any, at: tuple) -> str:
        if isinstance(value, dict) and set(value) == {"option"}:
            return self._origin_text(("option", value["option"]), at)
        return self.where(at, False)

    def _origin_text(self, origin: tuple, at: tuple) -> str:
        if origin[:1] == ("option",):
            configured = self.option_where(origin[1])
            if configured:
                return f"{configured} (option '{origin[1]}')"
        return self.where(at, False)

    def _unknown(self, key: Any) -> str:
        from mplint.suggestions import suggest

        known = [*COMBINATORS, *SUBJECTS, *OPERATORS]
        hint = suggest(str(key), known, limit=1, contains=False)
        text = f"unknown operator '{key}'"
        return text + (
            f"; did you mean '{hint[0]}'?" if hint else f"; use one of {', '.join(known)}"
        )

    def _no_option(self, name: Any) -> str:
        declared = ", ".join(self.options) or "none"
        return f"option {name!r} is not declared in the rule's 'options' (declared: {declared})"


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def compile_message(template: str, where: str) -> str:
    """Check a message template: only {reason}, {value}, {path}; `{{`/`}}` for braces."""
    for match in _PLACEHOLDER.finditer(template):
        text = match.group()
        if text in ("{{", "}}"):
            continue
        if match.group(1) not in PLACEHOLDERS:
            raise ConditionError(
                f"{where}: unknown placeholder {text!r} in message; use"
                f" {', '.join('{' + p + '}' for p in PLACEHOLDERS)} (and {{{{ }}}} for braces)"
            )
    return template


def render_message(template: str, hit: Hit) -> str:
    values = {
        "reason": hit.reason,
        "value": show(hit.value) if hit.value is not None else "-",
        "path": describe(hit.path),
    }

    def substitute(match: re.Match) -> str:
        text = match.group()
        if text in ("{{", "}}"):
            return text[0]
        return values.get(match.group(1) or "", text)

    return _PLACEHOLDER.sub(substitute, template)


@dataclass(slots=True)
class DeclarativeRule:
    """A compiled rule: for each scope node where `when` holds, `require` must hold."""

    scopes: list[PathExpr] | None
    when: Condition | None
    require: Condition
    message: str

    def check(self, spec: Spec, options: dict[str, Any] | None = None) -> Iterator[Violation]:
        """The rule as a check function (options were compiled in)."""
        data = spec.data
        seen: set[tuple] = set()
        for scope in self._scopes(data):
            if self.when is not None and self.when.evaluate(data, scope).state is not True:
                continue
            outcome = self.require.evaluate(data, scope)
            if outcome.state is not False:
                continue
            for hit in outcome.failures:
                path, at_key = hit.path, hit.at_key
                if path[: len(scope)] != scope:
                    path, at_key = scope, True  # blame outside the scope: point at the scope
                message = render_message(self.message, hit)
                if (path, message) not in seen:
                    seen.add((path, message))
                    yield Violation(path, message, at_key)

    def _scopes(self, data: Any) -> Iterator[Path]:
        if self.scopes is None:
            yield ()
            return
        for expr in self.scopes:
            for node in expand(data, (), expr):
                if node.exists:
                    yield node.path


def compile_rule(
    entry: dict[str, Any],
    options: dict[str, Any],
    *,
    summary: str = "",
    where: Locator = _no_location,
    option_where: Callable[[str], str | None] = lambda name: None,
) -> DeclarativeRule:
    """Compile the when/require/message/path fields of a rule entry (paths in `where` are
    relative to the entry)."""
    compiler = Compiler(options, where, option_where)
    if "require" not in entry:
        present = next(k for k in ("when", "path", "message") if k in entry)
        raise compiler.fail((present,), f"'{present}' needs a 'require' condition", True)
    scopes = None
    if "path" in entry:
        raw = entry["path"]
        texts = raw if isinstance(raw, list) else [raw]
        if not texts:
            raise compiler.fail(("path",), "'path' needs at least one path")
        scopes = []
        for i, text in enumerate(texts):
            at = ("path", i) if isinstance(raw, list) else ("path",)
            try:
                expr = parse_path(text)
            except ValueError as exc:
                raise compiler.fail(at, str(exc)) from None
            if expr.absolute:
                expr = PathExpr(expr.text, False, expr.segments)
            scopes.append(expr)
    try:
        when = compiler.condition(entry["when"], ("when",)) if "when" in entry else None
        require = compiler.condition(entry["require"], ("require",))
    except RecursionError:
        raise compiler.fail(("require",), "conditions nested too deeply", True) from None
    message = entry.get("message")
    if message is None:
        message = (summary.rstrip(".") + ": {reason}") if summary else "{reason}"
    elif not isinstance(message, str):
        raise compiler.fail(("message",), f"'message' is a string, not {a_type(message)}")
    message = compile_message(message, where(("message",), False))
    return DeclarativeRule(scopes, when, require, message)
