"""Time every case of the adversarial corpus (tests/hostile_corpus.py).

    python benchmarks/adversarial.py [--repeat N] [--cli]

Each case is checked in-process (Linter.check_bytes, the work mplint does per file) and the
best of N runs is printed with the peak memory Python allocated for it. The documented bound
(docs/limits.md) is 1 second per file; the script exits 1 if a case
exceeds it, so it can gate a release, but it is not part of the test suite (no timed tests).
With --cli it also times `mplint check FILE` as a user runs it (start-up included).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hostile_corpus import cases  # noqa: E402

from mplint.config import Settings  # noqa: E402
from mplint.engine import Linter  # noqa: E402

BOUND_SECONDS = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cli", action="store_true", help="also time the command line")
    args = parser.parse_args()

    linter = Linter(Settings())
    linter.check_text("ModelPackageGroupName: warm-up\n", "warm.yaml", explicit=True)
    print(f"{'case':32} {'bytes':>10} {'best ms':>9} {'peak MB':>8} {'cli ms':>8}  outcome")
    slowest = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for case in cases():
            best = float("inf")
            for _ in range(args.repeat):
                start = time.perf_counter()
                report = linter.check_bytes(case.content, case.filename, explicit=True)
                best = min(best, time.perf_counter() - start)
            tracemalloc.start()
            linter.check_bytes(case.content, case.filename, explicit=True)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            cli = ""
            if args.cli:
                path = Path(folder) / case.filename
                path.write_bytes(case.content)
                env = {**os.environ, "PYTHONPATH": str(ROOT)}
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "mplint", "check", str(path)], env=env,
                               capture_output=True, check=False)  # fmt: skip
                cli = f"{(time.perf_counter() - start) * 1000:8.0f}"
            rules = ",".join(sorted({f.rule for f in report.findings if f.rule < "MP1"})) or "-"
            slowest = max(slowest, best)
            print(f"{case.name:32} {len(case.content):>10,} {best * 1000:9.1f} {peak:8.1f}"
                  f" {cli:>8}  {rules}")  # fmt: skip
    print(f"slowest case: {slowest * 1000:.0f} ms (bound: {BOUND_SECONDS * 1000:.0f} ms per file)")
    return 0 if slowest < BOUND_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
