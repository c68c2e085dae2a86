"""Find an installed botocore's data files and version without importing botocore.

Importing botocore costs about 100 ms; a pre-commit run must not pay that to learn a version
number. The package is located on sys.path the way `import` would find it, its version read
from `botocore/__init__.py`, and its SageMaker model found under `botocore/data/`.
"""

from __future__ import annotations

import importlib.machinery
import re
from dataclasses import dataclass
from pathlib import Path

SERVICE = "sagemaker"
_VERSION = re.compile(r"""^__version__\s*=\s*['"]([^'"]+)['"]""", re.MULTILINE)
SERVICE_FILES = ("service-2.json.gz", "service-2.json")


@dataclass(frozen=True, slots=True)
class BotocoreData:
    """The files of one botocore installation that mplint builds a model from."""

    version: str
    service: Path  # sagemaker/<api version>/service-2.json[.gz]
    partitions: Path | None  # partitions.json
    endpoints: Path | None  # endpoints.json


def version_key(version: str) -> tuple[int, ...]:
    """`1.44.8` -> (1, 44, 8); the numeric release parts only, for comparing releases."""
    parts = []
    for part in version.split("."):
        digits = re.match(r"[0-9]+", part)
        if digits is None:
            break
        parts.append(int(digits.group()))
    return tuple(parts)


def installed_botocore() -> BotocoreData | None:
    """The botocore that `import botocore` would load, or None if there is none (or it has
    no SageMaker model)."""
    spec = importlib.machinery.PathFinder.find_spec("botocore")
    if spec is None or not spec.submodule_search_locations:
        return None
    package = Path(next(iter(spec.submodule_search_locations)))
    try:
        found = _VERSION.search((package / "__init__.py").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    if found is None:
        return None
    return botocore_data(package / "data", found.group(1))


def botocore_data(data: Path, version: str) -> BotocoreData | None:
    """The SageMaker model (newest API version) and partition files under a botocore `data`
    folder, or None when it has no SageMaker model."""
    try:
        api_versions = sorted(p for p in (data / SERVICE).iterdir() if p.is_dir())
    except OSError:
        return None
    for folder in reversed(api_versions):
        for name in SERVICE_FILES:
            if (folder / name).is_file():
                return BotocoreData(
                    version,
                    folder / name,
                    _file(data / "partitions.json"),
                    _file(data / "endpoints.json"),
                )
    return None


def botocore_version_near(service: Path) -> tuple[str, Path] | None:
    """For a service-2.json inside a botocore installation (botocore/data/sagemaker/<api>/),
    the version of that botocore and its data folder."""
    data = service.resolve().parent.parent.parent
    init = data.parent / "__init__.py"
    try:
        found = _VERSION.search(init.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    return (found.group(1), data) if found and data.name == "data" else None


def _file(path: Path) -> Path | None:
    return path if path.is_file() else None
