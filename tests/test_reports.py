"""Every report format end to end on the shipped examples, with exact-output snapshots.

Snapshots live in tests/data/snapshots/; the version string and the absolute checkout path
are normalised. After an intended change to an output, regenerate them with
`MPLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_reports.py` and review the diff.
The runs select MP0 and MP1 (file and schema rules) so that rules added later do not change
these outputs.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT, run_mplint
from sarif_support import validate_sarif

from mplint import __version__
from mplint.model.locations import source_root

SNAPSHOTS = ROOT / "tests" / "data" / "snapshots"
SELECT = ("--select", "MP0,MP1")
SUFFIXES = {
    "text": "txt",
    "json": "json",
    "sarif": "sarif",
    "github": "txt",
    "junit": "xml",
    "gitlab": "json",
}


def normalise(text: str) -> str:
    root = source_root().as_uri().rstrip("/") + "/"
    text = text.replace(root, "file:///SRCROOT/")
    return text.replace(f'"{__version__}"', '"<VERSION>"')


def check_snapshot(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    actual = normalise(actual)
    if os.environ.get("MPLINT_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing snapshot {path}; run with MPLINT_UPDATE_SNAPSHOTS=1"
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def example_reports(tmp_path_factory) -> dict[str, str]:
    """Every format's report of one run over the examples (one lint, several outputs)."""
    folder = tmp_path_factory.mktemp("reports")
    args = ["check", "examples/", "-f", "text"]
    for fmt in SUFFIXES:
        if fmt != "text":
            args += ["-f", fmt, "-o", str(folder / fmt)]
    result = run_mplint(*args, *SELECT)
    assert result.code == 1, result.err
    assert result.err == ""
    reports = {fmt: (folder / fmt).read_text("utf-8") for fmt in SUFFIXES if fmt != "text"}
    return {"text": result.out, **reports}


@pytest.mark.parametrize("fmt", list(SUFFIXES))
def test_exact_output_on_examples(fmt, example_reports):
    if fmt == "sarif":
        validate_sarif(example_reports[fmt])
    check_snapshot(f"examples.{fmt}.{SUFFIXES[fmt]}", example_reports[fmt])


def test_a_report_written_to_a_file_equals_standard_output(example_reports):
    for fmt in ("json", "junit"):
        assert run_mplint("check", "examples/", "-f", fmt, *SELECT).out == example_reports[fmt]


# -- SARIF ------------------------------------------------------------------------------


def sarif_run(*args: str, cwd=None, stdin=None) -> dict:
    result = run_mplint("check", *args, "--format", "sarif", cwd=cwd, stdin=stdin)
    assert result.code in (0, 1), result.err
    return validate_sarif(result.out)["runs"][0]


def test_sarif_describes_every_rule_that_ran():
    run = sarif_run("examples/", *SELECT)
    driver = run["tool"]["driver"]
    assert driver["name"] == "mplint" and driver["version"] == __version__
    assert driver["informationUri"] == "https://github.com/acme/mplint"  # pyproject's Repository
    ids = [rule["id"] for rule in driver["rules"]]
    listed = json.loads(run_mplint("rules", "--format", "json").out)
    assert ids == sorted(r["id"] for r in listed if r["id"].startswith(("MP0", "MP1")))
    unknown_key = driver["rules"][ids.index("MP101")]
    assert unknown_key["name"] == "UnknownKey"
    assert unknown_key["shortDescription"]["text"].startswith("A key that")
    assert unknown_key["fullDescription"]["text"].startswith("boto3 refuses")
    documentation = run_mplint("explain", "MP101").out
    assert unknown_key["help"] == {"text": documentation, "markdown": documentation}
    assert unknown_key["defaultConfiguration"] == {"level": "error"}
    assert unknown_key["properties"] == {
        "tags": ["schema"], "precision": "very-high", "problem.severity": "error",
    }  # fmt: skip
    # helpUri: the rule's anchor in docs/rules.md (lowercase ids) in the repository
    assert unknown_key["helpUri"] == "https://github.com/acme/mplint/blob/main/docs/rules.md#mp101"


def test_sarif_problem_severity_follows_the_effective_level(write, tmp_path):
    write(".mplint.yaml", "levels: {MP101: note, MP105: warning}\n")
    write("spec.yaml", "ModelPackageGroupName: churn\nModelPackageNamee: x\n")
    run = sarif_run("spec.yaml", cwd=tmp_path)
    severity = {
        r["id"]: r["properties"]["problem.severity"] for r in run["tool"]["driver"]["rules"]
    }
    assert severity["MP101"] == "recommendation" and severity["MP105"] == "warning"
    assert severity["MP104"] == "error"


def test_sarif_leaves_suppressed_findings_out_unless_asked(write, tmp_path):
    write("spec.yaml", "ModelPackageGroupName: churn\nExtra: 1  # mplint: disable=MP101 -- known\n")
    assert sarif_run("spec.yaml", cwd=tmp_path)["results"] == []
    included = sarif_run("spec.yaml", "--include-suppressed", cwd=tmp_path)["results"]
    assert [(r["ruleId"], r["suppressions"]) for r in included] == [
        ("MP101", [{"kind": "inSource", "justification": "known"}])
    ]


def test_sarif_lists_only_the_selected_rules():
    run = sarif_run("examples/versioned", "--select", "MP101,MP003")
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["MP000", "MP003", "MP101"]
    assert [(r["ruleId"], r["ruleIndex"]) for r in run["results"]] == [("MP003", 1)]


def test_sarif_result_location_and_fingerprint():
    run = sarif_run("examples/invalid/typos.yaml")
    result = next(r for r in run["results"] if r["ruleId"] == "MP105")
    assert result["level"] == "error"
    assert result["message"]["text"] == "ModelPackageName is 67 characters long; the maximum is 63"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "examples/invalid/typos.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["region"] == {"startLine": 3, "startColumn": 19, "endLine": 3, "endColumn": 86}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == source_root().as_uri() + "/"
    assert result["properties"] == {"path": "/ModelPackageName", "document": 0}
    assert list(result["partialFingerprints"]) == ["mplintFinding/v1"]


def test_sarif_uri_is_repository_relative_from_a_subdirectory():
    run = sarif_run("typos.yaml", cwd=ROOT / "examples" / "invalid")
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris == {"examples/invalid/typos.yaml"}


def test_sarif_fingerprints_survive_lines_moving(write, tmp_path):
    spec = "ModelPackageGroupName: churn\nModelPackageDescription: [a]\nColour: red\n"
    path = write("spec.yaml", spec)
    before = sarif_run("spec.yaml", cwd=tmp_path)["results"]
    path.write_text("# a comment\n\n" + spec.replace("churn\n", "churn\nTags: []\n"), "utf-8")
    after = sarif_run("spec.yaml", cwd=tmp_path)["results"]

    def by_rule(results):
        return {r["ruleId"]: r for r in results if r["ruleId"] in ("MP101", "MP103")}

    assert set(by_rule(before)) == {"MP101", "MP103"}
    for rule, result in by_rule(before).items():
        moved = by_rule(after)[rule]
        old_line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
        new_line = moved["locations"][0]["physicalLocation"]["region"]["startLine"]
        assert new_line == old_line + 3
        assert moved["partialFingerprints"] == result["partialFingerprints"]
    # the same finding in another file is another alert
    write("other.yaml", spec)
    other = by_rule(sarif_run("other.yaml", cwd=tmp_path)["results"])
    assert other["MP101"]["partialFingerprints"] != by_rule(before)["MP101"]["partialFingerprints"]


def test_sarif_unreadable_and_unparsable_files_are_notifications(write, tmp_path):
    write("bad.yaml", b"ModelPackageGroupName: \xff\xfe\n")
    write("broken.json", '{"ModelPackageGroupName": "churn",}\n')
    write("good.yaml", "ModelPackageGroupName: churn\n")
    result = run_mplint("check", ".", "-f", "sarif", cwd=tmp_path)
    assert result.code == 1
    run = validate_sarif(result.out)["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["exitCode"] == 1
    notes = {
        (n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], n["level"])
        for n in invocation["toolExecutionNotifications"]
    }
    assert notes == {("bad.yaml", "error"), ("broken.json", "warning")}
    assert {r["ruleId"] for r in run["results"]} >= {"MP007", "MP002"}


def test_sarif_execution_successful_when_every_file_was_read(write, tmp_path):
    write("broken.json", '{"ModelPackageGroupName": "churn",}\n')
    run = sarif_run(".", cwd=tmp_path)
    assert run["invocations"][0]["executionSuccessful"] is True
    assert len(run["invocations"][0]["toolExecutionNotifications"]) == 1


def test_sarif_of_a_clean_run_is_valid(write, tmp_path):
    write("empty-dir/.keep", "")
    run = sarif_run("empty-dir", cwd=tmp_path)
    assert run["results"] == []
    assert run["invocations"][0] == {
        "executionSuccessful": True,
        "exitCode": 0,
        "toolExecutionNotifications": [],
    }


def test_sarif_renders_suppressions_and_effective_levels():
    """Inline suppressions and configured levels reach the reporter as Finding.suppressed
    and RunContext.levels; render them directly (their producers live elsewhere)."""
    from mplint.catalogue import builtin
    from mplint.model import FileReport, Finding, Level, Span
    from mplint.reporters import RunContext, get

    catalogue = builtin()
    levels = {"MP000": Level.ERROR, "MP101": Level.WARNING, "MP105": Level.NOTE}
    findings = [
        Finding("MP101", Level.WARNING, "unknown key 'X'", "a.yaml", Span(2, 1, 2, 2), ("X",),
                suppressed="reviewed: the deploy script drops X"),
        Finding("MP105", Level.NOTE, "too long", "a.yaml", Span(3, 1, 3, 9), ("Name",),
                suppressed=""),
        Finding("MP101", Level.WARNING, "unknown key 'Y'", "a.yaml", Span(4, 1, 4, 2), ("Y",)),
    ]  # fmt: skip
    report = FileReport("a.yaml", "checked", findings, 1)
    # By default suppressed findings are left out: GitHub code scanning does not read
    # `suppressions` and would show them as open alerts.
    default = validate_sarif(get("sarif")([report], RunContext(catalogue=catalogue, levels=levels)))
    assert [r["message"]["text"] for r in default["runs"][0]["results"]] == ["unknown key 'Y'"]
    context = RunContext(catalogue=catalogue, levels=levels, include_suppressed=True)
    log = validate_sarif(get("sarif")([report], context))
    run = log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert list(rules) == ["MP000", "MP101", "MP105"]
    assert rules["MP101"]["defaultConfiguration"] == {"level": "warning"}
    assert rules["MP105"]["defaultConfiguration"] == {"level": "note"}
    results = run["results"]
    assert results[0]["suppressions"] == [
        {"kind": "inSource", "justification": "reviewed: the deploy script drops X"}
    ]
    assert results[1]["suppressions"] == [{"kind": "inSource"}]
    assert "suppressions" not in results[2]
    # suppressed findings neither fail the run nor show in the other formats; what is left
    # is a warning, below the default --fail-on error
    assert run["invocations"][0]["exitCode"] == 0
    text = get("text")([FileReport("a.yaml", "checked", findings, 1)], context)
    assert "'X'" not in text and "'Y'" in text


def test_sarif_descriptions_are_clipped_to_1024_characters():
    from mplint.catalogue import Rule
    from mplint.model import Level
    from mplint.reporters import RunContext
    from mplint.reporters.sarif_report import _rule

    rule = Rule("MP999", "long", Level.NOTE, "s" * 2000, "e " * 2000)

    from mplint.catalogue import Catalogue

    described = _rule("MP999", RunContext(catalogue=Catalogue([rule]), levels={}))
    assert len(described["shortDescription"]["text"]) == 1024
    assert len(described["fullDescription"]["text"]) == 1024
    assert described["fullDescription"]["text"].endswith("…")


# -- GitHub workflow commands -----------------------------------------------------------


def test_github_annotation_fields():
    result = run_mplint("check", "examples/invalid/typos.yaml", "-f", "github")
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[1] == (
        "::error file=examples/invalid/typos.yaml,line=3,col=19,endLine=3,endColumn=86,"
        "title=MP105 value-too-long::ModelPackageName is 67 characters long; the maximum is 63"
    )
    assert lines[-1].startswith("Checked 1 file: ")


def test_github_escapes_workflow_command_syntax(write, tmp_path):
    write("odd,name:1.yaml", 'ModelPackageGroupName: churn\n"50%,a:b\\nc": 1\n')
    result = run_mplint("check", ".", "-f", "github", cwd=tmp_path)
    line = next(line for line in result.out.splitlines() if "MP101" in line)
    assert line.startswith("::error file=odd%2Cname%3A1.yaml,line=2,col=1,")
    message = line.split("::", 2)[2]
    assert "50%25,a:b\\nc" in message  # data: % escaped, a newline shown as \n, , and : kept
    assert "\n" not in message


def test_github_levels_map_to_commands():
    from mplint.model import Finding, Level, Span
    from mplint.reporters.github_report import annotation, escape_data, escape_property

    assert escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"

    class Context:
        catalogue = type("C", (), {"rules": {}})()

    note = Finding("MP900", Level.NOTE, "n", "a.yaml", Span(1, 1, 1, 2))
    warning = Finding("MP900", Level.WARNING, "w", "a.yaml", Span(1, 1, 1, 2))
    assert annotation(note, Context).startswith("::notice file=a.yaml,")  # type: ignore[arg-type]
    assert annotation(warning, Context).startswith("::warning ")  # type: ignore[arg-type]


def test_github_format_is_chosen_inside_github_actions():
    auto = run_mplint("check", "examples/invalid/typos.yaml", env={"GITHUB_ACTIONS": "true"})
    assert auto.out.startswith("::error file=examples/invalid/typos.yaml,")
    explicit = run_mplint(
        "check", "examples/invalid/typos.yaml", "-f", "text", env={"GITHUB_ACTIONS": "true"}
    )
    assert explicit.out.startswith("examples/invalid/typos.yaml:2:1: error MP101")
    outside = run_mplint("check", "examples/invalid/typos.yaml")
    assert outside.out == explicit.out


# -- JUnit ------------------------------------------------------------------------------


def test_junit_one_case_per_checked_file():
    result = run_mplint("check", "examples/", "-f", "junit")
    suite = ET.fromstring(result.out).find("testsuite")
    assert suite is not None
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    data = run_mplint("check", "examples/", "-f", "json").json()
    checked = [f["file"] for f in data["files"] if f["status"] != "skipped"]
    assert sorted(cases) == sorted(checked)
    assert "examples/docker-compose.yml" not in cases  # not a spec: not a test case
    errors = [f for f in data["findings"] if f["level"] == "error"]
    for name, case in cases.items():
        expected = [f for f in errors if f["file"] == name]
        failures = case.findall("failure")
        assert len(failures) == (1 if expected else 0)  # one per failing case, listing all
        if expected:
            lines = (failures[0].text or "").splitlines()
            assert [line.split()[2] for line in lines] == [f["rule"] for f in expected]
            assert failures[0].get("type") == expected[0]["rule"]
    assert cases["examples/versioned/churn-model.yaml"].findall("failure") == []
    failure = cases["examples/invalid/broken-syntax.json"].find("failure")
    assert failure is not None and failure.get("type") == "MP002"
    assert failure.text == (
        "examples/invalid/broken-syntax.json:6:78: error MP002 "
        "JSON syntax error: trailing comma before '}'"
    )
    failing = {f["file"] for f in errors}
    totals = (suite.get("tests"), suite.get("failures"), suite.get("errors"))
    assert totals == (str(len(checked)), str(len(failing)), "0")
    assert len(failing) < len(errors)  # cases are counted, not findings


def test_every_format_reports_the_same_findings(tmp_path):
    """All rules on all examples: each format shows exactly the findings of the JSON report."""
    outputs = {fmt: tmp_path / fmt for fmt in ("sarif", "github", "junit", "gitlab")}
    args = [arg for fmt, path in outputs.items() for arg in ("-f", fmt, "-o", str(path))]
    result = run_mplint("check", "examples/", "-f", "json", *args)
    findings = result.findings()
    text = {fmt: path.read_text("utf-8") for fmt, path in outputs.items()}
    expected = sorted((f["file"], f["line"], f["column"], f["rule"]) for f in findings)
    assert {f["level"] for f in findings} >= {"error", "warning"}

    sarif = validate_sarif(text["sarif"])["runs"][0]
    got = []
    for r in sarif["results"]:
        location = r["locations"][0]["physicalLocation"]
        region = location["region"]
        uri = location["artifactLocation"]["uri"]
        got.append((uri, region["startLine"], region["startColumn"], r["ruleId"]))
    assert sorted(got) == expected

    github = text["github"].splitlines()[:-1]
    pattern = re.compile(
        r"::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),.*title=(MP\d+) "
    )
    got = [(m[2], int(m[3]), int(m[4]), m[5]) for m in map(pattern.match, github) if m]
    assert len(got) == len(github) and sorted(got) == expected
    assert any(line.startswith("::warning ") for line in github)

    junit = ET.fromstring(text["junit"])
    lines = [line for f in junit.iter("failure") for line in (f.text or "").splitlines()]
    lines += [line for out in junit.iter("system-out") for line in (out.text or "").splitlines()]
    got = [(m[1], int(m[2]), int(m[3]), m[4]) for m in
           (re.match(r"(.+?):(\d+):(\d+): \w+ (MP\d+) ", line) for line in lines) if m]  # fmt: skip
    assert sorted(got) == expected

    gitlab = json.loads(text["gitlab"])
    got = [(i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"].split()[0])
           for i in gitlab]  # fmt: skip
    assert sorted(got) == sorted((f, line, rule) for f, line, _, rule in expected)


def test_junit_findings_below_fail_on_are_output_not_failures():
    from mplint.catalogue import builtin
    from mplint.model import FileReport, Finding, Level, Span
    from mplint.reporters import RunContext, get

    findings = [
        Finding("MP101", Level.ERROR, "unknown key 'X'", "a.yaml", Span(2, 1, 2, 2)),
        Finding("MP105", Level.WARNING, "too long", "a.yaml", Span(3, 1, 3, 9)),
    ]
    reports = [FileReport("a.yaml", "checked", findings, 1)]
    for fail_on, failures in ((Level.ERROR, 1), (Level.WARNING, 2)):
        context = RunContext(catalogue=builtin(), levels={}, fail_on=fail_on)
        root = ET.fromstring(get("junit")(reports, context))
        [failure] = root.findall(".//failure")
        assert len((failure.text or "").splitlines()) == failures
        assert root.get("failures") == "1"  # one failing test case
        out = root.find(".//system-out")
        if failures == 1:
            assert out is not None and out.text == "a.yaml:3:1: warning MP105 too long"
        else:
            assert out is None


def test_junit_unreadable_file_is_an_error(write, tmp_path):
    write("bad.yaml", b"\x80\xfe")
    result = run_mplint("check", "bad.yaml", "-f", "junit", cwd=tmp_path)
    root = ET.fromstring(result.out)
    error = root.find(".//error")
    assert error is not None and error.get("type") == "MP007"
    assert error.get("message", "").startswith("not UTF-8 text: byte 0x80 at line 1, column 1")
    assert root.get("errors") == "1" and root.get("failures") == "0"


def test_junit_escapes_hostile_text(write, tmp_path):
    write("spec.yaml", 'ModelPackageGroupName: churn\n"<x>&\\u0001]]>": 1\n')
    result = run_mplint("check", ".", "-f", "junit", cwd=tmp_path)
    failure = ET.fromstring(result.out).find(".//failure")  # parses: well-formed XML
    assert failure is not None and "<x>&\ufffd]]>" in (failure.text or "")


# -- several reports, one lint ----------------------------------------------------------


def test_several_formats_in_one_run(tmp_path):
    sarif = tmp_path / "out.sarif"
    junit = tmp_path / "out.xml"
    result = run_mplint(
        "check", "examples/", "-f", "sarif", "-o", str(sarif), "-f", "text",
        "--format=junit", f"--output={junit}",
    )  # fmt: skip
    assert result.code == 1
    assert result.out == run_mplint("check", "examples/").out
    assert validate_sarif(sarif.read_text("utf-8"))["runs"][0]["results"]
    assert ET.parse(junit).getroot().tag == "testsuites"


def test_output_before_its_format_and_default_format(tmp_path):
    out = tmp_path / "report.txt"
    result = run_mplint("check", "examples/versioned", "-o", str(out))
    assert result.out == "" and out.read_text("utf-8").startswith("examples/versioned/")
    result = run_mplint("check", "examples/versioned", "-o", str(out), "-f", "json")
    assert json.loads(out.read_text("utf-8"))["version"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-f", "json", "-f", "sarif"), "would all print to standard output"),
        (("-f", "json", "-o", "x.txt", "-f", "sarif", "-o", "x.txt"), "two reports"),
        (("-f", "yaml"), "Invalid value"),
    ],
)
def test_output_usage_errors(args, message, tmp_path):
    result = run_mplint("check", "examples/versioned", *args, cwd=tmp_path)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_outputs_pairing_rules():
    from mplint.outputs import Target, plan

    argv = ["check", "-f", "text", "-f", "sarif", "-o", "a.sarif", "x"]
    assert plan(["text", "sarif"], ["a.sarif"], argv) == [
        Target("text", None),
        Target("sarif", "a.sarif"),
    ]
    # an embedding caller whose argv says nothing: pair by position
    assert plan(["sarif", "text"], ["a.sarif"], []) == [
        Target("sarif", "a.sarif"),
        Target("text", None),
    ]
    assert plan([], [], [], github_actions=True) == [Target("github", None)]
    assert plan([], ["r.txt"], ["-o", "r.txt"], github_actions=True) == [Target("text", "r.txt")]


# -- GitLab Code Quality ----------------------------------------------------------------


def test_gitlab_code_quality_issues(write, tmp_path):
    write("a.yaml", "ModelPackageGroupName: churn\nColour: red\n")
    write("b.yaml", "ModelPackageGroupName: churn\nColour: red\n")
    issues = json.loads(run_mplint("check", ".", "-f", "gitlab", cwd=tmp_path).out)
    assert [(i["location"]["path"], i["check_name"], i["severity"]) for i in issues] == [
        ("a.yaml", "MP101 unknown-key", "major"),
        ("b.yaml", "MP101 unknown-key", "major"),
    ]
    assert issues[0]["location"]["lines"] == {"begin": 2, "end": 2}
    assert issues[0]["description"].startswith("MP101 unknown key 'Colour'")
    assert len({i["fingerprint"] for i in issues}) == 2
    # the fingerprint survives lines moving
    (tmp_path / "a.yaml").write_text("\n\nModelPackageGroupName: churn\nColour: red\n", "utf-8")
    moved = json.loads(run_mplint("check", ".", "-f", "gitlab", cwd=tmp_path).out)
    assert moved[0]["location"]["lines"]["begin"] == 4
    assert moved[0]["fingerprint"] == issues[0]["fingerprint"]


def test_sarif_file_outside_the_repository_has_an_absolute_uri(write, tmp_path):
    path = write("outside.yaml", "ModelPackageGroupName: churn\nColour: red\n")
    run = sarif_run(str(path))  # from the checkout: the file is not inside it
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": path.resolve().as_uri()}
