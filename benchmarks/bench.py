"""How fast is mplint, measured side by side with the parsing floor and with cfn-lint.

    python benchmarks/bench.py --files 10000

Generates a seeded corpus (benchmarks/corpus.py) and prints, for this checkout of mplint:
- the floor: one process that reads every file, composes it with PyYAML's C loader (nodes
  carry line/column), constructs the values and validates them with a jsonschema validator
  built once on schemas/create-model-package.schema.json (plus parsing alone);
- where mplint's time goes in one process (parsing, schema, the rest), with the optional
  accelerator (jsonschema-rs, `mplint[fast]`) on and off, and with the schema gate off;
- `mplint check` with 1 job, with all jobs, and a first and a warm run with the cache;
- start-up: `python -c pass`, `python -c "import yaml, jsonschema"`, `mplint --version`,
  `mplint check` on one small spec;
- peak RSS of `mplint check -j1` on 1,000 files and on all of them (and the time of 1,000);
- mplint before/after its schema gate (MPLINT_SCHEMA_GATE=0: every spec through jsonschema)
  and, when jsonschema-rs is installed, with the accelerator off (MPLINT_ACCELERATOR=0);
- per spec, in one process: jsonschema, mplint's schema gate and, when installed,
  jsonschema-rs (its is_valid and its full error list);
- `check --fix` on the valid specs (nothing to fix) against `check`, and `check --diff`
  against `check` on the whole corpus;
- with cfn-lint installed, cfn-lint on the same specs wrapped as AWS::SageMaker::ModelPackage
  templates in one invocation, per file, against mplint on the same files;
- Python files (`--python-files`, benchmarks/python_corpus.py): `mplint check --python` per
  file against the same walk without `--python`, and in one process the cost of reading a
  file with a request (ast, following `**request`, SDK register calls) and of the text test
  that skips one without. `--python-only` runs this part alone.

    python benchmarks/bench.py --api-model-cost

measures only what `--api-model auto` adds to a one-file run with a warm cache: the bundled
model against auto with a botocore no newer than it (located, not used) and auto with a
newer botocore (the test fixture as release 9.0.0, its schema read from the cache folder).

Every figure is the wall-clock time of a fresh process (start-up included) unless it says
otherwise. The main runs are repeated (--repeat, interleaved) and their medians compared:
single figures are noisy on shared machines, ratios of one run much less so.
"""

from __future__ import annotations

import argparse
import ast
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
from python_corpus import generate_python  # noqa: E402


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **extra}
    env.pop("MPLINT_CACHE_DIR", None)
    # An installed wheel has its bytecode compiled; let this checkout's be cached likewise.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


def timed(
    cmd: list[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    check: bool = True,
):
    """(seconds, peak RSS in MB, exit code, CPU seconds) of one fresh process and the
    children it waited for."""
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
    cpu = usage.ru_utime + usage.ru_stime  # this process and the workers it waited for
    return elapsed, usage.ru_maxrss / 1024, proc.returncode, cpu


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
    from mplint import engine, parsing
    from mplint.config import Settings
    from mplint.discovery import discover
    from mplint.schema import accel as schema_accel
    from mplint.schema import check as schema_check

    spent = {"parse": 0.0, "schema": 0.0, "hints": 0.0}

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
    engine.check_schema = timing("schema", engine.check_schema)
    schema_check.suggest = timing("hints", schema_check.suggest)  # inside "schema"
    linter = engine.Linter(Settings())
    candidates = list(discover([folder]))
    start = time.perf_counter()
    findings = 0
    for c in candidates:
        findings += len(linter.check_path(c.path, c.display, explicit=c.explicit).findings)
    total = time.perf_counter() - start
    rest = total - spent["parse"] - spent["schema"]
    n = len(candidates)
    print(f"  in one process, {n} files, {findings} findings: {total / n * 1e6:,.0f} us/file"
          f" (schema accelerator: {schema_accel.status()})")  # fmt: skip
    hints = spent.pop("hints", 0.0)
    rows = [*spent.items(), ("  of which did-you-mean hints", hints)]
    for name, seconds in (*rows, ("rest (walk, rules, findings)", rest)):
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
    parser.add_argument("--peer-files", type=int, default=1000, help="specs given to cfn-lint")
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument("--floor", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--parse-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--validator", default="jsonschema", help=argparse.SUPPRESS)
    parser.add_argument("--breakdown", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--validators", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3, help="interleaved runs of each")
    parser.add_argument("--python-files", type=int, default=2000)
    parser.add_argument("--python-only", action="store_true", help="only the Python part")
    parser.add_argument("--python-breakdown", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument(
        "--only-fixes", action="store_true", help="measure only --fix/--diff against check"
    )
    parser.add_argument(
        "--api-model-cost", action="store_true", help="only what --api-model auto costs"
    )
    parser.add_argument("--model-timer", metavar="CHOICE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.python_breakdown:
        return python_breakdown(args.python_breakdown)
    if args.model_timer:
        return model_timer(args.model_timer)
    if args.api_model_cost:
        work = Path(tempfile.mkdtemp(prefix="mplint-bench-"))
        try:
            return api_model_cost(args, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    if args.floor:
        return floor(args.floor, args.parse_only, args.validator)
    if args.breakdown:
        return breakdown(args.breakdown)
    if args.validators:
        return validators(args.validators)

    work = Path(tempfile.mkdtemp(prefix="mplint-bench-"))
    try:
        if args.only_fixes:
            corpus = Path(args.corpus) if args.corpus else work / "corpus"
            paths = generate(corpus, args.files, args.seed)
            return fixes(args, work, paths, corpus)
        if not args.python_only:
            run(args, work)
        python_files(args, work)
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
    samples = generate(small, 40, args.seed)
    one = next(p for p in samples if "-valid." in p.name)  # a pre-commit run on a good spec
    bad = next(p for p in samples if "-valid." not in p.name)  # and on one with a defect
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"mplint benchmark: {n} specs, {size / 1e6:.1f} MB (mean {size / n / 1e3:.1f} KB),"
          f" seed {args.seed}, {jobs} CPUs, Python {sys.version.split()[0]}")  # fmt: skip

    me = [sys.executable, str(Path(__file__).resolve())]
    no_gate = _env(MPLINT_SCHEMA_GATE="0")
    accelerated = _has("jsonschema_rs")
    no_accel = _env(MPLINT_ACCELERATOR="0")
    cache_dir = work / "cache"
    runs: dict[str, list[float]] = {}
    rss_n = 0.0

    def sample(name: str, cmd: list[str], env: dict[str, str] | None = None) -> None:
        nonlocal rss_n
        seconds, rss, _, cpu = timed(cmd, env=env)
        runs.setdefault(name, []).append(seconds)
        runs.setdefault(name + " cpu", []).append(cpu)
        if name == "j1":
            rss_n = max(rss_n, rss)

    for _ in range(args.repeat):  # interleaved, so that a busy minute hurts every figure alike
        sample("parse", [*me, "--floor", str(corpus), "--parse-only"])
        sample("floor", [*me, "--floor", str(corpus)])
        sample("j1", mplint("check", str(corpus), "-j1", "--no-cache"))
        sample("j1-nogate", mplint("check", str(corpus), "-j1", "--no-cache"), no_gate)
        if accelerated:
            sample("j1-noaccel", mplint("check", str(corpus), "-j1", "--no-cache"), no_accel)
        sample("jN", mplint("check", str(corpus), "--no-cache"))
        shutil.rmtree(cache_dir, ignore_errors=True)
        cached = _env(MPLINT_CACHE_DIR=str(cache_dir))
        sample("first", mplint("check", str(corpus)), cached)
        sample("warm", mplint("check", str(corpus)), cached)
    m = {name: statistics.median(values) for name, values in runs.items()}

    print(f"\nMedians of {args.repeat} interleaved runs, each a fresh process.")
    print("\nFloor (one process: read, CSafeLoader compose + construct, validate):")
    line("read + parse with positions", per_file(m["parse"], n))
    line("read + parse + jsonschema (validator built once) = floor", per_file(m["floor"], n))
    print("\nmplint check:")
    line("-j1 --no-cache", per_file(m["j1"], n) + f"  {m['j1'] / m['floor']:.2f}x the floor,"
         f" {m['j1'] / m['parse']:.2f}x parsing alone")  # fmt: skip
    if accelerated:
        line("-j1 --no-cache, accelerator off (MPLINT_ACCELERATOR=0)",
             per_file(m["j1-noaccel"], n) + f"  {m['j1-noaccel'] / m['floor']:.2f}x the floor,"
             f" {m['j1-noaccel'] / m['parse']:.2f}x parsing alone")  # fmt: skip
    line("-j1 --no-cache, schema gate off (before)",
         per_file(m["j1-nogate"], n) + f"  {m['j1-nogate'] / m['floor']:.2f}x the floor")  # fmt: skip
    line(f"-j{jobs} (default) --no-cache",
         per_file(m["jN"], n) + f"  {m['j1'] / m['jN']:.2f}x the throughput of -j1")  # fmt: skip
    # CPU time does not depend on what else the machine runs: workers that spend about the
    # CPU time of one process scale with free cores.
    line(f"  CPU time -j1 / -j{jobs} (all processes)",
         f"{m['j1 cpu']:7.2f} s / {m['jN cpu']:.2f} s: -j{jobs} spends"
         f" {m['jN cpu'] / m['j1 cpu'] - 1:+.0%} CPU")  # fmt: skip
    line("first run with an empty cache (default jobs)", per_file(m["first"], n))
    line("warm cache, nothing changed",
         per_file(m["warm"], n) + f"  {m['warm'] / m['first']:.3f}x the first run")  # fmt: skip

    print("\nWhere the time goes, one process, in-process timers:")
    settings = [("default", _env())]
    if accelerated:
        settings += [("accelerator off (MPLINT_ACCELERATOR=0)", no_accel)]
    settings += [("schema gate and accelerator off (before)", _env(MPLINT_SCHEMA_GATE="0",
                                                                    MPLINT_ACCELERATOR="0"))]  # fmt: skip
    for label, env in settings:
        print(f"  {label}:")
        subprocess.run([*me, "--breakdown", str(corpus)], env=env, check=True)
    print("\nSchema checking alone, per spec, one process (documents parsed beforehand):")
    subprocess.run([*me, "--validators", str(corpus)], env=_env(), check=True)

    print(f"\nStart-up (median of {args.startup_runs} rounds, interleaved, fresh processes):")
    commands = {
        "pass": ([sys.executable, "-c", "pass"], None),
        "base": ([sys.executable, "-c", "import yaml, jsonschema"], None),
        "version": (mplint("--version"), None),
        "one": (mplint("check", str(one), "--no-cache"), None),
        "one-nogate": (mplint("check", str(one), "--no-cache"), no_gate),
        "bad": (mplint("check", str(bad), "--no-cache"), None),
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for cmd, env in commands.values():  # warm the file cache and write bytecode first
        timed(cmd, env=env)
    for _ in range(args.startup_runs):
        for name, (cmd, env) in commands.items():
            times[name].append(timed(cmd, env=env)[0])
    med = {name: statistics.median(values) for name, values in times.items()}
    base = med["base"]
    line("python -c pass", f"{med['pass'] * 1e3:5.0f} ms")
    line('python -c "import yaml, jsonschema"', f"{base * 1e3:5.0f} ms")
    line("mplint --version", f"{med['version'] * 1e3:5.0f} ms  {med['version'] / base:.2f}x")
    line(f"mplint check {one.name} --no-cache",
         f"{med['one'] * 1e3:5.0f} ms  {med['one'] / base:.2f}x")  # fmt: skip
    line("  the same with the schema gate off (imports jsonschema)",
         f"{med['one-nogate'] * 1e3:5.0f} ms  {med['one-nogate'] / base:.2f}x")  # fmt: skip
    line(f"mplint check {bad.name} --no-cache (a defect: errors collected)",
         f"{med['bad'] * 1e3:5.0f} ms  {med['bad'] / base:.2f}x")  # fmt: skip

    print("\nPeak RSS of mplint check -j1 --no-cache:")
    if n > 1000:
        thousand = work / "thousand"
        thousand.mkdir()
        for path in paths[:1000]:
            target = thousand / path.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        t_1k, rss_1k, _, _ = timed(mplint("check", str(thousand), "-j1", "--no-cache"))
        line("1,000 files", f"{rss_1k:6.1f} MB  (took {t_1k:.2f} s)")
        t_1k_all = timed(mplint("check", str(thousand), "--no-cache"))[0]
        line("  mplint check on those 1,000 files, default jobs", f"{t_1k_all:6.2f} s")
    line(f"{n:,} files", f"{rss_n:6.1f} MB")

    fixes(args, work, paths, corpus)

    if not args.skip_peer and shutil.which("cfn-lint"):
        _peer(args, work, paths, corpus, _env())


def fixes(args: argparse.Namespace, work: Path, paths: list[Path], corpus: Path) -> None:
    """`check --fix` where nothing is fixable (the valid specs: it must cost what `check`
    costs) and `check --diff` over the whole corpus (about 1 file in 20 has a fixable
    defect: a key or enum value in the wrong case, a string where a list is wanted)."""
    valid = work / "valid"
    if not valid.exists():
        for path in paths:
            if "-valid." in path.name:
                target = valid / path.relative_to(corpus)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    count = sum(1 for p in valid.rglob("*") if p.is_file())
    commands = {
        "check": mplint("check", str(valid), "-j1", "--no-cache"),
        "fix": mplint("check", "--fix", str(valid), "-j1", "--no-cache"),
        "all": mplint("check", str(corpus), "-j1", "--no-cache"),
        "diff": mplint("check", "--diff", str(corpus), "-j1", "--no-cache"),
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, cmd in commands.items():
            seconds, _, _, used = timed(cmd)
            times[name].append(seconds)
            cpu[name].append(used)
    med = {name: statistics.median(values) for name, values in times.items()}
    # CPU time does not depend on what else a shared machine runs: the steadier ratio.
    cpu_med = {name: statistics.median(values) for name, values in cpu.items()}

    def ratio(name: str, base: str) -> str:
        return (
            f"  {med[name] / med[base]:.3f}x check (CPU time {cpu_med[name] / cpu_med[base]:.3f}x)"
        )

    print(f"\nFixes (-j1 --no-cache, medians of {args.repeat} interleaved runs):")
    line(f"check, {count:,} valid specs", per_file(med["check"], count))
    line("  check --fix, the same (nothing to fix)",
         per_file(med["fix"], count) + ratio("fix", "check"))  # fmt: skip
    line(f"check, all {len(paths):,} specs", per_file(med["all"], len(paths)))
    line("  check --diff, the same (fixable defects fixed, proven)",
         per_file(med["diff"], len(paths)) + ratio("diff", "all"))  # fmt: skip


def api_model_cost(args: argparse.Namespace, work: Path) -> None:
    """What `--api-model auto` adds to a one-file run whose model is in the cache folder."""
    from mplint.apimodel.sources import bundled_version

    # Two botocore installations that differ only in their release number, on the same
    # sys.path position (after this checkout), so that imports cost the same in every run.
    envs = {}
    for name, version in (("same", bundled_version()), ("newer", "9.0.0")):
        site = work / name
        shutil.copytree(ROOT / "tests" / "data" / "apimodel" / "botocore", site / "botocore")
        init = site / "botocore" / "__init__.py"
        init.write_text(f"__version__ = '{version}'\n", encoding="utf-8")
        envs[name] = _env(
            MPLINT_CACHE_DIR=str(work / "cache"), PYTHONPATH=f"{ROOT}{os.pathsep}{site}"
        )
    same, newer = envs["same"], envs["newer"]
    one = next(p for p in generate(work / "small", 40, args.seed) if "-valid." in p.name)
    commands = {
        "bundled": (mplint("check", str(one), "--api-model", "bundled"), same),
        "auto, botocore not newer": (mplint("check", str(one)), same),
        "auto, newer botocore (cached schema)": (mplint("check", str(one)), newer),
    }
    for cmd, env in commands.values():  # builds the newer model's schema once, writes bytecode
        timed(cmd, env=env)
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    rounds = args.startup_runs * 3
    for _ in range(rounds):
        for name, (cmd, env) in commands.items():
            seconds, _, _, used = timed(cmd, env=env)
            wall[name].append(seconds)
            cpu[name].append(used)
    # CPU time (user + system) does not count the time another process held the core: on a
    # shared machine it shows a few milliseconds that wall-clock noise hides.
    print(f"One-file run, warm cache (medians of {rounds} interleaved fresh processes):")
    for name in commands:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        dw = w - statistics.median(wall["bundled"])
        dc = c - statistics.median(cpu["bundled"])
        line(
            f"{name}",
            f"wall {w * 1e3:4.0f} ms ({dw * 1e3:+5.1f}), CPU {c * 1e3:4.0f} ms ({dc * 1e3:+5.1f})",
        )
    print("In-process CPU time: choosing the model, loading its schema (median of 20 processes):")
    for label, choice, env in (
        ("bundled", "bundled", same),
        ("auto, botocore not newer", "auto", same),
        ("auto, newer botocore (cached schema)", "auto", newer),
    ):
        values = []
        for _ in range(20):
            out = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "--model-timer", choice],
                env=env, capture_output=True, text=True, check=True,
            )  # fmt: skip
            values.append([float(x) for x in out.stdout.split()])
        choose = statistics.median(v[0] for v in values)
        load = statistics.median(v[1] for v in values)
        line(f"{label}", f"choose {choose * 1e3:5.2f} ms, load {load * 1e3:5.2f} ms")


def model_timer(choice: str) -> None:
    """(in a fresh process) seconds to choose the model `choice` and to load its schema."""
    from mplint.apimodel import resolve
    from mplint.project import cache_folder

    start = time.process_time()  # CPU time: not what other processes on the core take
    model = resolve(choice, cache_folder())
    chosen = time.process_time()
    model.schema()
    print(chosen - start, time.process_time() - chosen)


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def validators(folder: str) -> None:
    import yaml

    sys.path.insert(0, str(ROOT))
    from jsonschema import Draft202012Validator

    from mplint.schema.gate import compile_gate

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    docs = [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            for p in sorted(Path(folder).rglob("*")) if p.suffix in (".yaml", ".yml", ".json")]  # fmt: skip
    jsonschema_validator = Draft202012Validator(schema)
    ours: list = []
    invalid: list = []
    candidates = [
        ("jsonschema iter_errors (validator built once)",
         lambda d: list(jsonschema_validator.iter_errors(d))),
        ("mplint's schema gate (yes/no)", compile_gate(schema)),
    ]  # fmt: skip
    if _has("jsonschema_rs"):
        import jsonschema_rs

        rs = jsonschema_rs.validator_for(schema)
        candidates += [
            ("jsonschema-rs is_valid (yes/no)", rs.is_valid),
            ("jsonschema-rs iter_errors", lambda d: list(rs.iter_errors(d))),
        ]
        from mplint.schema import accel as schema_accel

        if schema_accel.load():  # the error path alone: specs the gate rejects
            gate = compile_gate(schema)
            invalid = [d for d in docs if not gate(d)]
            ours = [("  specs with a defect: jsonschema iter_errors",
                     lambda d: list(jsonschema_validator.iter_errors(d))),
                    ("  specs with a defect: mplint's accelerator (jsonschema-rs +"
                     " conversion)", lambda d: schema_accel.errors(d, 1000))]  # fmt: skip
    else:
        print("  (jsonschema-rs not installed: `pip install jsonschema-rs` to compare it)")
    groups = [(candidates, docs)]
    if _has("jsonschema_rs") and ours and invalid:
        groups.append((ours, invalid))
    for group, specs in groups:
        for label, function in group:
            for d in specs[:20]:  # compile lazily built patterns first
                function(d)
            start = time.perf_counter()
            for d in specs:
                function(d)
            line(label, f"{(time.perf_counter() - start) / len(specs) * 1e6:>7,.0f} us/spec")


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
    # The same tools on one file: their start-up, to tell it from the cost of each file.
    one_me = next(p for p in sorted(mine.rglob("*")) if p.is_file())
    t_cfn_1 = timed(["cfn-lint", "--", str(templates[0])], check=False)[0] if templates else 0.0
    t_me_1 = timed(mplint("check", str(one_me), "--no-cache"), env=env)[0]
    name = version.stdout.strip() or "cfn-lint"
    line(f"{name}, one invocation", per_file(t_cfn, m))
    line("mplint check -j1 --no-cache on the same specs", per_file(t_me, m))
    line("cfn-lint per-file cost / mplint per-file cost", f"{t_cfn / t_me:.0f}x")
    line(f"{name} on one template (its start-up)", f"{t_cfn_1:6.2f} s")
    line("mplint check on one spec (its start-up)", f"{t_me_1:6.2f} s")
    if m > 1:
        extra_cfn, extra_me = (t_cfn - t_cfn_1) / (m - 1), (t_me - t_me_1) / (m - 1)
        line(
            "each further file: cfn-lint / mplint",
            f"{extra_cfn * 1e3:,.1f} ms / {extra_me * 1e3:,.2f} ms = {extra_cfn / extra_me:.0f}x",
        )


# --- Python files: python bench.py --python-only [--python-files N] ------------------------


def python_files(args: argparse.Namespace, work: Path) -> None:
    n = args.python_files
    folder = work / "python"
    paths = generate_python(folder, n, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"\nPython files: {n} files, {size / 1e6:.1f} MB (mean {size / n / 1e3:.1f} KB),"
          f" seed {args.seed}; medians of {args.repeat} interleaved runs")  # fmt: skip
    runs: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        for name, extra in (("off", ()), ("on", ("--python",))):
            cmd = mplint("check", str(folder), "-j1", "--no-cache", *extra)
            runs.setdefault(name, []).append(timed(cmd, env=_env())[0])
    m = {name: statistics.median(values) for name, values in runs.items()}
    line("mplint check -j1 --no-cache (the .py files are not read)", per_file(m["off"], n))
    line("mplint check --python -j1 --no-cache", per_file(m["on"], n))
    line("  the cost of --python per Python file", per_file(m["on"] - m["off"], n))
    me = [sys.executable, str(Path(__file__).resolve())]
    subprocess.run([*me, "--python-breakdown", str(folder)], env=_env(), check=True)


def python_breakdown(folder: str) -> None:
    """In one process: the text test on every file, python_code.parse on those it keeps."""
    from mplint import sources
    from mplint.sources import python_code

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).rglob("*.py"))]
    start = time.perf_counter()
    kept = [text for text in texts if sources.worth_reading("x.py", text)]
    test = time.perf_counter() - start
    start = time.perf_counter()
    for text in kept:
        ast.parse(text)
    floor = time.perf_counter() - start
    start = time.perf_counter()
    documents = sum(len(python_code.parse(text)[0]) for text in kept)
    parse = time.perf_counter() - start
    per = max(len(kept), 1)
    line("  text test, every file (one process)", f"{test / len(texts) * 1e6:7.1f} us/file")
    line(
        f"  ast.parse alone, the {len(kept)} files with a request",
        f"{floor / per * 1e6:7.0f} us/file",
    )
    line(f"  read them: ast.parse, calls, ** and SDK ({documents} requests)",
         f"{parse / per * 1e6:7.0f} us/file  {parse / floor:.2f}x ast.parse")  # fmt: skip


if __name__ == "__main__":
    main()
