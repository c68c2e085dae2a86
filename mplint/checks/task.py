"""Task and Domain: free strings in the API model, with documented values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mplint.checks import Violation, check
from mplint.checks._util import get, quote
from mplint.model import Spec

TASKS = (
    "IMAGE_CLASSIFICATION", "OBJECT_DETECTION", "TEXT_GENERATION", "IMAGE_SEGMENTATION",
    "FILL_MASK", "CLASSIFICATION", "REGRESSION", "OTHER",
)  # fmt: skip
DOMAINS = ("COMPUTER_VISION", "NATURAL_LANGUAGE_PROCESSING", "MACHINE_LEARNING")


def _closest(value: str, choices: tuple[str, ...]) -> str | None:
    normalised = value.strip().upper().replace("-", "_").replace(" ", "_")
    if normalised in choices:
        return normalised
    # "binary-classification" means CLASSIFICATION: prefer a value named inside the text
    words = f"_{normalised}_"
    inside = [c for c in choices if c != "OTHER" and f"_{c}_" in words]
    if inside:
        return max(inside, key=len)
    import difflib  # only when a value is wrong

    hint = difflib.get_close_matches(normalised, choices, n=1, cutoff=0.75)
    return hint[0] if hint else None


@check("MP601")
def unknown_task(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    value = get(spec.data, "Task")
    if isinstance(value, str) and value not in TASKS:
        hint = _closest(value, TASKS)
        advice = f"did you mean {hint}?" if hint else "use OTHER if none of them fits"
        yield Violation(
            ("Task",),
            f"Task {quote(value)} is not one of the tasks Inference Recommender supports"
            f" ({', '.join(TASKS)}); {advice}",
            at_key=False,
        )


@check("MP602")
def unknown_domain(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    value = get(spec.data, "Domain")
    if isinstance(value, str) and value not in DOMAINS:
        hint = _closest(value, DOMAINS)
        advice = f"; did you mean {hint}?" if hint else ""
        yield Violation(
            ("Domain",),
            f"Domain {quote(value)} is not one of the documented domains"
            f" ({', '.join(DOMAINS)}){advice}",
            at_key=False,
        )
