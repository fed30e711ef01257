"""The lifecycle: initialize/initialized, the capabilities advertised, and both ways to exit."""

from __future__ import annotations

import asyncio

from lsprotocol import types

from conftest import PATIENCE, initialize, spawn, make_kb

#: The capabilities this suite drives (the keys of ServerCapabilities as JSON), with the test that
#: covers each.
COVERED = {
    "positionEncoding": "test_encoding.py",
    "textDocumentSync": "test_diagnostics.py (didOpen/didChange/didSave/didClose)",
    "completionProvider": "test_navigation.py::test_completion_*",
    "hoverProvider": "test_navigation.py::test_hover",
    "definitionProvider": "test_navigation.py::test_definition",
    "referencesProvider": "test_navigation.py::test_references",
    "renameProvider": "test_edits.py::test_prepare_rename_and_rename_*",
    "documentSymbolProvider": "test_navigation.py::test_document_symbols",
    "workspaceSymbolProvider": "test_navigation.py::test_workspace_symbols",
    "codeActionProvider": "test_edits.py::test_quick_fix_of_a_broken_link",
    "codeLensProvider": "test_edits.py::test_code_lenses_on_the_spec",
    "workspace": "test_edits.py::test_will_rename_files",
    "diagnosticProvider": "test_lsp317_features.py::test_pull_diagnostics_are_advertised, "
                          "test_a_pulling_client_gets_reports_with_result_ids_and_nothing_pushed, "
                          "test_an_edit_that_breaks_another_file_asks_the_client_to_pull_again",
}
#: Advertised capabilities whose tests are still to be written (none).
PENDING: set[str] = set()


async def test_initialize_advertises_only_covered_capabilities(lsp):
    client = await lsp(initialized=False)
    result = await initialize(client)
    assert result.server_info is not None and result.server_info.name == "mlqa-lsp"
    assert result.server_info.version, "serverInfo.version is set"
    caps = result.capabilities
    advertised = {k for k, v in client.protocol._converter.unstructure(caps).items() if v is not None}
    uncovered = advertised - set(COVERED) - PENDING
    assert not uncovered, f"advertised without a strict-client test: {sorted(uncovered)}"
    assert caps.position_encoding == types.PositionEncodingKind.Utf16
    sync = caps.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions), sync
    assert sync.open_close is True
    assert sync.change == types.TextDocumentSyncKind.Incremental
    assert sync.save is True or isinstance(sync.save, types.SaveOptions)
    assert isinstance(caps.rename_provider, types.RenameOptions) and caps.rename_provider.prepare_provider
    assert isinstance(caps.code_action_provider, types.CodeActionOptions)
    assert list(caps.code_action_provider.code_action_kinds or []) == [types.CodeActionKind.QuickFix]
    assert caps.completion_provider is not None and "#" in (caps.completion_provider.trigger_characters or [])
    will_rename = caps.workspace.file_operations.will_rename  # type: ignore[union-attr]
    assert [f.pattern.glob for f in will_rename.filters] == ["**/*.md"]


async def test_shutdown_then_exit_ends_the_process_with_code_0(lsp):
    client = await lsp("rules/broken-link")
    # The session is live: the KB was loaded and its diagnostic pushed.
    await client.wait_diagnostics(lambda d: client.uri("alpha/first.md") in d)
    result = await asyncio.wait_for(client.shutdown_async(None), PATIENCE)
    assert result is None, "shutdown's result is null"
    client.exit(None)
    code = await asyncio.wait_for(client.process.wait(), PATIENCE)
    assert code == 0, f"exit after shutdown must end the process with 0, got {code}"
    client.assert_clean()


async def test_exit_without_shutdown_ends_the_process_with_code_1(lsp):
    client = await lsp()
    symbols = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="third"))
    assert symbols, "the session was live before exit"
    client.exit(None)
    code = await asyncio.wait_for(client.process.wait(), PATIENCE)
    assert code == 1, f"exit without shutdown must end the process with 1, got {code}"
    client.assert_clean()


async def test_exit_before_initialize_ends_the_process_with_code_1(tmp_path):
    client = await spawn(make_kb(tmp_path / "kb"))
    try:
        client.exit(None)
        code = await asyncio.wait_for(client.process.wait(), PATIENCE)
        assert code == 1, f"exit without shutdown must end the process with 1, got {code}"
        client.assert_clean()
    finally:
        if client.process.returncode is None:
            client.process.kill()
        await asyncio.wait_for(client.stop(), PATIENCE)


async def test_a_client_that_closes_stdin_ends_the_server(lsp):
    client = await lsp()
    assert await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="first"))
    client.process.stdin.close()  # type: ignore[union-attr]
    code = await asyncio.wait_for(client.process.wait(), PATIENCE)
    assert code == 0, f"a vanished client (no shutdown, no exit) ends the server cleanly, got {code}"
    client.assert_clean()
