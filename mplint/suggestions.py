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
    similar = close_matches(text, options, limit, cutoff)
    return list(dict.fromkeys(containing + similar))[:limit]


def close_matches(word: str, options: list[str], limit: int, cutoff: float) -> list[str]:
    """Exactly `difflib.get_close_matches(word, options, limit, cutoff)`, faster on long
    lists (an instance type is one of ~270): the full similarity ratio, the costly part, is
    computed best bound first and no longer once the cheap upper bound (`quick_ratio`) of
    what is left falls below the `limit`-th best ratio found, which it can then never beat.
    """
    import difflib  # only when a name is wrong: keeps it out of start-up
    import heapq

    if limit <= 0:
        raise ValueError(f"limit must be > 0: {limit!r}")
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    bounded: list[tuple[float, str]] = []
    for option in options:
        matcher.set_seq1(option)
        if matcher.real_quick_ratio() >= cutoff:
            bound = matcher.quick_ratio()
            if bound >= cutoff:
                bounded.append((bound, option))
    bounded.sort(key=lambda pair: pair[0], reverse=True)
    best: list[tuple[float, str]] = []  # a heap of the `limit` best (ratio, option)
    for bound, option in bounded:
        if len(best) == limit and bound < best[0][0]:
            break
        matcher.set_seq1(option)
        score = matcher.ratio()
        if score >= cutoff:
            if len(best) < limit:
                heapq.heappush(best, (score, option))
            elif (score, option) > best[0]:
                heapq.heapreplace(best, (score, option))
    return [option for _score, option in sorted(best, reverse=True)]
