"""The configuration file: found by walking up from the checked path, read, validated.

`.mplint.yaml` (or `.mplint.yml`), or the `[tool.mplint]` table of `pyproject.toml`, or the
file given with `--config`. Every unknown key and bad value is a ConfigError naming
`file:line:col`. Relative paths in the file (packs, globs) are relative to its folder.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mplint.conditions import a_type
from mplint.config import ConfigError, Settings
from mplint.config.globs import glob
from mplint.model import Level
from mplint.model.limits import parse_size
from mplint.parsing.datafile import DataFileError, display, load_yaml
from mplint.suggestions import suggest

YAML_NAMES = (".mplint.yaml", ".mplint.yml")
PYPROJECT = "pyproject.toml"
KEYS = (
    "select", "extend-select", "ignore", "levels", "per-file-ignores", "options", "packs",
    "include", "exclude", "fail-on", "max-file-size", "python", "api-model",
)  # fmt: skip

# where(key_path, at_key) -> "file:line:col"
Where = Callable[..., str]


def find(start: Path) -> Path | None:
    """The nearest configuration file in `start` or a folder above it."""
    folder = start if start.is_dir() else start.parent
    for directory in (folder, *folder.parents):
        for name in YAML_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        candidate = directory / PYPROJECT
        if candidate.is_file() and _has_mplint_table(candidate):
            return candidate
    return None


def _has_mplint_table(path: Path) -> bool:
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    if b"mplint" not in raw:  # cheap: most pyproject.toml files are not ours
        return False
    data, _ = _read_toml(path, _decode_toml(path, raw))
    return isinstance(data.get("tool"), dict) and "mplint" in data["tool"]


def _decode_toml(path: Path, raw: bytes) -> str:
    """TOML is UTF-8; a file that is not is an error at its first bad byte (skipping it would
    silently drop the [tool.mplint] table it holds)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[start : exc.start].decode("utf-8", "replace")) + 1
        raise ConfigError(
            f"{display(path)}:{line}:{col}: invalid TOML: byte 0x{raw[exc.start]:02x} is not"
            " UTF-8 (TOML files are UTF-8)"
        ) from None


def _read_toml(path: Path, text: str) -> tuple[dict, Where]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    name = display(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise ConfigError(f"{name}: invalid TOML: nested too deeply to read") from None
    return data, _toml_locator(text, name, path.name == PYPROJECT)


def _toml_locator(text: str, name: str, in_pyproject: bool) -> Where:
    """Best-effort positions for TOML (tomllib keeps none): the line of each key, found by
    reading forward from the [tool.mplint] table for the parts of the key path in turn."""
    header = re.search(r"^\s*\[\s*tool\.mplint\b", text, re.MULTILINE) if in_pyproject else None
    origin = header.start() if header else 0

    def where(path: tuple = (), at_key: bool = True) -> str:
        position = found = origin
        for part in path:
            if isinstance(part, int):
                continue  # list items: point at the list's key
            key = re.escape(str(part))
            match = re.compile(rf"""(?<![\w-])(["']?){key}\1\s*[=.\]]""").search(text, position)
            if not match:
                break
            found, position = match.start(), match.end()
        line = text.count("\n", 0, found) + 1
        col = found - (text.rfind("\n", 0, found) + 1) + 1
        return f"{name}:{line}:{col}"

    return where


def load(path: Path) -> tuple[Any, Where]:
    """The configuration mapping of `path` and a way to name positions in it."""
    if path.suffix == ".toml":
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise ConfigError(f"{display(path)}: configuration file not found") from None
        except OSError as exc:
            raise ConfigError(f"{display(path)}: cannot read the configuration: {exc}") from None
        data, where = _read_toml(path, _decode_toml(path, raw))
        if path.name == PYPROJECT:
            tool = data.get("tool")
            if not isinstance(tool, dict) or "mplint" not in tool:
                raise ConfigError(f"{display(path)}: no [tool.mplint] table")
            data = tool["mplint"]
        return data, where
    try:
        source = load_yaml(path, "configuration file")
    except DataFileError as exc:
        raise ConfigError(str(exc)) from None
    return (source.data if source.data is not None else {}), source.where


def settings_for(paths: list[str], config: str | None = None, isolated: bool = False) -> Settings:
    """Settings from the configuration file that applies to `paths` (none if isolated)."""
    settings = Settings()
    if isolated:
        return settings
    if config:
        path = Path(config)
        if not path.is_file():
            kind = "is a directory" if path.is_dir() else "not found"
            raise ConfigError(f"configuration file {config}: {kind}")
    else:
        try:
            start = Path(os.path.commonpath([os.path.abspath(p) for p in paths]))
        except ValueError:  # no paths, or paths on different drives
            start = Path.cwd()
        found = find(start)
        if found is None:
            return settings
        path = found
    data, where = load(path)
    apply(settings, data, where, path.resolve())
    return settings


def _fail(where: Where, path: tuple, message: str, at_key: bool = False) -> ConfigError:
    return ConfigError(f"{where(path, at_key=at_key)}: {message}")


def _strings(value: Any, where: Where, key: tuple, *, split: bool) -> list[str]:
    """A list of strings, or one string (split at commas for rule selectors)."""
    if isinstance(value, str):
        items = [value]
    elif isinstance(value, list):
        items = value
    else:
        raise _fail(where, key, f"'{key[-1]}' is a list of strings, not {_kind(value)}")
    result = []
    for i, item in enumerate(items):
        if not isinstance(item, str):
            at = key + (i,) if isinstance(value, list) else key
            raise _fail(where, at, f"expected a string in '{key[-1]}', not {_kind(item)}")
        result += [p.strip() for p in item.split(",") if p.strip()] if split else [item]
    return result


def _kind(value: Any) -> str:
    return a_type(value)


def _mapping(value: Any, where: Where, key: tuple) -> dict:
    if not isinstance(value, dict):
        raise _fail(where, key, f"'{key[-1]}' is a mapping, not {_kind(value)}")
    return value


def apply(settings: Settings, data: Any, where: Where, path: Path) -> None:
    """Validate the configuration `data` read from `path` and store it in `settings`."""
    settings.root = path.parent
    if not isinstance(data, dict):
        raise _fail(where, (), f"the configuration is a mapping of settings, not {_kind(data)}")
    for key in data:
        if key not in KEYS:
            hint = suggest(str(key).replace("_", "-"), KEYS, limit=1, contains=False)
            extra = f"; did you mean '{hint[0]}'?" if hint else f"; known keys: {', '.join(KEYS)}"
            raise _fail(where, (key,), f"unknown configuration key '{key}'{extra}", True)

    # Packs first: the rules they define can be selected, ignored and configured below.
    for i, pack in enumerate(_strings(data.get("packs", []), where, ("packs",), split=False)):
        pack_path = (settings.root / pack).resolve()
        at = ("packs", i) if isinstance(data.get("packs"), list) else ("packs",)
        if not pack_path.is_file():
            raise _fail(where, at, f"policy pack '{pack}' not found ({display(pack_path)})")
        if pack_path not in settings.packs:  # named twice: read once
            settings.packs.append(pack_path)
    catalogue = settings.catalogue()

    def selectors(value: Any, key: tuple, at_key: bool = False) -> list[str]:
        items = _strings(value, where, key, split=True)
        for i, selector in enumerate(items):
            if not catalogue.matching(selector):
                at = key + (i,) if isinstance(value, list) and len(value) == len(items) else key
                message = f"unknown rule or prefix '{selector}' (see `mplint rules`)"
                raise _fail(where, at, message, at_key)
        return items

    if "select" in data:
        settings.select = selectors(data["select"], ("select",))
        if not settings.select:  # as on the command line: a run of no rule is a mistake
            message = "an empty select selects no rule; name rules, prefixes or ALL"
            raise _fail(where, ("select",), message)
    if "extend-select" in data:
        settings.extend_select = selectors(data["extend-select"], ("extend-select",))
    if "ignore" in data:
        settings.ignore = selectors(data["ignore"], ("ignore",))
    for selector, level in _mapping(data.get("levels", {}), where, ("levels",)).items():
        selectors(str(selector), ("levels", selector), at_key=True)
        settings.levels[str(selector)] = _level(level, where, ("levels", selector))
    if "fail-on" in data:
        settings.fail_on = _level(data["fail-on"], where, ("fail-on",))
    if "python" in data:
        if not isinstance(data["python"], bool):
            raise _fail(where, ("python",), "python: expected true or false")
        settings.python = data["python"]
    if "api-model" in data:
        settings.api_model = _api_model(data["api-model"], where, settings.root)
    if "max-file-size" in data:
        try:
            settings.max_file_size = parse_size(data["max-file-size"])
        except ValueError as exc:
            raise _fail(where, ("max-file-size",), f"max-file-size: {exc}") from None
    for pattern, value in _mapping(
        data.get("per-file-ignores", {}), where, ("per-file-ignores",)
    ).items():
        try:
            glob(str(pattern))
        except ValueError as exc:
            raise _fail(where, ("per-file-ignores", pattern), str(exc), True) from None
        settings.per_file_ignores[str(pattern)] = selectors(value, ("per-file-ignores", pattern))
    for key in ("include", "exclude"):
        if key in data:
            values = _strings(data[key], where, (key,), split=False)
            if key == "include":
                settings.include = [str(settings.root / value) for value in values]
            else:
                settings.exclude = values
    for rule_key, values in _mapping(data.get("options", {}), where, ("options",)).items():
        rule = catalogue.find(str(rule_key))
        if rule is None:
            raise _fail(where, ("options", rule_key), f"unknown rule '{rule_key}'", True)
        values = _mapping(values, where, ("options", rule_key))
        for name, value in values.items():
            at = ("options", rule_key, name)
            if name not in rule.options:
                declared = ", ".join(rule.options) or "none"
                raise _fail(
                    where, at, f"rule {rule.id} has no option '{name}' (options: {declared})", True
                )
            default = rule.options[name]
            if not _compatible(default, value):
                raise _fail(
                    where,
                    at,
                    f"option '{name}' of {rule.id} is {_kind(default)}, not {_kind(value)}",
                )
            settings.locations[("options", rule.id, name)] = where(at, at_key=False)
        settings.options.setdefault(rule.id, {}).update(values)


def _api_model(value: Any, where: Where, root: Path) -> str:
    """auto, bundled, or a model file relative to the configuration's folder."""
    if not isinstance(value, str) or not value:
        raise _fail(where, ("api-model",), "api-model: expected auto, bundled or a file path")
    if value in ("auto", "bundled"):
        return value
    return str(root / value)


def _level(value: Any, where: Where, key: tuple) -> Level:
    try:
        return Level.parse(value) if isinstance(value, str) else Level.parse(repr(value))
    except ValueError as exc:
        raise _fail(where, key, str(exc)) from None


def _compatible(default: Any, value: Any) -> bool:
    """Whether a configured option value has the type of the option's default."""
    if default is None:
        return True
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    for kind in (int, str, list, dict):
        if isinstance(default, kind):
            return isinstance(value, kind)
    return True
