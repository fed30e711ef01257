"""client/registerCapability: the server asks to watch the KB's files only when the client
declared `workspace.didChangeWatchedFiles.dynamicRegistration`."""

from __future__ import annotations

import asyncio

from lsprotocol import types


async def _settle(client) -> None:
    # Requests answered after `initialized` was handled: a registration has gone out by then.
    for _ in range(2):
        assert await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="first"))
    await asyncio.sleep(0.2)


async def test_a_watching_client_is_asked_to_watch_the_kb(lsp):
    client = await lsp(watch=True)
    await _settle(client)
    requests = [m for m in client.raw if m.get("method") == "client/registerCapability"]
    assert len(requests) == 1, requests
    assert isinstance(requests[0]["id"], (int, str))
    [params] = client.registrations
    [reg] = params.registrations
    assert reg.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    assert reg.id, "a registration id (to unregister it by)"
    options = client.protocol._converter.structure(reg.register_options, types.DidChangeWatchedFilesRegistrationOptions)
    globs = [w.glob_pattern for w in options.watchers]
    assert globs == ["**/*.md", "**/*.yaml", "**/mlqa.toml"], globs
    assert all(isinstance(g, str) for g in globs), "plain glob strings (no relativePatternSupport declared)"


async def test_a_client_without_dynamic_registration_is_never_asked(lsp):
    client = await lsp(watch=False)
    await _settle(client)
    sent = [m for m in client.raw if m.get("method") in ("client/registerCapability", "client/unregisterCapability")]
    assert sent == [], f"registration sent to a client that did not offer dynamic registration: {sent}"
    assert client.registrations == []
    # Server requests of any kind: this client declared none it could be asked.
    requests = [m for m in client.raw if "method" in m and "id" in m]
    assert requests == [], requests
