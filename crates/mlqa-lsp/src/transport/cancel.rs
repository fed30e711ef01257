//! `$/cancelRequest`, honoured where it can be seen in time: at the transport.
//!
//! The server handles one message at a time so that edits apply in order, and tower-lsp-server
//! runs a `$/cancelRequest` in that same line: it would reach the request it names only after
//! that request had answered. So the input guard takes cancellations as they arrive, and:
//! - the output writer answers a cancelled request with `RequestCancelled` (-32800) whatever its
//!   handler returned, so a request cancelled while it waited in line costs nothing visible;
//! - a long request (references, rename, workspace symbols) learns its own id through its
//!   `workDoneToken`, which the guard sets to [`token`] (the server reports no progress on
//!   these, so the client's token, if any, is not needed), and asks
//!   [`Cancellation::is_cancelled`] between its steps.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

/// The requests whose handlers check for cancellation between their steps.
pub(super) const LONG: [&str; 3] = ["textDocument/references", "textDocument/rename", "workspace/symbol"];

const TOKEN_PREFIX: &str = "mlqa-request:";

/// The `workDoneToken` that names request `id` (its JSON text) to its handler.
pub(super) fn token(id: &serde_json::Value) -> String {
    format!("{TOKEN_PREFIX}{id}")
}

#[derive(Debug, Clone, Default)]
pub struct Cancellation(Arc<Mutex<State>>);

#[derive(Debug, Default)]
struct State {
    /// The ids (as JSON text) of the client's requests passed on and not answered.
    waiting: HashSet<String>,
    cancelled: HashSet<String>,
}

impl Cancellation {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The guard passed on a request.
    pub(super) fn passed(&self, id: &serde_json::Value) {
        self.state().waiting.insert(id.to_string());
    }

    /// The client cancelled a request; one already answered (or never sent) is ignored.
    pub(super) fn cancel(&self, id: &serde_json::Value) {
        let id = id.to_string();
        let mut state = self.state();
        if state.waiting.contains(&id) {
            state.cancelled.insert(id);
        }
    }

    /// The server answered request `id`: whether it had been cancelled (then the answer is
    /// `RequestCancelled`).
    pub(super) fn answered(&self, id: &serde_json::Value) -> bool {
        let id = id.to_string();
        let mut state = self.state();
        state.waiting.remove(&id);
        state.cancelled.remove(&id)
    }

    /// Whether the client has cancelled the request whose `workDoneToken` is `token` (set by
    /// the guard for the [`LONG`] requests).
    pub fn is_cancelled(&self, token: &str) -> bool {
        token.strip_prefix(TOKEN_PREFIX).is_some_and(|id| self.state().cancelled.contains(id))
    }
}

/// The answer to a cancelled request.
pub(super) fn cancelled_response(id: &serde_json::Value) -> Vec<u8> {
    let error = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {"code": -32800, "message": "the client cancelled this request"},
    });
    error.to_string().into_bytes()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_request_is_cancelled_by_its_own_id_only_while_it_waits_for_its_answer() {
        let c = Cancellation::default();
        c.passed(&json!(1));
        c.passed(&json!("two"));
        c.cancel(&json!("two"));
        c.cancel(&json!(99));
        assert!(!c.is_cancelled(&token(&json!(1))));
        assert!(c.is_cancelled(&token(&json!("two"))));
        assert!(!c.is_cancelled("two"), "a client's own token names no request");
        assert!(!c.answered(&json!(1)));
        assert!(c.answered(&json!("two")));
        assert!(!c.is_cancelled(&token(&json!("two"))), "answered: forgotten");
        assert!(!c.answered(&json!(99)), "an id never passed on is not cancelled");
    }
}
