"""The filters between the checks and the reporters (inline suppressions, per-file-ignores,
baselines) and the exit code: each test pins behaviour that a surviving mutant of those
modules changed (docs/testing.md, mutation testing). Through the public API and the CLI."""

from __future__ import annotations

import json

import pytest
from conftest import VALID_VERSIONED, run_mplint

from mplint import checks
from mplint.api import check_paths, check_text

GROUP = "ModelPackageGroupName: churn\n"


def found(text: str, name: str = "spec.yaml") -> list[tuple[str, int, int, str]]:
    return [(f.rule, f.line, f.column, f.message) for f in check_text(text, name, isolated=True)]


def rules(text: str, name: str = "spec.yaml") -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in check_text(text, name, isolated=True)]


# --- Inline suppressions ----------------------------------------------------------------


def test_a_directive_alone_on_a_line_covers_the_very_next_line():
    text = GROUP + "# mplint: disable=MP101\nColour: red\nModelPackageDescription: fine\n"
    assert found(text) == []


def test_a_directive_right_after_a_block_scalar_is_a_comment():
    """The block scalar's span ends where the comment starts: the comment is not inside it."""
    text = GROUP + "ModelPackageDescription: |-\n  text\n# mplint: disable=MP101\nColour: red\n"
    assert found(text) == []


def test_unknown_rules_in_a_comment_are_listed_up_to_five():
    five = found(GROUP + "Colour: red  # mplint: disable=A1,A2,A3,A4,A5\n")[1:]
    assert five == [
        ("MP009", 2, 14, "unknown rules 'A1', 'A2', 'A3', 'A4', 'A5' in a suppression comment")
    ]
    six = found(GROUP + "Colour: red  # mplint: disable=A1,A2,A3,A4,A5,A6\n")[1:]
    assert six == [
        (
            "MP009", 2, 14,
            "unknown rules 'A1', 'A2', 'A3', 'A4', 'A5' and 1 more in a suppression comment",
        )
    ]  # fmt: skip


def test_a_python_file_that_does_not_tokenize_trusts_no_directive():
    """Its comments cannot be told from strings, so the directive is not judged either."""
    text = (
        "import boto3\n"
        "# mplint: disable-file=MP101\n"
        'boto3.client("sagemaker").create_model_package(ModelPackageGroupName="churn")\n'
        '"""\n'
    )
    assert rules(text, "spec.py") == [("MP708", 4)]


def test_positions_count_from_a_blank_first_line():
    text = "\nColour: red  # mplint: disable=A1\n" + GROUP
    assert found(text)[1:] == [("MP009", 2, 14, "unknown rule 'A1' in a suppression comment")]


def test_a_directive_inside_a_string_does_not_stop_the_ones_after_it():
    yaml = GROUP + 'ModelPackageDescription: "see # mplint: disable=MP101"\n'
    assert found(yaml + "Colour: red  # mplint: disable=MP101\n") == []
    python = (
        'import boto3\n"""\n# mplint: disable=MP101\n"""\n'
        'boto3.client("sagemaker").create_model_package(ModelPackageGroupName="churn",'
        ' Colour="red")  # mplint: disable=MP101\n'
    )
    assert found(python, "spec.py") == []


@pytest.mark.parametrize(
    ("comment", "problem"),
    [
        ("# mplint: enable=MP101", "malformed suppression comment; write '# mplint:"
         " disable=RULE[,RULE...] [-- reason]' or '# mplint: disable-file[=RULE,...]'"),
        ("# mplint: disable=A1", "unknown rule 'A1' in a suppression comment"),
    ],
    ids=["malformed", "only-unknown-rules"],
)  # fmt: skip
def test_a_directive_that_suppresses_nothing_does_not_stop_the_ones_after_it(comment, problem):
    text = (
        GROUP + f"ModelPackageDescription: fine  {comment}\nColour: red  # mplint: disable=MP101\n"
    )
    assert found(text) == [("MP009", 2, 32, problem)]


def test_a_file_directive_comes_before_a_line_directive_for_the_same_rule():
    """The file-level directive suppresses the finding; the line one is reported unused."""
    text = (
        "# mplint: disable-file=MP101 -- legacy keys\n"
        + GROUP
        + "Colour: red  # mplint: disable=MP101\n"
    )
    assert found(text) == [("MP009", 3, 14, "unused suppression: no MP101 finding on line 3")]


def test_a_file_directive_for_every_rule_does_not_stop_the_judging_of_the_others():
    text = "# mplint: disable-file\n" + GROUP + "Colour: red  # mplint: disable=MP105\n"
    assert found(text) == [("MP009", 3, 14, "unused suppression: no MP105 finding on line 3")]


def test_a_python_source_named_otherwise_keeps_python_comments():
    """--source python on a .txt file: a directive inside a docstring is no comment."""
    text = (
        '"""Docs.\n# mplint: disable-file=MP101\n"""\nimport boto3\n'
        'boto3.client("sagemaker").create_model_package(ModelPackageGroupName="churn",'
        ' Colour="red")\n'
    )
    findings = check_text(text, "spec.txt", isolated=True, source="python")
    assert [(f.rule, f.line) for f in findings] == [("MP101", 5)]


def test_an_encoding_note_of_a_yaml_file_passes_the_filters(tmp_path, monkeypatch):
    (tmp_path / "spec.yaml").write_bytes(GROUP.encode("utf-16"))
    monkeypatch.chdir(tmp_path)
    report = check_paths("spec.yaml", isolated=True)
    assert [(f.rule, f.line, f.column, f.message) for f in report.findings] == [
        ("MP010", 1, 1, "the file is UTF-16 text; mplint read it, but Python's open(), json.load"
                        " and most tools expect UTF-8: save it as UTF-8")
    ]  # fmt: skip
    assert report.exit_code == 0


# --- Internal errors (MP000) pass every filter -------------------------------------------


def _boom(spec, options):
    raise RuntimeError("boom")
    yield  # pragma: no cover


@pytest.fixture
def crashing_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """MP401's check raises. It is the first check that runs, so the other checks' findings
    come after its internal error (MP000)."""
    checks.load_all()
    assert next(iter(checks.CHECKS)) == "artifact-not-tar-gz"
    monkeypatch.setitem(checks.CHECKS, "artifact-not-tar-gz", _boom)


def test_no_file_directive_hides_an_internal_error(crashing_check):
    text = "# mplint: disable-file -- legacy\n" + VALID_VERSIONED
    text += "Colour: red\nTags: [{Key: a, Value: b}]\n"
    [crash] = found(text)  # the unknown key (MP101) and the tags (MP212) are suppressed
    assert crash[:3] == ("MP000", 2, 1)
    assert crash[3].startswith("rule MP401 failed: RuntimeError: boom")


def test_per_file_ignores_never_hide_an_internal_error(crashing_check, tmp_path, monkeypatch):
    (tmp_path / ".mplint.yaml").write_text('per-file-ignores:\n  "*.yaml": [ALL]\n', "utf-8")
    (tmp_path / "spec.yaml").write_text(VALID_VERSIONED + "Colour: red\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    report = check_paths("spec.yaml")
    assert [f.rule for f in report.findings] == ["MP000"]
    assert report.exit_code == 2


# --- Baselines --------------------------------------------------------------------------

# Two MP611 findings at the same place (/InferenceSpecification): one baseline key, twice.
TWO_AT_ONE_PLACE = """\
ModelPackageGroupName: churn
InferenceSpecification:
  Containers:
    - Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2
      ModelDataUrl: s3://acme-models-us-east-1/churn/model.tar.gz
"""


def test_two_findings_with_one_key_need_two_entries(tmp_path, write):
    write("spec.yaml", TWO_AT_ONE_PLACE)
    assert run_mplint("check", ".", "--write-baseline", "b.json", cwd=tmp_path).code == 0
    entries = json.loads((tmp_path / "b.json").read_text("utf-8"))["findings"]
    assert [(e["rule"], e["path"]) for e in entries] == [("MP611", "/InferenceSpecification")] * 2
    both = run_mplint("check", ".", "--baseline", "b.json", "-f", "json", cwd=tmp_path)
    assert (both.code, both.findings(), "no longer match" in both.err) == (0, [], False)
    # one entry hides one finding: the other is shown
    baseline = json.loads((tmp_path / "b.json").read_text("utf-8"))
    baseline["findings"] = entries[:1]
    (tmp_path / "b.json").write_text(json.dumps(baseline), "utf-8")
    one = run_mplint("check", ".", "--baseline", "b.json", "-f", "json", cwd=tmp_path)
    assert [f["rule"] for f in one.findings()] == ["MP611"]


def test_each_unmatched_entry_is_counted_once(tmp_path, write):
    write("spec.yaml", TWO_AT_ONE_PLACE)
    run_mplint("check", ".", "--write-baseline", "b.json", cwd=tmp_path)
    baseline = json.loads((tmp_path / "b.json").read_text("utf-8"))
    baseline["findings"] *= 2  # four entries for two findings
    (tmp_path / "b.json").write_text(json.dumps(baseline), "utf-8")
    result = run_mplint("check", ".", "--baseline", "b.json", cwd=tmp_path)
    assert result.code == 0
    assert "2 baseline entries in b.json no longer match a finding" in result.err
