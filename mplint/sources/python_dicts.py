"""Python code: the dict behind `create_model_package(**request)`, followed without running it.

A request is often a dict built in the same file and passed with `**`. This module follows,
with the `ast` tree only, a name bound in the same scope (function or module) to a dict
literal, `dict(...)`, `{**base, ...}` or the return value of a helper function of the same
file whose returns are dicts, through the straight-line changes that follow it:
`request["Key"] = value` (also nested), `request.update({...})` / `update(Key=...)`,
`setdefault`, `pop`, `del request["Key"]` and `|=`.

A change made only on some paths (inside an `if`, a loop, a `try`) leaves its key unknown:
present, with a value decided at run time, never "missing". Anything else that could change
the dict in a way mplint cannot follow (it is a parameter, it is passed to another function,
a key that is a variable) makes the request unresolvable, and the call is reported as one
whose request is decided at run time.
"""

from __future__ import annotations

import ast
import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from mplint.model import Span

# Calls that read a dict and certainly do not change it: passing the request to them keeps
# it known. Any other call that receives the request itself may change it.
_READERS = frozenset({"print", "len", "repr", "str", "dumps", "dump", "pprint", "pformat"})
_LOGGERS = ("log", "logger", "logging", "LOGGER", "LOG")
_READ_METHODS = frozenset({"get", "items", "keys", "values", "copy", "__contains__"})
_COPIES = frozenset({"copy", "deepcopy"})
_SCOPES = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef)
_MAX_DEPTH = 12  # helper calls and names followed from one `**` (a guard against cycles)
_BUDGET = 100_000  # statements replayed per file: a generated file must not take minutes


@dataclass(slots=True)
class Opaque:
    """A value mplint cannot know: set on some paths only, or not a literal it can follow."""

    text: str
    span: Span
    some_paths: bool = False  # set (or deleted) on some paths only: maybe absent


@dataclass(slots=True)
class Entry:
    """One key of a followed dict (or item of a list): where it is written, what it holds."""

    key: Span
    value: ast.AST | DictValue | ListValue | Opaque

    def copy(self) -> Entry:
        value = self.value
        return Entry(self.key, value.copy() if isinstance(value, (DictValue, ListValue)) else value)


@dataclass(slots=True)
class DictValue:
    """A dict whose keys mplint knows; `span` is where it is written (the literal)."""

    span: Span
    entries: dict[str, Entry] = field(default_factory=dict)

    def copy(self) -> DictValue:
        return DictValue(self.span, {key: e.copy() for key, e in self.entries.items()})


@dataclass(slots=True)
class ListValue:
    """A list literal whose items a later `request["Containers"][0]["Image"] = v` edits."""

    span: Span
    items: list[Entry] = field(default_factory=list)

    def copy(self) -> ListValue:
        return ListValue(self.span, [item.copy() for item in self.items])


Container = DictValue | ListValue


class Unresolvable(Exception):
    """The request cannot be followed; the message says why (for the note)."""


class Resolver:
    """Follows `**expression` arguments of the calls of one parsed file."""

    def __init__(self, nodes: Tree, span: Callable[[ast.AST], Span]) -> None:
        self.tree = nodes.tree
        self.nodes = nodes
        self.span = span
        self._stored: dict[ast.AST, frozenset[str]] = {}
        self._dict_names: dict[ast.AST, frozenset[str]] = {}
        self._mentions: dict[int, frozenset[str]] = {}
        self._depth = 0
        self.budget = _BUDGET

    # -- the entry point ---------------------------------------------------------------

    def resolve(self, expression: ast.expr, at: ast.AST) -> DictValue:
        """The dict that `**expression` at node `at` passes (a copy the caller may keep)."""
        return self.expression(expression, at).copy()

    # -- expressions -------------------------------------------------------------------

    def expression(self, node: ast.expr, at: ast.AST) -> DictValue:
        self._depth += 1
        try:
            if self._depth > _MAX_DEPTH:
                raise Unresolvable("the request is built through too many steps to follow")
            return self._dispatch(node, at)
        finally:
            self._depth -= 1

    def _dispatch(self, node: ast.expr, at: ast.AST) -> DictValue:
        if isinstance(node, ast.Dict):
            return self._literal(node, at)
        if isinstance(node, ast.Name):
            return self._name(node.id, at)
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id == "dict":
                return self._dict_call(node, at)
            if _is_copy(node):
                return self.expression(node.args[0] if node.args else func.value, at)  # type: ignore[attr-defined]
            function = self._helper(func, at)
            if function is not None:
                return self._returns(function)
        raise Unresolvable(f"the request is {_describe(node)}")

    def _literal(self, node: ast.Dict, at: ast.AST) -> DictValue:
        result = DictValue(self.span(node))
        for key, value in zip(node.keys, node.values, strict=True):
            if key is None:  # {**base, ...}
                result.entries.update(self.expression(value, at).copy().entries)
            elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                result.entries[key.value] = Entry(self.span(key), self.value(value, at))
            else:
                raise Unresolvable(f"a key of the request is computed ({_describe(key)})")
        return result

    def _dict_call(self, node: ast.Call, at: ast.AST) -> DictValue:
        result = DictValue(self.span(node))
        if len(node.args) > 1 or any(isinstance(arg, ast.Starred) for arg in node.args):
            raise Unresolvable("the request is dict() of several arguments")
        if node.args:
            result.entries.update(self.expression(node.args[0], at).copy().entries)
        for keyword in node.keywords:
            if keyword.arg is None:
                result.entries.update(self.expression(keyword.value, at).copy().entries)
            else:
                result.entries[keyword.arg] = Entry(
                    self.keyword_span(keyword), self.value(keyword.value, at)
                )
        return result

    def value(self, node: ast.expr, at: ast.AST) -> ast.AST | DictValue | ListValue | Opaque:
        """A nested value: dicts are followed (a later `request["A"]["B"] = v` edits them),
        also through names and helper calls; anything else stays a node (Unknown unless it
        is a literal)."""
        if isinstance(node, ast.Dict):
            try:
                return self.expression(node, at)
            except Unresolvable:
                return Opaque(_source(node), self.span(node))
        if isinstance(node, (ast.List, ast.Tuple)) and not any(
            isinstance(item, ast.Starred) for item in node.elts
        ):
            items = [Entry(self.span(item), self.value(item, at)) for item in node.elts]
            return ListValue(self.span(node), items)
        if isinstance(node, ast.Call) or (
            isinstance(node, ast.Name) and self._may_be_dict(node.id, at)
        ):
            try:
                return self.expression(node, at)
            except Unresolvable:
                return node
        return node

    def _may_be_dict(self, name: str, at: ast.AST) -> bool:
        """Whether following `name` can give a dict: it is bound to a dict, a call or another
        name somewhere in its scope (most names of a request hold strings)."""
        scope = self._scope(at)
        if scope is not self.tree and not self.binds(scope, name):
            scope = self.tree
        names = self._dict_names.get(scope)
        if names is None:
            names = self._dict_names[scope] = _dict_names(scope)
        return name in names

    def mentions(self, statement: ast.stmt) -> frozenset[str]:
        """The names a statement uses or binds (a definition: only its own name)."""
        found = self._mentions.get(id(statement))
        if found is None:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                found = frozenset({statement.name})
            else:
                found = frozenset(n.id for n in ast.walk(statement) if isinstance(n, ast.Name))
            self._mentions[id(statement)] = found
        return found

    def keyword_span(self, keyword: ast.keyword) -> Span:
        start = self.span(keyword)
        return Span(start.line, start.col, start.line, start.col + len(keyword.arg or ""))

    # -- helper functions --------------------------------------------------------------

    def _helper(self, func: ast.expr, at: ast.AST) -> ast.FunctionDef | None:
        """The function of this file that `func(...)` calls, when it is unambiguous."""
        if isinstance(func, ast.Name):
            scope: ast.AST | None = self._scope(at)
            while scope is not None:
                found = [
                    s for s in _body(scope)
                    if isinstance(s, ast.FunctionDef) and s.name == func.id
                ]  # fmt: skip
                if len(found) == 1:
                    return found[0]
                if found:
                    return None
                scope = self._scope(scope) if not isinstance(scope, ast.Module) else None
            return None
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in ("self", "cls")
        ):
            owner = self.parent(self._scope(at))
            if isinstance(owner, ast.ClassDef):
                found = [
                    s for s in owner.body
                    if isinstance(s, ast.FunctionDef) and s.name == func.attr
                ]  # fmt: skip
                return found[0] if len(found) == 1 else None
        return None

    def _returns(self, function: ast.FunctionDef) -> DictValue:
        returns = [node for node in _own_nodes(function) if isinstance(node, ast.Return)]
        if not returns or any(r.value is None for r in returns):
            raise Unresolvable(f"{function.name}() does not return a dict on every path")
        results = [self.expression(r.value, r) for r in returns]  # type: ignore[arg-type]
        if len(results) == 1:
            return results[0]
        return _merge_paths(results, f"returned by {function.name}() on some paths")

    # -- names -------------------------------------------------------------------------

    def _name(self, name: str, at: ast.AST) -> DictValue:
        scope = self._scope(at)
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
            arguments = scope.args
            every = arguments.posonlyargs + arguments.args + arguments.kwonlyargs
            if name in {a.arg for a in every} or name in {
                a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None
            }:
                raise Unresolvable(f"'{name}' is a parameter of {scope.name}()")
            if not self.binds(scope, name):
                # not bound here: the module's (the function runs after the module's top level)
                return self._name(name, self._top_statement(at))
        state = _Tracker(self, name, at, scope)
        return state.run()

    # -- tree navigation ---------------------------------------------------------------

    def parent(self, node: ast.AST | None) -> ast.AST | None:
        return self.nodes.parent(node) if node is not None else None

    def binds(self, scope: ast.AST, name: str) -> bool:
        """Whether `name` is assigned anywhere in the scope (then it is the scope's own)."""
        stored = self._stored.get(scope)
        if stored is None:
            stored = self._stored[scope] = _stored_names(scope)
        return name in stored

    def _scope(self, node: ast.AST) -> ast.AST:
        parent = self.parent(node)
        while parent is not None and not isinstance(parent, _SCOPES):
            parent = self.parent(parent)
        return parent if parent is not None else self.tree

    def _top_statement(self, node: ast.AST) -> ast.AST:
        while (parent := self.parent(node)) is not None and not isinstance(parent, ast.Module):
            node = parent
        return node


class Tree:
    """The parents of the nodes of a module, recorded one top-level statement at a time, when
    a walk needs them: most of a file is never walked."""

    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self.parents: dict[ast.AST, ast.AST] = {statement: tree for statement in tree.body}
        self.starts = [first_line(statement) for statement in tree.body]
        self.walked: set[int] = set()

    def walk(self, statement: ast.stmt) -> Iterator[ast.AST]:
        """The nodes of a top-level statement, recording their parents."""
        self.walked.add(id(statement))
        parents = self.parents
        pending: list[ast.AST] = [statement]
        while pending:
            node = pending.pop()
            yield node
            for child in ast.iter_child_nodes(node):
                parents[child] = node
                pending.append(child)

    def parent(self, node: ast.AST) -> ast.AST | None:
        found = self.parents.get(node)
        if found is not None or node is self.tree:
            return found
        lineno = getattr(node, "lineno", None)
        if lineno is None:
            return None
        index = bisect.bisect_right(self.starts, lineno) - 1
        if index < 0:
            return None
        statement = self.tree.body[index]
        if id(statement) not in self.walked:
            for _ in self.walk(statement):
                pass
        return self.parents.get(node)


def first_line(statement: ast.stmt) -> int:
    """Where a statement starts, its decorators included."""
    decorators = getattr(statement, "decorator_list", None)
    return (
        min([statement.lineno] + [d.lineno for d in decorators]) if decorators else statement.lineno
    )


class _Tracker:
    """Replays, in order, the statements of one scope that run before `at`, keeping the
    state of the dict bound to `name`."""

    def __init__(self, resolver: Resolver, name: str, at: ast.AST, scope: ast.AST) -> None:
        self.resolver = resolver
        self.name = name
        self.at = at
        self.scope = scope
        self.state: DictValue | None = None
        self.path_to_at: set[int] = set()  # `at` and the nodes that hold it
        node: ast.AST | None = at
        while node is not None and node is not scope:
            self.path_to_at.add(id(node))
            node = resolver.parent(node)

    def run(self) -> DictValue:
        self._block(_body(self.scope), certain=True)
        if self.state is None:
            raise Unresolvable(f"'{self.name}' is not bound to a dict in this file")
        return self.state

    def _block(self, statements: list[ast.stmt], certain: bool) -> bool:
        """Replays statements; True when `at` was reached (nothing after it counts)."""
        resolver = self.resolver
        for statement in statements:
            resolver.budget -= 1
            if resolver.budget < 0:
                raise Unresolvable("the file is too large to follow the request through")
            if id(statement) in self.path_to_at:
                for block in _blocks(statement):
                    if any(id(s) in self.path_to_at for s in block):
                        return self._block(block, certain)
                return True  # the statement that holds the call itself
            if self.name in resolver.mentions(statement):
                self._statement(statement, certain)
        return False

    def _statement(self, statement: ast.stmt, certain: bool) -> None:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if statement.name == self.name:
                raise Unresolvable(f"'{self.name}' is redefined")
            return
        if isinstance(statement, (ast.With, ast.AsyncWith)):
            self._rebinds(statement.items)
            self._block(statement.body, certain)
            return
        blocks = list(_blocks(statement))
        if blocks:  # if / for / while / try / match: their changes happen on some paths only
            if isinstance(statement, (ast.For, ast.AsyncFor)):
                self._rebinds([statement.target])
            for block in blocks:
                self._block(block, certain=False)
            return
        self._simple(statement, certain)

    def _rebinds(self, nodes: list) -> None:
        for node in nodes:
            for sub in ast.walk(node):
                if (
                    isinstance(sub, ast.Name)
                    and sub.id == self.name
                    and isinstance(sub.ctx, ast.Store)
                ):
                    raise Unresolvable(f"'{self.name}' is rebound by a loop or context manager")

    def _simple(self, statement: ast.stmt, certain: bool) -> None:
        name = self.name
        if isinstance(statement, (ast.Assign, ast.AnnAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            value = statement.value
            if isinstance(value, ast.Name) and value.id == name:
                raise Unresolvable(f"'{name}' is also known by another name")
            for target in targets:
                if isinstance(target, ast.Name) and target.id == name:
                    if value is None:
                        continue  # a bare annotation binds nothing
                    if not certain:
                        raise Unresolvable(f"'{name}' is bound to another value on some paths")
                    self.state = self.resolver.expression(value, statement)
                elif (path := self._path(target)) is not None:
                    self._set(path, value, statement, certain)  # type: ignore[arg-type]
                elif any(
                    isinstance(n, (ast.Name, ast.Subscript))
                    and isinstance(n.ctx, ast.Store)
                    and _root_name(n) == name
                    for n in ast.walk(target)
                ):
                    raise Unresolvable(f"'{name}' is unpacked from another value")
            self._escapes(value, statement)
            return
        if isinstance(statement, ast.AugAssign):
            if isinstance(statement.target, ast.Name) and statement.target.id == name:
                if isinstance(statement.op, ast.BitOr):
                    self._update((), [statement.value], [], statement, certain)
                    return
                raise Unresolvable(f"'{name}' is changed by an operator mplint does not follow")
            path = self._path(statement.target)
            if path is not None:
                self._maybe(path, statement)
            self._escapes(statement.value, statement)
            return
        if isinstance(statement, ast.Delete):
            for target in statement.targets:
                path = self._path(target)
                if path is not None and path:
                    self._delete(path, statement, certain)
                elif isinstance(target, ast.Name) and target.id == name:
                    self.state = None
            return
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
            call = statement.value
            func = call.func
            if isinstance(func, ast.Attribute):
                path = self._path(func.value)
                if path is not None:
                    self._method(path, func.attr, call, statement, certain)
                    for argument in call.args + [k.value for k in call.keywords]:
                        self._escapes(argument, statement)
                    return
        for node in ast.walk(statement):
            if isinstance(node, ast.NamedExpr) and node.target.id == name:
                raise Unresolvable(f"'{name}' is bound by an assignment expression")
        self._escapes(statement, statement)

    def _escapes(self, node: ast.AST | None, statement: ast.stmt) -> None:
        """The dict is passed to a call that might change it (not a known reader)."""
        if node is None or self.state is None:
            return
        for sub in ast.walk(node):
            if not isinstance(sub, ast.Call) or _reads_only(sub.func):
                continue
            arguments = sub.args + [k.value for k in sub.keywords if k.arg is not None]
            for argument in arguments:
                target = argument.value if isinstance(argument, ast.Starred) else argument
                if isinstance(target, ast.Name) and target.id == self.name:
                    raise Unresolvable(
                        f"'{self.name}' is passed to {_source(sub.func)}(), which may change it"
                    )

    # -- changes -----------------------------------------------------------------------

    def _path(self, node: ast.AST) -> tuple[ast.Constant, ...] | None:
        """`name["A"][0]["B"]` -> the key and index constants; None when the node is not
        about `name`. A computed key makes the request unknown."""
        keys: list[ast.Constant] = []
        while isinstance(node, ast.Subscript):
            key = node.slice
            if not (isinstance(key, ast.Constant) and type(key.value) in (str, int)):
                if _root_name(node) == self.name:
                    raise Unresolvable(f"'{self.name}' is changed at a computed key")
                return None
            keys.append(key)
            node = node.value
        if isinstance(node, ast.Name) and node.id == self.name:
            return tuple(reversed(keys))
        return None

    def _container(self, path: tuple[ast.Constant, ...], statement: ast.stmt) -> Container | None:
        """The followed dict or list at `path` (None: it is opaque, a change there is not
        followed)."""
        if self.state is None:
            raise Unresolvable(f"'{self.name}' is changed before it is bound to a dict")
        current: Container = self.state
        for key in path:
            entry = _get(current, key.value)
            if entry is None:
                raise Unresolvable(f"'{self.name}' is changed under a key it does not have")
            if not isinstance(entry.value, (DictValue, ListValue)):
                return None
            current = entry.value
        return current

    def _set(
        self, path: tuple[ast.Constant, ...], value: ast.expr, statement: ast.stmt, certain: bool
    ) -> None:
        if not path:
            return
        container = self._container(path[:-1], statement)
        if container is None:
            return
        key = path[-1]
        if certain:
            new = self.resolver.value(value, statement)
        else:
            new = Opaque("set on some paths only", self.resolver.span(statement), True)
        _put(container, key.value, Entry(self.resolver.span(key), new), self.name)

    def _maybe(
        self, path: tuple[ast.Constant, ...], statement: ast.stmt, some_paths: bool = False
    ) -> None:
        """The value at `path` changes in a way mplint does not follow."""
        if not path:
            raise Unresolvable(f"'{self.name}' is changed in a way mplint does not follow")
        container = self._container(path[:-1], statement)
        if container is None:
            return
        key = path[-1]
        entry = _get(container, key.value)
        span = entry.key if entry is not None else self.resolver.span(key)
        if isinstance(container, ListValue):
            some_paths = False  # a list item is there or the list is shorter: not "absent"
        opaque = Opaque(_source(statement), self.resolver.span(statement), some_paths)
        _put(container, key.value, Entry(span, opaque), self.name)

    def _delete(self, path: tuple[ast.Constant, ...], statement: ast.stmt, certain: bool) -> None:
        container = self._container(path[:-1], statement)
        if container is None:
            return
        if isinstance(container, ListValue):
            self._maybe(path[:-1], statement)  # the items after it move: the list is unknown
        elif certain:
            container.entries.pop(path[-1].value, None)  # type: ignore[arg-type]
        elif path[-1].value in container.entries:
            self._maybe(path, statement, some_paths=True)

    def _method(
        self,
        path: tuple[ast.Constant, ...],
        method: str,
        call: ast.Call,
        statement: ast.stmt,
        certain: bool,
    ) -> None:
        if method in _READ_METHODS:
            return
        target = self._container(path, statement)
        if not isinstance(target, DictValue):
            if target is not None:
                self._maybe(path, statement)  # list.append(...) and the like
            return
        if method == "update":
            self._update(path, call.args, call.keywords, statement, certain)
        elif method == "setdefault" and len(call.args) in (1, 2) and not call.keywords:
            key = call.args[0]
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                raise Unresolvable(f"'{self.name}' is changed at a computed key")
            container = self._container(path, statement)
            if container is not None and key.value not in container.entries:
                value = call.args[1] if len(call.args) == 2 else ast.Constant(None)
                if len(call.args) == 1:
                    ast.copy_location(value, key)
                self._set(path + (key,), value, statement, certain)
        elif (
            method == "pop"
            and call.args
            and isinstance(call.args[0], ast.Constant)
            and isinstance(call.args[0].value, str)
        ):
            self._delete(path + (call.args[0],), statement, certain)
        else:
            self._maybe(path, statement)

    def _update(
        self,
        path: tuple[ast.Constant, ...],
        args: list[ast.expr],
        keywords: list[ast.keyword],
        statement: ast.stmt,
        certain: bool,
    ) -> None:
        container = self._container(path, statement)
        if not isinstance(container, DictValue):
            return  # opaque, or a list (whose update() Python refuses)
        try:
            changes = DictValue(self.resolver.span(statement))
            for arg in args:
                if isinstance(arg, ast.Starred):
                    raise Unresolvable("update(*...)")
                changes.entries.update(self.resolver.expression(arg, statement).entries)
            for keyword in keywords:
                if keyword.arg is None:
                    changes.entries.update(
                        self.resolver.expression(keyword.value, statement).entries
                    )
                else:
                    changes.entries[keyword.arg] = Entry(
                        self.resolver.keyword_span(keyword),
                        self.resolver.value(keyword.value, statement),
                    )
        except Unresolvable:
            self._maybe(path, statement)  # an update with keys mplint cannot see
            return
        for key, entry in changes.entries.items():
            if not certain:
                entry = Entry(entry.key, Opaque("set on some paths only", entry.key, True))
            container.entries[key] = entry


def _get(container: Container, key: str | int) -> Entry | None:
    if isinstance(container, DictValue):
        return container.entries.get(key) if isinstance(key, str) else None
    if isinstance(key, int) and -len(container.items) <= key < len(container.items):
        return container.items[key]
    return None


def _put(container: Container, key: str | int, entry: Entry, name: str) -> None:
    if isinstance(container, DictValue) and isinstance(key, str):
        container.entries[key] = entry
    elif isinstance(container, ListValue) and _get(container, key) is not None:
        container.items[key] = entry  # type: ignore[index]
    else:  # Python raises (an index out of range, a string index of a list): not followed
        raise Unresolvable(f"'{name}' is changed at a key or index it does not have")


def _merge_paths(results: list[DictValue], text: str) -> DictValue:
    """The dict of several return paths: a key returned by only some of them, or with
    different values, is unknown."""
    merged = DictValue(results[0].span)
    for result in results:
        for key, entry in result.entries.items():
            if key in merged.entries:
                continue
            everywhere = all(key in other.entries for other in results)
            if everywhere and all(_same(o.entries[key].value, entry.value) for o in results):
                merged.entries[key] = entry
            else:
                merged.entries[key] = Entry(entry.key, Opaque(text, entry.key, not everywhere))
    return merged


def _same(a: object, b: object) -> bool:
    if isinstance(a, ast.AST) and isinstance(b, ast.AST):
        return ast.dump(a) == ast.dump(b)
    return a is b


def _reads_only(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in _READERS
    if isinstance(func, ast.Attribute):
        owner = func.value
        if isinstance(owner, ast.Name) and (owner.id in _LOGGERS or owner.id == "json"):
            return True
        return func.attr in _READERS or func.attr in (
            "debug", "info", "warning", "error", "exception", "critical"
        )  # fmt: skip
    return False


def _is_copy(call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "copy" and not call.args:
        return True  # request.copy()
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "copy"
        and func.attr in _COPIES
        and len(call.args) == 1
    )


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Subscript, ast.Attribute)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _dict_names(scope: ast.AST) -> frozenset[str]:
    """The names a scope binds to something that may be a dict, or changes by key."""
    found: set[str] = set()
    for node in _own_nodes(scope):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(
            node.value, (ast.Dict, ast.Call, ast.Name, ast.Subscript, ast.Attribute)
        ):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store):
            root = _root_name(node)
            if root is not None:
                found.add(root)
    return frozenset(found)


def _stored_names(scope: ast.AST) -> frozenset[str]:
    """The names a scope assigns (a `global` or `nonlocal` name is not the scope's own)."""
    stored: set[str] = set()
    declared: set[str] = set()
    for node in _own_nodes(scope):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            stored.add(node.id)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            declared.update(node.names)
    return frozenset(stored - declared)


def _own_nodes(scope: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a scope, not those of the functions and classes defined inside it."""
    pending = list(ast.iter_child_nodes(scope))
    while pending:
        node = pending.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            pending.extend(ast.iter_child_nodes(node))


def _body(scope: ast.AST) -> list[ast.stmt]:
    return getattr(scope, "body", [])


def _blocks(statement: ast.stmt) -> Iterator[list[ast.stmt]]:
    """The statement lists inside a compound statement."""
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return
    for name in ("body", "orelse", "finalbody"):
        block = getattr(statement, name, None)
        if block:
            yield block
    for handler in getattr(statement, "handlers", ()):
        yield handler.body
    for case in getattr(statement, "cases", ()):
        yield case.body


def _describe(node: ast.AST) -> str:
    if isinstance(node, ast.Call):
        return f"the result of {_source(node.func)}()"
    return f"'{_source(node)}'"


def _source(node: ast.AST, limit: int = 60) -> str:
    try:
        text = ast.unparse(node)
    except Exception:  # unparse cannot fail on a parsed tree, but a message must not crash
        text = type(node).__name__
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
