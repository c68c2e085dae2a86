"""Hints ("did you mean ...?"): one place decides which known names a misspelt one is near.

Used for unknown schema keys and enum values, Task/Domain values, configuration keys, rule
fields and condition operators, so that every message guesses by the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable


def suggest(
    word: str,
    choices: Iterable[str],
    *,
    limit: int = 3,
    cutoff: float = 0.6,
    contains: bool = True,
) -> list[str]:
    """The choices closest to `word`, best first, at most `limit` of them.

    1. The same word in another case (`modelname` -> ModelName): every such choice, and
       nothing else, since that is certainly what was meant.
    2. With `contains`, choices that contain the word (three characters or more), shortest
       first (`m5.xlarge` -> ml.m5.xlarge).
    3. difflib's close matches with a similarity ratio of at least `cutoff` (0 to 1).

    An empty list when nothing is close enough.
    """
    import difflib  # only when a name is wrong: keeps it out of start-up

    text = str(word)
    options = list(choices)
    lowered = text.lower()
    by_case = [c for c in options if c.lower() == lowered]
    if by_case:
        return by_case
    containing = (
        sorted((c for c in options if len(text) > 2 and lowered in c.lower()), key=len)
        if contains
        else []
    )
    similar = difflib.get_close_matches(text, options, n=limit, cutoff=cutoff)
    return list(dict.fromkeys(containing + similar))[:limit]
