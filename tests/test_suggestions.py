"""The shared "did you mean" rules (mplint/suggestions.py)."""

from __future__ import annotations

import subprocess
import sys

from mplint.suggestions import suggest

TYPES = ["ml.m5.large", "ml.m5.xlarge", "ml.m5.2xlarge", "ml.c5.xlarge"]


def test_same_word_in_another_case_wins_alone() -> None:
    assert suggest("modelname", ["ModelName", "ModelNames", "Model"]) == ["ModelName"]


def test_choices_containing_the_word_come_first_shortest_first() -> None:
    assert suggest("xlarge", TYPES) == ["ml.m5.xlarge", "ml.c5.xlarge", "ml.m5.2xlarge"]
    # then difflib's close matches, without repeating a choice
    assert suggest("m5.xlarge", TYPES) == ["ml.m5.xlarge", "ml.c5.xlarge", "ml.m5.2xlarge"]


def test_containment_can_be_switched_off_and_needs_three_characters() -> None:
    assert suggest("m5.xlarge", TYPES, limit=1, contains=False) == ["ml.m5.xlarge"]
    assert suggest("m5", TYPES) == []


def test_limit_and_cutoff() -> None:
    assert suggest("selct", ["select", "extend-select", "ignore"], limit=1) == ["select"]
    assert suggest("selct", ["select"], cutoff=0.99) == []
    assert suggest("zzz", ["select", "ignore"]) == []


def test_difflib_is_imported_only_when_a_hint_is_needed() -> None:
    code = "import sys, mplint.suggestions; print('difflib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False"


def test_close_matches_are_exactly_difflibs() -> None:
    import difflib
    import random

    from mplint.schema.document import schema
    from mplint.suggestions import close_matches

    types = schema()["properties"]["InferenceSpecification"]["properties"][
        "SupportedRealtimeInferenceInstanceTypes"
    ]["items"]["enum"]
    rng = random.Random(3)
    words = ["ml.m5.superlarge", "ml.m5.xlarg", "m5.large", "ml.g4dn.xl", "", "zzz", "ml"]
    for _ in range(120):  # typos of real values, and noise
        word = list(rng.choice(types))
        for _ in range(rng.randrange(1, 4)):
            word.insert(rng.randrange(len(word) + 1), rng.choice("ml.5xgarez2"))
        words.append("".join(word))
    for word in words:
        for limit, cutoff in ((3, 0.6), (1, 0.6), (5, 0.8), (3, 0.0)):
            expected = difflib.get_close_matches(word, types, n=limit, cutoff=cutoff)
            assert close_matches(word, types, limit, cutoff) == expected, (word, limit, cutoff)
