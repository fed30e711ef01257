"""The LSP 3.17 features added to mlqa-lsp, each with a client that declares it (the keyword
arguments of ``conftest.capabilities``), and the same feature's absence for a client that does
not (the other modules' client declares none of them):

- pull diagnostics: ``textDocument/diagnostic`` and ``workspace/diagnostic`` with result ids,
  and ``workspace/diagnostic/refresh`` when an edit changes another file's diagnostics;
- ``$/progress`` while the KB loads, for a client that declares ``window.workDoneProgress``
  (pytest-lsp fails a ``$/progress`` whose token was never created);
- ``$/cancelRequest``: a request cancelled while it waits in line answers RequestCancelled;
- settings (section ``"mlqa"``) from ``initializationOptions``, ``workspace/configuration``
  and ``workspace/didChangeConfiguration``;
- a KB found from the opened document when the client names no workspace folder.

(UTF-8 positions, when the client offers them, are test_encoding.py's.)
"""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from conftest import PATIENCE, StrictClient, capabilities, initialize

FIRST = "alpha/first.md"
SECOND = "alpha/second.md"

#: JSON-RPC's RequestCancelled (LSP's ErrorCodes.RequestCancelled).
REQUEST_CANCELLED = -32800


def _caps(**features) -> types.ClientCapabilities:
    return capabilities(watch=True, **features)


async def _pull(client: StrictClient, rel: str, previous: str | None = None) -> types.DocumentDiagnosticReport:
    return await asyncio.wait_for(
        client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(
                text_document=types.TextDocumentIdentifier(uri=client.uri(rel)), previous_result_id=previous,
            )
        ),
        PATIENCE,
    )


async def _pull_all(client: StrictClient, previous: dict[str, str]) -> types.WorkspaceDiagnosticReport:
    return await asyncio.wait_for(
        client.workspace_diagnostic_async(
            types.WorkspaceDiagnosticParams(
                previous_result_ids=[types.PreviousResultId(uri=uri, value=v) for uri, v in previous.items()],
            )
        ),
        PATIENCE,
    )


def _edit(client: StrictClient, rel: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=client.uri(rel), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def _end_session(client: StrictClient) -> None:
    """``shutdown`` and ``exit``, and the server's exit: every message it sent is in
    ``client.raw`` afterwards (the ``lsp`` fixture still checks them all at the end)."""
    await asyncio.wait_for(client.shutdown_async(None), PATIENCE)
    client.exit(None)
    assert await asyncio.wait_for(client.process.wait(), PATIENCE) == 0
    await asyncio.sleep(0.1)  # the last bytes of stdout, read by the client's reader task


def _methods(client: StrictClient, method: str) -> list[dict]:
    return [m for m in client.raw if m.get("method") == method]


# -- pull diagnostics ------------------------------------------------------------------------


async def test_pull_diagnostics_are_advertised(lsp):
    client = await lsp(initialized=False)
    result = await initialize(client, caps=_caps(pull=True))
    provider = result.capabilities.diagnostic_provider
    assert isinstance(provider, types.DiagnosticOptions), provider
    assert provider.identifier == "mlqa"
    assert provider.inter_file_dependencies is True
    assert provider.workspace_diagnostics is True


async def test_a_pulling_client_gets_reports_with_result_ids_and_nothing_pushed(lsp):
    client = await lsp("rules/broken-link", caps=_caps(pull=True))
    first = client.uri(FIRST)

    report = await _pull(client, FIRST)
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport), report
    assert [d.code for d in report.items] == ["broken-link"]
    assert report.items[0].range == types.Range(
        start=types.Position(line=15, character=20), end=types.Position(line=15, character=36)
    )
    assert report.result_id, "a full report carries a resultId"
    rid = report.result_id

    again = await _pull(client, FIRST, rid)
    assert isinstance(again, types.RelatedUnchangedDocumentDiagnosticReport), again
    assert again.result_id == rid

    # The whole KB, knowing nothing: the one file with a diagnostic, in full.
    everything = await _pull_all(client, {})
    assert [(i.uri, type(i).__name__) for i in everything.items] == [(first, "WorkspaceFullDocumentDiagnosticReport")]
    assert [d.code for d in everything.items[0].items] == ["broken-link"]
    # Knowing first.md's report: it is unchanged, and the clean files are left out.
    known = await _pull_all(client, {first: rid})
    assert len(known.items) == 1, known.items
    [item] = known.items
    assert isinstance(item, types.WorkspaceUnchangedDocumentDiagnosticReport), item
    assert (item.uri, item.result_id) == (first, rid)

    # The link fixed in the editor: a full, empty report with a new id.
    client.open(FIRST)
    _edit(client, FIRST, client.text(FIRST).replace("secnd.md", "second.md"), 2)
    fixed = await _pull(client, FIRST, rid)
    assert isinstance(fixed, types.RelatedFullDocumentDiagnosticReport), fixed
    assert list(fixed.items) == []
    assert fixed.result_id and fixed.result_id != rid
    assert list((await _pull_all(client, {})).items) == [], "a clean KB and a client that knows nothing: nothing to report"

    await _end_session(client)
    pushed = _methods(client, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert pushed == [], f"a client that declared textDocument.diagnostic got diagnostics pushed: {pushed}"


async def _rename_the_example_heading(lsp, *, refresh: bool) -> tuple[StrictClient, int]:
    """The base KB, first.md pulled (clean), then second.md's `## Example` renamed in the
    editor: first.md's link `second.md#example` breaks. Returns the client and how many raw
    messages had arrived when the edit was sent."""
    client = await lsp(caps=_caps(pull=True, refresh=refresh))
    before = await _pull(client, FIRST)
    assert isinstance(before, types.RelatedFullDocumentDiagnosticReport) and list(before.items) == [], before
    assert "second.md#example" in client.text(FIRST)
    client.open(SECOND)
    mark = len(client.raw)
    _edit(client, SECOND, client.text(SECOND).replace("## Example", "## Examples"), 2)
    after = await _pull(client, FIRST, before.result_id)
    assert isinstance(after, types.RelatedFullDocumentDiagnosticReport), after
    assert [d.code for d in after.items] == ["broken-anchor"], after.items
    assert after.result_id != before.result_id
    return client, mark


async def test_an_edit_that_breaks_another_file_asks_the_client_to_pull_again(lsp):
    client, mark = await _rename_the_example_heading(lsp, refresh=True)
    [refresh] = await client.wait_raw(
        lambda m: m.get("method") == types.WORKSPACE_DIAGNOSTIC_REFRESH and m in client.raw[mark:],
        what="workspace/diagnostic/refresh after the edit",
    )
    assert "id" in refresh, "workspace/diagnostic/refresh is a request"
    await _end_session(client)


async def test_no_refresh_for_a_client_without_refresh_support(lsp):
    client, _ = await _rename_the_example_heading(lsp, refresh=False)
    await _end_session(client)
    refreshes = _methods(client, types.WORKSPACE_DIAGNOSTIC_REFRESH)
    assert refreshes == [], f"workspace/diagnostic/refresh to a client without refreshSupport: {refreshes}"


async def test_a_client_that_does_not_pull_gets_pushes(lsp):
    client = await lsp("rules/broken-link", caps=_caps())
    first = client.uri(FIRST)
    diags = await client.wait_diagnostics(lambda d: first in d, "broken-link pushed")
    assert [d.code for d in diags[first]] == ["broken-link"]


# -- progress --------------------------------------------------------------------------------


async def test_loading_shows_progress_to_a_client_that_offers_it(lsp):
    client = await lsp(caps=_caps(progress=True))
    [create] = await client.wait_raw(
        lambda m: m.get("method") == types.WINDOW_WORK_DONE_PROGRESS_CREATE, what="window/workDoneProgress/create"
    )
    token = create["params"]["token"]
    await client.wait_raw(
        lambda m: m.get("method") == types.PROGRESS and m["params"]["value"].get("kind") == "end",
        what="the end of the load's progress",
    )
    reports = client.progress_reports[token]
    assert [type(r).__name__ for r in reports] == ["WorkDoneProgressBegin", "WorkDoneProgressEnd"], reports
    assert reports[0].title == "mlqa: loading the KB"
    assert reports[1].message == "3 answers checked"
    progress = [i for i, m in enumerate(client.raw) if m.get("method") == types.PROGRESS]
    assert client.raw.index(create) < progress[0], "the token is created before it is used"


async def test_no_progress_token_is_asked_of_a_client_without_work_done_progress(lsp):
    client = await lsp(caps=_caps())
    symbols = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query=""))
    assert symbols is not None and len(symbols) == 3, "the KB is loaded"
    await _end_session(client)
    asked = _methods(client, types.WINDOW_WORK_DONE_PROGRESS_CREATE) + _methods(client, types.PROGRESS)
    assert asked == [], f"progress for a client that did not declare window.workDoneProgress: {asked}"


# -- cancellation ----------------------------------------------------------------------------


async def test_a_request_cancelled_while_it_waits_answers_request_cancelled(lsp):
    client = await lsp(initialized=False)
    # The server asks for its settings before its first load, and requests wait behind the
    # question: held unanswered here until both requests and the cancellation are sent.
    client.configuration_gate = asyncio.Event()
    await initialize(client, caps=_caps(configuration=True))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PATIENCE
    while not client.configuration_requests:
        assert loop.time() < deadline, "workspace/configuration was never asked"
        await asyncio.sleep(0.02)

    # pygls 2.1 sends no $/cancelRequest when a future is cancelled: it is sent explicitly.
    cancelled = asyncio.ensure_future(client.protocol.send_request_async(
        types.WORKSPACE_SYMBOL, types.WorkspaceSymbolParams(query=""), msg_id="cancelled"))
    kept = asyncio.ensure_future(client.protocol.send_request_async(
        types.WORKSPACE_SYMBOL, types.WorkspaceSymbolParams(query="second"), msg_id="kept"))
    await asyncio.sleep(0)  # both requests written
    client.cancel_request(types.CancelParams(id="cancelled"))
    await asyncio.sleep(0.05)
    assert not cancelled.done() and not kept.done(), "the requests waited behind workspace/configuration"
    client.configuration_gate.set()

    with pytest.raises(JsonRpcException) as refused:
        await asyncio.wait_for(cancelled, PATIENCE)
    assert refused.value.code == REQUEST_CANCELLED, refused.value
    [raw] = [m for m in client.raw if m.get("id") == "cancelled"]
    assert raw["error"]["code"] == REQUEST_CANCELLED, raw
    # Only the cancelled request is: the one sent after it is answered as usual.
    try:
        symbols = await asyncio.wait_for(kept, PATIENCE)
    except JsonRpcException:
        [raw] = [m for m in client.raw if m.get("id") == "kept"]
        pytest.fail(f"a request that was not cancelled was answered with an error: {raw}")
    assert symbols is not None and len(symbols) == 1, symbols


# -- settings --------------------------------------------------------------------------------


async def test_settings_from_initialization_options_apply_from_the_first_diagnostics(lsp):
    client = await lsp("rules/broken-link", options={"rules": {"broken-link": "warn"}, "ignore": ["brokn-anchor"]})
    first = client.uri(FIRST)
    diags = await client.wait_diagnostics(lambda d: first in d, "broken-link")
    [d] = diags[first]
    assert d.code == "broken-link"
    assert d.severity == types.DiagnosticSeverity.Warning, f"a warning, as the settings say: {d}"
    [warning] = await client.wait_raw(lambda m: m.get("method") == types.WINDOW_SHOW_MESSAGE, what="window/showMessage")
    params = warning["params"]
    assert params["type"] == types.MessageType.Warning.value, params
    assert "`mlqa.ignore`: `brokn-anchor`" in params["message"], params
    assert "did you mean `broken-anchor`?" in params["message"], params


async def test_settings_are_asked_for_and_changed_live(lsp):
    client = await lsp("rules/broken-link", initialized=False)
    client.set_configuration({"rules": {"broken-link": "warn"}}, section="mlqa")
    await initialize(client, caps=_caps(configuration=True))
    first = client.uri(FIRST)

    def severities(d):
        return [x.severity for x in d.get(first, [])]

    await client.wait_diagnostics(lambda d: severities(d) == [types.DiagnosticSeverity.Warning], "broken-link as a warning")
    [asked] = client.configuration_requests
    assert [(i.section, i.scope_uri) for i in asked.items] == [("mlqa", client.uri())]

    # The settings themselves, as VS Code sends them: the links family ignored.
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"mlqa": {"ignore": ["links"]}})
    )
    await client.wait_diagnostics(lambda d: not d, "no diagnostics with the links family ignored")
    assert len(client.configuration_requests) == 1, "settings that came with the notification are not asked for"

    # `null`: the server asks again, and gets the warning level.
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await client.wait_diagnostics(lambda d: severities(d) == [types.DiagnosticSeverity.Warning], "broken-link as a warning again")
    assert len(client.configuration_requests) == 2
    assert client.messages == [], f"valid settings, no warning: {client.messages}"


# -- a KB found from the document -------------------------------------------------------------


async def test_without_a_workspace_folder_the_kb_of_the_opened_answer_is_loaded(lsp):
    # As Helix outside a repository: no folder, a null rootUri, and (so that the server cannot
    # fall back on it) a working directory that is not the KB.
    client = await lsp("rules/broken-link", caps=_caps(), folders=False, elsewhere=True)
    client.open(FIRST)
    first = client.uri(FIRST)
    diags = await client.wait_diagnostics(lambda d: first in d, "broken-link on the opened answer")
    assert [d.code for d in diags[first]] == ["broken-link"]
