"""`mplint server`, tested as an editor uses it: a real LSP client (tests/lsp_client.py)
speaks JSON-RPC to the server in a subprocess over stdio."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, run_mplint

pytest.importorskip("pygls")

from lsp_client import LspClient

SEVERITY = {"error": 1, "warning": 2, "note": 3}
RULES_DOC = "https://github.com/acme/mplint/blob/main/docs/rules.md#"

# A spec with a finding after characters that take two UTF-16 code units (the emoji).
EMOJI_SPEC = textwrap.dedent(
    """\
    ModelPackageGroupName: churn
    ModelPackageDescription: "🙂🙂 churn"
    ModelApprovalStatus: approved
    Tags: [{Key: "🙂", Value: 1}]
    """
)


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def expected_diagnostics(path: Path, cwd: Path, *extra: str) -> list[tuple]:
    """What `mplint check FILE --skip-non-specs -f json` reports, as LSP would show it:
    0-based lines, characters counted in UTF-16 code units."""
    lines = re.split(r"\r\n|\r|\n", path.read_text(encoding="utf-8"))
    result = run_mplint("check", str(path), "--skip-non-specs", "-f", "json", "--no-cache",
                        *extra, cwd=cwd)  # fmt: skip
    assert result.code in (0, 1), result.err
    shown = []
    for f in result.findings():
        start = (f["line"] - 1, utf16(lines[f["line"] - 1][: f["column"] - 1]))
        end = (f["end_line"] - 1, utf16(lines[f["end_line"] - 1][: f["end_column"] - 1]))
        shown.append((f["rule"], SEVERITY[f["level"]], start, end, f["message"]))
    return shown


def shown(diagnostics: list[dict]) -> list[tuple]:
    return [
        (
            d["code"], d["severity"],
            (d["range"]["start"]["line"], d["range"]["start"]["character"]),
            (d["range"]["end"]["line"], d["range"]["end"]["character"]),
            d["message"],
        )
        for d in diagnostics
    ]  # fmt: skip


@pytest.fixture
def client(tmp_path):
    clients = []

    def start(folders: list[Path] | None = None, **options) -> LspClient:
        lsp = LspClient(tmp_path)
        clients.append(lsp)
        lsp.initialize(folders or [tmp_path], options)
        return lsp

    yield start
    for lsp in clients:
        assert lsp.close() == 0


def test_initialize_advertises_what_the_server_does(tmp_path):
    lsp = LspClient(tmp_path)
    result = lsp.initialize([tmp_path])
    capabilities = result["capabilities"]
    assert result["serverInfo"]["name"] == "mplint"
    assert capabilities["hoverProvider"]
    assert capabilities["codeActionProvider"]["codeActionKinds"] == [
        "quickfix",
        "source.fixAll.mplint",
    ]
    assert capabilities["positionEncoding"] == "utf-16"
    assert capabilities["textDocumentSync"]["openClose"]
    assert lsp.close() == 0


def test_diagnostics_are_the_findings_of_mplint_check_with_exact_utf16_ranges(client, tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(EMOJI_SPEC, encoding="utf-8")
    lsp = client()
    uri = lsp.open(spec)
    diagnostics = lsp.diagnostics(uri, version=1)
    assert shown(diagnostics) == expected_diagnostics(spec, tmp_path)
    by_rule = {d["code"]: d for d in diagnostics}
    assert set(by_rule) == {"MP104", "MP103", "MP107", "MP212"}
    # Value: 1 stands after an emoji (2 UTF-16 code units, 1 character for mplint)
    value = by_rule["MP103"]["range"]
    assert value["start"] == {"line": 3, "character": EMOJI_SPEC.splitlines()[3].index("1") + 1}
    assert by_rule["MP104"]["codeDescription"] == {"href": RULES_DOC + "mp104"}
    assert by_rule["MP104"]["source"] == "mplint" and by_rule["MP104"]["severity"] == 1


def test_each_workspace_folder_uses_its_own_configuration(client, tmp_path):
    folders = []
    for name, config in (("strict", "levels: {MP104: warning}\n"), ("lenient", "ignore: [MP1]\n")):
        folder = tmp_path / name
        (folder / "specs").mkdir(parents=True)
        (folder / ".mplint.yaml").write_text(config, encoding="utf-8")
        (folder / "specs" / "spec.yaml").write_text(EMOJI_SPEC, encoding="utf-8")
        folders.append(folder)
    lsp = client(folders)
    for folder in folders:
        spec = folder / "specs" / "spec.yaml"
        uri = lsp.open(spec)
        assert shown(lsp.diagnostics(uri)) == expected_diagnostics(spec, folder)
    strict, lenient = (folder / "specs" / "spec.yaml" for folder in folders)
    assert {d[0]: d[1] for d in expected_diagnostics(strict, folders[0])}["MP104"] == 2
    assert {d[0] for d in expected_diagnostics(lenient, folders[1])} == {"MP212"}


SOURCES = [
    ("pipelines/fraud-pipeline.json", "json"),
    ("cloudformation/model-registry.yaml", "yaml"),
    ("describe/customer-churn-7.json", "json"),
    ("python/register_model.py", "python"),
    ("invalid/typos.yaml", "yaml"),
    ("invalid/broken-syntax.json", "json"),
    ("docker-compose.yml", "yaml"),  # not a spec: no diagnostic, as with --skip-non-specs
]


def test_every_source_kind(client, tmp_path):
    lsp = client()
    for example, language in SOURCES:
        copy = tmp_path / example
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(EXAMPLES / example, copy)
        uri = lsp.open(copy, language=language)
        expected = expected_diagnostics(copy, tmp_path)
        assert shown(lsp.diagnostics(uri)) == expected, example
        assert bool(expected) is (example != "docker-compose.yml"), example


def test_changes_are_checked_once_typing_pauses_and_saves_at_once(client, tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text("ModelPackageGroupName: churn\n", encoding="utf-8")
    lsp = client(debounce=1.0)
    uri = lsp.open(spec)
    assert lsp.diagnostics(uri, version=1) == []
    # five quick edits, typing "approved": only the last version is checked
    for version, typed in enumerate(("a", "ap", "app", "appr", "approved"), start=2):
        lsp.change(uri, version, f"ModelPackageGroupName: churn\nModelApprovalStatus: {typed}\n")
    diagnostics = lsp.diagnostics(uri)
    published = [
        m["params"]["version"] for m in lsp.transcript_messages("textDocument/publishDiagnostics")
    ]
    assert published == [1, 6]
    assert [d["code"] for d in diagnostics] == ["MP104"]
    assert "'approved'" in diagnostics[0]["message"]
    # a save checks at once
    lsp.change(uri, 7, "ModelPackageGroupName: churn\nModelApprovalStatus: Approved\n")
    lsp.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert lsp.diagnostics(uri, version=7) == []
    lsp.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert lsp.wait_for("textDocument/publishDiagnostics", uri=uri)["diagnostics"] == []


def test_hover_shows_the_api_documentation_of_a_member(client, tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "ModelPackageGroupName: churn\nInferenceSpecification:\n  Containers:\n"
        "    - Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1\n"
        "ModelApprovalStatus: Approved\nNotAMember: 1\n",
        encoding="utf-8",
    )
    lsp = client()
    uri = lsp.open(spec)
    lsp.diagnostics(uri)

    def hover(line: int, character: int):
        return lsp.request("textDocument/hover", {
            "textDocument": {"uri": uri}, "position": {"line": line, "character": character}})  # fmt: skip

    status = hover(4, 3)
    assert status["contents"]["kind"] == "markdown"
    assert status["contents"]["value"].startswith("**ModelApprovalStatus** (string)")
    assert "One of: `Approved`, `Rejected`, `PendingManualApproval`" in status["contents"]["value"]
    assert status["range"] == {"start": {"line": 4, "character": 0},
                               "end": {"line": 4, "character": 19}}  # fmt: skip
    image = hover(3, 8)["contents"]["value"]
    assert image.startswith("**Image** (string)")
    assert (
        "API_ModelPackageContainerDefinition.html#sagemaker-Type-ModelPackageContainerDefinition-Image"
        in image
    )
    assert hover(5, 2) is None  # not a member of the request
    assert hover(4, 25) is None  # a value, not a key


def test_code_action_disables_the_rule_on_its_line(client, tmp_path):
    spec = tmp_path / "spec.yaml"
    text = "ModelPackageGroupName: churn\nModelApprovalStatus: approved  # keep\nExtra: 1\n"
    spec.write_text(text, encoding="utf-8")
    lsp = client()
    uri = lsp.open(spec)
    diagnostics = lsp.diagnostics(uri, version=1)
    status = next(d for d in diagnostics if d["code"] == "MP104")
    actions = lsp.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": status["range"],
        "context": {"diagnostics": [status]}})  # fmt: skip
    action = next(a for a in actions if a["title"].startswith("Disable "))
    assert action["title"] == "Disable MP104 (invalid-enum-value) on this line"
    assert action["kind"] == "quickfix"
    (edit,) = action["edit"]["changes"][uri]
    assert edit["newText"] == "  # mplint: disable=MP104"
    fixed = apply(text, edit)
    assert fixed.splitlines()[1] == "ModelApprovalStatus: approved  # keep  # mplint: disable=MP104"
    lsp.change(uri, 2, fixed)
    lsp.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert [d["code"] for d in lsp.diagnostics(uri, version=2)] == ["MP101"]
    # a second rule on a line that already has a suppression joins its list
    lines = fixed.splitlines()
    lines[2] = "Extra: 1  # mplint: disable=MP104 -- reviewed"
    again = "\n".join(lines) + "\n"
    lsp.change(uri, 3, again)
    lsp.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    after = {d["code"]: d for d in lsp.diagnostics(uri, version=3)}
    assert set(after) == {"MP101", "MP009"}  # the MP104 suppression there suppresses nothing
    unknown = after["MP101"]
    actions = lsp.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": unknown["range"],
        "context": {"diagnostics": [unknown]}})  # fmt: skip
    disable = next(a for a in actions if a["title"].startswith("Disable "))
    (edit,) = disable["edit"]["changes"][uri]
    assert (
        apply(again, edit).splitlines()[2] == "Extra: 1  # mplint: disable=MP104,MP101 -- reviewed"
    )


def test_json_files_get_no_suppression_action(client, tmp_path):
    spec = tmp_path / "spec.json"
    spec.write_text('{"ModelPackageGroupName": "churn", "Extra": 1}\n', encoding="utf-8")
    lsp = client()
    uri = lsp.open(spec, language="json")
    (diagnostic,) = lsp.diagnostics(uri)
    actions = lsp.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": diagnostic["range"],
        "context": {"diagnostics": [diagnostic]}})  # fmt: skip
    assert actions == []


def test_a_bad_configuration_is_shown_once_not_fatal(client, tmp_path):
    (tmp_path / ".mplint.yaml").write_text("selekt: [ALL]\n", encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    spec.write_text(EMOJI_SPEC, encoding="utf-8")
    lsp = client()
    uri = lsp.open(spec)
    assert lsp.diagnostics(uri) == []
    message = lsp.wait_for("window/showMessage")
    assert message["type"] == 1 and ".mplint.yaml:1:1" in message["message"]


def apply(text: str, edit: dict) -> str:
    """A one-line TextEdit applied to `text` (characters in UTF-16 code units)."""
    lines = text.split("\n")
    start, end = edit["range"]["start"], edit["range"]["end"]
    assert start["line"] == end["line"]
    line = lines[start["line"]]
    units = line.encode("utf-16-le")
    before = units[: 2 * start["character"]].decode("utf-16-le")
    after = units[2 * end["character"] :].decode("utf-16-le")
    lines[start["line"]] = before + edit["newText"] + after
    return "\n".join(lines)


def test_server_without_pygls_says_how_to_install_it(tmp_path):
    probe = (
        "import sys; sys.modules['pygls'] = None; sys.argv = ['mplint', 'server']\n"
        "from mplint.__main__ import main; main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT)}, timeout=60)  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.startswith("mplint: error: `mplint server` needs pygls")
    assert "Traceback" not in proc.stderr


def test_saving_the_configuration_checks_the_open_documents_again(client, tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(EMOJI_SPEC, encoding="utf-8")
    config = tmp_path / ".mplint.yaml"
    config.write_text("ignore: []\n", encoding="utf-8")
    lsp = client()
    uri = lsp.open(spec)
    assert "MP104" in {d["code"] for d in lsp.diagnostics(uri)}
    config_uri = lsp.open(config, text="ignore: []\n")
    assert lsp.diagnostics(config_uri) == []  # not a spec
    config.write_text("ignore: [MP104]\n", encoding="utf-8")
    lsp.change(config_uri, 2, "ignore: [MP104]\n")
    lsp.notify("textDocument/didSave", {"textDocument": {"uri": config_uri}})
    assert "MP104" not in {d["code"] for d in lsp.diagnostics(uri)}


def apply_all(text: str, edits: list[dict]) -> str:
    """TextEdits applied to `text`, the last first (they do not overlap)."""
    ordered = sorted(edits, key=lambda e: (e["range"]["start"]["line"],
                                           e["range"]["start"]["character"]))  # fmt: skip
    for edit in reversed(ordered):
        start, end = edit["range"]["start"], edit["range"]["end"]
        lines = text.split("\n")
        head = "\n".join(lines[: start["line"]] + [lines[start["line"]][: start["character"]]])
        tail_line = lines[end["line"]] if end["line"] < len(lines) else ""
        tail = "\n".join([tail_line[end["character"] :]] + lines[end["line"] + 1 :])
        text = head + edit["newText"] + tail
    return text


def test_quick_fixes_and_fix_all_come_from_the_fix_engine(client, tmp_path):
    text = "ModelPackageGroupName: churn\nModelApprovalStatus: approved\nDomain: 1\n"
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    lsp = client()
    uri = lsp.open(spec)
    diagnostics = {d["code"]: d for d in lsp.diagnostics(uri, version=1)}
    status = diagnostics["MP104"]
    actions = lsp.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": status["range"],
        "context": {"diagnostics": [status]}})  # fmt: skip
    titles = [a["title"] for a in actions]
    fix = actions[0]
    assert fix["kind"] == "quickfix" and fix["isPreferred"] is True
    assert fix["title"].startswith("Fix MP104: ")
    assert titles[-1] == "Disable MP104 (invalid-enum-value) on this line"
    fixed = apply_all(text, fix["edit"]["changes"][uri])
    assert fixed.splitlines()[1] == "ModelApprovalStatus: Approved"
    # fix all: what `mplint check --fix` writes, as one edit of the document
    fix_all = next(a for a in actions if a["kind"] == "source.fixAll.mplint")
    (whole,) = fix_all["edit"]["changes"][uri]
    spec.write_text(text, encoding="utf-8")
    run_mplint("check", "--fix", "spec.yaml", "--no-cache", cwd=tmp_path)
    assert whole["newText"] == spec.read_text(encoding="utf-8") != text
    assert apply_all(text, [whole]) == whole["newText"]
    # a client that asks for source.fixAll only (on save) gets only that
    only = lsp.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": status["range"],
        "context": {"diagnostics": [], "only": ["source.fixAll"]}})  # fmt: skip
    assert [a["kind"] for a in only] == ["source.fixAll.mplint"]
    # the fixed document shows what `mplint check` reports on the fixed file
    lsp.change(uri, 2, whole["newText"])
    lsp.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    after = shown(lsp.diagnostics(uri, version=2))
    assert after == expected_diagnostics(spec, tmp_path)
    assert "MP104" not in {d[0] for d in after}
