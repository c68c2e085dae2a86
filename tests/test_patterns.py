"""The ASCII projection of the API's patterns matches ASCII text exactly as the full pattern
does (mplint/schema/patterns.py)."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mplint.schema.document import schema
from mplint.schema.patterns import ApiPattern, ascii_projection


def _patterns(node, found):
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            found.add(node["pattern"])
        for value in node.values():
            _patterns(value, found)
    elif isinstance(node, list):
        for value in node:
            _patterns(value, found)
    return found


PATTERNS = sorted(_patterns(schema(), set()), key=len)
FULL = {p: re.compile(p) for p in PATTERNS}
PROJECTED = {p: re.compile(ascii_projection(p)) for p in PATTERNS}
ASCII = "".join(map(chr, range(128)))


def test_every_schema_pattern_has_a_projection_and_the_unicode_ones_shrink():
    assert all(ascii_projection(p) is not None for p in PATTERNS)
    longest = PATTERNS[-1]
    assert len(longest) > 10_000 and len(ascii_projection(longest)) < 200


@pytest.mark.parametrize("pattern", PATTERNS, ids=range(len(PATTERNS)))
def test_each_ascii_character_and_pair_matches_the_same(pattern):
    full, projected = FULL[pattern], PROJECTED[pattern]
    for text in ["", *ASCII, *(a + b for a in ASCII for b in "a0-_ :/")]:
        assert bool(full.search(text)) == bool(projected.search(text)), repr(text)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(PATTERNS),
    st.text(alphabet=st.sampled_from(ASCII), max_size=40)
    | st.text(alphabet=string.ascii_letters + string.digits + " _.:/=+-@", max_size=40),
)
def test_random_ascii_text_matches_the_same(pattern, text):
    assert bool(FULL[pattern].search(text)) == bool(PROJECTED[pattern].search(text))


def test_api_pattern_answers_like_the_full_pattern_for_any_text():
    description = next(p for p in PATTERNS if len(p) > 10_000 and "{0,1024}" in p)
    api = ApiPattern(description)
    assert api.search("Churn model, v2 (trained 2026-11-01)")
    assert api.search("Modèle de désabonnement, données de 2026")
    assert not api.search("line\nbreak")
    for text in ("emoji \U0001f600 is a symbol", "tab\there", "\u2028", "a" * 1025):
        assert bool(api.search(text)) == bool(FULL[description].search(text)), repr(text)


@pytest.mark.parametrize(
    ("pattern", "ascii"),
    [
        (r"^[\u0041-\u005a\u00e0-\u00ff]+$", r"^[\x41-\x5a]+$"),
        (r"[^\n\r\x85\u2028]", r"[^\x0a\x0d]"),
        (r"[_.:/=+\-@\u00aa]", r"[\x5f\x2e\x3a\x2f\x3d\x2b\x2d\x40]"),
        (r"[-a]", r"[\x2d\x61]"),
        (r"[\u00e0-\u00ff]{2}", r"[^\s\S]{2}"),
        (r"[^\u00e0]", r"[\s\S]"),
        (r"[\s\d\u0030-\u0039]", r"[\s\d\x30-\x39]"),
        (r"a\[b\]", r"a\[b\]"),
        (r"[a[b]", None),
        (r"[\b]", None),
    ],
)
def test_projection_of_small_classes(pattern, ascii):
    assert ascii_projection(pattern) == ascii
