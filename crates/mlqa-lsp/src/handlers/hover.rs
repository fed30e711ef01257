//! Hover: a linked answer's question and short answer, a resource's title, kind and URL, a
//! spec question's status.

use mlqa_core::ide;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use crate::world::World;

pub fn hover(w: &World, path: &str, pos: Position) -> Option<Hover> {
    let ws = w.ws.as_ref()?;
    let (range, text) = ide::hover(ws, path, super::offset(w, path, pos)?)?;
    Some(Hover {
        // Plain text for a client that takes only that: the Markdown reads well as it is.
        contents: HoverContents::Markup(MarkupContent {
            kind: if w.support.hover_markdown { MarkupKind::Markdown } else { MarkupKind::PlainText },
            value: text,
        }),
        range: super::range(w, path, range),
    })
}
