//! The JSON-RPC transport between the client and tower-lsp-server, with guards on both sides.
//! tower-lsp-server stops serving at the first frame it cannot decode and at the first JSON body
//! that is not a JSON-RPC message, and it keeps reading a stdin the editor leaves open after
//! `exit`. So stdin is re-framed by [`input::guarded`] and stdout written by one writer,
//! [`output::output`]:
//! - a frame without a usable `Content-Length`, or whose body is not JSON, is dropped with a
//!   note on stderr, and reading resynchronizes on the next header ([`next_frame`]);
//! - JSON that is not a JSON-RPC message (a batch, a number, an object without
//!   `jsonrpc`/`method`/`id`, a response to a request the server never sent) is answered with an
//!   Invalid Request error (id null) and not passed on;
//! - `$/cancelRequest` is taken as it arrives ([`cancel`]), not in line behind the request;
//! - after `exit` the input ends, and [`input::Lifecycle`] gives the exit code (0 after
//!   `shutdown`, 1 without).

pub mod cancel;
pub mod input;
pub mod output;

pub use cancel::Cancellation;
pub use input::{Lifecycle, guarded};
pub use output::output;

/// Largest message accepted (a whole-document sync of a large file fits easily).
const MAX_MESSAGE: usize = 64 * 1024 * 1024;

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
