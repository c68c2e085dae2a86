"""Task and Domain: free strings in the API model, with documented values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mplint.checks import Violation, check
from mplint.checks._util import get, quote
from mplint.model import Spec
from mplint.suggestions import suggest

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
    # the text-inside rule above replaces `suggest`'s choice-contains-text rule here
    hint = suggest(normalised, choices, limit=1, cutoff=0.75, contains=False)
    return hint[0] if hint else None


def _unknown_value(
    data: Any, key: str, choices: tuple[str, ...], what: str, fallback: str
) -> Iterator[Violation]:
    """unknown-task/unknown-domain: `key` holds a string that is not one of `choices` (the `what`)."""
    value = get(data, key)
    if isinstance(value, str) and value not in choices:
        hint = _closest(value, choices)
        advice = f"; did you mean {hint}?" if hint else fallback
        yield Violation(
            (key,),
            f"{key} {quote(value)} is not one of the {what} ({', '.join(choices)}){advice}",
            at_key=False,
        )


@check("unknown-task")
def unknown_task(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    yield from _unknown_value(
        spec.data,
        "Task",
        TASKS,
        "tasks Inference Recommender supports",
        "; use OTHER if none of them fits",
    )


@check("unknown-domain")
def unknown_domain(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    yield from _unknown_value(spec.data, "Domain", DOMAINS, "documented domains", "")
