"""docs/rule-basis.md lists every rule with its basis and link, and is never stale."""

from __future__ import annotations

from conftest import ROOT

from mplint.catalogue import BASES, builtin
from mplint.rule_basis import render

PAGE = ROOT / "docs" / "rule-basis.md"


def test_page_is_generated_from_the_catalogue() -> None:
    assert PAGE.read_text(encoding="utf-8") == render(), (
        "docs/rule-basis.md is stale: run `python -m mplint.rule_basis > docs/rule-basis.md`"
    )


def test_every_rule_has_a_row_and_a_basis() -> None:
    text = PAGE.read_text(encoding="utf-8")
    for rule in builtin():
        assert rule.basis in BASES
        assert f"| {rule.id} | {rule.name} | {rule.level} | `{rule.basis}` |" in text


# Errors that rest on the SDK or a policy, and why they may:
ERRORS_BY_EXCEPTION = {
    "MP304": "a policy a team configures (inactive until it does)",
    "MP305": "a policy a team configures (inactive until it does)",
    "MP701": "the SDK's source states that the pipeline service rejects the argument",
}


def test_levels_follow_the_basis() -> None:
    """An error rests on what AWS documents (or on the file itself); SDK behaviour and
    policies are warnings or notes by default."""
    for rule in builtin():
        if rule.basis in ("sdk", "policy") and str(rule.level) == "error":
            assert rule.id in ERRORS_BY_EXCEPTION, rule.id


def test_a_pack_rule_without_basis_is_policy(tmp_path) -> None:
    from mplint.catalogue import rules_from_file

    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n  - id: ACME001\n    name: acme-x\n    level: note\n    summary: s\n"
        "    explanation: e\n    require: {path: ModelPackageGroupName, present: true}\n"
    )
    (rule,) = rules_from_file(pack, pack=True)
    assert rule.basis == "policy"


def test_every_builtin_rule_states_its_basis() -> None:
    """A built-in rule says what it rests on; only a pack's rules default to policy."""
    import yaml

    for path in sorted((ROOT / "rules").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            assert entry.get("basis"), f"{path.name}: {entry['id']} has no basis"
