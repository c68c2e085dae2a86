"""Validate SARIF logs against the OASIS SARIF 2.1.0 schema kept in tests/data (see PROVENANCE.md).

Every test that produces SARIF passes it through `validate_sarif`, which also checks what the
schema cannot: GitHub code scanning's own requirements.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)  # draft-07, as the schema declares
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def validate_sarif(log: str | dict) -> dict[str, Any]:
    """The parsed log; fails the test if it is not schema-valid or not fit for GitHub."""
    data = json.loads(log) if isinstance(log, str) else log
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:20]
    )
    for run in data["runs"]:
        driver = run["tool"]["driver"]
        assert driver["name"] and driver["version"] and driver["informationUri"]
        rules = driver["rules"]
        ids = [rule["id"] for rule in rules]
        assert ids == sorted(ids) and len(set(ids)) == len(ids)
        for rule in rules:
            for key in ("shortDescription", "fullDescription"):
                if key in rule:
                    assert len(rule[key]["text"]) <= 1024, (rule["id"], key)
        bases = run.get("originalUriBaseIds", {})
        for result in run["results"]:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            assert result["level"] in ("error", "warning", "note")
            assert result["message"]["text"]
            assert len(result["locations"]) == 1
            physical = result["locations"][0]["physicalLocation"]
            artifact = physical["artifactLocation"]
            assert "\\" not in artifact["uri"]
            if "uriBaseId" in artifact:
                assert artifact["uriBaseId"] in bases
                assert not artifact["uri"].startswith(("/", "file:"))
            region = physical["region"]
            assert {"startLine", "startColumn", "endLine", "endColumn"} <= set(region)
            assert (region["startLine"], region["startColumn"]) <= (
                region["endLine"],
                region["endColumn"],
            )
            assert result["partialFingerprints"]
    return data
