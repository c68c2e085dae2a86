"""A cache of file reports in `.mplint_cache/`, so unchanged files are not checked again.

An entry is keyed on everything a file's findings depend on: the file's bytes, how it is
shown and whether it was named explicitly (paths and per-file-ignores appear in findings),
mplint's version and code, and the effective configuration (a stable serialisation of
Settings plus the contents of its policy packs). One small JSON file per entry, written to a
temporary file and renamed, so several processes may share the folder and a reader never
sees half an entry. The folder is safe to delete at any time. Entries are JSON, never
pickle: a cache folder may come from a repository and must not be able to run code.

An entry is trusted only if it is whole and well formed: its first line is a digest of its
key and payload (a truncated, edited or misplaced entry is a miss), and the payload is
validated field by field (positions, levels, types), so a damaged entry can neither hide a
finding nor produce an invalid report. A cache folder that is a symbolic link is refused
(see `linked`), and `.gitignore`/`CACHEDIR.TAG` are written only into a folder mplint
created, never into a folder of the user's (`MPLINT_CACHE_DIR=.`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import json
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any

from mplint.apimodel import active
from mplint.model import FileReport, Finding, Kind, Level, Span
from mplint.resources import data_dir
from mplint.version import __version__

FORMAT = "3"  # bump when the entry layout changes
MAX_ENTRY_BYTES = 16 * 1024 * 1024  # larger is not an entry mplint wrote for a checked file
_STATUSES = ("checked", "skipped", "error")


def linked(folder: str | os.PathLike[str]) -> bool:
    """Whether `folder` is a symbolic link: a linked cache folder (committed by someone else)
    would make mplint write wherever it points, so it is not used."""
    return os.path.islink(folder)


def _stable(value: Any) -> Any:
    """Settings as plain JSON data with a fixed order, whatever fields it has."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _stable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _stable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_stable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(str(v) for v in value)
    if isinstance(value, Level):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    # Paths, enums and whatever else a setting holds; never a memory address, which would
    # change the key on every run.
    return re.sub(r" at 0x[0-9a-fA-F]+", "", str(value))


def _sha256(data: bytes = b"") -> Any:
    # hashlib loads OpenSSL and tempfile pulls in random: imported when the cache is used,
    # so that a --no-cache run (the CLI imports this module) does not pay for them.
    import hashlib

    return hashlib.sha256(data)


def _file_digest(path: Any) -> str:
    try:
        return _sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def _code_fingerprint() -> str:
    """Size and modification time of mplint's own code and data: a development checkout
    that changes a rule without bumping the version must not be served stale entries."""
    package = Path(__file__).resolve().parent
    files = sorted(package.rglob("*.py"))
    for name in ("rules", "schemas"):
        with contextlib.suppress(FileNotFoundError):
            files += sorted(data_dir(name).glob("*.*"))
    parts = []
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return _sha256("\n".join(parts).encode()).hexdigest()


def fingerprint(settings: Any) -> str:
    """What every entry of one run shares: format, version, code and effective config."""
    config = _stable(settings)
    packs = [_file_digest(p) for p in getattr(settings, "packs", []) or []]
    text = json.dumps(
        [FORMAT, __version__, _code_fingerprint(), config, packs, active().identity],
        sort_keys=True,
        separators=(",", ":"),
    )
    return _sha256(text.encode()).hexdigest()


class Cache:
    """Reads and writes entries under one folder for one run's fingerprint."""

    def __init__(self, folder: str | os.PathLike[str], run_fingerprint: str) -> None:
        self.folder = Path(folder)
        self.run_fingerprint = run_fingerprint
        self._prepared = False

    def key(self, raw: bytes, display: str, explicit: bool) -> str:
        digest = _sha256()
        digest.update(self.run_fingerprint.encode())
        digest.update(b"\0explicit\0" if explicit else b"\0found\0")
        digest.update(display.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(raw)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, display: str) -> FileReport | None:
        try:
            with open(self._path(key), "rb") as handle:
                if os.fstat(handle.fileno()).st_size > MAX_ENTRY_BYTES:
                    return None  # (read(limit) would allocate the limit for every entry)
                sealed = handle.read()
            payload = unseal(key, sealed)
            if payload is None:
                return None
            return _decode(json.loads(payload), display)
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError,
                RecursionError):  # fmt: skip
            return None  # missing, half-deleted or damaged: check the file again

    def put(self, key: str, report: FileReport) -> None:
        path = self._path(key)
        try:
            payload = json.dumps(_encode(report), separators=(",", ":")).encode("utf-8")
            if not self._prepared:
                self._prepare()
            if not self._plain_folder(path.parent):
                return
            fd, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(seal(key, payload))
                os.replace(temporary, path)  # atomic: readers see the old entry or the new one
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except (OSError, TypeError, ValueError, UnicodeEncodeError):
            pass  # a read-only or full disk makes the cache useless, not the run wrong

    @staticmethod
    def _plain_folder(folder: Path) -> bool:
        """Create `folder` if needed; False when it is anything but a real folder (a link
        placed there would redirect the entries)."""
        with contextlib.suppress(FileExistsError):
            folder.mkdir()
        return stat.S_ISDIR(os.lstat(folder).st_mode)

    def _prepare(self) -> None:
        if linked(self.folder):
            raise OSError(f"{self.folder} is a symbolic link")
        try:
            self.folder.mkdir(parents=True)
        except FileExistsError:
            pass  # not ours (or made by a concurrent run): write nothing but entries into it
        else:
            (self.folder / ".gitignore").write_text(
                "# Created by mplint; safe to delete.\n*\n", encoding="utf-8"
            )
            (self.folder / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by mplint.\n",
                encoding="utf-8",
            )
        self._prepared = True


def _digest(key: str, payload: bytes) -> bytes:
    return hashlib.sha256(key.encode() + b"\0" + payload).hexdigest().encode()


def seal(key: str, payload: bytes) -> bytes:
    """An entry's bytes: the digest of its key and payload on the first line, then the payload."""
    return _digest(key, payload) + b"\n" + payload


def unseal(key: str, sealed: bytes) -> bytes | None:
    """The payload of an entry written by `seal` for `key`; None if it is anything else."""
    digest, newline, payload = sealed.partition(b"\n")
    if not newline or not hmac.compare_digest(digest, _digest(key, payload)):
        return None
    return payload


def _encode(report: FileReport) -> dict[str, Any]:
    findings = []
    for finding in report.findings:
        fields = {}
        for f in dataclasses.fields(finding):
            value = getattr(finding, f.name)
            if isinstance(value, Span):
                value = [value.line, value.col, value.end_line, value.end_col]
            elif isinstance(value, Level):
                value = int(value)
            elif isinstance(value, tuple):
                value = list(value)
            fields[f.name] = value
        del fields["file"]  # the display path is part of the key
        findings.append(fields)
    return {"status": report.status, "specs": report.specs, "reason": report.reason,
            "findings": findings}  # fmt: skip


_FIELDS = frozenset({"rule", "level", "message", "span", "path", "document", "suppressed", "kind"})


def _integer(value: Any, least: int) -> bool:
    return type(value) is int and value >= least


def _decode(entry: dict[str, Any], display: str) -> FileReport:
    """The report an entry holds; ValueError for anything `_encode` would not have written."""
    if not isinstance(entry, dict) or set(entry) != {"status", "specs", "reason", "findings"}:
        raise ValueError("entry")
    status, specs, reason = entry["status"], entry["specs"], entry["reason"]
    if status not in _STATUSES or not _integer(specs, 0) or not isinstance(reason, str):
        raise ValueError(status)
    if not isinstance(entry["findings"], list):
        raise ValueError("findings")
    findings = []
    for fields in entry["findings"]:
        if not isinstance(fields, dict) or set(fields) != _FIELDS:
            raise ValueError("finding")
        span = fields["span"]
        if not (isinstance(span, list) and len(span) == 4 and all(_integer(x, 1) for x in span)
                and (span[2], span[3]) >= (span[0], span[1])):  # fmt: skip
            raise ValueError(span)
        path = fields["path"]
        if not isinstance(path, list) or not all(
            isinstance(p, str) or _integer(p, 0) for p in path
        ):
            raise ValueError(path)
        level = fields["level"]
        if type(level) is not int or level not in Level._value2member_map_:
            raise ValueError(level)
        if not (isinstance(fields["rule"], str) and isinstance(fields["message"], str)):
            raise ValueError(fields["rule"])
        if not _integer(fields["document"], 0):
            raise ValueError(fields["document"])
        if not (fields["suppressed"] is None or isinstance(fields["suppressed"], str)):
            raise ValueError(fields["suppressed"])
        kind = fields["kind"]
        if not (kind is None or kind in Kind._value2member_map_):
            raise ValueError(kind)
        fields.update(file=display, span=Span(*span), level=Level(level), path=tuple(path),
                      kind=None if kind is None else Kind(kind))  # fmt: skip
        findings.append(Finding(**fields))
    return FileReport(display, status, findings, specs, reason)
