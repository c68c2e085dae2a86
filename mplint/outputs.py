"""Which report goes where: pair each --format with its --output.

`mplint check -f sarif -o mplint.sarif -f text .` lints once and writes SARIF to a file and
text to standard output. An --output belongs to the --format just before it (or, given
before any format, to the next one); a format without an output prints to standard output,
and only one may. Without any --format, the report is text, or GitHub workflow commands when
printing to standard output inside GitHub Actions (GITHUB_ACTIONS=true).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from mplint.reporters import reporter
from mplint.reporters.spool import Spool
from mplint.terminal import silence
from mplint.textsafety import safe_report

if TYPE_CHECKING:
    from mplint.model import FileReport
    from mplint.reporters import RunContext


class OutputError(Exception):
    """Formats and outputs that do not pair up; a usage error."""


@dataclass(frozen=True, slots=True)
class Target:
    format: str
    output: str | None  # None: standard output


# (short flag, long flags): --output-format is ruff's name for --format.
_FORMAT_FLAGS = ("-f", ("--format", "--output-format"))
_OUTPUT_FLAGS = ("-o", ("--output",))


def _order(argv: list[str]) -> list[tuple[str, str]]:
    """("f", value) and ("o", value) in the order they appear on the command line."""
    order: list[tuple[str, str]] = []
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--":
            break
        for kind, (short, longs) in (("f", _FORMAT_FLAGS), ("o", _OUTPUT_FLAGS)):
            if (token == short or token in longs) and i + 1 < len(argv):
                order.append((kind, argv[i + 1]))
                i += 1
                break
            long = next((flag for flag in longs if token.startswith(flag + "=")), None)
            if long is not None:
                order.append((kind, token[len(long) + 1 :]))
            elif token.startswith(short) and len(token) > 2 and not token.startswith("--"):
                order.append((kind, token[2:]))
        i += 1
    return order


def plan(formats: list[str], outputs: list[str], argv: list[str], *,
         github_actions: bool = False) -> list[Target]:  # fmt: skip
    """The targets of one run, in command-line order."""
    order = _order(argv)
    if [v for k, v in order if k == "f"] != formats or [v for k, v in order if k == "o"] != outputs:
        # argv does not show how the options interleave (an embedding caller): pair by position
        order = []
        for i in range(max(len(formats), len(outputs))):
            if i < len(formats):
                order.append(("f", formats[i]))
            if i < len(outputs):
                order.append(("o", outputs[i]))
    pairs: list[list[str | None]] = []
    pending: str | None = None
    for kind, value in order:
        if kind == "f":
            pairs.append([value, pending])
            pending = None
        elif pairs and pairs[-1][1] is None:
            pairs[-1][1] = value
        elif pending is None:
            pending = value
        else:
            raise OutputError(f"--output {pending} and --output {value} follow one --format")
    if pending is not None:
        pairs.append([None, pending])
    if not pairs:
        pairs.append([None, None])
    targets = []
    for fmt, output in pairs:
        if fmt is None:
            fmt = "github" if github_actions and output is None else "text"
        targets.append(Target(fmt, output))
    to_stdout = [t.format for t in targets if t.output is None]
    if len(to_stdout) > 1:
        raise OutputError(
            f"formats {', '.join(to_stdout)} would all print to standard output; "
            "give all but one an --output FILE"
        )
    files = [t.output for t in targets if t.output is not None]
    duplicates = sorted({f for f in files if files.count(f) > 1})
    if duplicates:
        raise OutputError(f"two reports would be written to {duplicates[0]}")
    return targets


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def check_outputs(targets: list[Target], inputs: list[str], others: dict[str, str]) -> None:
    """Before anything is checked: no report may overwrite a file named as input (`inputs`)
    or another file of the run (`others`: option -> path, such as the baseline), and every
    report file must be writable (its folder is created when missing, as ruff does).
    Raises OutputError."""
    for target in targets:
        path = target.output
        if path is None:
            continue
        for given in inputs:
            if _same_file(path, given) and not os.path.isdir(given):
                raise OutputError(f"--output {path} would overwrite the input file {given}")
        for option, other in others.items():
            if _same_file(path, other):
                raise OutputError(f"--output {path} is also the {option} file")
        from mplint import atomicfile  # (tempfile: only for runs that write a file)

        try:
            atomicfile.check_writable(path)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


class _Terminal:
    """Standard output that may go away: a closed pipe (`| head -1`) or a full device stops
    what is written to it, never the reports written to files. `error` keeps the first
    failure."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.error: OSError | None = None

    def write(self, text: str) -> None:
        if self.error is None:
            try:
                self.stream.write(text)
            except OSError as exc:
                self.error = exc

    def flush(self) -> None:
        if self.error is None:
            try:
                self.stream.flush()
            except OSError as exc:
                self.error = exc


class StdoutError(Exception):
    """Standard output could not be written (not a closed pipe); the CLI exits 2."""


def deliver(targets: list[Target], reports: Iterable[FileReport], context: RunContext,
            *, stdout: TextIO, color: bool = False) -> int:  # fmt: skip
    """Write every target's report of `reports`, read once: each reporter gets each report
    as it comes (a fan-out), so all of them stream. Returns the exit code of the run.

    Standard output receives its report as it is made. A report file is spooled (in memory,
    then in a temporary file: reporters/spool.py) and written when the run ends, as before
    streaming: the run never reads its own half-written report when the file lies in the
    checked tree, and an interrupted run leaves the previous report whole. A file that
    cannot be written is an OutputError; it is written even when standard output fails
    meanwhile: a closed pipe then ends the run quietly, any other failure of standard output
    raises StdoutError once the files are written. `color` is for standard output."""
    terminal = _Terminal(stdout)
    kinds = [reporter(target.format) for target in targets]  # imports only those selected
    spools: list[tuple[str, Any]] = []  # (path, Spool)
    try:
        writers = []
        for target, kind in zip(targets, kinds, strict=True):
            out: Any = terminal
            if target.output is not None:
                out = Spool()
                spools.append((target.output, out))
            shown = dataclasses.replace(context, color=color and target.output is None)
            writers.append(kind(out, shown))
        code = 0
        for report in map(safe_report, reports):  # (the runner's are already safe: cheap)
            code = max(code, report.exit_code(context.fail_on))
            for writer in writers:
                writer.add(report)
        for writer in writers:
            writer.finish()
        terminal.flush()
        for path, spool in spools:
            from mplint import atomicfile  # (tempfile: only for runs that write a file)

            try:
                atomicfile.replace(path, spool.copy_to)
            except OSError as exc:
                raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        for _, spool in spools:
            spool.close()
    if terminal.error is not None:
        silence(stdout)
        if not isinstance(terminal.error, BrokenPipeError):
            reason = terminal.error.strerror or terminal.error
            raise StdoutError(f"cannot write to standard output: {reason}")
    return code
