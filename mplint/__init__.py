"""mplint: a policy and lint checker for Amazon SageMaker model package specifications.

The Python API (see mplint/api.py) is imported on first use, so `import mplint` stays cheap:

    import mplint
    findings = mplint.check_text(text, name="spec.yaml")
    report = mplint.check_paths(["specs/"])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mplint.version import __version__

__all__ = [
    "ConfigError",
    "FileResult",
    "Finding",
    "Report",
    "__version__",
    "check_paths",
    "check_text",
]

if TYPE_CHECKING:
    from mplint.api import ConfigError, FileResult, Finding, Report, check_paths, check_text

_API = frozenset(__all__) - {"__version__"}


def __getattr__(name: str) -> Any:
    if name in _API:
        from mplint import api  # on first use: `import mplint` stays cheap (PEP 562)

        return getattr(api, name)
    raise AttributeError(f"module 'mplint' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _API)
