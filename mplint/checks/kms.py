"""KMS key identifiers: the schema's pattern ([a-zA-Z0-9:/_-]*) accepts almost anything."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from mplint.apimodel.regions import partition_of, unknown_region
from mplint.checks import Violation, check
from mplint.checks._aws import REGION
from mplint.checks._util import member, quote, string_leaves
from mplint.model import Spec

_KEY_ID = r"(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32})"
_ALIAS = r"alias/[a-zA-Z0-9/_-]{1,250}"
_ARN = rf"arn:(?P<partition>aws(?:-[a-z]+)*):kms:(?P<region>{REGION}):[0-9]{{12}}:"
_KMS_KEY = rf"^(?:{_KEY_ID}|{_ALIAS})\Z"
_KMS_ARN = rf"^{_ARN}(?:key/{_KEY_ID}|{_ALIAS})\Z"


@check("invalid-kms-key-id")
def invalid_kms_key(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, value, _node in string_leaves(spec.data, frozenset({"KmsKeyId"})):
        problem = _problem(value)
        if problem:
            yield Violation(path, f"{member(path)} {quote(value)} {problem}", at_key=False)


def _problem(value: str) -> str | None:
    if re.match(_KMS_KEY, value):
        return None
    arn = re.match(_KMS_ARN, value)
    if arn is None:
        return (
            "is not a KMS key id (1234abcd-12ab-34cd-56ef-1234567890ab), key ARN, alias name"
            " (alias/Name) or alias ARN: no key has that name, so whatever uses it to encrypt"
            " fails"
        )
    # The partition and region come from the API model's partition data (aws-eusc...).
    region, partition = arn.group("region"), arn.group("partition")
    expected = partition_of(region)
    if expected is None:
        return f"names a region that is not known: {unknown_region(region)}"
    if expected != partition:
        return f"names {region}, a region of the partition {expected}, not {partition}"
    return None
