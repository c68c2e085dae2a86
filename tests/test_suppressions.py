"""Inline and file-level suppressions, and MP009 unused-suppression, through the CLI."""

from __future__ import annotations

from conftest import VALID_VERSIONED, run_mplint


def check(cwd, *args: str):
    return run_mplint("check", "--format", "json", *args, cwd=cwd)


def found(result) -> list[tuple[str, int, int, str]]:
    assert result.code in (0, 1), result.err
    return [(f["rule"], f["line"], f["column"], f["message"]) for f in result.findings()]


def test_a_suppression_on_the_line_of_the_finding(tmp_path, write):
    write(
        "a.yaml",
        VALID_VERSIONED.replace(
            "PendingManualApproval", "approved  # mplint: disable=MP104 -- migrating"
        ),
    )
    result = check(tmp_path, "a.yaml")
    assert found(result) == [] and result.code == 0
    text = run_mplint("check", "a.yaml", cwd=tmp_path)
    assert text.out == "Checked 1 file: 0 errors, 0 warnings, 0 notes.\n"


def test_a_suppression_alone_on_the_line_above_by_name(tmp_path, write):
    write(
        "a.yaml",
        VALID_VERSIONED.replace(
            "ModelApprovalStatus: PendingManualApproval",
            "# mplint: disable=invalid-enum-value\n\n# another comment\n"
            "ModelApprovalStatus: approved\nModelPackageDescription: " + "d" * 1100,
        ),
    )
    # MP104 on line 5 is suppressed; MP105 on line 6 is not (the comment covers one line).
    assert [f[:3] for f in found(check(tmp_path, "a.yaml"))] == [("MP105", 6, 26)]


def test_several_rules_in_one_comment_and_partial_use(tmp_path, write):
    write(
        "a.yaml",
        VALID_VERSIONED.replace(
            "PendingManualApproval", "approved  # mplint: disable=MP104, MP105 , MP999"
        ),
    )
    assert found(check(tmp_path, "a.yaml")) == [
        ("MP009", 2, 32, "unknown rule 'MP999' in a suppression comment"),
        ("MP009", 2, 32, "unused suppression: no MP105 finding on line 2"),
    ]


def test_file_level_suppression_with_and_without_a_list(tmp_path, write):
    bad = VALID_VERSIONED.replace("PendingManualApproval", "approved") + "Bogus: 1\n"
    write("a.yaml", "# mplint: disable-file=MP104 -- legacy file\n" + bad)
    assert [f[:3] for f in found(check(tmp_path, "a.yaml"))] == [("MP101", 12, 1)]
    write("a.yaml", bad + "# mplint: disable-file\n")
    assert found(check(tmp_path, "a.yaml")) == []
    write("a.yaml", VALID_VERSIONED + "# mplint: disable-file=MP104,unknown-key\n")
    assert found(check(tmp_path, "a.yaml")) == [
        ("MP009", 11, 1, "unused suppression: no MP104, unknown-key finding in this file")
    ]
    write("a.yaml", "# mplint: disable-file\n" + VALID_VERSIONED)
    assert found(check(tmp_path, "a.yaml")) == [
        ("MP009", 1, 1, "unused suppression: no finding in this file")
    ]


def test_unused_and_malformed_suppressions_are_reported(tmp_path, write):
    write(
        "a.yaml",
        VALID_VERSIONED.replace(
            "ModelPackageGroupName: churn", "ModelPackageGroupName: churn  # mplint: disable=MP105"
        )
        + "# mplint: disable=MP101\n"
        + "# mplint: disabel=MP101\n",
    )
    result = check(tmp_path, "a.yaml")
    assert found(result) == [
        ("MP009", 1, 31, "unused suppression: no MP105 finding on line 1"),
        ("MP009", 11, 1, "unused suppression: no MP101 finding (no line follows the comment)"),
        ("MP009", 12, 1, "malformed suppression comment; write '# mplint: disable=RULE[,RULE...]"
         " [-- reason]' or '# mplint: disable-file[=RULE,...]'"),
    ]  # fmt: skip
    assert result.code == 0  # MP009 is a warning
    assert check(tmp_path, "--fail-on", "warning", "a.yaml").code == 1
    first = result.findings()[0]
    assert (first["end_line"], first["end_column"], first["level"]) == (1, 54, "warning")
    # Ignored like any rule; and not reported for rules that did not run.
    assert found(check(tmp_path, "--ignore", "MP009", "a.yaml")) == []
    assert [f[:2] for f in found(check(tmp_path, "--select", "MP009,MP104", "a.yaml"))] == [
        ("MP009", 12)
    ]


def test_comment_like_text_inside_strings_is_not_a_suppression(tmp_path, write):
    write(
        "a.yaml",
        VALID_VERSIONED.replace("PendingManualApproval", "approved").replace(
            "model.tar.gz\n",
            "model.tar.gz\n"
            "      Environment:\n"
            "        NOTE: 'see # mplint: disable=MP104'\n"
            "        SCRIPT: |\n"
            "          # mplint: disable-file\n",
        ),
    )
    assert [f[:2] for f in found(check(tmp_path, "a.yaml"))] == [("MP104", 2)]


def test_suppressed_findings_do_not_fail_the_run_but_others_do(tmp_path, write):
    write(
        "a.yaml",
        VALID_VERSIONED.replace("PendingManualApproval", "approved # mplint: disable=MP104")
        + "Bogus: 1\n",
    )
    result = check(tmp_path, "a.yaml")
    assert [f[:2] for f in found(result)] == [("MP101", 11)] and result.code == 1


def test_suppressions_in_python_files(tmp_path, write):
    write(
        "register.py",
        """\
        import boto3

        boto3.client("sagemaker").create_model_package(
            ModelPackageGroupName="churn",
            ModelApprovalStatus="approved",  # mplint: disable=MP104 -- demo only
            ModelPackageDescription="x",  # mplint: disable=MP105
        )
        """,
    )
    result = check(tmp_path, "--python", "register.py")
    assert [f[:3] for f in found(result)] == [("MP009", 6, 35)]


def test_json_files_have_no_comments(tmp_path, write):
    write("a.json", '{"ModelPackageGroupName": "churn", "ModelApprovalStatus": "approved"}\n')
    assert [f[0] for f in found(check(tmp_path, "a.json"))] == ["MP104"]


def test_suppressions_apply_to_pack_rules_and_per_file_ignores_come_first(tmp_path, write):
    write(
        "policy.yaml",
        """\
        rules:
          - id: TEAM001
            name: no-skip
            level: error
            summary: No skipping
            explanation: Never.
            path: SkipModelValidation
            require: {not: {equals: All}}
        """,
    )
    write(".mplint.yaml", "packs: [policy.yaml]\nper-file-ignores: {'legacy-*': [MP104]}\n")
    write(
        "a.yaml",
        VALID_VERSIONED + "SkipModelValidation: All  # mplint: disable=no-skip -- load test\n",
    )
    assert found(check(tmp_path, "a.yaml")) == []
    # A suppression of a rule that per-file-ignores switched off cannot be judged unused.
    write(
        "legacy-a.yaml",
        VALID_VERSIONED.replace("PendingManualApproval", "approved  # mplint: disable=MP104"),
    )
    assert found(check(tmp_path, "legacy-a.yaml")) == []


def test_suppressed_findings_stay_in_the_report_with_their_justification():
    # Reporters that show suppressions (SARIF) read them from FileReport.findings.
    from mplint.config import Settings
    from mplint.engine import Linter

    text = (
        VALID_VERSIONED.replace(
            "PendingManualApproval", "approved  # mplint: disable=MP104 -- migrating, JIRA-42"
        )
        + "# mplint: disable-file=unknown-key\nBogus: 1\n"
    )
    report = Linter(Settings()).check_text(text, "a.yaml", explicit=True)
    assert [(f.rule, f.span.line, f.suppressed) for f in report.findings] == [
        ("MP104", 2, "migrating, JIRA-42"),
        ("MP101", 12, ""),
    ]
