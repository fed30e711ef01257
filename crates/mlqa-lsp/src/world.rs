//! The server's state: the KB as the editor sees it (files on disk, overlaid by the texts of
//! open documents), its diagnostics kept current incrementally, and what was last published.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use mlqa_core::check::Incremental;
use mlqa_core::config::CONFIG_FILE;
use mlqa_core::document::Source;
use mlqa_core::workspace::FileContent;
use mlqa_core::{Diagnostic, Selection, Workspace};

use crate::convert::Encoding;

#[derive(Default)]
pub struct World {
    pub root: Option<PathBuf>,
    pub ws: Option<Workspace>,
    incremental: Incremental,
    /// Texts of the documents open in the editor, by KB path.
    pub open: HashMap<String, String>,
    /// What was last published, by KB path.
    published: BTreeMap<String, Vec<Diagnostic>>,
    pub encoding: Encoding,
    /// Why the KB could not be loaded, for the client's log.
    pub load_error: Option<String>,
}

impl World {
    /// (Re)loads the KB from disk, keeping the texts of open documents.
    pub fn load(&mut self, root: &Path) {
        self.root = Some(root.to_owned());
        match Workspace::load(root) {
            Ok(mut ws) => {
                for (path, text) in &self.open {
                    ws.set_file(path, FileContent::Text(text.clone()));
                }
                self.incremental = Incremental::new(&ws);
                self.ws = Some(ws);
                self.load_error = None;
            }
            Err(e) => {
                self.ws = None;
                self.load_error = Some(e.to_string());
            }
        }
    }

    /// Recomputes the cached diagnostics from scratch (after the workspace was replaced).
    pub fn reset_incremental(&mut self) {
        if let Some(ws) = &self.ws {
            self.incremental = Incremental::new(ws);
        }
    }

    /// A file's text changed (an edit, or a change on disk); re-check what it can affect.
    pub fn set_text(&mut self, path: &str, text: String) {
        if path == CONFIG_FILE {
            self.reload();
            return;
        }
        if let Some(ws) = self.ws.as_mut() {
            ws.set_file(path, FileContent::Text(text));
            self.incremental.update(ws, &[path.to_owned()]);
        }
    }

    /// A file changed on disk: read it again (unless the editor has it open).
    pub fn reread(&mut self, path: &str) {
        if self.open.contains_key(path) {
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
            self.incremental.update(ws, &[path.to_owned()]);
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

    /// Every current diagnostic, by file.
    pub fn diagnostics(&self) -> BTreeMap<String, Vec<Diagnostic>> {
        let mut by_file: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        if let Some(ws) = &self.ws {
            for d in self.incremental.diagnostics(ws, &Selection::default()) {
                by_file.entry(d.file.clone()).or_default().push(d);
            }
        }
        by_file
    }

    /// A file's diagnostics as last published: current after every change, because each
    /// change publishes before the next message is handled.
    pub fn published(&self, path: &str) -> &[Diagnostic] {
        self.published.get(path).map_or(&[], Vec::as_slice)
    }

    /// The files whose diagnostics changed since the last call, with their new diagnostics
    /// (empty to clear), and remembers them as published.
    pub fn take_changes(&mut self) -> Vec<(String, Vec<Diagnostic>)> {
        let now = self.diagnostics();
        let files: BTreeSet<String> = now.keys().chain(self.published.keys()).cloned().collect();
        let mut out = Vec::new();
        for file in files {
            let new = now.get(&file).cloned().unwrap_or_default();
            if self.published.get(&file) != Some(&new) {
                out.push((file.clone(), new));
            }
        }
        self.published = now;
        out
    }
}
