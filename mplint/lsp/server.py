"""The pygls language server: documents in, diagnostics, hover and code actions out.

A document is checked with `mplint.api.check_text`, under its own path, so the configuration
that applies is the one `mplint check FILE` finds from the file's folder upwards (in every
workspace folder alike), with `skip_non_specs` as the pre-commit hook: a YAML or JSON file
that is no model package spec gets no diagnostic. Checks run on open and save at once, and on
change once the typing has paused for `debounce` seconds (initializationOptions
`{"debounce": 0.3}`); only the last version is checked, and its diagnostics carry it.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from mplint.api import check_text, linter_for
from mplint.config import ConfigError
from mplint.lsp import features
from mplint.lsp.text import ENCODINGS, Units, utf16
from mplint.version import __version__

DEBOUNCE = 0.3  # seconds without a change before a document is checked again
CONFIG_FILES = (".mplint.yaml", ".mplint.yml", "pyproject.toml")


class MplintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("mplint", __version__)
        self.debounce = DEBOUNCE
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.config_errors: set[str] = set()  # shown once each

    @property
    def units(self) -> Units:
        """How the client counts characters: UTF-16 unless it offered and pygls chose another."""
        encoding = self.workspace.position_encoding
        return ENCODINGS.get(str(getattr(encoding, "value", encoding) or "utf-16"), utf16)

    def file_name(self, uri: str) -> str:
        """The path mplint reports and finds the configuration from; for a document that is
        not a file (an unsaved buffer), its name in the current directory."""
        path = to_fs_path(uri)
        if path and uri.startswith("file:"):
            return path
        return os.path.basename(uri.rstrip("/")) or "untitled.yaml"

    def check(self, uri: str) -> None:
        """Publish the diagnostics of the document's current version."""
        self.pending.pop(uri, None)
        document = self.workspace.get_text_document(uri)
        text = document.source
        try:
            findings = check_text(text, self.file_name(uri), skip_non_specs=True)
        except ConfigError as exc:
            findings = []
            self.show_config_error(str(exc))
        except Exception as exc:  # never let one document stop the server
            findings = []
            self.window_log_message(
                types.LogMessageParams(
                    type=types.MessageType.Error, message=f"mplint: {uri}: {exc!r}"
                )
            )
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=document.version,
                diagnostics=features.diagnostics(findings, text, self.units),
            )
        )

    def fixes(
        self, uri: str, name: str, text: str, wanted: list[types.Diagnostic]
    ) -> list[types.CodeAction]:
        """The fix engine's code actions, with the checker of the file's configuration."""
        try:
            linter = linter_for(name)
            if linter is None:
                return []
            return features.fix_actions(uri, name, text, linter, wanted, self.units)
        except ConfigError as exc:
            self.show_config_error(str(exc))
        except Exception as exc:  # a fix that cannot be computed is no reason to fail
            self.window_log_message(
                types.LogMessageParams(
                    type=types.MessageType.Error, message=f"mplint: fixes of {uri}: {exc!r}"
                )
            )
        return []

    def show_config_error(self, message: str) -> None:
        if message in self.config_errors:
            return
        self.config_errors.add(message)
        self.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Error, message=f"mplint: {message}")
        )

    def schedule(self, uri: str) -> None:
        """Check the document once changes have paused for `debounce` seconds."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(self.debounce, self.check, uri)

    def forget(self, uri: str) -> None:
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )


def build() -> MplintServer:
    server = MplintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: MplintServer, params: types.InitializeParams) -> None:
        options: Any = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounce"), (int, float)):
            ls.debounce = max(0.0, float(options["debounce"]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: MplintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: MplintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: MplintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        if os.path.basename(ls.file_name(uri)) in CONFIG_FILES:
            # every open document may fall under the configuration that changed
            ls.config_errors.clear()
            for other in list(ls.workspace.text_documents):
                ls.check(other)
        else:
            ls.check(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MplintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: MplintServer, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        text = ls.workspace.get_text_document(uri).source
        try:
            return features.hover(text, ls.file_name(uri), params.position, ls.units)
        except Exception:  # a half-typed document: no hover rather than an error
            return None

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, features.FIX_ALL]
        ),
    )
    def code_action(ls: MplintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        text = ls.workspace.get_text_document(uri).source
        name = ls.file_name(uri)
        wanted = list(params.context.diagnostics)
        actions = ls.fixes(uri, name, text, wanted)
        actions += features.code_actions(uri, name, text, wanted, ls.units)
        if params.context.only:  # the client asked for some kinds only (source.fixAll on save)
            only = [_kind(kind) for kind in params.context.only]
            actions = [a for a in actions if any(_kind(a.kind).startswith(k) for k in only)]
        return actions

    return server


def _kind(kind: object) -> str:
    """A code action kind as its string (lsprotocol gives the known ones as enum members)."""
    return str(getattr(kind, "value", kind))
