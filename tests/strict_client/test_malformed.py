"""Frames no conformant client sends, written as raw bytes on the server's stdin (pygls cannot
send them): JSON that is not a JSON-RPC message is answered with an Invalid Request error
(id null) and the session goes on; frames that cannot be read are dropped and it goes on too."""

from __future__ import annotations

import asyncio

from lsprotocol import types

#: JSON bodies that are not JSON-RPC messages: a batch (not allowed in LSP), a number, a string,
#: objects without jsonrpc / method / id, a request without `jsonrpc` (it must not shut the server
#: down), and a response to a request the server never sent.
NOT_JSON_RPC = [
    b"[1,2,3,4,5]\n",
    b"5",
    b'"x"',
    b'{"a":1}',
    b'{"jsonrpc":"2.0"}',
    b'{"id":7,"method":"shutdown"}',
    b'{"jsonrpc":"2.0","id":99,"result":null}',
]


def _frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _invalid_request(m) -> bool:
    return "error" in m and m.get("id", "absent") is None and m["error"].get("code") == -32600


async def test_json_that_is_not_json_rpc_is_answered_invalid_request_and_the_session_goes_on(lsp):
    client = await lsp()
    before = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="third"))
    assert len(before) == 1
    for body in NOT_JSON_RPC:
        await client.send_raw(_frame(body))
    still = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="third"))
    assert [s.name for s in still] == ["What is the third question?"], "still serving"
    answers = await client.wait_raw(_invalid_request, len(NOT_JSON_RPC), "Invalid Request errors with id null")
    assert len(answers) == len(NOT_JSON_RPC), answers
    for answer in answers:
        assert answer["jsonrpc"] == "2.0" and "result" not in answer, answer
        assert answer["error"]["message"].startswith("Invalid Request"), answer
    # Nothing else came back for them: no response with a real id, no shutdown happened.
    await asyncio.sleep(0.2)
    assert len([m for m in client.raw if _invalid_request(m)]) == len(NOT_JSON_RPC)
    assert client.process.returncode is None
    assert await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="first"))


async def test_frames_that_cannot_be_read_are_dropped_and_the_session_goes_on(lsp):
    client = await lsp()
    await client.send_raw(_frame(b"{bad}"))  # not JSON
    await client.send_raw(b"X-Nonsense: 1\r\n\r\n")  # no Content-Length
    await client.send_raw(b'Content-Length: 3\r\n\r\n{"jsonrpc":"2.0","method":"initialized"}')  # too short
    still = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="third"))
    assert [s.name for s in still] == ["What is the third question?"], "still serving"
    assert not [m for m in client.raw if "error" in m and m.get("id") is None], "dropped, not answered"
