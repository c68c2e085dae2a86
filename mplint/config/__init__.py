"""Configuration: which rules run, at which level, with which options, on which files.

`settings` holds the Settings a run uses (defaults, then a config file, then the command
line); `files` finds and reads `.mplint.yaml` / `pyproject.toml [tool.mplint]`; `globs`
matches the include, exclude and per-file-ignores patterns.
"""

from mplint.config.settings import ConfigError, Selection, Settings

__all__ = ["ConfigError", "Selection", "Settings"]
