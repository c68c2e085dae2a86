"""Every rule's documentation example is a file that really raises the rule, and its fix a
file that raises nothing: the entries of rules/*.yaml and of the shipped policy pack, written
to files and checked by `mplint check` as a user runs it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ROOT, run_mplint

PACKS = [EXAMPLES / "policies" / "acme.yaml"]
# A rule no file can raise on purpose, and why.
WITHOUT_EXAMPLE = {"MP000": "an internal error is a bug in mplint, not a property of a file"}


def rule_entries() -> list[tuple[dict, Path | None]]:
    """(entry, the pack that defines it, or None for mplint's own rules)."""
    found = []
    for path in [*sorted((ROOT / "rules").glob("*.yaml")), *PACKS]:
        pack = path if path in PACKS else None
        found += [(entry, pack) for entry in yaml.safe_load(path.read_text("utf-8"))["rules"]]
    return found


ENTRIES = {entry["id"]: (entry, pack) for entry, pack in rule_entries()}
WITH_EXAMPLE = sorted(rule for rule in ENTRIES if rule not in WITHOUT_EXAMPLE)


def configuration(entry: dict, pack: Path | None) -> str | None:
    """The .mplint.yaml the example runs with: its own, plus the pack that defines the rule."""
    text = entry.get("example-config")
    if pack is None:
        return text
    config = yaml.safe_load(text or "") or {}
    config["packs"] = [str(pack)]
    return yaml.safe_dump(config)


@pytest.fixture(scope="module")
def raised(tmp_path_factory) -> dict[tuple[str, str], list[str]]:
    """(rule id, "example" or "fix") -> the rule ids mplint reports on that file.

    Files that need the same configuration are checked in one run, so the whole catalogue
    takes a handful of processes."""
    work = tmp_path_factory.mktemp("rule-examples")
    runs: dict[str | None, list[str]] = {}
    owner: dict[str, tuple[str, str]] = {}
    for rule in WITH_EXAMPLE:
        entry, pack = ENTRIES[rule]
        name = entry.get("example-file") or "spec.yaml"
        for kind in ("example", "fix"):
            path = work / rule / kind / name
            path.parent.mkdir(parents=True)
            encoding = entry.get("example-encoding") if kind == "example" else None
            path.write_bytes(entry.get(kind, "").encode(encoding or "utf-8"))
            relative = path.relative_to(work).as_posix()
            owner[relative] = (rule, kind)
            runs.setdefault(configuration(entry, pack), []).append(relative)
    found: dict[tuple[str, str], list[str]] = {key: [] for key in owner.values()}
    for number, (config, files) in enumerate(runs.items()):
        options = ["--isolated"]
        if config is not None:
            (work / f"config-{number}.yaml").write_text(config, encoding="utf-8")
            options = ["--config", f"config-{number}.yaml"]
        result = run_mplint("check", "-f", "json", "--no-cache", "-j1", *options, *files, cwd=work)
        assert result.code in (0, 1), result.err
        for finding in result.findings():
            found[owner[finding["file"]]].append(finding["rule"])
    return found


def test_every_rule_has_an_example_and_a_fix():
    entries = {rule: ENTRIES[rule][0] for rule in WITH_EXAMPLE}
    assert [rule for rule, entry in entries.items() if not entry.get("example")] == []
    assert [rule for rule, entry in entries.items() if not entry.get("fix")] == []


@pytest.mark.parametrize("rule", WITH_EXAMPLE)
def test_example_raises_its_rule(rule: str, raised):
    found = raised[rule, "example"]
    assert rule in found, f"the example of {rule} raises {found}"


@pytest.mark.parametrize("rule", WITH_EXAMPLE)
def test_fix_raises_nothing(rule: str, raised):
    assert raised[rule, "fix"] == [], f"the fix of {rule} still raises these rules"


@pytest.mark.parametrize(
    ("rule", "fence"), [("MP702", "```json"), ("MP708", "```python"), ("MP304", "```yaml")]
)
def test_explain_shows_the_example_as_its_kind_of_file(rule: str, fence: str):
    entry, _ = ENTRIES[rule]
    shown = run_mplint("explain", rule, "--isolated")
    assert shown.code == 0, shown.err
    example = shown.out[shown.out.index("## Example") :]
    assert f"`{entry.get('example-file') or 'spec.yaml'}`" in example
    assert f"{fence}\n{entry['example'].rstrip()}\n```" in example
    if "example-config" in entry:
        assert f"```yaml\n{entry['example-config'].rstrip()}\n```" in example


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("example-file", "../spec.yaml", "'example-file' is a file name, not a path"),
        ("example-encoding", "utf-9", "unknown encoding 'utf-9'"),
    ],
)
def test_an_example_field_that_cannot_be_used_names_its_place(tmp_path, field, value, message):
    (tmp_path / "pack.yaml").write_text(
        "rules:\n  - id: TEAM001\n    name: team-rule\n    level: error\n    summary: s\n"
        f"    explanation: e\n    require: {{present: true}}\n    {field}: {value}\n",
        encoding="utf-8",
    )
    (tmp_path / ".mplint.yaml").write_text("packs: [pack.yaml]\n", encoding="utf-8")
    result = run_mplint("rules", "--config", ".mplint.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "pack.yaml:8:" in result.err and message in result.err, result.err
