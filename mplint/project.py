"""Where the project lives: its repository, the documentation of each built-in rule, and the
folder a run keeps its cache in.

The repository URL is the one pyproject.toml declares (`[project.urls] Repository`), read from
the installed package's metadata, so a fork that changes it there gets its own links; a
checkout run without being installed falls back to the same value written here.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

DEFAULT_REPOSITORY = "https://github.com/acme/mplint"
CACHE_FOLDER = ".mplint_cache"
BUILTIN_PREFIX = "MP"  # pack rules have their own documentation (mplint explain)


@lru_cache(maxsize=1)
def repository_url() -> str:
    from importlib import metadata

    try:
        urls = metadata.metadata("mplint").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return DEFAULT_REPOSITORY
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "repository" and url.strip():
            return url.strip().rstrip("/")
    return DEFAULT_REPOSITORY


def rule_doc_url(rule_id: str) -> str | None:
    """The rule's section of docs/rules.md in the repository (anchors are lowercase ids);
    None for a policy pack's rule."""
    if not rule_id.startswith(BUILTIN_PREFIX):
        return None
    return f"{repository_url()}/blob/main/docs/rules.md#{rule_id.lower()}"


def cache_folder() -> Path:
    """`$MPLINT_CACHE_DIR`, else `.mplint_cache` in the current directory (reports and built
    API-model schemas are kept there)."""
    return Path(os.environ.get("MPLINT_CACHE_DIR") or CACHE_FOLDER)
