"""Push diagnostics and document synchronization: didOpen, didChange, didSave, didClose, and
workspace/didChangeWatchedFiles."""

from __future__ import annotations

from lsprotocol import types

BROKEN = "alpha/first.md"


def _range(sl, sc, el, ec) -> types.Range:
    return types.Range(start=types.Position(line=sl, character=sc), end=types.Position(line=el, character=ec))


async def test_the_broken_link_is_pushed_with_its_code_range_and_source(lsp):
    client = await lsp("rules/broken-link")
    uri = client.uri(BROKEN)
    diags = await client.wait_diagnostics(lambda d: uri in d, "a diagnostic on alpha/first.md")
    assert list(diags) == [uri], f"only the broken file has diagnostics: {diags}"
    [d] = diags[uri]
    assert d.code == "broken-link"
    assert d.source == "mlqa"
    assert d.severity == types.DiagnosticSeverity.Error
    assert d.range == _range(15, 20, 15, 36)
    text = client.text(BROKEN).split("\n")[15]
    assert text[20:36] == "secnd.md#example", "the range covers the link's target"
    assert "secnd.md" in d.message
    raw = [m for m in client.raw if m.get("method") == "textDocument/publishDiagnostics"
           and m["params"]["uri"] == uri]
    assert raw and raw[-1]["params"]["diagnostics"][0]["code"] == "broken-link"


async def test_did_change_fixes_it_and_did_close_restores_the_disk_text(lsp):
    client = await lsp("rules/broken-link")
    uri = client.uri(BROKEN)
    await client.wait_diagnostics(lambda d: uri in d)
    client.open(BROKEN)
    start = client.pos(BROKEN, "secnd.md")
    end = client.pos(BROKEN, "secnd.md", 5)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(range=types.Range(start=start, end=end), text="second")
            ],
        )
    )
    await client.wait_diagnostics(lambda d: not d, "no diagnostics once the link is fixed")
    # An edit that breaks it again, as a whole-document change.
    broken_again = client.text(BROKEN).replace("secnd.md#example", "second.md#nowhere")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=broken_again)],
        )
    )
    diags = await client.wait_diagnostics(lambda d: uri in d, "the broken anchor")
    assert [d.code for d in diags[uri]] == ["broken-anchor"]
    # Closed unsaved: the file is what is on disk again, the broken link with it.
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    diags = await client.wait_diagnostics(
        lambda d: [x.code for x in d.get(uri, [])] == ["broken-link"], "broken-link after didClose"
    )
    assert diags[uri][0].range == _range(15, 20, 15, 36)


async def test_did_save_rereads_the_kb_for_a_client_that_does_not_watch(lsp):
    client = await lsp(watch=False)
    extra = client.uri("beta/extra.md")
    (client.kb / "beta/extra.md").write_text("# An orphan\n")
    client.open("alpha/first.md")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=client.uri("alpha/first.md")))
    )
    diags = await client.wait_diagnostics(lambda d: extra in d, "diagnostics on the new file after didSave")
    assert "missing-front-matter" in [d.code for d in diags[extra]]
    assert client.registrations == []


async def test_did_change_watched_files_creation_and_deletion(lsp):
    client = await lsp()
    extra = client.uri("beta/extra.md")
    (client.kb / "beta/extra.md").write_text("# An orphan\n")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=extra, type=types.FileChangeType.Created)])
    )
    diags = await client.wait_diagnostics(lambda d: extra in d, "diagnostics on the created file")
    assert diags[extra][0].code == "missing-front-matter"
    (client.kb / "beta/extra.md").unlink()
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=extra, type=types.FileChangeType.Deleted)])
    )
    await client.wait_diagnostics(lambda d: not d, "no diagnostics once the file is deleted")
    assert list(client.diagnostics.get(extra, [None])) == [], "the deleted file's diagnostics were cleared by an empty publish"
