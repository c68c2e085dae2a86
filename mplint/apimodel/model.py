"""An API model and what is stored of it: the record of one SageMaker service model (where
it came from, its identity, its schema loaded on first use) and the cache of built schemas."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

AUTO = "auto"
BUNDLED = "bundled"
MODELS_FOLDER = "models"  # under the cache folder
REMEDY = "if AWS added it recently, upgrade botocore or pass --api-model"


class ApiModelError(Exception):
    """A model that cannot be used (missing, damaged, not SageMaker's); the CLI exits 2."""


@dataclass(slots=True, eq=False)
class ApiModel:
    """One SageMaker API model and where it came from."""

    choice: str  # what was asked for: auto, bundled or a path
    origin: str  # "bundled", "installed" or "file"
    botocore: str | None  # the botocore release it comes from, when known
    path: Path  # the file it was read or built from
    identity: str  # changes whenever the schema could change: part of the cache key
    _load: Callable[[], dict] = field(repr=False)
    _schema: dict | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        """`botocore 1.44.8 (installed)`, `botocore 1.43.11 (bundled)`, or the file."""
        where = self.origin if self.origin != "file" else str(self.path)
        if self.botocore:
            return f"botocore {self.botocore} ({where})"
        return f"the API model in {self.path}"

    @property
    def name(self) -> str:
        """How messages name it: `botocore 1.43.11's API model`."""
        if self.botocore:
            return f"botocore {self.botocore}'s API model"
        return f"the API model in {self.path}"

    @property
    def release(self) -> str:
        """`botocore 1.43.11`, or the file when its release is not known."""
        return f"botocore {self.botocore}" if self.botocore else f"the API model in {self.path}"

    def schema(self) -> dict:
        if self._schema is None:
            self._schema = self._load()
        return self._schema

    def describe(self) -> dict[str, Any]:
        """What a report records about the model."""
        return {
            "label": self.label,
            "source": self.origin,
            "botocore": self.botocore,
            "path": None if self.origin == "bundled" else str(self.path),
        }


# --- the cache of built schemas -------------------------------------------------------------


def cached_schema(cache_folder: Path | None, identity: str, build: Callable[[], dict]) -> dict:
    """The schema stored under `identity`, else `build()` (stored when the folder is
    writable; a run without a writable cache still gets its schema)."""
    if cache_folder is None:
        return build()
    path = Path(cache_folder) / MODELS_FOLDER / f"{identity}.json"
    try:
        with open(path, "rb") as handle:
            schema = json.loads(handle.read())
        if isinstance(schema, dict) and "x-generated-from" in schema:
            return schema
    except (OSError, ValueError):
        pass  # missing or damaged: build it again
    schema = build()
    _store(path, schema)
    return schema


def _store(path: Path, schema: dict) -> None:
    import contextlib
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        marker = path.parent.parent / ".gitignore"
        if not marker.exists():
            marker.write_text("# Created by mplint; safe to delete.\n*\n", encoding="utf-8")
        fd, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(schema, handle, separators=(",", ":"))
            os.replace(temporary, path)  # atomic: another process sees all of it or nothing
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError:
        pass  # read-only or full: the next run builds it again


def digest(*parts: object) -> str:
    import hashlib

    return hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest()[:32]
