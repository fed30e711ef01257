//! The server's state: the KB as the editor sees it (files on disk, overlaid by the texts of
//! open documents), its diagnostics kept current incrementally, and what was last published.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use mlqa_core::check::Incremental;
use mlqa_core::config::CONFIG_FILE;
use mlqa_core::document::Source;
use mlqa_core::workspace::FileContent;
use mlqa_core::{Diagnostic, Workspace};

use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

use crate::convert::Encoding;
use crate::handlers;

#[derive(Default)]
pub struct World {
    pub root: Option<PathBuf>,
    pub ws: Option<Workspace>,
    incremental: Incremental,
    /// KB paths of the documents open in the editor. Their texts are the workspace's sources,
    /// which hold a text handed over by the editor verbatim; an edit applies to that copy.
    open: BTreeSet<String>,
    /// Only while no workspace is loaded (the KB failed to load): the open documents' texts,
    /// laid over the KB once it loads.
    pending: HashMap<String, String>,
    /// What was last published, by KB path.
    published: BTreeMap<String, Vec<Diagnostic>>,
    /// Files whose diagnostics may differ from what was published: those the checker reported
    /// changed since the last publish (`None`: every file, after the KB was loaded again).
    stale: Option<BTreeSet<String>>,
    pub encoding: Encoding,
    /// Whether the client watches the KB's files for the server (it declared dynamic
    /// registration of `workspace/didChangeWatchedFiles`); if not, a save reloads the KB.
    pub client_watches: bool,
    /// Why the KB could not be loaded, for the client's log.
    pub load_error: Option<String>,
}

impl World {
    /// (Re)loads the KB from disk, keeping the texts of open documents.
    pub fn load(&mut self, root: &Path) {
        self.root = Some(root.to_owned());
        // The editor's texts, from the workspace they were laid over or from `pending`.
        let mut texts = std::mem::take(&mut self.pending);
        for path in &self.open {
            if let Some(s) = self.source(path) {
                texts.insert(path.clone(), s.text.clone());
            }
        }
        match Workspace::load(root) {
            Ok(mut ws) => {
                for (path, text) in texts {
                    ws.set_file(&path, FileContent::Text(text));
                }
                self.incremental = Incremental::new(&ws);
                self.ws = Some(ws);
                self.stale = None;
                self.load_error = None;
            }
            Err(e) => {
                self.ws = None;
                self.pending = texts;
                self.stale = None;
                self.load_error = Some(e.to_string());
            }
        }
    }

    /// Recomputes the cached diagnostics from scratch (after the workspace was replaced).
    pub fn reset_incremental(&mut self) {
        if let Some(ws) = &self.ws {
            self.incremental = Incremental::new(ws);
            self.stale = None;
        }
    }

    fn changed(&mut self, files: Vec<String>) {
        if let Some(stale) = self.stale.as_mut() {
            stale.extend(files);
        }
    }

    /// `textDocument/didOpen`: the editor's text replaces the file's.
    pub fn open_document(&mut self, path: &str, text: String) {
        self.open.insert(path.to_owned());
        if self.ws.is_none() {
            self.pending.insert(path.to_owned(), text);
        } else if self.source(path).is_none_or(|s| s.text != text) {
            self.set_text(path, text);
        }
    }

    /// `textDocument/didChange`: the changes apply, in order, to the open document's text.
    pub fn change_document(&mut self, path: &str, changes: Vec<TextDocumentContentChangeEvent>) {
        if !self.open.contains(path) {
            return;
        }
        let text = match self.ws.as_ref() {
            Some(ws) => ws.source(path).map(|s| s.text.clone()),
            None => self.pending.remove(path),
        };
        let mut text = text.unwrap_or_default();
        for change in changes {
            handlers::sync::apply(&mut text, change, self.encoding);
        }
        if self.ws.is_none() {
            self.pending.insert(path.to_owned(), text);
        } else {
            self.set_text(path, text);
        }
    }

    /// `textDocument/didClose`: the file is what is on disk again.
    pub fn close_document(&mut self, path: &str) {
        self.open.remove(path);
        self.pending.remove(path);
        self.reread(path);
    }

    /// A file's text changed (an edit, or a change on disk); re-check what it can affect.
    pub fn set_text(&mut self, path: &str, text: String) {
        if path == CONFIG_FILE {
            self.reload();
            return;
        }
        if let Some(ws) = self.ws.as_mut() {
            ws.set_file(path, FileContent::Text(text));
            let changed = self.incremental.update(ws, &[path.to_owned()]);
            self.changed(changed);
        }
    }

    /// A file changed on disk: read it again (unless the editor has it open).
    pub fn reread(&mut self, path: &str) {
        if self.open.contains(path) {
            return;
        }
        if path == CONFIG_FILE {
            self.reload();
            return;
        }
        let Some(root) = self.root.clone() else { return };
        let full = root.join(path);
        let limit = self.ws.as_ref().map_or(1 << 20, |ws| ws.config.limits.max_file_bytes);
        let content = mlqa_core::workspace::read_file(&full, limit);
        if let Some(ws) = self.ws.as_mut() {
            match content {
                Some(content) => ws.set_file(path, content),
                None => ws.remove_file(path),
            }
            let changed = self.incremental.update(ws, &[path.to_owned()]);
            self.changed(changed);
        }
    }

    /// A document was saved: with a client that does not watch files, the only sign that files
    /// may have changed on disk (a checkout, a script), so the KB is read again (the texts of
    /// open documents kept).
    pub fn saved(&mut self) {
        if !self.client_watches {
            self.reload();
        }
    }

    fn reload(&mut self) {
        if let Some(root) = self.root.clone() {
            self.load(&root);
        }
    }

    pub fn source(&self, path: &str) -> Option<&Source> {
        self.ws.as_ref()?.source(path)
    }

    /// A file's diagnostics as last published: current after every change, because each
    /// change publishes before the next message is handled.
    pub fn published(&self, path: &str) -> &[Diagnostic] {
        self.published.get(path).map_or(&[], Vec::as_slice)
    }

    /// The files whose diagnostics changed since the last call, with their new diagnostics
    /// (empty to clear), and remembers them as published. After an edit these are the files the
    /// checker reported changed, not a comparison of the whole KB.
    pub fn take_changes(&mut self) -> Vec<(String, Vec<Diagnostic>)> {
        let candidates: BTreeSet<String> = match self.stale.replace(BTreeSet::new()) {
            Some(files) => files,
            None => self.published.keys().cloned().chain(self.incremental.files().map(|(f, _)| f.to_owned())).collect(),
        };
        let mut out = Vec::new();
        for file in candidates {
            let new = if self.ws.is_some() { self.incremental.file(&file).to_vec() } else { Vec::new() };
            if self.published.get(&file).map_or(new.is_empty(), |old| *old == new) {
                continue;
            }
            if new.is_empty() {
                self.published.remove(&file);
            } else {
                self.published.insert(file.clone(), new.clone());
            }
            out.push((file, new));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use tower_lsp_server::ls_types::{Position, Range};

    use super::*;

    const ANSWER: &str = "---\nid: one\ncategory: a\ndifficulty: core\n---\n# One?\n\n## Short answer\nYes.\n";

    fn kb(config: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mlqa.toml"), config).unwrap();
        std::fs::write(
            dir.path().join("spec.yaml"),
            "title: T\ncategories:\n  - id: a\n    title: A\n    questions:\n      - id: one\n        question: \"One?\"\n",
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/one.md"), ANSWER).unwrap();
        dir
    }

    fn insert(at: u32, text: &str) -> TextDocumentContentChangeEvent {
        let pos = Position { line: at, character: 0 };
        TextDocumentContentChangeEvent {
            range: Some(Range { start: pos, end: pos }),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn an_open_document_is_edited_in_the_workspace_and_read_from_disk_again_when_closed() {
        let dir = kb("");
        let mut w = World::default();
        w.load(dir.path());
        w.open_document("a/one.md", ANSWER.to_owned());
        w.change_document("a/one.md", vec![insert(8, "TODO\n")]);
        assert!(w.source("a/one.md").unwrap().text.contains("## Short answer\nTODO\nYes."));
        w.close_document("a/one.md");
        assert_eq!(w.source("a/one.md").unwrap().text, ANSWER);
    }

    #[test]
    fn edits_made_while_the_kb_cannot_load_are_kept_until_it_loads() {
        let dir = kb("this is not toml");
        let mut w = World::default();
        w.load(dir.path());
        assert!(w.ws.is_none() && w.load_error.is_some());
        w.open_document("a/one.md", ANSWER.to_owned());
        w.change_document("a/one.md", vec![insert(8, "unsaved\n")]);
        std::fs::write(dir.path().join("mlqa.toml"), "").unwrap();
        w.load(dir.path());
        assert!(w.source("a/one.md").unwrap().text.contains("## Short answer\nunsaved\nYes."));
        // And across a reload of a loaded KB.
        w.load(dir.path());
        assert!(w.source("a/one.md").unwrap().text.contains("unsaved"));
    }
}
