"""The model card of a model package: a JSON document in the simplified model package schema."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from mplint.checks import Violation, check
from mplint.checks._util import get
from mplint.model import Spec

_PATH = ("ModelCard", "ModelCardContent")
# What the model package model card schema keeps of model_overview (API_ModelPackageModelCard).
_OVERVIEW = frozenset({"model_creator", "model_artifact"})


@check("invalid-model-card-content")
def invalid_model_card_content(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    content = get(spec.data, *_PATH)
    if not isinstance(content, str) or not content.strip():
        return  # absent, decided at deploy time, or an empty string (no content)
    try:
        card = json.loads(content)
    except ValueError as exc:
        yield Violation(_PATH, f"ModelCardContent is not a JSON document ({exc})", at_key=False)
        return
    if not isinstance(card, dict):
        yield Violation(
            _PATH, "ModelCardContent is JSON but not an object of model card sections",
            at_key=False,
        )  # fmt: skip
        return
    if "model_package_details" in card:
        yield Violation(
            _PATH,
            "ModelCardContent has model_package_details, which the model package model card"
            " schema does not include (the package itself supplies them)",
            at_key=False,
        )
    overview = card.get("model_overview")
    extra = sorted(set(overview) - _OVERVIEW) if isinstance(overview, dict) else []
    if extra:
        yield Violation(
            _PATH,
            f"ModelCardContent's model_overview has {', '.join(extra)}; in a model package's"
            " model card it holds only model_creator and model_artifact",
            at_key=False,
        )
