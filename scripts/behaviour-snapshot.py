"""Snapshot what mplint prints, to show that a refactoring changes no behaviour.

    python scripts/behaviour-snapshot.py inputs DIR                 # once, from this checkout
    python scripts/behaviour-snapshot.py run PYTHON DIR OUT.json    # per checkout to compare
    python scripts/behaviour-snapshot.py compare A.json B.json

`inputs` writes the shipped examples, tests/data, a 400-spec benchmark corpus, 150 Python
files and every case of the adversarial corpus (tests/hostile_corpus.py) into DIR. `run`
checks them with the mplint that PYTHON imports (a venv with an editable install of the
checkout under test) in every report format, with --fail-on note, --statistics, a file over
--max-file-size, superseding rules turned off, and prints `rules`, `explain` and `schema`:
exit code, standard output and standard error of each. `compare` lists the cases that differ,
with a diff of the first lines of each.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ["text", "json", "sarif", "github", "junit", "gitlab"]


def inputs(folder: Path) -> None:
    sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]
    from corpus import generate
    from hostile_corpus import cases
    from python_corpus import generate_python

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "examples", folder / "examples")
    shutil.copytree(ROOT / "tests" / "data", folder / "data")
    generate(folder / "corpus", 400, 7)
    generate_python(folder / "pycorpus", 150, 7)
    for index, case in enumerate(cases()):
        one = folder / "hostile" / f"{index:03d}"
        one.mkdir(parents=True)
        (one / case.filename).write_bytes(case.content)


def run(python: str, folder: Path, out: Path) -> None:
    env = dict(os.environ, NO_COLOR="1", MPLINT_CACHE_DIR=str(folder / "no-cache"))
    env.pop("FORCE_COLOR", None)
    results: dict[str, list] = {}

    def case(name: str, cwd: Path, *args: str) -> None:
        done = subprocess.run([python, "-m", "mplint", *args], cwd=cwd, capture_output=True,
                              env=env, timeout=900)  # fmt: skip
        results[name] = [done.returncode, done.stdout.decode(errors="replace"),
                         done.stderr.decode(errors="replace")]  # fmt: skip

    examples, check = folder / "examples", ("check", ".", "--no-cache", "-j1")
    for fmt in FORMATS:
        case(f"examples/{fmt}", examples, *check, "-f", fmt, "--python")
        case(f"examples-note/{fmt}", examples, *check, "-f", fmt, "--python", "--fail-on", "note")
        case(f"data/{fmt}", folder / "data", *check, "-f", fmt, "--isolated")
        case(f"corpus/{fmt}", folder / "corpus", *check, "-f", fmt, "--isolated", "-j2")
        case(f"pycorpus/{fmt}", folder / "pycorpus", *check, "-f", fmt, "--isolated", "--python")
        big = ("check", "versioned/churn-model.yaml", "--no-cache", "--max-file-size", "10")
        case(f"too-big/{fmt}", examples, *big, "-f", fmt)
    for one in sorted((folder / "hostile").iterdir()):
        case(f"hostile/{one.name}", one, *check, "-f", "json", "--isolated")
    case("superseding-rules-off", examples, *check, "--ignore", "MP701,MP702,MP705,MP706")
    case("statistics", examples, *check, "--statistics", "--python")
    case("rules", folder, "rules", "--isolated")
    case("rules-markdown", folder, "rules", "--isolated", "--format", "markdown")
    for rule in ("MP101", "MP304", "MP702"):
        case(f"explain/{rule}", folder, "explain", rule)
    case("schema", folder, "schema")
    case("missing-path", folder, "check", "does-not-exist.yaml")
    out.write_text(json.dumps(results, indent=1, sort_keys=True), encoding="utf-8")
    print(f"{len(results)} cases written to {out}")


def compare(first: Path, second: Path) -> int:
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (first, second))
    differ = sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))
    for name in differ:
        print(f"== {name}")
        for part, x, y in zip(("exit code", "stdout", "stderr"), a.get(name, [None] * 3),
                              b.get(name, [None] * 3), strict=True):  # fmt: skip
            if x != y:
                lines = difflib.unified_diff(str(x).splitlines(True), str(y).splitlines(True),
                                             part, part, n=0)  # fmt: skip
                print("".join(list(lines)[:20]))
    print(f"{len(differ)} of {len(a.keys() | b.keys())} cases differ")
    return 1 if differ else 0


if __name__ == "__main__":
    command, *args = sys.argv[1:] or ["help"]
    if command == "inputs" and len(args) == 1:
        inputs(Path(args[0]))
    elif command == "run" and len(args) == 3:
        python = args[0] if os.sep not in args[0] else os.path.abspath(args[0])  # runs in DIR
        run(python, Path(args[1]).resolve(), Path(args[2]))
    elif command == "compare" and len(args) == 2:
        sys.exit(compare(Path(args[0]), Path(args[1])))
    else:
        sys.exit(__doc__)
