"""KMS key identifiers: the schema's pattern ([a-zA-Z0-9:/_-]*) accepts almost anything."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from mplint.checks import Violation, check
from mplint.checks._aws import REGION
from mplint.checks._util import member, quote, string_leaves
from mplint.model import Spec

_KEY_ID = r"(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32})"
_ALIAS = r"alias/[a-zA-Z0-9/_-]{1,250}"
_ARN = rf"arn:aws(?:-[a-z]+)*:kms:{REGION}:[0-9]{{12}}:"
_KMS_KEY = rf"^(?:{_KEY_ID}|{_ALIAS}|{_ARN}key/{_KEY_ID}|{_ARN}{_ALIAS})\Z"


@check("MP420")
def invalid_kms_key(spec: Spec, options: dict[str, Any]) -> Iterator[Violation]:
    for path, value, _node in string_leaves(spec.data, frozenset({"KmsKeyId"})):
        if not re.match(_KMS_KEY, value):
            yield Violation(
                path,
                f"{member(path)} {quote(value)} is not a KMS key id"
                " (1234abcd-12ab-34cd-56ef-1234567890ab), key ARN, alias name (alias/Name) or"
                " alias ARN: no key has that name, so whatever uses it to encrypt fails",
                at_key=False,
            )
