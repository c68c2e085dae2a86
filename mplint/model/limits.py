"""The limits that bound what mplint reads, in one place (README, "Limits and hostile input").

Each bounds the cost of hostile or accidental input; none is reached by a real spec.
"""

from __future__ import annotations

# Files larger than this are not read (--max-file-size). 1 MiB is the largest CloudFormation
# template or pipeline definition AWS accepts; a spec is a few kilobytes. mplint's own YAML
# files (rules, policy packs, .mplint.yaml) are bounded the same way.
DEFAULT_MAX_BYTES = 1024 * 1024
MAX_DEPTH = 100  # values nested in more collections than this are refused; specs need ~10
MAX_VALUES = 50_000  # values per document, aliases expanded; a spec has a few hundred
ALIAS_EXPANSION = 10_000  # values per document reached again through aliases
MAX_NUMBER_LENGTH = 100  # longer integers are not converted (Python refuses > 4,300 digits)
MAX_DOCUMENTS = 1000  # documents per YAML stream checked; a file of specs holds a few
MAX_SCHEMA_ERRORS = 1000  # schema errors examined per spec
MAX_MESSAGE = 2000  # characters; longer messages are shortened in the middle

_SIZE_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
MAX_SIZE = 1024**4  # 1024G: a limit is a bound on what is read, never an allocation


def parse_size(text: str | int) -> int:
    """'1048576', '512K', '5M', '1GiB', '2mb' (1024-based) or an int -> bytes; ValueError if
    it is not a positive size."""
    if isinstance(text, int) and not isinstance(text, bool):
        if 0 < text <= MAX_SIZE:
            return text
        if text > 0:
            raise ValueError(f"{text} is larger than the maximum of {MAX_SIZE} (1024G)")
        raise ValueError(f"expected a positive size like 1048576, 512K or 5M, not {text}")
    value = str(text).strip().upper().removesuffix("IB").removesuffix("B")
    unit = value[-1:] if value[-1:] in _SIZE_UNITS else ""
    number = value[: len(value) - len(unit)].strip()
    # isdecimal and a length bound: no int() of thousands of digits, no Unicode digits
    if not (number.isascii() and number.isdecimal()) or int(number[:20]) == 0:
        raise ValueError(f"expected a positive size like 1048576, 512K or 5M, not '{text}'")
    if len(number) > 15 or int(number) * _SIZE_UNITS[unit] > MAX_SIZE:
        raise ValueError(f"'{text}' is larger than the maximum of 1024G")
    return int(number) * _SIZE_UNITS[unit]
