//! Files changed outside the editor, and files moved inside it.

use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, Registration, WorkspaceEdit,
};

use crate::world::World;

/// Asks the client to report changes to the KB's files (a `git checkout`, another tool).
pub fn watcher_registration() -> Registration {
    let watchers = ["**/*.md", "**/*.yaml", "**/mlqa.toml"]
        .map(|glob| FileSystemWatcher { glob_pattern: GlobPattern::String(glob.to_owned()), kind: None })
        .to_vec();
    Registration {
        id: "mlqa-watched-files".into(),
        method: "workspace/didChangeWatchedFiles".into(),
        register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions { watchers }).ok(),
    }
}

/// The link edits that keep the KB consistent when answers are moved in the editor.
pub fn will_rename(w: &World, moves: &[(String, String)]) -> Option<WorkspaceEdit> {
    let ws = w.ws.as_ref()?;
    let edits = mlqa_core::ide::file_moves(ws, moves);
    if edits.is_empty() {
        return None;
    }
    super::workspace_edit(w, &edits, &[])
}
