"""What the server may send depends on what the client declared. The other modules' client
declares what it supports; this one is a plain client (in the spirit of the ``"capabilities":
{}`` clients of tests/lsp.rs) that declares only its position encoding and, for hover, plain
text. Each test is one rule of the specification (3.17) about capability negotiation:

- ``renameProvider``: "RenameOptions may only be specified if the client states that it
  supports ``prepareSupport`` in its initial ``initialize`` request."
- ``WorkspaceEdit``: "If a client neither supports ``documentChanges`` nor
  ``workspace.workspaceEdit.resourceOperations`` then only plain ``TextEdit``s using the
  ``changes`` property are supported."
- ``textDocument.codeAction.codeActionLiteralSupport``: "The client support code action
  literals of type ``CodeAction`` as a valid response of the ``textDocument/codeAction``
  request. If the property is not set the request can only return ``Command`` literals."
- ``textDocument.documentSymbol.hierarchicalDocumentSymbolSupport``: "The client supports
  hierarchical document symbols" (without it, the response is ``SymbolInformation[]``).
- ``textDocument.hover.contentFormat``: "Client supports the following content formats for the
  content property."

(The quotations are the specification's, as lsprotocol 2025.0.0 carries them in its docstrings.)
These are separate from test_navigation.py / test_edits.py, whose client declares all of these.
"""

from __future__ import annotations

from lsprotocol import types
from lsprotocol.converters import get_converter

from conftest import initialize


def plain_capabilities() -> types.ClientCapabilities:
    return get_converter().structure(
        {
            "general": {"positionEncodings": ["utf-16"]},
            "textDocument": {"hover": {"contentFormat": ["plaintext"]}},
        },
        types.ClientCapabilities,
    )


async def _plain(lsp, overlay=None):
    return await lsp(overlay, caps=plain_capabilities())


async def test_rename_options_only_to_a_client_with_prepare_support(lsp):
    client = await lsp(initialized=False)
    result = await initialize(client, caps=plain_capabilities())
    assert result.capabilities.rename_provider is True, (
        f"renameProvider is {result.capabilities.rename_provider!r}: RenameOptions (prepareProvider) "
        "to a client that did not declare textDocument.rename.prepareSupport"
    )


async def test_text_edits_in_changes_for_a_client_without_document_changes(lsp):
    client = await _plain(lsp)
    doc, pos = client.at("alpha/second.md", "## Example", 4)
    edit = await client.text_document_rename_async(types.RenameParams(text_document=doc, position=pos, new_name="Worked example"))
    assert isinstance(edit, types.WorkspaceEdit)
    assert edit.document_changes is None, (
        "documentChanges sent to a client that declared neither workspaceEdit.documentChanges "
        f"nor resourceOperations: {edit.document_changes!r}"
    )
    assert edit.changes and client.uri("alpha/first.md") in edit.changes


async def test_no_resource_operations_for_a_client_that_declared_none(lsp):
    client = await _plain(lsp)
    doc, pos = client.at("beta/third.md", "id: third", 5)
    try:
        edit = await client.text_document_rename_async(types.RenameParams(text_document=doc, position=pos, new_name="the-third"))
    except Exception as refused:  # a refusal (an error with a reason) respects the client too
        assert "rename" in str(refused).lower(), refused
        return
    ops = [c for c in (edit.document_changes or []) if not isinstance(c, types.TextDocumentEdit)] if edit else []
    assert ops == [], f"resource operations sent to a client that declared no resourceOperations: {ops!r}"


async def test_code_actions_are_commands_for_a_client_without_literal_support(lsp):
    client = await _plain(lsp, "rules/broken-link")
    uri = client.uri("alpha/first.md")
    [diag] = (await client.wait_diagnostics(lambda d: uri in d))[uri]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=diag.range,
            context=types.CodeActionContext(diagnostics=[diag]),
        )
    )
    literals = [a.title for a in actions or [] if isinstance(a, types.CodeAction)]
    assert literals == [], f"CodeAction literals sent to a client without codeActionLiteralSupport: {literals}"


async def test_document_symbols_are_flat_for_a_client_without_hierarchical_support(lsp):
    client = await _plain(lsp)
    outline = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=client.uri("alpha/first.md")))
    )
    assert outline, "an outline"
    nested = [s.name for s in outline if isinstance(s, types.DocumentSymbol)]
    assert nested == [], f"DocumentSymbol[] sent to a client without hierarchicalDocumentSymbolSupport: {nested}"


async def test_hover_in_a_format_the_client_declared(lsp):
    client = await _plain(lsp)
    doc, pos = client.at("alpha/first.md", "[book]", 2)
    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=pos))
    assert hover is not None
    kind = hover.contents.kind if isinstance(hover.contents, types.MarkupContent) else "MarkedString"
    assert kind == types.MarkupKind.PlainText, f"hover as {kind!r} to a client whose contentFormat is [plaintext]"
    assert "A Book" in hover.contents.value
