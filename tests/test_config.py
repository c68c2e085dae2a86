"""The configuration file and rule selection, end to end through the CLI."""

from __future__ import annotations

import pytest
from conftest import VALID_VERSIONED, run_mplint

# Two findings: MP104 (enum, line 2) and MP105 (too long, line 11).
BAD = VALID_VERSIONED.replace("PendingManualApproval", "approved") + (
    "ModelPackageDescription: " + "d" * 1100 + "\n"
)


def rules_of(result) -> list[tuple[str, str]]:
    assert result.code in (0, 1), result.err
    return sorted((f["rule"], f["level"]) for f in result.findings())


def check(cwd, *args: str):
    return run_mplint("check", "--format", "json", *args, cwd=cwd)


# -- discovery -------------------------------------------------------------------------------


def test_config_is_found_by_walking_up_from_the_checked_path(tmp_path, write):
    write("project/.mplint.yaml", "ignore: [MP105]\n")
    write("project/specs/deep/a.yaml", BAD)
    # From the project root, from a subfolder, and from outside the project.
    for cwd, target in (
        (tmp_path / "project", "specs"),
        (tmp_path / "project/specs/deep", "a.yaml"),
        (tmp_path, "project/specs/deep/a.yaml"),
    ):
        assert rules_of(check(cwd, target)) == [("MP104", "error")], (cwd, target)


def test_config_is_found_from_the_current_directory_when_no_path_is_given(tmp_path, write):
    write(".mplint.yaml", "select: [MP105]\n")
    write("specs/a.yaml", BAD)
    assert rules_of(check(tmp_path / "specs")) == [("MP105", "error")]


def test_pyproject_tool_table(tmp_path, write):
    write("pyproject.toml", '[project]\nname = "x"\n\n[tool.mplint]\nignore = ["MP104"]\n')
    write("a.yaml", BAD)
    assert rules_of(check(tmp_path, "a.yaml")) == [("MP105", "error")]


def test_pyproject_without_the_table_is_passed_over(tmp_path, write):
    write(".mplint.yaml", "ignore: [MP104]\n")
    write("sub/pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    write("sub/a.yaml", BAD)
    assert rules_of(check(tmp_path, "sub/a.yaml")) == [("MP105", "error")]


def test_mplint_yaml_wins_over_pyproject_in_the_same_folder(tmp_path, write):
    write("pyproject.toml", '[tool.mplint]\nignore = ["MP104"]\n')
    write(".mplint.yaml", "ignore: [MP105]\n")
    write("a.yaml", BAD)
    assert rules_of(check(tmp_path, "a.yaml")) == [("MP104", "error")]


def test_explicit_config_and_isolated(tmp_path, write):
    write(".mplint.yaml", "ignore: [MP105]\n")
    write("ci/strict.yaml", "select: [MP105]\n")
    write("ci/tool.toml", 'select = ["MP104"]\n')
    write("a.yaml", BAD)
    assert rules_of(check(tmp_path, "--config", "ci/strict.yaml", "a.yaml")) == [("MP105", "error")]
    assert rules_of(check(tmp_path, "--config", "ci/tool.toml", "a.yaml")) == [("MP104", "error")]
    both = [("MP104", "error"), ("MP105", "error")]
    assert rules_of(check(tmp_path, "--isolated", "a.yaml")) == both
    write("ci/pyproject.toml", '[project]\nname = "mplint-user"\n')
    result = check(tmp_path, "--config", "ci/pyproject.toml", "a.yaml")
    assert result.code == 2 and "ci/pyproject.toml: no [tool.mplint] table" in result.err
    result = check(tmp_path, "--config", "missing.yaml", "a.yaml")
    assert result.code == 2 and "configuration file missing.yaml: not found" in result.err
    result = check(tmp_path, "--config", "ci/strict.yaml", "--isolated", "a.yaml")
    assert result.code == 2 and "exclude each other" in result.err


# -- selection -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "args", "expected"),
    [
        ("select: [MP104]\n", (), ["MP104"]),
        ("select: [invalid-enum-value]\n", (), ["MP104"]),
        ("select: [MP1]\nignore: [value-too-long]\n", (), ["MP104"]),
        ("select: MP104, MP105\n", (), ["MP104", "MP105"]),
        ("select: [MP104]\nextend-select: [MP105]\n", (), ["MP104", "MP105"]),
        # The command line wins: --select replaces the file's whole selection ...
        ("select: [MP104]\nignore: [MP105]\n", ("--select", "MP105"), ["MP105"]),
        # ... --extend-select and --ignore adjust it.
        ("select: [MP104]\n", ("--extend-select", "MP105"), ["MP104", "MP105"]),
        ("ignore: [MP105]\n", ("--ignore", "MP104"), []),
    ],
)
def test_selection_in_file_and_on_the_command_line(tmp_path, write, config, args, expected):
    write(".mplint.yaml", config)
    write("a.yaml", BAD)
    assert [rule for rule, _ in rules_of(check(tmp_path, *args, "a.yaml"))] == expected


def test_level_overrides_and_fail_on(tmp_path, write):
    write(".mplint.yaml", "levels:\n  MP105: warning\n  invalid-enum-value: note\n")
    write("a.yaml", BAD)
    result = check(tmp_path, "a.yaml")
    assert rules_of(result) == [("MP104", "note"), ("MP105", "warning")]
    assert result.code == 0  # nothing at error level
    assert check(tmp_path, "--fail-on", "warning", "a.yaml").code == 1
    write(".mplint.yaml", "levels: {MP105: warning, MP104: note}\nfail-on: note\n")
    assert check(tmp_path, "a.yaml").code == 1
    assert check(tmp_path, "--fail-on", "error", "a.yaml").code == 0  # the CLI wins


def test_per_file_ignores(tmp_path, write):
    write(
        ".mplint.yaml",
        "per-file-ignores:\n"
        "  'legacy/**': [MP104]\n"
        "  '*.json': [MP1]\n"
        "  'specs/old-*.yaml': [value-too-long]\n",
    )
    write("legacy/deep/a.yaml", BAD)
    write("specs/old-a.yaml", BAD)
    write("specs/new-a.yaml", BAD)
    write(
        "b.json", '{"ModelPackageGroupName": "c", "ModelPackageDescription": "' + "d" * 1100 + '"}'
    )
    result = check(tmp_path, ".")
    found = sorted((f["file"], f["rule"]) for f in result.findings())
    assert found == [
        ("legacy/deep/a.yaml", "MP105"),
        ("specs/new-a.yaml", "MP104"),
        ("specs/new-a.yaml", "MP105"),
        ("specs/old-a.yaml", "MP104"),
    ]
    # Globs are relative to the configuration file, wherever mplint runs from.
    result = check(tmp_path / "legacy", "deep/a.yaml")
    assert [f["rule"] for f in result.findings()] == ["MP105"]


def test_include_and_exclude(tmp_path, write):
    write(
        ".mplint.yaml",
        "include: [specs, 'extra/*.yaml']\nexclude: [generated, 'specs/skip-*.yaml']\n",
    )
    for name in ("specs/a.yaml", "specs/skip-b.yaml", "specs/generated/c.yaml",
                 "extra/d.yaml", "other/e.yaml"):  # fmt: skip
        write(name, BAD)
    found = sorted({f["file"] for f in check(tmp_path).findings()})
    assert found == ["extra/d.yaml", "specs/a.yaml"]
    # From a subfolder, no paths: the include set is still the configuration's (files
    # outside the current directory are shown with absolute paths).
    found = sorted({f["file"] for f in check(tmp_path / "other").findings()})
    assert found == [str(tmp_path / "extra/d.yaml"), str(tmp_path / "specs/a.yaml")]
    # Paths given explicitly replace include; exclude still applies, to files named too.
    found = sorted({f["file"] for f in check(tmp_path, "other", "specs").findings()})
    assert found == ["other/e.yaml", "specs/a.yaml"]
    result = check(tmp_path, "specs/skip-b.yaml", "specs/generated/c.yaml")
    assert result.code == 0 and result.findings() == [] and result.json()["files"] == []


def test_options_reach_a_rule_and_are_validated(tmp_path, write):
    write(
        "policy.yaml",
        """\
        rules:
          - id: TEAM001
            name: team-group-prefix
            level: error
            summary: Group names start with the team prefix
            explanation: Dashboards select groups by prefix.
            options: {prefix: 'growth-'}
            path: ModelPackageGroupName
            require: {matches: {option: prefix}}
        """,
    )
    write("a.yaml", VALID_VERSIONED)
    write(".mplint.yaml", "packs: [policy.yaml]\nselect: [TEAM]\n")
    assert rules_of(check(tmp_path, "a.yaml")) == [("TEAM001", "error")]
    write(".mplint.yaml", "packs: [policy.yaml]\noptions:\n  team-group-prefix: {prefix: 'ch.*'}\n")
    assert rules_of(check(tmp_path, "a.yaml")) == []
    write(".mplint.yaml", "packs: [policy.yaml]\noptions:\n  TEAM001: {prefixes: x}\n")
    result = check(tmp_path, "a.yaml")
    assert result.code == 2
    assert (
        ".mplint.yaml:3:13: rule TEAM001 has no option 'prefixes' (options: prefix)" in result.err
    )
    write(".mplint.yaml", "packs: [policy.yaml]\noptions:\n  TEAM001: {prefix: 3}\n")
    result = check(tmp_path, "a.yaml")
    assert result.code == 2
    assert ".mplint.yaml:3:21: option 'prefix' of TEAM001 is a string, not an integer" in result.err


# -- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("selec: [MP1]\n", ".mplint.yaml:1:1: unknown configuration key 'selec'; did you mean"),
        ("extend_select: [MP1]\n", "did you mean 'extend-select'?"),
        ("select: [MP1]\nignore:\n  - MP104\n  - MP9999\n", ".mplint.yaml:4:5: unknown rule"),
        ("levels:\n  MP104: loud\n", ".mplint.yaml:2:10: unknown level 'loud'"),
        ("levels:\n  NOPE: note\n", ".mplint.yaml:2:3: unknown rule or prefix 'NOPE'"),
        ("fail-on: 3\n", ".mplint.yaml:1:10: unknown level '3'"),
        ("select: {MP1: true}\n", ".mplint.yaml:1:9: 'select' is a list of strings"),
        ("per-file-ignores: [a]\n", ".mplint.yaml:1:19: 'per-file-ignores' is a mapping"),
        ("per-file-ignores:\n  '*.yaml': [NOPE]\n", ".mplint.yaml:2:14: unknown rule"),
        ("options:\n  NOPE: {a: 1}\n", ".mplint.yaml:2:3: unknown rule 'NOPE'"),
        ("options:\n  MP101: {a: 1}\n", ".mplint.yaml:2:11: rule MP101 has no option 'a'"),
        ("packs: [nope.yaml]\n", ".mplint.yaml:1:9: policy pack 'nope.yaml' not found"),
        ("- select\n", ".mplint.yaml:1:1: the configuration is a mapping"),
        ("select: [MP1\n", ".mplint.yaml:2:1: invalid configuration file: YAML syntax error"),
        ("select: [MP1]\nselect: [MP2]\n", ".mplint.yaml:2:1: invalid configuration file: dup"),
        ("select: !!python/name:os.system\n", ".mplint.yaml:1:9: invalid configuration file"),
    ],
)
def test_a_broken_config_exits_2_naming_file_line_and_column(tmp_path, write, config, expected):
    write(".mplint.yaml", config)
    write("a.yaml", BAD)
    result = check(tmp_path, "a.yaml")
    assert result.code == 2, result.out
    assert result.err.startswith("mplint: error: ") and expected in result.err, result.err
    assert "Traceback" not in result.err and result.out == ""


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('[tool.mplint]\nselec = ["MP1"]\n', "pyproject.toml:2:1: unknown configuration key"),
        (
            '[tool.mplint]\nselect = ["MP1"]\n\n[tool.mplint.levels]\nMP104 = "loud"\n',
            "pyproject.toml:5:1: unknown level 'loud'",
        ),
        ("[tool.mplint]\nselect = [\n", "pyproject.toml: invalid TOML"),
    ],
)
def test_a_broken_pyproject_table_is_reported_with_its_line(tmp_path, write, toml, expected):
    write("pyproject.toml", toml)
    write("a.yaml", BAD)
    result = check(tmp_path, "a.yaml")
    assert result.code == 2 and expected in result.err, result.err


def test_unknown_cli_selector_is_a_usage_error(tmp_path, write):
    write("a.yaml", BAD)
    result = check(tmp_path, "--select", "MP9", "a.yaml")
    assert result.code == 2 and "unknown rule or prefix 'MP9'" in result.err


def test_options_reach_a_builtin_python_rule_and_its_validator(tmp_path, write):
    write("a.yaml", VALID_VERSIONED + "SkipModelValidation: All\n")
    assert [r for r, _ in rules_of(check(tmp_path, "--select", "MP304", "a.yaml"))] == []
    write(".mplint.yaml", "options:\n  skip-validation-not-allowed:\n    forbid: true\n")
    result = check(tmp_path, "--select", "MP304", "a.yaml")
    assert [(f["rule"], f["line"], f["column"]) for f in result.findings()] == [("MP304", 11, 1)]
    # The rule's own validation of its options names the configuration line too.
    write(".mplint.yaml", "options:\n  MP304:\n    allow_name_patterns: ['(']\n")
    result = check(tmp_path, "a.yaml")
    assert result.code == 2
    assert result.err.startswith("mplint: error: .mplint.yaml:3:26: rule MP304: ")
