"""Position encodings: UTF-16 unless the client offers UTF-8, and positions counted in the
negotiated unit on a line with non-ASCII text."""

from __future__ import annotations

import pytest
from lsprotocol import types

from conftest import initialize

LINE = "See [the first answer](first.md#short-answer)."
NON_ASCII = "See 😀 √dₖ 中文 [the first answer](first.md#short-answer)."


def _non_ascii(kb):
    path = kb / "alpha/second.md"
    text = path.read_text(encoding="utf-8")
    assert LINE in text
    path.write_text(text.replace(LINE, NON_ASCII), encoding="utf-8")


@pytest.mark.parametrize("utf8", [False, True], ids=["utf-16", "utf-8"])
async def test_positions_in_the_negotiated_encoding(lsp, utf8):
    client = await lsp(utf8=utf8, before=_non_ascii, initialized=False)
    result = await initialize(client, utf8=utf8)
    expected = types.PositionEncodingKind.Utf8 if utf8 else types.PositionEncodingKind.Utf16
    assert result.capabilities.position_encoding == expected
    text = client.text("alpha/second.md")
    line_no = text[: text.index("😀")].count("\n")
    line = text.split("\n")[line_no]
    prefix = line[: line.index("first.md#")]
    character = len(prefix.encode("utf-8")) if utf8 else len(prefix.encode("utf-16-le")) // 2
    assert character != len(prefix), "the line really is non-ASCII"

    definition = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=client.uri("alpha/second.md")),
            position=types.Position(line=line_no, character=character + 2),
        )
    )
    assert definition and definition[0].uri == client.uri("alpha/first.md"), definition

    doc, pos = client.at("alpha/first.md", "## Short answer", 4)
    refs = await client.text_document_references_async(
        types.ReferenceParams(text_document=doc, position=pos, context=types.ReferenceContext(include_declaration=False))
    )
    starts = [r.range.start for r in refs or [] if r.uri == client.uri("alpha/second.md")]
    assert starts == [types.Position(line=line_no, character=character)], starts
