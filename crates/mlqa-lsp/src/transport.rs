//! A guard in front of the JSON-RPC transport. tower-lsp-server's reader stops for good at the
//! first undecodable frame (its framed stream ends after an error), so one bad message from a
//! client would end the session. This reader re-frames stdin: well-formed messages pass
//! through unchanged; a frame without a usable `Content-Length`, or whose body is not JSON, is
//! dropped with a note on stderr, and reading resynchronizes on the next header.
//!
//! A JSON body that is not a JSON-RPC message (a batch, a number, an object without
//! `jsonrpc`/`method`/`id`, a response to a request the server never sent) is not passed on
//! either: tower-lsp-server would stop serving. It is answered with an Invalid Request error
//! (id null) through [`output`], the one writer of stdout, which frames the server's messages
//! and these answers whole, one after the other, and remembers the ids of the requests the
//! server sends.
//!
//! It also ends the session on `exit`: tower-lsp-server handles the notification but keeps
//! reading a stdin the editor leaves open, so the guard closes the input after passing `exit`
//! on, and [`Lifecycle`] says whether `shutdown` came first (exit code 0) or not (1).

use std::collections::HashSet;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::task::JoinHandle;

/// Largest message accepted (a whole-document sync of a large file fits easily).
const MAX_MESSAGE: usize = 64 * 1024 * 1024;

/// Where the session is in LSP's lifecycle, as the client's messages say.
#[derive(Debug, Clone, Default)]
pub struct Lifecycle(Arc<AtomicU8>);

// 0: running.
const SHUT_DOWN: u8 = 1;
const EXITED: u8 = 2;
const EXITED_WITHOUT_SHUTDOWN: u8 = 3;

impl Lifecycle {
    fn saw(&self, message: &serde_json::Value) {
        match message.get("method").and_then(|m| m.as_str()) {
            Some("shutdown") => self.0.store(SHUT_DOWN, Ordering::SeqCst),
            Some("exit") => {
                let next = if self.0.load(Ordering::SeqCst) == SHUT_DOWN { EXITED } else { EXITED_WITHOUT_SHUTDOWN };
                self.0.store(next, Ordering::SeqCst);
            }
            _ => {}
        }
    }

    fn exited(&self) -> bool {
        self.0.load(Ordering::SeqCst) >= EXITED
    }

    /// The process's exit code: 1 when `exit` came without `shutdown` before it (LSP says so).
    pub fn exit_code(&self) -> u8 {
        u8::from(self.0.load(Ordering::SeqCst) == EXITED_WITHOUT_SHUTDOWN)
    }
}

/// The ids of the requests the server sent and the client has not answered yet (as JSON text).
pub type Pending = Arc<Mutex<HashSet<String>>>;

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

/// The Invalid Request error for a message whose id cannot be trusted (id null).
fn invalid_request(why: &str) -> Vec<u8> {
    let error = serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": {"code": -32600, "message": format!("Invalid Request: {why}")},
    });
    error.to_string().into_bytes()
}

/// The writer of `out` (stdout): returns the stream the server writes to, a sender of the
/// guard's own answers, the ids of the requests the server has sent, and the task, which ends
/// once the server's stream ends and everything is written.
pub fn output(
    mut out: impl AsyncWrite + Unpin + Send + 'static,
) -> (DuplexStream, UnboundedSender<Vec<u8>>, Pending, JoinHandle<()>) {
    let (server_side, mut from_server) = tokio::io::duplex(1 << 16);
    let (answers, mut from_guard): (UnboundedSender<Vec<u8>>, UnboundedReceiver<Vec<u8>>) = unbounded_channel();
    let pending = Pending::default();
    let sent = pending.clone();
    let task = tokio::spawn(async move {
        let mut buf = Vec::new();
        let mut chunk = vec![0u8; 1 << 16];
        let mut guard_open = true;
        loop {
            tokio::select! {
                // The guard's answers first: one sent before a later message was passed on
                // reaches the client before that message's response.
                biased;
                answer = from_guard.recv(), if guard_open => match answer {
                    Some(body) => {
                        if write_frame(&mut out, &body).await.is_err() {
                            return;
                        }
                    }
                    None => guard_open = false,
                },
                read = from_server.read(&mut chunk) => match read {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        buf.extend_from_slice(&chunk[..n]);
                        while let Some(frame) = next_frame(&mut buf) {
                            let Ok(Frame { body, message }) = frame else { continue };
                            if message.get("method").is_some()
                                && let Some(id) = message.get("id")
                                && let Ok(mut p) = sent.lock()
                            {
                                p.insert(id.to_string());
                            }
                            if write_frame(&mut out, &body).await.is_err() {
                                return;
                            }
                        }
                    }
                },
            }
        }
        let _ = out.flush().await;
    });
    (server_side, answers, pending, task)
}

async fn write_frame(out: &mut (impl AsyncWrite + Unpin), body: &[u8]) -> std::io::Result<()> {
    out.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes()).await?;
    out.write_all(body).await?;
    out.flush().await
}

pub fn guarded(
    mut input: impl AsyncRead + Unpin + Send + 'static,
    lifecycle: Lifecycle,
    answers: UnboundedSender<Vec<u8>>,
    pending: Pending,
) -> DuplexStream {
    let (mut tx, rx) = tokio::io::duplex(1 << 16);
    tokio::spawn(async move {
        let mut buf = Vec::new();
        let mut chunk = vec![0u8; 1 << 16];
        loop {
            while let Some(frame) = next_frame(&mut buf) {
                match frame {
                    Ok(Frame { body, message }) => {
                        if let Some(why) = invalid(&message, &pending) {
                            eprintln!("mlqa-lsp: answered an invalid message: {why}");
                            let _ = answers.send(invalid_request(why));
                            continue;
                        }
                        lifecycle.saw(&message);
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

/// A well-formed message: its bytes as received, and its JSON.
#[derive(Debug, PartialEq)]
pub(crate) struct Frame {
    pub body: Vec<u8>,
    pub message: serde_json::Value,
}

/// The next complete frame in `buf` (consumed), `Err` for a bad one, `None` if more input is needed.
pub(crate) fn next_frame(buf: &mut Vec<u8>) -> Option<Result<Frame, String>> {
    let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
        if buf.len() > MAX_MESSAGE {
            buf.clear();
            return Some(Err("a header without an end".into()));
        }
        return None;
    };
    // Bytes left over from a frame whose Content-Length was too short come before the next
    // header: skip to the header's start, so one bad frame costs one message, not the session.
    let lower = buf[..end].to_ascii_lowercase();
    if let Some(pos) = lower.windows(15).position(|w| w == b"content-length:")
        && pos > 0
        && buf[pos - 1] != b'\n'
    {
        buf.drain(..pos);
        return Some(Err("stray bytes before a header".into()));
    }
    let header = String::from_utf8_lossy(&buf[..end]).into_owned();
    let length = header.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.trim().eq_ignore_ascii_case("content-length").then(|| value.trim().parse::<usize>().ok())?
    });
    let Some(length) = length.filter(|&n| n <= MAX_MESSAGE) else {
        buf.drain(..end + 4);
        return Some(Err("no valid Content-Length header".into()));
    };
    if buf.len() < end + 4 + length {
        return None;
    }
    let body: Vec<u8> = buf[end + 4..end + 4 + length].to_vec();
    buf.drain(..end + 4 + length);
    match serde_json::from_slice::<serde_json::Value>(&body) {
        Ok(message) => Some(Ok(Frame { body, message })),
        Err(e) => Some(Err(format!("the body is not JSON ({e})"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_pass_bad_ones_drop_and_reading_resynchronizes() {
        let mut buf =
            b"Content-Length: 2\r\n\r\n{}Content-Length: 5\r\n\r\n{bad}X-Junk\r\n\r\nContent-Length: 4\r\n\r\n[1]\n"
                .to_vec();
        assert_eq!(next_frame(&mut buf).map(|f| f.map(|f| f.body)), Some(Ok(b"{}".to_vec())));
        assert!(matches!(next_frame(&mut buf).map(|f| f.map(|f| f.body)), Some(Err(_))));
        assert!(
            matches!(next_frame(&mut buf).map(|f| f.map(|f| f.body)), Some(Err(_))),
            "a header block without a length"
        );
        assert_eq!(next_frame(&mut buf).map(|f| f.map(|f| f.body)), Some(Ok(b"[1]\n".to_vec())));
        assert_eq!(next_frame(&mut buf).map(|f| f.map(|f| f.body)), None);
        let mut short = b"Content-Length: 3\r\n\r\n{\"a\": 1}Content-Length: 2\r\n\r\n{}".to_vec();
        assert!(matches!(next_frame(&mut short).map(|f| f.map(|f| f.body)), Some(Err(_))), "the truncated body");
        assert!(matches!(next_frame(&mut short).map(|f| f.map(|f| f.body)), Some(Err(_))), "its leftover bytes");
        assert_eq!(
            next_frame(&mut short).map(|f| f.map(|f| f.body)),
            Some(Ok(b"{}".to_vec())),
            "the next message survives"
        );
        let mut partial = b"Content-Length: 10\r\n\r\n{\"a\"".to_vec();
        assert_eq!(next_frame(&mut partial).map(|f| f.map(|f| f.body)), None, "waits for the rest of the body");
    }
}
