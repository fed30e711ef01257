//! The server's state: the KB as the editor sees it (files on disk, overlaid by the texts of
//! open documents), its diagnostics kept current incrementally, and what was last published.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use mlqa_core::check::Incremental;
use mlqa_core::config::CONFIG_FILE;
use mlqa_core::document::Source;
use mlqa_core::workspace::FileContent;
use mlqa_core::{Diagnostic, Workspace};

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
    /// Files whose diagnostics may differ from what was published: those the checker reported
    /// changed since the last publish (`None`: every file, after the KB was loaded again).
    stale: Option<BTreeSet<String>>,
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
                self.stale = None;
                self.load_error = None;
            }
            Err(e) => {
                self.ws = None;
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
            let changed = self.incremental.update(ws, &[path.to_owned()]);
            self.changed(changed);
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
