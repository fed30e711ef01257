"""Read-only features on tests/fixtures/base: hover, definition, references, completion,
document and workspace symbols. Positions and expectations are those of tests/lsp.rs."""

from __future__ import annotations

from lsprotocol import types


def _r(sl, sc, el, ec) -> types.Range:
    return types.Range(start=types.Position(line=sl, character=sc), end=types.Position(line=el, character=ec))


def _tdp(client, rel, needle, delta=0) -> types.TextDocumentPositionParams:
    doc, pos = client.at(rel, needle, delta)
    return types.TextDocumentPositionParams(text_document=doc, position=pos)


async def test_hover(lsp):
    client = await lsp()
    doc, pos = client.at("alpha/first.md", "second.md#example", 3)
    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=pos))
    assert isinstance(hover, types.Hover)
    assert isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.contents.value == (
        "**Why divide by √dₖ in the second question?**\n\n"
        "Dividing by $\\sqrt{d_k}$ keeps the scores at unit variance.\n\n"
        "`alpha/second.md`\n\n"
        "→ section *Example*"
    )
    assert hover.range is not None and hover.range.start.line == 15 and hover.range.start.line <= pos.line

    doc, pos = client.at("alpha/first.md", "[book]", 2)
    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=pos))
    assert hover is not None and hover.contents.value == "**A Book** (course)\n\n<https://example.org/book>"

    doc, pos = client.at("spec.yaml", "id: third", 5)
    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=pos))
    assert hover is not None and hover.contents.value.startswith("answered by `beta/third.md`")

    # Outside the KB: null, not an error.
    elsewhere = types.TextDocumentIdentifier(uri="file:///elsewhere/x.md")
    nothing = await client.text_document_hover_async(
        types.HoverParams(text_document=elsewhere, position=types.Position(line=0, character=0))
    )
    assert nothing is None


async def test_definition(lsp):
    client = await lsp()

    async def definition(rel, needle, delta):
        doc, pos = client.at(rel, needle, delta)
        result = await client.text_document_definition_async(types.DefinitionParams(text_document=doc, position=pos))
        assert isinstance(result, list) and result, f"a definition for {needle!r}: {result!r}"
        assert all(isinstance(x, types.Location) for x in result), "Locations (the client has no linkSupport)"
        return result

    [link] = await definition("alpha/first.md", "second.md#example", 3)
    assert link.uri == client.uri("alpha/second.md")
    assert link.range.start == types.Position(line=17, character=3), "the `## Example` heading's text"
    [answer] = await definition("spec.yaml", "id: first", 5)
    assert answer.uri == client.uri("alpha/first.md")
    [spec] = await definition("alpha/first.md", "# What", 3)
    assert spec.uri == client.uri("spec.yaml"), "answer -> spec question"
    assert spec.range.start.line == 5, "the entry of `first` in spec.yaml (`- id: first`)"
    [resource] = await definition("alpha/first.md", "[book]", 2)
    assert resource.uri == client.uri("resources.yaml")


async def test_references(lsp):
    client = await lsp()
    doc, pos = client.at("beta/third.md", "# What", 3)
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc, position=pos, context=types.ReferenceContext(include_declaration=False)
        )
    )
    got = [(r.uri.removeprefix(client.uri()), r.range) for r in refs or []]
    assert got == [
        ("/alpha/first.md", _r(5, 18, 5, 23)),
        ("/alpha/first.md", _r(15, 65, 15, 81)),
        ("/alpha/second.md", _r(5, 17, 5, 22)),
        ("/resources.yaml", _r(11, 13, 11, 18)),
        ("/spec.yaml", _r(15, 12, 15, 17)),
    ]


async def test_completion_of_related_ids(lsp):
    client = await lsp()
    doc, pos = client.at("alpha/first.md", "third]", 0)
    result = await client.text_document_completion_async(types.CompletionParams(text_document=doc, position=pos))
    items = result.items if isinstance(result, types.CompletionList) else result
    assert [i.label for i in items or []] == ["second", "third"]
    assert all(i.kind == types.CompletionItemKind.File for i in items)


async def test_completion_of_anchors(lsp):
    client = await lsp()
    doc, pos = client.at("alpha/first.md", "second.md#example", 10)
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=doc,
            position=pos,
            context=types.CompletionContext(
                trigger_kind=types.CompletionTriggerKind.TriggerCharacter, trigger_character="#"
            ),
        )
    )
    items = result.items if isinstance(result, types.CompletionList) else result
    assert [i.label for i in items or []] == [
        "why-divide-by-dₖ-in-the-second-question",
        "short-answer",
        "explanation",
        "example",
        "pitfalls",
        "follow-ups",
    ]
    for item in items:
        assert item.kind == types.CompletionItemKind.Keyword
        assert isinstance(item.text_edit, types.TextEdit)
        assert item.text_edit.range == _r(15, 30, 15, 30)
        assert item.text_edit.new_text == item.label
        assert item.insert_text_format in (None, types.InsertTextFormat.PlainText), "no snippets were offered"
    assert items[0].detail == "Why divide by √dₖ in the second question?"


async def test_document_symbols(lsp):
    client = await lsp()
    outline = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=client.uri("alpha/first.md")))
    )
    assert outline and all(isinstance(s, types.DocumentSymbol) for s in outline), outline
    [h1] = outline
    assert h1.name == "What is the first question (one, two)?"
    assert [c.name for c in h1.children or []] == [
        "Short answer", "Explanation", "Example", "Pitfalls", "Follow-ups"
    ]
    for child in h1.children:
        r, s = child.range, child.selection_range
        assert (r.start.line, r.start.character) <= (s.start.line, s.start.character)
        assert (s.end.line, s.end.character) <= (r.end.line, r.end.character), "selectionRange inside range"
    spec = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=client.uri("spec.yaml")))
    )
    assert [(s.name, s.kind) for s in spec or []] == [
        ("Alpha", types.SymbolKind.Namespace), ("Beta", types.SymbolKind.Namespace)
    ], spec
    assert [q.name for q in spec[0].children or []] == [
        "What is the first question (one, two)?", "Why divide by √dₖ in the second question?"
    ]
    assert [(q.name, q.kind) for q in spec[1].children or []] == [("What is the third question?", types.SymbolKind.Key)]


async def test_workspace_symbols(lsp):
    client = await lsp()
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="third question"))
    assert found, "a match"
    first = found[0]
    assert first.name == "What is the third question?"
    assert first.kind == types.SymbolKind.Key
    assert first.container_name == "beta"
    assert isinstance(first.location, types.Location)
    assert first.location.uri == client.uri("beta/third.md"), "the answer's H1"
    assert first.location.range.start == types.Position(line=8, character=2)
    everything = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query=""))
    assert len(everything or []) == 3, "the three questions of the fixture"
