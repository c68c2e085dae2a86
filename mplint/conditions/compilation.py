"""Compiling a rule entry's when/require/message/path fields into a DeclarativeRule."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from mplint.checks import Violation
from mplint.conditions.errors import ConditionError, Locator, _no_location
from mplint.conditions.evaluation import All, Any_, Condition, Not, Operator, Test
from mplint.conditions.messages import TYPES, a_type, compile_message, render_message
from mplint.conditions.paths import PathExpr, expand, parse_path
from mplint.model import Path, Spec
from mplint.suggestions import suggest

COMBINATORS = ("all", "any", "not")
SUBJECTS = ("path", "option")
OPERATORS = (
    "present", "absent", "equals", "in", "contains", "matches", "type",
    "min-length", "max-length", "minimum", "maximum", "keys-match",
)  # fmt: skip


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
        known = [*COMBINATORS, *SUBJECTS, *OPERATORS]
        hint = suggest(str(key), known, limit=1, contains=False)
        text = f"unknown operator '{key}'"
        return text + (
            f"; did you mean '{hint[0]}'?" if hint else f"; use one of {', '.join(known)}"
        )

    def _no_option(self, name: Any) -> str:
        declared = ", ".join(self.options) or "none"
        return f"option {name!r} is not declared in the rule's 'options' (declared: {declared})"


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
