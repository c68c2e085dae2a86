"""Filters between the checks and the reporters: inline suppressions (applied per file by
the engine, with the configuration's per-file-ignores) and baselines (applied to the run's
stream of reports)."""
