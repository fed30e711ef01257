//! Client to server: frames passed on whole, malformed ones dropped, messages that are not
//! JSON-RPC answered (through the output writer) instead of passed on, and the input ended
//! after `exit`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc::UnboundedSender;

use super::cancel::{Cancellation, LONG, token};
use super::output::Pending;
use super::{Frame, next_frame};

/// Where the session is in LSP's lifecycle, as the client's messages say; shared between the
/// input guard, which sees the messages, and the process, which exits with its code.
#[derive(Debug, Clone, Default)]
pub struct Lifecycle(Arc<AtomicU8>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Stage {
    Running,
    ShutDown,
    Exited,
    ExitedWithoutShutdown,
}

impl Lifecycle {
    fn stage(&self) -> Stage {
        match self.0.load(Ordering::SeqCst) {
            1 => Stage::ShutDown,
            2 => Stage::Exited,
            3 => Stage::ExitedWithoutShutdown,
            _ => Stage::Running,
        }
    }

    fn set(&self, stage: Stage) {
        self.0.store(stage as u8, Ordering::SeqCst);
    }

    fn saw(&self, message: &serde_json::Value) {
        match message.get("method").and_then(|m| m.as_str()) {
            Some("shutdown") => self.set(Stage::ShutDown),
            Some("exit") if self.stage() == Stage::ShutDown => self.set(Stage::Exited),
            Some("exit") => self.set(Stage::ExitedWithoutShutdown),
            _ => {}
        }
    }

    fn exited(&self) -> bool {
        matches!(self.stage(), Stage::Exited | Stage::ExitedWithoutShutdown)
    }

    /// The process's exit code: 1 when `exit` came without `shutdown` before it (LSP says so).
    pub fn exit_code(&self) -> u8 {
        u8::from(self.stage() == Stage::ExitedWithoutShutdown)
    }
}

/// Why `message` is not a JSON-RPC message the server may be handed, if it is not one.
fn invalid(message: &serde_json::Value, pending: &Pending) -> Option<&'static str> {
    let Some(object) = message.as_object() else {
        return Some("a message is one JSON object (batches are not allowed in LSP)");
    };
    if object.get("jsonrpc").and_then(|v| v.as_str()) != Some("2.0") {
        return Some("`jsonrpc` must be \"2.0\"");
    }
    let id_ok = |id: &serde_json::Value| id.is_string() || id.is_i64() || id.is_u64() || id.is_null();
    match (object.get("method"), object.get("id")) {
        (Some(method), id) if method.is_string() && id.is_none_or(id_ok) => None,
        (Some(_), _) => Some("`method` must be a string, and `id` a number or a string"),
        (None, Some(id)) if object.contains_key("result") || object.contains_key("error") => {
            let known = pending.lock().map(|mut p| p.remove(&id.to_string())).unwrap_or(false);
            (!known).then_some("a response to a request the server did not send")
        }
        (None, _) => Some("neither a request (`method`) nor a response (`id` with `result` or `error`)"),
    }
}

/// A long request, with the `workDoneToken` that tells its handler its id.
fn with_token(mut message: serde_json::Value, id: &serde_json::Value) -> Vec<u8> {
    if let Some(params) = message.get_mut("params").and_then(|p| p.as_object_mut()) {
        params.insert("workDoneToken".into(), serde_json::Value::String(token(id)));
    }
    message.to_string().into_bytes()
}

/// The Invalid Request error for a message whose id cannot be trusted (id null).
fn invalid_request(why: &str) -> Vec<u8> {
    let error = serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": {"code": -32600, "message": format!("Invalid Request: {why}")},
    });
    error.to_string().into_bytes()
}

pub fn guarded(
    mut input: impl AsyncRead + Unpin + Send + 'static,
    lifecycle: Lifecycle,
    answers: UnboundedSender<Vec<u8>>,
    pending: Pending,
    cancellation: Cancellation,
) -> DuplexStream {
    let (mut tx, rx) = tokio::io::duplex(1 << 16);
    tokio::spawn(async move {
        let mut buf = Vec::new();
        let mut chunk = vec![0u8; 1 << 16];
        loop {
            while let Some(frame) = next_frame(&mut buf) {
                match frame {
                    Ok(Frame { mut body, message }) => {
                        if let Some(why) = invalid(&message, &pending) {
                            eprintln!("mlqa-lsp: answered an invalid message: {why}");
                            let _ = answers.send(invalid_request(why));
                            continue;
                        }
                        lifecycle.saw(&message);
                        match (message.get("method").and_then(|m| m.as_str()), message.get("id")) {
                            (Some("$/cancelRequest"), _) => {
                                if let Some(id) = message.get("params").and_then(|p| p.get("id")) {
                                    cancellation.cancel(id);
                                }
                                // Taken here; in the server's line it would come too late.
                                continue;
                            }
                            (Some(method), Some(id)) => {
                                cancellation.passed(id);
                                if LONG.contains(&method) {
                                    body = with_token(message.clone(), id);
                                }
                            }
                            _ => {}
                        }
                        let header = format!("Content-Length: {}\r\n\r\n", body.len());
                        if tx.write_all(header.as_bytes()).await.is_err() || tx.write_all(&body).await.is_err() {
                            return;
                        }
                        if lifecycle.exited() {
                            // The input ends here: the server finishes what it has and stops.
                            return;
                        }
                    }
                    Err(reason) => eprintln!("mlqa-lsp: dropped a malformed message: {reason}"),
                }
            }
            match input.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
    });
    rx
}
