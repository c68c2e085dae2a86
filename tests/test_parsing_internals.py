"""Shortcuts inside the parser that must not change its answers: span maps that hold nodes
or offsets until a span is looked up, and the direct resolution of scalar tags."""

from __future__ import annotations

import copy
import pickle

import yaml
from hypothesis import given
from hypothesis import strategies as st

from mplint.model import Span
from mplint.parsing import parse_json, parse_yaml
from mplint.parsing.yaml import _Loader

TEXT = "A: 1\nB:\n  - x\n  - {C: y}\n"


def document():
    documents, problems = parse_yaml(TEXT)
    assert problems == []
    return documents[0]


def test_every_way_of_reading_the_span_maps_gives_spans():
    doc = document()
    expected = {(): Span(1, 1, 5, 1), ("A",): Span(1, 4, 1, 5), ("B",): Span(3, 3, 5, 1),
                ("B", 0): Span(3, 5, 3, 6), ("B", 1): Span(4, 5, 4, 11),
                ("B", 1, "C"): Span(4, 9, 4, 10)}  # fmt: skip
    assert dict(doc.values.items()) == expected
    assert list(doc.values.values()) == list(expected.values())
    assert doc.values[("B", 0)] == Span(3, 5, 3, 6)
    assert doc.values.get(("B", 1, "C")) == Span(4, 9, 4, 10)
    assert doc.values.get(("nope",), "default") == "default"
    assert doc.keys[("B", 1, "C")] == Span(4, 6, 4, 7)
    assert doc.values.copy() == expected
    assert copy.copy(doc.values) == expected
    assert pickle.loads(pickle.dumps(doc.values)) == expected
    assert all(isinstance(span, Span) for span in doc.keys.values())


def test_the_json_scanner_spans_read_the_same_way():
    documents, problems = parse_json('{"A": 1,\n "B": [true, {"C": "y"}]}\n')
    assert problems == []
    doc = documents[0]
    assert doc.values[("B", 1, "C")] == Span(2, 20, 2, 23)
    assert doc.keys.get(("B",)) == Span(2, 2, 2, 5)
    assert all(isinstance(span, Span) for span in doc.values.values())
    assert pickle.loads(pickle.dumps(doc.keys)) == dict(doc.keys.items())


SCALARS = ["", "true", "True", "yes", "NO", "on", "Off", "null", "~", "nULL", "1", "0o7",
           "0x1F", "0b101", "1_000", "1:20", "+1", "-", "1.5", ".inf", "-.Inf", ".nan",
           "2001-12-14", "2001-12-14t21:59:43.10-05:00", "<<", "=", "text/csv", "name",
           "ml.m5.large", "y", "n", "!", "&", "*"]  # fmt: skip
IMPLICIT = [(True, False), (False, True), (False, False)]


@given(st.sampled_from(SCALARS) | st.text(max_size=30), st.sampled_from(IMPLICIT))
def test_scalar_tags_resolve_as_pyyaml_resolves_them(value, implicit):
    reference = yaml.SafeLoader("")
    assert _Loader("").resolve(yaml.ScalarNode, value, implicit) == reference.resolve(
        yaml.ScalarNode, value, implicit
    )
