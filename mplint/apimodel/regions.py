"""Partitions and regions of the active API model (botocore's partitions.json and
endpoints.json, carried in the schema as `x-aws-partitions`).

A region belongs to the partition that lists it, else to the first whose region pattern
matches it (what botocore does for a region it does not list yet).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mplint.apimodel import active, per_model


@dataclass(frozen=True, slots=True)
class Partitions:
    by_region: dict[str, str]  # listed region -> partition id
    patterns: tuple[tuple[str, re.Pattern[str]], ...]  # (partition id, region pattern)
    suffixes: dict[str, str]  # partition id -> DNS suffix


@per_model
def table() -> Partitions:
    data = active().schema().get("x-aws-partitions", {})
    by_region: dict[str, str] = {}
    patterns = []
    suffixes = {}
    for pid, row in data.items():
        suffixes[pid] = row["dnsSuffix"]
        for region in row.get("regions", []):
            by_region.setdefault(region, pid)
        try:
            patterns.append((pid, re.compile(row["regionRegex"])))
        except (re.error, KeyError, TypeError):
            continue  # a pattern Python cannot read: the listed regions still count
    return Partitions(by_region, tuple(patterns), suffixes)


def partition_of(region: str) -> str | None:
    """The partition of `region`, or None when no partition knows it."""
    partitions = table()
    found = partitions.by_region.get(region)
    if found is not None:
        return found
    for pid, pattern in partitions.patterns:
        if pattern.match(region):
            return pid
    return None


def is_region(region: str) -> bool:
    return partition_of(region) is not None


def dns_suffix(region: str) -> str | None:
    """The DNS suffix of the partition of `region` (amazonaws.com, amazonaws.com.cn...)."""
    pid = partition_of(region)
    return table().suffixes.get(pid) if pid else None


def partition_ids() -> frozenset[str]:
    return frozenset(table().suffixes)


def dns_suffixes() -> tuple[str, ...]:
    """Every partition's DNS suffix, longest first (so `amazonaws.com.cn` wins over
    `amazonaws.com`)."""
    return tuple(sorted(set(table().suffixes.values()), key=len, reverse=True))


def unknown_region(region: str) -> str:
    """What a message says about a region no partition of the model knows."""
    return (
        f"'{region}' is not an AWS region known to {active().release} (if AWS added it"
        " recently, upgrade botocore or pass --api-model)"
    )
