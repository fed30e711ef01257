//! Rename: an answer id (file, links, `related` lists, topics and the spec together), or a
//! heading (and every link to its anchor). Prepare-rename refuses the rest, with a reason.

use mlqa_core::ide;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{Position, PrepareRenameResponse, WorkspaceEdit};

use crate::world::World;

fn refused(reason: ide::RenameRefusal) -> Error {
    let reason = reason.to_string();
    let mut e = Error::invalid_params(reason.clone());
    e.message = reason.into();
    e
}

pub fn prepare(w: &World, path: &str, pos: Position) -> Result<Option<PrepareRenameResponse>> {
    let (Some(ws), Some(offset)) = (w.ws.as_ref(), super::offset(w, path, pos)) else { return Ok(None) };
    let (range, placeholder) = ide::prepare_rename(ws, path, offset).map_err(refused)?;
    Ok(super::range(w, path, range).map(|range| PrepareRenameResponse::RangeWithPlaceholder { range, placeholder }))
}

pub fn rename(w: &World, path: &str, pos: Position, new_name: &str) -> Result<Option<WorkspaceEdit>> {
    let (Some(ws), Some(offset)) = (w.ws.as_ref(), super::offset(w, path, pos)) else { return Ok(None) };
    let edits = ide::rename(ws, path, offset, new_name).map_err(refused)?;
    Ok(super::workspace_edit(w, &edits.edits, &edits.files))
}
