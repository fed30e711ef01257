"""Features that answer with edits: code actions (the quick fix of a broken link), rename
(prepareRename + rename), workspace/willRenameFiles; and code lenses on the spec. Each edit is
applied to the fixture's text to check what it does, not only its shape."""

from __future__ import annotations

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from conftest import FIXTURES, apply_edits


def _rel(client, uri: str) -> str:
    assert uri.startswith(client.uri() + "/"), uri
    return uri[len(client.uri()) + 1:]


def _apply(client, edit: types.WorkspaceEdit) -> tuple[dict[str, str], list]:
    """Applies a WorkspaceEdit of documentChanges to the KB's texts (not on disk); returns the
    new texts of the edited files and the resource operations, in order."""
    assert edit.changes is None, "documentChanges only (the client declared support for them)"
    assert edit.document_changes is not None
    texts: dict[str, str] = {}
    ops = []
    for change in edit.document_changes:
        if isinstance(change, types.TextDocumentEdit):
            rel = _rel(client, change.text_document.uri)
            assert all(isinstance(e, types.TextEdit) for e in change.edits), "plain TextEdits"
            texts[rel] = apply_edits(texts.get(rel, client.text(rel)), list(change.edits))
        else:
            ops.append(change)
    return texts, ops


async def test_quick_fix_of_a_broken_link(lsp):
    client = await lsp("rules/broken-link")
    uri = client.uri("alpha/first.md")
    diags = await client.wait_diagnostics(lambda d: uri in d)
    [diag] = diags[uri]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diag.range,
            context=types.CodeActionContext(diagnostics=[diag], only=[types.CodeActionKind.QuickFix]),
        )
    )
    assert actions, "a quick fix"
    assert all(isinstance(a, types.CodeAction) for a in actions), "CodeAction literals (the client supports them)"
    [fix] = [a for a in actions if a.title.startswith("Link to second.md")]
    assert fix.kind == types.CodeActionKind.QuickFix
    # broken-link's fix guesses the target: an unsafe fix, offered but not preferred.
    assert fix.title == "Link to second.md (unsafe: review it)"
    assert fix.is_preferred is False
    assert [d.code for d in fix.diagnostics or []] == ["broken-link"]
    assert fix.diagnostics[0].range == diag.range
    texts, ops = _apply(client, fix.edit)
    assert ops == []
    assert texts == {"alpha/first.md": (FIXTURES / "base/alpha/first.md").read_text(encoding="utf-8")}, \
        "the fix restores the base fixture's link, and changes nothing else"
    # Nowhere near a diagnostic: no action.
    far = types.Range(start=types.Position(line=1, character=0), end=types.Position(line=1, character=1))
    none = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=far,
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    assert not none, none


async def _prepare(client, path, needle, delta, placeholder):
    """prepareRename at ``needle`` + ``delta`` in ``path``: a placeholder, as given."""
    doc, pos = client.at(path, needle, delta)
    prepared = await client.text_document_prepare_rename_async(types.PrepareRenameParams(text_document=doc, position=pos))
    assert isinstance(prepared, types.PrepareRenamePlaceholder), prepared
    assert prepared.placeholder == placeholder
    return doc, pos, prepared


async def test_prepare_rename_and_rename_of_an_id(lsp):
    client = await lsp()
    doc, pos, prepared = await _prepare(client, "beta/third.md", "id: third", 5, "third")
    assert prepared.range == types.Range(start=types.Position(line=1, character=4), end=types.Position(line=1, character=9))

    edit = await client.text_document_rename_async(types.RenameParams(text_document=doc, position=pos, new_name="the-third"))
    assert isinstance(edit, types.WorkspaceEdit)
    texts, ops = _apply(client, edit)
    assert sorted(texts) == ["alpha/first.md", "alpha/second.md", "beta/third.md", "resources.yaml", "spec.yaml"]
    assert "related: [second, the-third]" in texts["alpha/first.md"]
    assert "(../beta/the-third.md)" in texts["alpha/first.md"]
    assert "related: [first, the-third]" in texts["alpha/second.md"]
    assert texts["beta/third.md"].startswith("---\nid: the-third\n")
    assert "topics: [the-third]" in texts["resources.yaml"]
    assert "- id: the-third\n" in texts["spec.yaml"]
    assert len(ops) == 1 and isinstance(ops[0], types.RenameFile), ops
    assert ops[0].old_uri == client.uri("beta/third.md")
    assert ops[0].new_uri == client.uri("beta/the-third.md")
    assert ops[0].options is not None and ops[0].options.overwrite is False
    assert [f.name for f in (client.kb / "beta").iterdir()] == ["third.md"], "the server proposes; it never writes"


async def test_prepare_rename_and_rename_of_a_heading(lsp):
    client = await lsp()
    doc, pos, _ = await _prepare(client, "alpha/second.md", "## Example", 4, "Example")
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=doc, position=pos, new_name="Worked example")
    )
    texts, ops = _apply(client, edit)
    assert ops == []
    assert "## Worked example\n" in texts["alpha/second.md"]
    assert "(second.md#worked-example)" in texts["alpha/first.md"], "the link to its anchor follows"


async def test_rename_refusals_are_errors_with_a_reason(lsp):
    client = await lsp()
    doc, pos = client.at("beta/third.md", "# What", 3)
    with pytest.raises(JsonRpcException) as refused:
        await client.text_document_prepare_rename_async(types.PrepareRenameParams(text_document=doc, position=pos))
    assert "spec.yaml" in refused.value.message, refused.value
    doc, pos = client.at("beta/third.md", "id: third", 5)
    with pytest.raises(JsonRpcException) as bad:
        await client.text_document_rename_async(types.RenameParams(text_document=doc, position=pos, new_name="Not An Id"))
    assert "kebab-case" in bad.value.message, bad.value


async def test_code_lenses_on_the_spec(lsp):
    client = await lsp()
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=client.uri("spec.yaml")))
    )
    assert [lens.command.title for lens in lenses or []] == [
        "2/2 answered (100%)",
        "answered: alpha/first.md · 1/1 key points met",
        "answered: alpha/second.md",
        "1/1 answered (100%)",
        "answered: beta/third.md · 2/2 key points met",
    ]
    spec = client.text("spec.yaml").split("\n")
    assert [spec[lens.range.start.line].strip() for lens in lenses][:2] == ["- id: alpha", "- id: first"]
    none = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=client.uri("alpha/first.md")))
    )
    assert none is None or list(none) == [], none


async def test_will_rename_files(lsp):
    client = await lsp()
    edit = await client.workspace_will_rename_files_async(
        types.RenameFilesParams(
            files=[types.FileRename(old_uri=client.uri("beta/third.md"), new_uri=client.uri("alpha/third.md"))]
        )
    )
    assert isinstance(edit, types.WorkspaceEdit)
    texts, ops = _apply(client, edit)
    assert ops == [], "the client moves the file itself"
    assert sorted(texts) == ["alpha/first.md", "beta/third.md"]
    assert "[the third answer](third.md)" in texts["alpha/first.md"]
    assert "(first.md" in texts["beta/third.md"] and "../alpha/first.md" not in texts["beta/third.md"]
    # A move outside the filters (not Markdown): nothing to do.
    nothing = await client.workspace_will_rename_files_async(
        types.RenameFilesParams(
            files=[types.FileRename(old_uri=client.uri("resources.yaml"), new_uri=client.uri("res.yaml"))]
        )
    )
    assert nothing is None or (nothing.document_changes or []) == []
