"""The adversarial corpus: hostile and awkward files, each with its exact expected outcome.

Generated here (several cases are megabytes) and shared by tests/test_hostile.py, which
asserts the outcome, and benchmarks/adversarial.py, which times every case.

`expect` lists every finding of an input rule (MP0xx) as (rule, line, column), in order;
`also` lists findings of other rules that must be present (positions in awkward files).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mplint.model.limits import ALIAS_EXPANSION, DEFAULT_MAX_BYTES, MAX_DEPTH, MAX_VALUES

S = "ModelPackageGroupName: churn\n"  # a first line that makes any document a spec
MARKER = "MARKER"  # tests replace it with a path that must never be created


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    content: bytes
    expect: list[tuple[str, int, int]]
    also: list[tuple[str, int, int]] = field(default_factory=list)


def _col(line: str, needle: str, occurrence: int = 1) -> int:
    """1-based column of the `occurrence`-th `needle` in `line`."""
    index = -1
    for _ in range(occurrence):
        index = line.index(needle, index + 1)
    return index + 1


def _bomb(levels: int = 9) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return S + "\n".join(lines) + "\n"


def _unsafe() -> list[Case]:
    d = "ModelPackageDescription: "
    tags = {
        "apply": f'!!python/object/apply:os.system ["touch {MARKER}"]',
        "name": "!!python/name:os.system ''",
        "module": "!!python/module:os ''",
        "new": f"!!python/object/new:subprocess.Popen [[touch, {MARKER}]]",
        "object": "!!python/object:os._wrap_close {}",
        "verbatim": f'!<tag:yaml.org,2002:python/object/apply:os.system> ["touch {MARKER}"]',
    }
    cases = [
        Case(f"unsafe-tag-{kind}", f"unsafe-{kind}.yaml", (S + d + tag + "\n").encode(),
             [("MP005", 2, len(d) + 1)])
        for kind, tag in tags.items()
    ]  # fmt: skip
    handle = f"%TAG !py! tag:yaml.org,2002:python/\n---\n{S}{d}!py!object/apply:os.system [x]\n"
    cases.append(Case("unsafe-tag-handle", "unsafe-handle.yaml", handle.encode(),
                      [("MP005", 4, len(d) + 1)]))  # fmt: skip
    key = S + "!!python/name:os.system Key: v\n"
    cases.append(Case("unsafe-tag-on-key", "unsafe-key.yaml", key.encode(), [("MP005", 2, 1)]))
    second = S + "---\n" + S + "Tags: !!python/object/apply:os.system [x]\n"
    cases.append(Case("unsafe-tag-second-document", "unsafe-doc2.yaml", second.encode(),
                      [("MP005", 4, 7)]))  # fmt: skip
    return cases


def _deep() -> list[Case]:
    cases = []
    first = MAX_DEPTH + 1  # the first value inside more than MAX_DEPTH collections
    for n in (10_000, 100_000):
        text = S + "x: " + "[" * n + "]" * n
        cases.append(Case(f"yaml-flow-seq-{n}", f"flow{n}.yaml", text.encode(),
                          [("MP008", 2, 3 + first)]))  # fmt: skip
        text = S + "x: " + "{a: " * n + "1" + "}" * n
        # the key of the MAX_DEPTH-th mapping is the first value past the limit
        cases.append(Case(f"yaml-flow-map-{n}", f"flowmap{n}.yaml", text.encode(),
                          [("MP008", 2, 4 + 4 * (MAX_DEPTH - 1) + 1)]))  # fmt: skip
        text = S + "x:\n" + "- " * n + "leaf\n"
        cases.append(Case(f"yaml-block-seq-{n}", f"dash{n}.yaml", text.encode(),
                          [("MP008", 3, 2 * (first - 1) + 1)]))  # fmt: skip
        prefix = '{"ModelPackageGroupName": "churn", "x": '
        text = prefix + "[" * n + "]" * n + "}"
        cases.append(Case(f"json-array-{n}", f"deep{n}.json", text.encode(),
                          [("MP008", 1, len(prefix) + first)]))  # fmt: skip
        text = prefix + '{"a": ' * n + "1" + "}" * n + "}"
        cases.append(Case(f"json-object-{n}", f"deepobj{n}.json", text.encode(),
                          [("MP008", 1, len(prefix) + 6 * (first - 1) + 1)]))  # fmt: skip
    # Block mappings, one level per line: the key of the MAX_DEPTH-th mapping is past it.
    text = S + "x:\n" + "".join("  " * k + "a:\n" for k in range(1, 151))
    cases.append(Case("yaml-block-map-150", "blockmap.yaml", text.encode(),
                      [("MP008", 2 + MAX_DEPTH, 2 * MAX_DEPTH + 1)]))  # fmt: skip
    # Depth reached only through an alias: 60 levels under `e`, then 60 more from `*d`.
    line_d = "d: &d " + "[" * 60 + "]" * 60
    text = S + line_d + "\ne: " + "[" * 60 + "*d" + "]" * 60 + "\n"
    # d's root sits at depth 61 inside e: its (MAX_DEPTH - 60 + 1)-th bracket is too deep
    col = _col(line_d, "[") + (MAX_DEPTH - 60)
    cases.append(Case("yaml-depth-through-alias", "aliasdeep.yaml", text.encode(),
                      [("MP008", 2, col)]))  # fmt: skip
    text = S + "a: &a {b: *a}\n"  # a mapping that contains itself: the walk stops at the
    # key `b` of the MAX_DEPTH-th repetition
    cases.append(Case("yaml-recursive-alias", "recursive.yaml", text.encode(),
                      [("MP008", 2, 8)]))  # fmt: skip
    return cases


def _expansion() -> list[Case]:
    bomb = _bomb()
    cases = [Case("billion-laughs", "bomb.yaml", bomb.encode(), _bomb_expect(bomb))]
    padded = bomb + "#" + "x" * (DEFAULT_MAX_BYTES - len(bomb) - 100) + "\n"
    cases.append(Case("billion-laughs-padded", "bomb-padded.yaml", padded.encode(),
                      _bomb_expect(bomb)))  # fmt: skip
    merge = (
        S
        + "base: &b {k1: 1, k2: 2}\n"
        + "".join(
            f"m{i}: &m{i} {{<<: [*{'b' if i == 0 else f'm{i - 1}'}], k{i}: {i}}}\n"
            for i in range(40)
        )
    )
    cases.append(Case("merge-chain", "merge-chain.yaml", merge.encode(), []))
    return cases


def _bomb_expect(bomb: str) -> list[tuple[str, int, int]]:
    return [("MP008", *_bomb_position(bomb))]


def _bomb_position(bomb: str) -> tuple[int, int]:
    """Where the walk stops: converting a1 visits a0's list (own nodes), then each of a1's
    aliases expands a0 again (10 values each: the list and 9 items); a2, a3, ... repeat a1's
    expansions. The (ALIAS_EXPANSION + 1)-th repeated value is a `lol` or a0's list."""
    counts = [10]  # values in one expansion of a_i
    for _ in range(1, 9):
        counts.append(1 + 9 * counts[-1])
    # Values repeated so far when the walk enters each a_i: replay it exactly.
    repeated = 0
    lines = bomb.splitlines()
    for level in range(1, 9):
        # a_level: the list itself is new, its 9 aliases each repeat counts[level - 1] values
        for _ in range(9):
            if repeated + counts[level - 1] > ALIAS_EXPANSION:
                return _inside(lines, level - 1, ALIAS_EXPANSION - repeated, counts)
            repeated += counts[level - 1]
    raise AssertionError("the bomb is too small to reach the limit")


def _inside(lines: list[str], level: int, skip: int, counts: list[int]) -> tuple[int, int]:
    """Position of the (skip + 1)-th value of a pre-order walk of a_level's expansion."""
    while True:
        line_no = 2 + level  # a0 is on line 2
        line = lines[line_no - 1]
        if skip == 0:  # the anchored list: its node starts at the anchor
            return line_no, _col(line, "&")
        skip -= 1
        if level == 0:
            return line_no, _col(line, "lol", skip + 1)
        item, skip = divmod(skip, counts[level - 1])
        del item  # every alias of a_level is the same node: a_(level-1)
        level -= 1


def _numbers() -> list[Case]:
    d = "ModelPackageDescription: "
    return [
        Case("yaml-int-5000-digits", "bigint.yaml", (S + d + "1" * 5000 + "\n").encode(),
             [("MP008", 2, len(d) + 1)]),
        Case("yaml-base60-int", "base60.yaml", (S + d + "1" + ":1" * 200_000 + "\n").encode(),
             [("MP008", 2, len(d) + 1)]),
        Case("json-int-5000-digits", "bigint.json",
             ('{"ModelPackageGroupName": "churn", "x": ' + "1" * 5000 + "}").encode(),
             [("MP008", 1, 41)]),
    ]  # fmt: skip


def _size() -> list[Case]:
    d = "ModelPackageDescription: "
    long_value = S + d + "x" * 1_000_000 + "\n"
    big = S + "#" * (DEFAULT_MAX_BYTES - len(S)) + "\n"
    dense = S + "Tags: [" + "0," * MAX_VALUES + "0]\n"
    # values: root mapping, 2 keys, 1 value, the Tags list, then items: the limit is passed
    # at item number MAX_VALUES - 4
    dense_col = len("Tags: [") + 2 * (MAX_VALUES - 5) + 1
    dense_json = '{"ModelPackageGroupName": "churn", "Tags": [' + "0," * MAX_VALUES + "0]}"
    json_col = len('{"ModelPackageGroupName": "churn", "Tags": [') + 2 * (MAX_VALUES - 3) + 1
    return [
        Case("long-line", "long-line.yaml", long_value.encode(), [], [("MP105", 2, len(d) + 1)]),
        Case("over-size-limit", "big.yaml", big.encode(), [("MP008", 1, 1)]),
        Case("dense-yaml", "dense.yaml", dense.encode(), [("MP008", 2, dense_col)]),
        Case("dense-json", "dense.json", dense_json.encode(), [("MP008", 1, json_col)]),
    ]


def _encodings() -> list[Case]:
    bad = S + "ModelPackageGroupNme: x\n"  # MP101 at line 2, column 1
    js = '{"ModelPackageGroupNme": "x"}'  # MP101 at line 1, column 2
    return [
        Case("nul-byte", "nul.yaml", (S + "a: \x00\n").encode(), [("MP007", 2, 4)]),
        Case("latin-1", "latin1.yaml", (S + "ModelPackageDescription: caf\xe9\n").encode("latin-1"),
             [("MP007", 2, 29)]),
        Case("png", "image.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [("MP007", 1, 1)]),
        Case("control-character", "ctrl.yaml", (S + "a: 1\x01\n").encode(), [("MP001", 2, 5)]),
        Case("utf-16-le-bom", "utf16le.yaml", bad.encode("utf-16"), [("MP010", 1, 1)],
             [("MP101", 2, 1)]),
        Case("utf-16-be-bom", "utf16be.yaml", b"\xfe\xff" + bad.encode("utf-16-be"),
             [("MP010", 1, 1)], [("MP101", 2, 1)]),
        Case("utf-32-bom", "utf32.json", js.encode("utf-32"), [("MP010", 1, 1)],
             [("MP101", 1, 2)]),
        Case("utf-16-without-bom", "utf16.yaml", bad.encode("utf-16-le"), [("MP007", 1, 1)]),
        Case("utf-16-truncated", "utf16-odd.yaml", bad.encode("utf-16")[:-1], [("MP007", 2, 24)]),
        Case("utf-8-bom-yaml", "bom.yaml", ("\ufeff" + bad).encode(), [], [("MP101", 2, 1)]),
        Case("utf-8-bom-yaml-first-line", "bom1.yaml", "\ufeffModelPackageGroupNme: x\n".encode(),
             [], [("MP101", 1, 1)]),
        Case("utf-8-bom-json", "bom.json", ("\ufeff" + js).encode(), [("MP010", 1, 1)],
             [("MP101", 1, 2)]),
        Case("empty", "empty.yaml", b"", [("MP004", 1, 1)]),
    ]  # fmt: skip


def _positions() -> list[Case]:
    status = "ModelApprovalStatus: nope"  # MP104 at column 22 of its line
    flow = "{ModelPackageGroupName: churn, ModelApprovalStatus: nope}"
    merge = (
        "ModelPackageGroupName: churn\n"
        "InferenceSpecification:\n"
        "  <<: &defaults\n"
        "    SupportedContentTypes: [text/csv]\n"
        "    SupportedRealtimeInferenceInstanceTypes: [ml.m5.superlarge]\n"
        "  Containers: [{Image: x}]\n"
    )
    return [
        Case("crlf-yaml", "crlf.yaml", (S + status + "\n").replace("\n", "\r\n").encode(), [],
             [("MP104", 2, 22)]),
        Case("cr-only-yaml", "cr.yaml", (S + status + "\n").replace("\n", "\r").encode(), [],
             [("MP104", 2, 22)]),
        Case("crlf-json", "crlf.json",
             b'{\r\n  "ModelPackageGroupName": "churn",\r\n  "ModelApprovalStatus": "nope"\r\n}',
             [], [("MP104", 3, 26)]),
        Case("cr-only-json", "cr.json",
             b'{\r  "ModelPackageGroupName": "churn",\r  "ModelApprovalStatus": "nope"\r}',
             [], [("MP104", 3, 26)]),
        Case("tabs", "tabs.yaml", b"ModelPackageGroupName:\tchurn\nModelApprovalStatus:\t\tnope\n",
             [], [("MP104", 2, 23)]),
        Case("tabs-json", "tabs.json",
             b'{\t"ModelPackageGroupName":\t"churn",\n\t"ModelApprovalStatus":\t"nope"}',
             [], [("MP104", 2, 25)]),
        Case("multi-document", "multi.yaml", (S + "---\n" + S + status + "\n").encode(), [],
             [("MP104", 4, 22)]),
        Case("flow-style", "flow.yaml", flow.encode(), [], [("MP104", 1, _col(flow, "nope"))]),
        Case("block-scalar", "block.yaml",
             (S + "ModelPackageDescription: |\n  one\n\n  two\n" + status + "\n").encode(),
             [], [("MP104", 6, 22)]),
        Case("folded-scalar", "folded.yaml",
             (S + "ModelPackageDescription: >-\n  one\n  two\n" + status + "\n").encode(),
             [], [("MP104", 5, 22)]),
        Case("merge-key", "merge.yaml", merge.encode(), [], [("MP104", 5, 47)]),
        Case("line-separator-in-string", "ls.yaml",
             (S + 'ModelPackageDescription: "a\u2028b\u0085c"\n' + status + "\n").encode(),
             [], [("MP104", 3, 22)]),
        Case("astral-characters", "emoji.yaml",
             (S + "ModelPackageDescription: \U0001f642\U0001f642 ok\n" + status + "\n").encode(),
             [], [("MP104", 3, 22)]),
        Case("duplicate-after-crlf", "dup.yaml",
             (S + S).replace("\n", "\r\n").encode(), [("MP003", 2, 1)]),
        Case("syntax-error-at-end", "eof.yaml", (S + "Tags: [\n").encode(), [("MP001", 3, 1)]),
    ]  # fmt: skip


def _round2() -> list[Case]:
    """Issue #12: core tags that hid findings or crashed, substitution and Python sources that
    amplified. Each keeps the finding it must not hide in `also`."""
    status = "ModelApprovalStatus: bogus\n"  # MP104 at column 22
    d = "ModelPackageDescription: "
    tagged = {
        "int-abc": "!!int 'abc'",
        "int-empty": "!!int ''",
        "int-dash": "!!int '-'",
        "float-abc": "!!float 'abc'",
        "bool-maybe": "!!bool maybe",
        "timestamp-nope": "!!timestamp nope",
        "impossible-date": "2001-02-30",
        "binary": "!!binary aGVsbG8=",
        "set-on-sequence": "!!set [a, b]",
        "omap-on-mapping": "!!omap {a: 1}",
        "str-on-mapping": "!!str {a: 1}",
        "unknown-core": "!!foo x",
    }
    cases = [
        Case(
            f"tagged-scalar-{name}",
            f"tagged-{name}.yaml",
            (S + d + value + "\n" + status).encode(),
            [("MP006", 2, len(d) + 1)],
            [("MP104", 3, 22)],
        )
        for name, value in tagged.items()
    ]
    for tag in ("!!str", "!!set", "!!omap", "!!binary", "!!seq"):
        name = tag[2:]
        cases.append(
            Case(
                f"core-tag-document-{name}",
                f"document-{name}.yaml",
                (f"--- {tag}\n" + S + status).encode(),
                [("MP006", 1, 5)],
                [("MP104", 3, 22)],
            )
        )
    cases.append(
        Case(
            "core-tag-subtree",
            "subtree.yaml",
            (S + "InferenceSpecification: !!set\n  Containers: 1\n" + status).encode(),
            [("MP006", 2, 25)],
            [("MP103", 3, 15), ("MP104", 4, 22)],
        )
    )
    # A pipeline parameter default referenced many times (10 x 2,000 values).
    references = ", ".join(f'"k{i}": {{"Get": "Parameters.P"}}' for i in range(10))
    pipeline = (
        '{"Version": "2020-12-01", "Parameters": [{"Name": "P", "Type": "String", '
        '"DefaultValue": [' + ", ".join(['"x"'] * 2000) + ']}], "Steps": [{"Name": "R", '
        '"Type": "RegisterModel", "Arguments": {"ModelPackageGroupName": "churn", '
        '"CustomerMetadataProperties": {' + references + "}}}]}"
    )
    arguments = pipeline.index('{"ModelPackageGroupName"')
    cases.append(
        Case(
            "pipeline-default-amplification",
            "pipeline.json",
            pipeline.encode(),
            [("MP008", 1, arguments + 1)],
        )
    )
    # Python: one long line with a list of 60,000 items; an integer of 20,000 hex digits.
    call = 'import boto3\nboto3.client("sagemaker").create_model_package('
    line = 'ModelPackageGroupName="churn", Tags=[' + ",".join(["1"] * 60_000) + "])"
    opening = len('boto3.client("sagemaker").create_model_package(') + line.index("[") + 1
    # values: the group name, the list, then items: the 50,001st value is item 49,998
    cases.append(
        Case(
            "python-long-line",
            "long.py",
            (call + line + "\n").encode(),
            [("MP008", 2, opening + 1 + 2 * 49_998)],
        )
    )
    number = 'ModelPackageGroupName="churn", ModelApprovalStatus=0x' + "f" * 20_000 + ")"
    at = len('boto3.client("sagemaker").create_model_package(') + number.index("0x") + 1
    cases.append(
        Case("python-huge-integer", "huge.py", (call + number + "\n").encode(), [("MP008", 2, at)])
    )
    return cases  # fmt: skip


def cases() -> list[Case]:
    return (_unsafe() + _deep() + _expansion() + _numbers() + _size() + _encodings()
            + _positions() + _round2())  # fmt: skip
