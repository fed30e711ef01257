"""A strict third-party client for mlqa-lsp: pygls and lsprotocol decode every message the
server sends against the LSP specification's types, and pytest-lsp checks results against the
client's declared capabilities.

The server is the binary named by ``MLQA_LSP`` (an absolute path; ``cargo test --test
strict_client`` sets it). Each test runs it on a copy of a fixture KB, built like
``tests/support/lib.rs``'s ``FixtureKb``: ``tests/fixtures/base`` overlaid with the files of
``tests/fixtures/<overlay>`` except ``_expect`` and ``_delete`` (which lists base files to remove).

Beyond what pygls itself rejects (a message that does not decode into the lsprotocol type of
its method fails the session), :class:`StrictClient` records every message the server sends and
checks each one as it arrives:

- the JSON-RPC envelope is exact (``jsonrpc`` is ``"2.0"``; a response has exactly one of
  ``result`` and ``error``; ``id`` is an integer, a string, or null only on an error);
- a notification or a request from the server is a method the client knows
  (``lsprotocol.types.METHOD_TO_TYPES``) and flows server -> client;
- the decoded value, encoded again by lsprotocol, is the JSON that was received: no field that
  the specification does not define, no value that only decoded because it was coerced.

Any of these, a pygls protocol error, or an ``LspSpecificationWarning`` from pytest-lsp fails the
test that was running.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from lsprotocol import types
from lsprotocol.converters import get_converter
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from pytest_lsp.client import configuration as default_configuration
from pytest_lsp.protocol import LanguageClientProtocol

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

#: How long any single wait on the server may take (generous: CI machines are shared).
PATIENCE = 30.0

#: Methods the server may send to the client, per the specification's meta-model direction.
_SERVER_TO_CLIENT = {
    types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
    types.WINDOW_LOG_MESSAGE,
    types.WINDOW_SHOW_MESSAGE,
    types.WINDOW_SHOW_MESSAGE_REQUEST,
    types.WINDOW_SHOW_DOCUMENT,
    types.WINDOW_WORK_DONE_PROGRESS_CREATE,
    types.CLIENT_REGISTER_CAPABILITY,
    types.CLIENT_UNREGISTER_CAPABILITY,
    types.WORKSPACE_CONFIGURATION,
    types.WORKSPACE_APPLY_EDIT,
    types.WORKSPACE_WORKSPACE_FOLDERS,
    types.WORKSPACE_CODE_LENS_REFRESH,
    types.WORKSPACE_DIAGNOSTIC_REFRESH,
    types.WORKSPACE_INLAY_HINT_REFRESH,
    types.WORKSPACE_INLINE_VALUE_REFRESH,
    types.WORKSPACE_SEMANTIC_TOKENS_REFRESH,
    types.TELEMETRY_EVENT,
    types.PROGRESS,
    types.LOG_TRACE,
    types.CANCEL_REQUEST,
}


def capabilities(
    *, watch: bool, utf8: bool = False, pull: bool = False, refresh: bool = False,
    progress: bool = False, configuration: bool = False,
) -> types.ClientCapabilities:
    """What this client implements, and nothing more: the features the suite exercises, the
    edits it can apply (text edits, create and rename operations), and file watching by dynamic
    registration only when ``watch``. The LSP 3.17 features of ``test_lsp317_features.py``
    only when asked for: ``pull`` (``textDocument.diagnostic``), ``refresh``
    (``workspace.diagnostics.refreshSupport``), ``progress`` (``window.workDoneProgress``) and
    ``configuration`` (``workspace.configuration``); the other modules' client declares none."""
    caps: dict[str, Any] = {
        "general": {"positionEncodings": ["utf-8", "utf-16"] if utf8 else ["utf-16"]},
        "workspace": {
            "applyEdit": False,
            "workspaceEdit": {
                "documentChanges": True,
                "resourceOperations": ["create", "rename"],
                "failureHandling": "abort",
            },
            "didChangeWatchedFiles": {"dynamicRegistration": watch, "relativePatternSupport": False},
            "symbol": {"dynamicRegistration": False},
            "fileOperations": {"dynamicRegistration": False, "willRename": True},
            "workspaceFolders": True,
        },
        "textDocument": {
            "synchronization": {"dynamicRegistration": False, "didSave": True, "willSave": False},
            "completion": {
                "dynamicRegistration": False,
                "completionItem": {"snippetSupport": False, "documentationFormat": ["markdown", "plaintext"]},
            },
            "hover": {"dynamicRegistration": False, "contentFormat": ["markdown", "plaintext"]},
            "definition": {"dynamicRegistration": False, "linkSupport": False},
            "references": {"dynamicRegistration": False},
            "documentSymbol": {"dynamicRegistration": False, "hierarchicalDocumentSymbolSupport": True},
            "codeAction": {
                "dynamicRegistration": False,
                "isPreferredSupport": True,
                "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}},
            },
            "codeLens": {"dynamicRegistration": False},
            "rename": {"dynamicRegistration": False, "prepareSupport": True},
            "publishDiagnostics": {"relatedInformation": True, "codeDescriptionSupport": True},
        },
    }
    if pull:
        caps["textDocument"]["diagnostic"] = {"dynamicRegistration": False, "relatedDocumentSupport": False}
    if refresh:
        caps["workspace"]["diagnostics"] = {"refreshSupport": True}
    if progress:
        caps["window"] = {"workDoneProgress": True}
    if configuration:
        caps["workspace"]["configuration"] = True
    return get_converter().structure(caps, types.ClientCapabilities)


class StrictProtocol(LanguageClientProtocol):
    """pytest-lsp's protocol, keeping the raw JSON of every message from the server and checking
    it (see the module's docstring)."""

    def structure_message(self, data: dict[str, Any]):
        # json.loads calls this bottom-up for every object; only the envelope has `jsonrpc`.
        if "jsonrpc" not in data:
            return data
        raw = json.loads(json.dumps(data))
        client: StrictClient = self._server  # type: ignore[assignment]
        client.raw.append(raw)
        pending_type = self._result_types.get(data.get("id")) if "id" in data else None
        message = super().structure_message(data)
        client.check_envelope(raw, message, pending_type)
        return message


class StrictClient(LanguageClient):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("protocol_cls", StrictProtocol)
        kwargs.setdefault("converter_factory", default_converter)
        super().__init__(*args, **kwargs)
        #: Every message from the server, as JSON, in the order received.
        self.raw: list[dict[str, Any]] = []
        #: What the strict checks found (each a sentence); a test fails if any.
        self.violations: list[str] = []
        #: Every error pygls reported (decoding failures, unknown methods, ...).
        self.protocol_errors: list[str] = []
        #: The params of each `client/registerCapability` request.
        self.registrations: list[types.RegistrationParams] = []
        self.kb: Path | None = None
        #: The params of each `workspace/configuration` request, as they arrive.
        self.configuration_requests: list[types.ConfigurationParams] = []
        #: When set, `workspace/configuration` is answered only once this event is set (the
        #: answer is what ``set_configuration`` stored, as pytest-lsp's own handler gives).
        self.configuration_gate: asyncio.Event | None = None

        @self.feature(types.CLIENT_REGISTER_CAPABILITY)
        def _register(client: StrictClient, params: types.RegistrationParams):
            client.registrations.append(params)
            return None

    # -- strict checks ---------------------------------------------------------------------

    def check_envelope(self, raw: dict[str, Any], message: Any, result_type: Any) -> None:
        where = json.dumps(raw)[:400]
        if raw.get("jsonrpc") != "2.0":
            self.violations.append(f"`jsonrpc` is not \"2.0\": {where}")
        has_id = "id" in raw
        msg_id = raw.get("id")
        if "method" in raw:
            method = raw["method"]
            if method not in types.METHOD_TO_TYPES:
                self.violations.append(f"unknown method {method!r}: {where}")
            elif method not in _SERVER_TO_CLIENT:
                self.violations.append(f"{method!r} is a client-to-server method, sent by the server: {where}")
            is_request = types.METHOD_TO_TYPES.get(method, (None, None))[1] is not None
            if has_id and not is_request:
                self.violations.append(f"notification {method!r} sent with an id: {where}")
            if is_request and not (isinstance(msg_id, (int, str)) and not isinstance(msg_id, bool)):
                self.violations.append(f"request {method!r} without an integer or string id: {where}")
        else:
            if not has_id:
                self.violations.append(f"neither a request, a notification nor a response: {where}")
            if ("result" in raw) == ("error" in raw):
                self.violations.append(f"a response must have exactly one of `result` and `error`: {where}")
            if msg_id is None and "error" not in raw:
                self.violations.append(f"a successful response with id null: {where}")
            if "error" in raw:
                error = raw["error"]
                if not (isinstance(error, dict) and isinstance(error.get("code"), int)
                        and isinstance(error.get("message"), str)):
                    self.violations.append(f"malformed ResponseError: {where}")
        self.check_round_trip(raw, message, result_type)

    def check_round_trip(self, raw: dict[str, Any], message: Any, result_type: Any) -> None:
        """The decoded message, encoded again, must be the JSON received."""
        if not hasattr(message, "__attrs_attrs__"):
            return
        if "result" in raw and result_type is None:
            return  # a response to a request this client did not send through pygls
        again = json.loads(json.dumps(self.protocol._converter.unstructure(message)))
        if "error" in raw and raw.get("id", 0) is None and "id" not in again:
            # lsprotocol leaves out an id of null, which JSON-RPC requires on an error whose
            # request's id could not be read: not the server's doing.
            again["id"] = None
        if again != raw:
            self.violations.append(
                "lsprotocol does not round-trip this message (a field outside the spec, or a "
                f"value of the wrong type):\n  received: {json.dumps(raw, sort_keys=True)[:2000]}\n"
                f"  as decoded: {json.dumps(again, sort_keys=True)[:2000]}"
            )

    def report_server_error(self, error, source):
        self.protocol_errors.append(f"{getattr(source, '__name__', source)}: {error!r}")
        super().report_server_error(error, source)

    def assert_clean(self) -> None:
        assert not self.protocol_errors, "pygls reported errors:\n" + "\n".join(self.protocol_errors)
        assert not self.violations, "non-conformant messages from the server:\n" + "\n".join(self.violations)
        assert self.error is None, f"the session failed: {self.error!r}"

    # -- helpers for tests -----------------------------------------------------------------

    def uri(self, rel: str = "") -> str:
        assert self.kb is not None
        root = self.kb.resolve().as_uri()
        return f"{root}/{rel}" if rel else root

    def text(self, rel: str) -> str:
        assert self.kb is not None
        return (self.kb / rel).read_text(encoding="utf-8")

    def pos(self, rel: str, needle: str, delta: int = 0) -> types.Position:
        """The (line, UTF-16 character) of the first ``needle`` in ``rel``, plus ``delta``."""
        return position_of(self.text(rel), needle, delta)

    def at(self, rel: str, needle: str, delta: int = 0) -> tuple[types.TextDocumentIdentifier, types.Position]:
        return types.TextDocumentIdentifier(uri=self.uri(rel)), self.pos(rel, needle, delta)

    def open(self, rel: str, text: str | None = None, version: int = 1) -> None:
        self.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=self.uri(rel),
                    language_id="yaml" if rel.endswith(".yaml") else "markdown",
                    version=version,
                    text=self.text(rel) if text is None else text,
                )
            )
        )

    def published(self) -> dict[str, list[types.Diagnostic]]:
        """The latest diagnostics of each URI, files without any left out."""
        return {uri: list(d) for uri, d in self.diagnostics.items() if d}

    async def wait_diagnostics(self, done, what: str = "") -> dict[str, list[types.Diagnostic]]:
        """Waits until the published diagnostics satisfy ``done``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + PATIENCE
        while not done(self.published()):
            self.assert_clean()
            assert loop.time() < deadline, f"diagnostics never reached {what or 'the expected state'}: {self.published()}"
            await asyncio.sleep(0.02)
        return self.published()

    async def wait_raw(self, predicate, count: int = 1, what: str = "") -> list[dict[str, Any]]:
        """Waits until ``count`` raw messages satisfy ``predicate``; returns them."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + PATIENCE
        while len(hits := [m for m in self.raw if predicate(m)]) < count:
            self.assert_clean()
            assert loop.time() < deadline, f"never received {count} x {what}: {hits}"
            await asyncio.sleep(0.02)
        return hits

    async def send_raw(self, data: bytes) -> None:
        """Bytes straight onto the server's stdin (for frames pygls would never send)."""
        writer = self.protocol.writer
        writer.write(data)  # type: ignore[union-attr]
        await writer.drain()  # type: ignore[union-attr]

    @property
    def process(self) -> asyncio.subprocess.Process:
        assert self._server is not None
        return self._server


def position_of(text: str, needle: str, delta: int = 0) -> types.Position:
    at = text.find(needle)
    assert at >= 0, f"{needle!r} not in the text"
    line_start = text.rfind("\n", 0, at) + 1
    line = text.count("\n", 0, at)
    character = len(text[line_start:at].encode("utf-16-le")) // 2 + delta
    return types.Position(line=line, character=character)


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Applies LSP text edits (UTF-16 positions) to ``text``."""
    lines = text.split("\n")

    def offset(p: types.Position) -> int:
        start = sum(len(line) + 1 for line in lines[: p.line])
        units = lines[p.line].encode("utf-16-le")[: 2 * p.character].decode("utf-16-le")
        return start + len(units)

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def make_kb(dest: Path, overlay: str | None = None) -> Path:
    """``tests/fixtures/base`` overlaid with ``tests/fixtures/<overlay>``, as FixtureKb does."""
    shutil.copytree(FIXTURES / "base", dest, symlinks=True, dirs_exist_ok=True)
    if overlay is not None:
        src = FIXTURES / overlay
        assert src.is_dir(), f"no fixture {src}"
        shutil.copytree(src, dest, symlinks=True, dirs_exist_ok=True)
        for name in ("_expect", "_delete"):
            with contextlib.suppress(FileNotFoundError):
                (dest / name).unlink()
        delete = src / "_delete"
        if delete.is_file():
            for line in delete.read_text().splitlines():
                if line.strip():
                    (dest / line.strip()).unlink()
    return dest


def server_binary() -> str:
    path = os.environ.get("MLQA_LSP")
    if not path:
        pytest.fail("MLQA_LSP is not set: it names the mlqa-lsp binary (cargo test --test strict_client sets it)")
    if not os.path.isabs(path) or not os.access(path, os.X_OK):
        pytest.fail(f"MLQA_LSP={path!r} is not an absolute path to an executable")
    return path


async def _configuration(client: StrictClient, params: types.ConfigurationParams):
    client.configuration_requests.append(params)
    if client.configuration_gate is not None:
        await client.configuration_gate.wait()
    return default_configuration(client, params)


async def spawn(kb: Path, cwd: Path | None = None) -> StrictClient:
    """Starts the server on ``kb``, in ``cwd`` (``kb`` unless given; not initialized yet)."""
    client = StrictClient()
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.WORKSPACE_CONFIGURATION: _configuration})
    client.kb = kb
    await client.start_io(server_binary(), cwd=str(cwd or kb))
    return client


async def initialize(
    client: StrictClient, *, watch: bool = True, utf8: bool = False,
    caps: types.ClientCapabilities | None = None, options: Any = None, folders: bool = True,
) -> types.InitializeResult:
    """``initialize`` (with the KB as the one workspace folder, or with no folder and a null
    ``rootUri`` when not ``folders``), then ``initialized``. The client declares
    ``capabilities(watch=, utf8=)``, or ``caps`` when given; ``options`` are the
    ``initializationOptions``."""
    params = types.InitializeParams(
        capabilities=caps if caps is not None else capabilities(watch=watch, utf8=utf8),
        process_id=os.getpid(),
        client_info=types.ClientInfo(name="mlqa-strict-client", version="1"),
        root_uri=client.uri() if folders else None,
        workspace_folders=[types.WorkspaceFolder(uri=client.uri(), name="kb")] if folders else [],
        initialization_options=options,
    )
    result = await asyncio.wait_for(client.initialize_session(params), PATIENCE)
    client.assert_clean()
    return result


async def stop(client: StrictClient) -> int | None:
    """``shutdown`` and ``exit`` if the session is still up; returns the exit code (None if it
    had to be killed)."""
    proc = client._server
    try:
        if proc is not None and proc.returncode is None and client.error is None and not client.stopped:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(client.shutdown_async(None), PATIENCE)
                client.exit(None)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(proc.wait(), PATIENCE)
        if proc is not None and proc.returncode is None:
            proc.kill()
            await proc.wait()
            return None
        return proc.returncode if proc is not None else None
    finally:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(client.stop(), PATIENCE)


@pytest_asyncio.fixture
async def lsp(tmp_path):
    """A factory: ``await lsp(overlay=None, watch=True, utf8=False)`` starts and initializes
    a server on a fresh copy of a fixture KB (``caps``, ``options`` and ``folders`` as
    :func:`initialize` takes them; ``elsewhere`` starts the server in the directory above the
    KB rather than in the KB). Every session is checked for strictness violations and
    shut down at the end of the test."""
    clients: list[StrictClient] = []

    async def start(overlay: str | None = None, *, watch: bool = True, utf8: bool = False,
                    initialized: bool = True, before=None,
                    caps: types.ClientCapabilities | None = None, options: Any = None,
                    folders: bool = True, elsewhere: bool = False) -> StrictClient:
        kb = make_kb(tmp_path / f"kb{len(clients)}", overlay)
        if before is not None:
            before(kb)  # changes to the KB before the server starts
        client = await spawn(kb, tmp_path if elsewhere else None)
        clients.append(client)
        if initialized:
            await initialize(client, watch=watch, utf8=utf8, caps=caps, options=options, folders=folders)
        return client

    yield start

    failures = []
    for client in clients:
        try:
            client.assert_clean()
        except AssertionError as e:
            failures.append(str(e))
        await stop(client)
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)


def pytest_report_header(config):
    return [f"mlqa-lsp: {os.environ.get('MLQA_LSP', '(MLQA_LSP not set)')}", f"python: {sys.version.split()[0]}"]
