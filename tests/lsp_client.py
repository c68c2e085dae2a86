"""A small LSP client for the tests: JSON-RPC 2.0 with Content-Length framing, spoken to
`mplint server` in a subprocess over its standard input and output, as an editor does.

Every message both ways is kept in `transcript`; set MPLINT_LSP_TRANSCRIPT=FILE to write it
out (the editor session shown in docs/editors.md was captured so).
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from conftest import ROOT

TIMEOUT = 60  # seconds to wait for an answer: generous for a loaded CI machine


class LspClient:
    def __init__(self, cwd: Path, *, env: dict[str, str] | None = None) -> None:
        environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mplint", "server"],
            cwd=cwd, env=environment, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        self.transcript: list[tuple[str, dict]] = []
        self.inbox: queue.Queue[dict | None] = queue.Queue()
        self.notifications: list[dict] = []
        self._next_id = 0
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # -- wire ---------------------------------------------------------------------------

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                key, _, value = line.partition(":")
                headers[key.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            message = json.loads(body.decode("utf-8"))
            self.transcript.append(("<--", message))
            self.inbox.put(message)

    def send(self, message: dict) -> None:
        message = {"jsonrpc": "2.0", **message}
        self.transcript.append(("-->", message))
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _receive(self) -> dict:
        try:
            message = self.inbox.get(timeout=TIMEOUT)
        except queue.Empty:
            raise AssertionError(f"no message from the server in {TIMEOUT} s") from None
        if message is None:
            raise AssertionError(f"the server ended: {self.stderr()}")
        return message

    # -- protocol -----------------------------------------------------------------------

    def request(self, method: str, params: Any) -> Any:
        self._next_id += 1
        ident = self._next_id
        self.send({"id": ident, "method": method, "params": params})
        while True:
            message = self._receive()
            if message.get("id") == ident and "method" not in message:
                assert "error" not in message, message["error"]
                return message.get("result")
            self._handle(message)

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def _handle(self, message: dict) -> None:
        if "id" in message and "method" in message:  # a request from the server
            self.send({"id": message["id"], "result": None})
        else:
            self.notifications.append(message)

    def wait_for(self, method: str, **params: Any) -> dict:
        """The first notification of `method` whose params contain `params` (earlier ones
        that do not match stay in `notifications`)."""
        while True:
            for message in self.notifications:
                if message.get("method") == method and all(
                    message["params"].get(k) == v for k, v in params.items()
                ):
                    self.notifications.remove(message)
                    return message["params"]
            self._handle(self._receive())

    def transcript_messages(self, method: str) -> list[dict]:
        """The messages of `method` the server sent so far."""
        return [m for way, m in self.transcript if way == "<--" and m.get("method") == method]

    def diagnostics(self, uri: str, version: int | None = None) -> list[dict]:
        criteria: dict[str, Any] = {"uri": uri}
        if version is not None:
            criteria["version"] = version
        return self.wait_for("textDocument/publishDiagnostics", **criteria)["diagnostics"]

    def initialize(self, folders: list[Path], options: dict | None = None) -> dict:
        result = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": folders[0].as_uri(),
                "workspaceFolders": [{"uri": f.as_uri(), "name": f.name} for f in folders],
                "capabilities": {
                    "general": {"positionEncodings": ["utf-16"]},
                    "textDocument": {
                        "publishDiagnostics": {"versionSupport": True, "codeDescriptionSupport": True,
                                               "dataSupport": True},
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
                    },
                },
                "initializationOptions": options or {},
            },
        )  # fmt: skip
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str | None = None, language: str = "yaml") -> str:
        uri = path.as_uri()
        content = path.read_text(encoding="utf-8") if text is None else text
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": language, "version": 1, "text": content}})  # fmt: skip
        return uri

    def change(self, uri: str, version: int, text: str) -> None:
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}],
        })  # fmt: skip

    def close(self) -> int:
        """shutdown, exit; the server's exit code."""
        if self.process.poll() is None:
            self.request("shutdown", None)
            self.notify("exit", None)
        code = self.process.wait(timeout=TIMEOUT)
        self._write_transcript()
        return code

    def stderr(self) -> str:
        if self.process.poll() is None:
            return ""
        assert self.process.stderr is not None
        return self.process.stderr.read().decode("utf-8", "replace")

    def _write_transcript(self) -> None:
        target = os.environ.get("MPLINT_LSP_TRANSCRIPT")
        if not target:
            return
        with open(target, "a", encoding="utf-8") as handle:
            for direction, message in self.transcript:
                handle.write(f"{direction} {json.dumps(message, ensure_ascii=False)}\n")
