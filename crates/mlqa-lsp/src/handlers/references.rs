//! Find references: links to an answer or a heading, `related` lists, resources, the spec.

use mlqa_core::ide;
use tower_lsp_server::ls_types::{Location, Position};

use crate::world::World;

/// The places, in the core's terms (the server translates them a chunk at a time).
pub fn find(w: &World, path: &str, pos: Position, declaration: bool) -> Option<Vec<ide::Location>> {
    let ws = w.ws.as_ref()?;
    let offset = super::offset(w, path, pos)?;
    Some(ide::references(ws, path, offset, declaration))
}

/// The places as LSP locations, in one go.
pub fn references(w: &World, path: &str, pos: Position, declaration: bool) -> Option<Vec<Location>> {
    let found = find(w, path, pos, declaration)?;
    Some(found.iter().filter_map(|l| super::location(w, &l.file, l.range)).collect())
}
