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

/// What the rename changes, in the core's terms.
pub fn edits(w: &World, path: &str, pos: Position, new_name: &str) -> Result<Option<ide::RenameEdits>> {
    let (Some(ws), Some(offset)) = (w.ws.as_ref(), super::offset(w, path, pos)) else { return Ok(None) };
    ide::rename(ws, path, offset, new_name).map(Some).map_err(refused)
}

pub fn rename(w: &World, path: &str, pos: Position, new_name: &str) -> Result<Option<WorkspaceEdit>> {
    let Some(edits) = edits(w, path, pos, new_name)? else { return Ok(None) };
    workspace_edit(w, &edits).map(Some)
}

/// The rename as the client can apply it, or why it cannot: renaming an id renames its file,
/// which needs a client that declared it can rename files.
pub fn workspace_edit(w: &World, edits: &ide::RenameEdits) -> Result<WorkspaceEdit> {
    super::workspace_edit(w, &edits.edits, &edits.files).ok_or_else(|| {
        let files: Vec<String> = edits.files.iter().map(|(old, new)| format!("`{old}` to `{new}`")).collect();
        let reason = format!(
            "this rename moves {}, and the editor did not declare that it can rename files \
             (workspace.workspaceEdit.resourceOperations and documentChanges); rename the file by hand, \
             then the id",
            files.join(", ")
        );
        let mut e = Error::invalid_params(reason.clone());
        e.message = reason.into();
        e
    })
}
