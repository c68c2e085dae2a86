"""How fast is mplint, measured side by side with the parsing floor and with cfn-lint.

    python benchmarks/bench.py --files 10000

Generates a seeded corpus (benchmarks/corpus.py) and prints, for this checkout of mplint:
- the floor: one process that reads every file, composes it with PyYAML's C loader (nodes
  carry line/column), constructs the values and validates them with a jsonschema validator
  built once on schemas/create-model-package.schema.json (plus parsing alone);
- where mplint's time goes in one process (parsing, schema, the rest);
- `mplint check` with 1 job, with all jobs, and a first and a warm run with the cache;
- start-up: `python -c pass`, `python -c "import yaml, jsonschema"`, `mplint --version`,
  `mplint check` on one small spec;
- peak RSS of `mplint check -j1` on 1,000 files and on all of them;
- with jsonschema-rs installed, the floor and mplint with and without the accelerator;
- with cfn-lint installed, cfn-lint on the same specs wrapped as AWS::SageMaker::ModelPackage
  templates in one invocation, per file, against mplint on the same files.

Every figure is the wall-clock time of a fresh process (start-up included) unless it says
otherwise; compare the ratios of one run, single figures are noisy on shared machines.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCHEMA = ROOT / "schemas" / "create-model-package.schema.json"
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **extra}
    env.pop("MPLINT_CACHE_DIR", None)
    env.update(extra)
    return env


def timed(
    cmd: list[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    check: bool = True,
):
    """(seconds, peak RSS in MB, exit code) of one fresh process and the children it waited
    for."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env or _env(), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if check and proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return elapsed, usage.ru_maxrss / 1024, proc.returncode


def median_of(runs: int, cmd: list[str], **kwargs) -> float:
    return statistics.median(timed(cmd, **kwargs)[0] for _ in range(runs))


def mplint(*args: str) -> list[str]:
    return [sys.executable, "-m", "mplint", *args]


# --- the floor, run in a child process: python bench.py --floor DIR [--parse-only] ----------


def floor(folder: str, parse_only: bool, validator_name: str) -> None:
    import yaml

    loader_class = yaml.CSafeLoader
    validate = None
    if not parse_only:
        schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
        if validator_name == "jsonschema-rs":
            import jsonschema_rs

            rs = jsonschema_rs.validator_for(schema)
            validate = lambda data: list(rs.iter_errors(data))  # noqa: E731
        else:
            from jsonschema import Draft202012Validator

            validate = Draft202012Validator(schema).iter_errors
    for path in sorted(Path(folder).rglob("*")):
        if path.suffix not in (".yaml", ".yml", ".json"):
            continue
        text = path.read_bytes().decode("utf-8")
        loader = loader_class(text)
        try:
            node = loader.get_single_node()  # composed nodes keep line and column
            data = loader.construct_document(node)
        finally:
            loader.dispose()
        if validate is not None:
            list(validate(data))


# --- where the time goes, in this process: python bench.py --breakdown DIR -----------------


def breakdown(folder: str) -> None:
    sys.path.insert(0, str(ROOT))
    from mplint import engine, parsing, schema_check
    from mplint.config import Settings
    from mplint.discovery import discover

    spent = {"parse": 0.0, "schema": 0.0}

    def timing(name, function):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                result = function(*args, **kwargs)
                return list(result) if name == "schema" else result
            finally:
                spent[name] += time.perf_counter() - start

        return wrapper

    parsing.parse = timing("parse", parsing.parse)
    schema_check.check_schema = timing("schema", schema_check.check_schema)
    linter = engine.Linter(Settings())
    candidates = list(discover([folder]))
    start = time.perf_counter()
    findings = 0
    for c in candidates:
        findings += len(linter.check_path(c.path, c.display, explicit=c.explicit).findings)
    total = time.perf_counter() - start
    rest = total - spent["parse"] - spent["schema"]
    n = len(candidates)
    print(f"  in one process, {n} files, {findings} findings: {total / n * 1e6:,.0f} us/file")
    for name, seconds in (*spent.items(), ("rest (walk, rules, findings)", rest)):
        print(f"    {name:<30} {seconds / n * 1e6:>8,.0f} us/file  {seconds / total:>5.0%}")


# --- the peer -------------------------------------------------------------------------------


def wrap_for_cfn_lint(paths: list[Path], folder: Path) -> list[Path]:
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for path in paths:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        template = {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {"ModelPackage": {"Type": "AWS::SageMaker::ModelPackage",
                                            "Properties": spec}},
        }  # fmt: skip
        target = folder / (path.stem + ".json")
        target.write_text(json.dumps(template, indent=2), encoding="utf-8")
        out.append(target)
    return out


# --- the report -------------------------------------------------------------------------------


def line(label: str, value: str) -> None:
    print(f"  {label:<58} {value}")


def per_file(seconds: float, files: int) -> str:
    return f"{seconds:7.2f} s  {seconds / files * 1e6:>7,.0f} us/file"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", help="where to keep the corpus (default: a temporary folder)")
    parser.add_argument("--startup-runs", type=int, default=7)
    parser.add_argument("--peer-files", type=int, default=300, help="specs given to cfn-lint")
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument("--floor", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--parse-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--validator", default="jsonschema", help=argparse.SUPPRESS)
    parser.add_argument("--breakdown", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        return floor(args.floor, args.parse_only, args.validator)
    if args.breakdown:
        return breakdown(args.breakdown)

    work = Path(tempfile.mkdtemp(prefix="mplint-bench-"))
    try:
        run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, work: Path) -> None:
    n = args.files
    corpus = Path(args.corpus) if args.corpus else work / "corpus"
    paths = sorted(p for p in corpus.rglob("*") if p.is_file()) if corpus.exists() else []
    if len(paths) != n:
        shutil.rmtree(corpus, ignore_errors=True)
        paths = generate(corpus, n, args.seed)
    size = sum(p.stat().st_size for p in paths)
    small = work / "small"
    generate(small, 1, args.seed)
    one = next(small.rglob("*.*"))
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"mplint benchmark: {n} specs, {size / 1e6:.1f} MB (mean {size / n / 1e3:.1f} KB),"
          f" seed {args.seed}, {jobs} CPUs, Python {sys.version.split()[0]}")  # fmt: skip

    me = [sys.executable, str(Path(__file__).resolve())]
    print("\nFloor (one process: read, CSafeLoader compose + construct, validate):")
    t_parse = timed([*me, "--floor", str(corpus), "--parse-only"])[0]
    line("read + parse with positions", per_file(t_parse, n))
    t_floor = timed([*me, "--floor", str(corpus)])[0]
    line("read + parse + jsonschema (validator built once) = floor", per_file(t_floor, n))

    print("\nWhere mplint's time goes (one process, in-process timers):")
    subprocess.run([*me, "--breakdown", str(corpus)], env=_env(MPLINT_ACCELERATOR="0"),
                   check=True)  # fmt: skip

    print("\nmplint check (fresh process each):")
    cache_dir = work / "cache"
    no_accel = _env(MPLINT_ACCELERATOR="0")
    t1, rss_n, _ = timed(mplint("check", str(corpus), "-j1", "--no-cache"), env=no_accel)
    line("-j1 --no-cache", per_file(t1, n) + f"  {t1 / t_floor:.2f}x the floor")
    tj = timed(mplint("check", str(corpus), "--no-cache"), env=no_accel)[0]
    line(f"-j{jobs} (default) --no-cache", per_file(tj, n) + f"  {t1 / tj:.2f}x the speed of -j1")
    cached = _env(MPLINT_ACCELERATOR="0", MPLINT_CACHE_DIR=str(cache_dir))
    t_first = timed(mplint("check", str(corpus)), env=cached)[0]
    line("first run with the cache (empty)", per_file(t_first, n))
    t_warm = timed(mplint("check", str(corpus)), env=cached)[0]
    line(
        "warm cache, nothing changed", per_file(t_warm, n) + f"  {t_warm / t_first:.2f}x the first"
    )

    _accelerated(me, corpus, n, t_parse, t_floor, t1)

    print(f"\nStart-up (median of {args.startup_runs} fresh processes):")
    runs = args.startup_runs
    base = median_of(runs, [sys.executable, "-c", "import yaml, jsonschema"])
    line("python -c pass", f"{median_of(runs, [sys.executable, '-c', 'pass']) * 1e3:5.0f} ms")
    line('python -c "import yaml, jsonschema"', f"{base * 1e3:5.0f} ms")
    version = median_of(runs, mplint("--version"))
    line("mplint --version", f"{version * 1e3:5.0f} ms  {version / base:.2f}x")
    single = median_of(runs, mplint("check", str(one), "--no-cache"), env=no_accel)
    line(f"mplint check {one.name} --no-cache", f"{single * 1e3:5.0f} ms  {single / base:.2f}x")
    if _has("jsonschema_rs"):
        fast = median_of(runs, mplint("check", str(one), "--no-cache"))
        line("  the same with the accelerator", f"{fast * 1e3:5.0f} ms  {fast / base:.2f}x")

    print("\nPeak RSS of mplint check -j1 --no-cache:")
    if n > 1000:
        thousand = work / "thousand"
        thousand.mkdir()
        for path in paths[:1000]:
            target = thousand / path.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        rss_1k = timed(mplint("check", str(thousand), "-j1", "--no-cache"), env=no_accel)[1]
        line("1,000 files", f"{rss_1k:6.1f} MB")
    line(f"{n:,} files", f"{rss_n:6.1f} MB")

    if not args.skip_peer and shutil.which("cfn-lint"):
        _peer(args, work, paths, corpus, no_accel)


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def _accelerated(me, corpus, n, t_parse, t_floor, t1) -> None:
    if not _has("jsonschema_rs"):
        print("\n(jsonschema-rs not installed: `pip install jsonschema-rs` to measure it)")
        return
    print("\nWith jsonschema-rs (pip install mplint[fast]):")
    t_rs = timed([*me, "--floor", str(corpus), "--validator", "jsonschema-rs"])[0]
    line("floor with jsonschema-rs instead of jsonschema", per_file(t_rs, n))
    t_fast = timed(mplint("check", str(corpus), "-j1", "--no-cache"))[0]
    line("mplint -j1 --no-cache, accelerator used",
         per_file(t_fast, n) + f"  {t_fast / t_parse:.2f}x parsing alone,"
         f" {t_fast / t_floor:.2f}x the floor, {t1 / t_fast:.2f}x faster")  # fmt: skip


def _peer(args, work: Path, paths: list[Path], corpus: Path, env: dict[str, str]) -> None:
    m = min(args.peer_files, len(paths))
    print(
        f"\nPeer: cfn-lint on {m} of the specs wrapped as AWS::SageMaker::ModelPackage templates:"
    )
    subset = paths[:: max(1, len(paths) // m)][:m]
    templates = wrap_for_cfn_lint(subset, work / "cfn")
    version = subprocess.run(["cfn-lint", "--version"], capture_output=True, text=True)
    t_cfn = timed(["cfn-lint", "--", *map(str, templates)], check=False)[0] if templates else 0.0
    mine = work / "mine"
    for path in subset:
        target = mine / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    t_me = timed(mplint("check", str(mine), "-j1", "--no-cache"), env=env)[0]
    line(f"{version.stdout.strip() or 'cfn-lint'}, one invocation", per_file(t_cfn, m))
    line("mplint check -j1 --no-cache on the same specs", per_file(t_me, m))
    line("cfn-lint per-file cost / mplint per-file cost", f"{t_cfn / t_me:.0f}x")


if __name__ == "__main__":
    main()
