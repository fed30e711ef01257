//! Server to client: the one writer of stdout. It frames the server's messages and the input
//! guard's answers whole, the answers first, and remembers the ids of the requests the server
//! sends (so that a response to any other id can be told apart).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::task::JoinHandle;

use super::cancel::{Cancellation, cancelled_response};
use super::{Frame, next_frame};

/// The ids of the requests the server sent and the client has not answered yet (as JSON text).
pub type Pending = Arc<Mutex<HashSet<String>>>;

/// The writer of `out` (stdout): returns the stream the server writes to, a sender of the
/// guard's own answers, the ids of the requests the server has sent, and the task, which ends
/// once the server's stream ends and everything is written.
pub fn output(
    mut out: impl AsyncWrite + Unpin + Send + 'static,
    cancellation: Cancellation,
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
                            let Ok(Frame { mut body, message }) = frame else { continue };
                            match (message.get("method"), message.get("id")) {
                                (Some(_), Some(id)) => {
                                    if let Ok(mut p) = sent.lock() {
                                        p.insert(id.to_string());
                                    }
                                }
                                (None, Some(id)) if cancellation.answered(id) => body = cancelled_response(id),
                                _ => {}
                            }
                            // tower-lsp-server sends `"params": null` for requests without
                            // parameters (`workspace/diagnostic/refresh`); JSON-RPC allows an
                            // array or an object, or no `params` at all.
                            if message.get("method").is_some() && message.get("params").is_some_and(|p| p.is_null()) {
                                let mut message = message;
                                if let Some(object) = message.as_object_mut() {
                                    object.remove("params");
                                }
                                body = message.to_string().into_bytes();
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
