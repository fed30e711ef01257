//! Incremental text synchronization: applying a client's change to a document's text.

use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

use crate::convert::{self, Encoding};

pub fn apply(text: &mut String, change: TextDocumentContentChangeEvent, encoding: Encoding) {
    match change.range {
        Some(range) => {
            let start = convert::offset_in(text, range.start, encoding);
            let end = convert::offset_in(text, range.end, encoding).max(start);
            text.replace_range(start..end, &change.text);
        }
        None => *text = change.text,
    }
}
