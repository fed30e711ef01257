//! Go to definition: link -> heading, id -> answer, spec question <-> answer, resource -> entry.

use mlqa_core::ide;
use tower_lsp_server::ls_types::{GotoDefinitionResponse, Position};

use crate::world::World;

pub fn definition(w: &World, path: &str, pos: Position) -> Option<GotoDefinitionResponse> {
    let ws = w.ws.as_ref()?;
    let found: Vec<_> = ide::definition(ws, path, super::offset(w, path, pos)?)
        .iter()
        .filter_map(|l| super::location(w, &l.file, l.range))
        .collect();
    (!found.is_empty()).then_some(GotoDefinitionResponse::Array(found))
}
