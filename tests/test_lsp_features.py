"""The language server's pieces, without a client: positions, hover, suppression edits."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES

pytest.importorskip("lsprotocol")

from lsprotocol import types

from mplint.lsp.features import accepts_comments, hover, suppression_edit
from mplint.lsp.text import from_lsp, lines, to_lsp, utf8, utf16, utf32


def test_lines_break_where_lsp_breaks_them():
    assert lines("a\r\nb\rc\nd\u2028e") == ["a", "b", "c", "d\u2028e"]  # LS starts no line


@pytest.mark.parametrize(("units", "expected"), [(utf16, 3), (utf8, 5), (utf32, 2)])
def test_columns_count_the_negotiated_code_units(units, expected):
    doc = lines("🙂x: 1\n")
    assert to_lsp(doc, 1, 3, units) == (0, expected)  # after 🙂 and x
    assert from_lsp(doc, 0, expected, units) == (1, 3)


def test_positions_are_clamped_to_the_document():
    doc = lines("ab\ncd")
    assert to_lsp(doc, 9, 1) == (1, 2)  # past the last line: its end
    assert from_lsp(doc, 7, 99) == (2, 3)
    assert from_lsp([], 0, 0) == (1, 1)


def key_position(text: str, key: str) -> types.Position:
    for number, line in enumerate(text.splitlines()):
        if key in line:
            return types.Position(line=number, character=line.index(key) + 1)
    raise AssertionError(key)


@pytest.mark.parametrize(
    ("example", "key", "title"),
    [
        ("pipelines/fraud-pipeline.json", "SupportedResponseMIMETypes", "(list of string)"),
        ("python/register_model.py", "ModelApprovalStatus", "(string)"),
        (
            "cloudformation/model-registry.yaml",
            "InferenceSpecification",
            "(InferenceSpecification)",
        ),
    ],
)
def test_hover_inside_every_kind_of_file(example, key, title):
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    found = hover(text, example, key_position(text, key))
    assert found is not None
    assert found.contents.value.startswith(f"**{key}** {title}")


def test_no_hover_outside_a_request_or_in_a_broken_file():
    stack = (EXAMPLES / "cloudformation" / "model-registry.yaml").read_text(encoding="utf-8")
    assert hover(stack, "stack.yaml", key_position(stack, "Resources")) is None
    assert (
        hover("ModelPackageGroupName: [\n", "x.yaml", types.Position(line=0, character=2)) is None
    )


def test_suppression_edits():
    text = "A: 1\nB: 2  # mplint: disable -- all rules\nC: 3  # mplint:disable=MP101\n"
    new = suppression_edit(text, 0, "MP104")
    assert new is not None and new.new_text == "  # mplint: disable=MP104"
    assert (new.range.start.character, new.range.end.character) == (4, 4)
    assert suppression_edit(text, 1, "MP104") is None  # covers every rule already
    joined = suppression_edit(text, 2, "MP104")
    assert joined is not None and joined.new_text == ",MP104"
    assert joined.range.start.character == len("C: 3  # mplint:disable=MP101")
    assert suppression_edit(text, 9, "MP104") is None
    trailing = suppression_edit("A: 1   \n", 0, "MP104")
    assert trailing is not None and (
        trailing.range.start.character,
        trailing.range.end.character,
    ) == (4, 7)


def test_only_files_with_comments_get_suppressions():
    assert accepts_comments("spec.yaml", "A: 1\n")
    assert accepts_comments("call.py", "{")
    assert not accepts_comments("spec.json", '{"A": 1}')
