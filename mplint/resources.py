"""Where mplint's data files are, in a source checkout and in an installed wheel.

The repository keeps them at the top level (`rules/`, `schemas/`) as the design card asks;
the wheel carries them inside the package as `mplint/_data/rules` and `mplint/_data/schemas`
(see [tool.hatch.build.targets.wheel.force-include] in pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder `rules` or `schemas`, wherever this copy of mplint keeps it."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"mplint's data folder '{name}' is missing from this installation")


def schema_path() -> Path:
    return data_dir("schemas") / "create-model-package.schema.json"
