"""The strict checks themselves (conftest.StrictClient) catch what they claim to: without
these, a suite that never reports a violation could be one that cannot see any."""

from __future__ import annotations

import json

import pytest

from conftest import StrictClient


def _feed(message: dict) -> list[str]:
    client = StrictClient()
    client.protocol.structure_message(json.loads(json.dumps(message)))
    return client.violations


GOOD = {
    "jsonrpc": "2.0",
    "method": "textDocument/publishDiagnostics",
    "params": {
        "uri": "file:///kb/a.md",
        "diagnostics": [
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}},
             "severity": 1, "code": "broken-link", "source": "mlqa", "message": "m"}
        ],
    },
}


def test_a_conformant_notification_passes():
    assert _feed(GOOD) == []


def test_an_id_null_error_passes():
    assert _feed({"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": "Invalid Request"}}) == []


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (lambda m: m["params"]["diagnostics"][0].update(severity="error"), "round-trip"),
        (lambda m: m["params"]["diagnostics"][0].update(extra=1), "round-trip"),
        (lambda m: m.update(id=3), "sent with an id"),
        (lambda m: m.update(method="initialized", params={}), "client-to-server"),
        (lambda m: m.update(method="mlqa/unknown"), "unknown method"),
    ],
    ids=["severity-as-string", "field-outside-the-spec", "notification-with-id", "wrong-direction", "unknown-method"],
)
def test_a_non_conformant_message_is_flagged(mutate, expected):
    message = json.loads(json.dumps(GOOD))
    mutate(message)
    try:
        violations = _feed(message)
    except Exception as e:  # pygls refuses to decode it at all: as strict, through another path
        assert expected == "round-trip", e
        return
    text = "\n".join(violations)
    assert violations and (expected in text or (expected == "round-trip" and "round-trip" in text)), violations


def test_a_response_with_both_result_and_error_is_flagged():
    violations = _feed({"jsonrpc": "2.0", "id": 1, "result": None, "error": {"code": 1, "message": "x"}})
    assert any("exactly one of" in v for v in violations), violations
