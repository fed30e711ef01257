//! The server's state: the KB as the editor sees it (files on disk, overlaid by the texts of
//! open documents), its diagnostics kept current incrementally, and what was last published.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use mlqa_core::check::Incremental;
use mlqa_core::config::CONFIG_FILE;
use mlqa_core::document::Source;
use mlqa_core::workspace::FileContent;
use mlqa_core::{Diagnostic, Workspace};

use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

use crate::convert::Encoding;
use crate::handlers;
use crate::handlers::initialize::ClientSupport;
use crate::settings::Settings;

/// The result ids of pull diagnostics: per file, a counter that moves when its diagnostics
/// change, after an id for this run of the server (an id from an earlier run never matches).
#[derive(Debug)]
struct ResultIds {
    run: u64,
    versions: HashMap<String, u64>,
}

impl Default for ResultIds {
    fn default() -> Self {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        Self { run: (nanos as u64) ^ u64::from(std::process::id()).rotate_left(32), versions: HashMap::new() }
    }
}

impl ResultIds {
    fn id(&self, path: &str) -> String {
        format!("{:x}-{}", self.run, self.versions.get(path).copied().unwrap_or(0))
    }

    fn bump(&mut self, path: &str) {
        *self.versions.entry(path.to_owned()).or_default() += 1;
    }
}

/// A file's diagnostics for a client that pulls them: its result id, and the diagnostics unless
/// the client already has them (it sent this result id).
pub struct PullReport<'a> {
    pub path: String,
    pub result_id: String,
    pub diagnostics: Option<&'a [Diagnostic]>,
}

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
    /// What was last published (or is served to a pulling client), by KB path.
    published: BTreeMap<String, Vec<Diagnostic>>,
    /// Files whose diagnostics may differ from what was published: those the checker reported
    /// changed since the last publish (`None`: every file, after the KB was loaded again).
    stale: Option<BTreeSet<String>>,
    /// The result ids of pull diagnostics: a file's counter moves each time its published
    /// diagnostics change, so an unchanged file answers `unchanged`.
    results: ResultIds,
    pub encoding: Encoding,
    /// What the client can do. If it does not watch the KB's files for the server (it did not
    /// declare dynamic registration of `workspace/didChangeWatchedFiles`), a save reloads the KB.
    pub support: ClientSupport,
    /// The client's settings (rule selection and levels), laid over `mlqa.toml`.
    pub settings: Settings,
    /// What was wrong in the settings sent with `initialize`, shown once the session starts.
    pub settings_problems: Vec<String>,
    /// The latest load started, and the one installed: a load that finishes after a newer one
    /// started is dropped.
    loads: u64,
    installed: u64,
    /// Whether the whole KB must be read again (`mlqa.toml` changed, or a save with a client
    /// that does not watch files): [`World::take_reload`] starts it.
    reload_wanted: bool,
    /// The versions the editor gave its open documents (in `didOpen` and `didChange`).
    versions: HashMap<String, i32>,
    /// Files changed on disk while a load was running: read again when it is installed.
    touched: BTreeSet<String>,
    /// Why the KB could not be loaded, for the client's log.
    pub load_error: Option<String>,
}

/// Everything a load needs, taken from the world under its lock, so that the slow part
/// ([`LoadJob::run`]: reading and checking the whole KB) runs while the old KB keeps serving.
pub struct LoadJob {
    root: PathBuf,
    settings: Settings,
    texts: HashMap<String, String>,
    generation: u64,
}

/// A KB read and checked from scratch, ready to replace the world's.
pub struct Loaded {
    result: Result<(Workspace, Incremental), String>,
    generation: u64,
}

impl LoadJob {
    pub fn run(self) -> Loaded {
        let result = Workspace::load(&self.root).map_err(|e| e.to_string()).map(|mut ws| {
            self.settings.apply_levels(&mut ws.config);
            for (path, text) in self.texts {
                ws.set_file(&path, FileContent::Text(text));
            }
            let incremental = Incremental::with_selection(&ws, self.settings.selection.clone());
            (ws, incremental)
        });
        Loaded { result, generation: self.generation }
    }
}

impl Loaded {
    /// How many answers were loaded, or why none could be.
    pub fn summary(&self) -> String {
        match &self.result {
            Ok((ws, _)) => format!("{} answers checked", ws.answer_count()),
            Err(e) => format!("the KB could not be loaded: {e}"),
        }
    }
}

impl World {
    /// (Re)loads the KB from disk, keeping the texts of open documents (here and now: the
    /// server loads in the background, with [`World::begin_load`] and [`World::install`]).
    #[cfg(test)]
    pub fn load(&mut self, root: &std::path::Path) {
        self.root = Some(root.to_owned());
        if let Some(job) = self.begin_load() {
            let loaded = job.run();
            self.install(loaded);
        }
    }

    /// The texts of the open documents as the editor has them.
    fn open_texts(&self) -> HashMap<String, String> {
        let mut texts = self.pending.clone();
        for path in &self.open {
            if let Some(s) = self.source(path) {
                texts.insert(path.clone(), s.text.clone());
            }
        }
        texts
    }

    /// Starts a load of the KB at `root` with the current settings and open texts.
    pub fn begin_load(&mut self) -> Option<LoadJob> {
        let root = self.root.clone()?;
        self.loads += 1;
        self.touched.clear();
        Some(LoadJob { root, settings: self.settings.clone(), texts: self.open_texts(), generation: self.loads })
    }

    /// Replaces the KB with a finished load, unless a newer load has started since (then
    /// `false`). What changed while it ran is laid over it: the open documents' current texts
    /// and the files changed on disk.
    pub fn install(&mut self, loaded: Loaded) -> bool {
        if loaded.generation != self.loads {
            return false;
        }
        self.installed = loaded.generation;
        let texts = self.open_texts();
        match loaded.result {
            Ok((mut ws, mut incremental)) => {
                let mut edited = Vec::new();
                for (path, text) in texts {
                    if path != CONFIG_FILE && ws.source(&path).is_none_or(|s| s.text != text) {
                        ws.set_file(&path, FileContent::Text(text));
                        edited.push(path);
                    }
                }
                if !edited.is_empty() {
                    incremental.update(&ws, &edited);
                }
                self.ws = Some(ws);
                self.incremental = incremental;
                self.pending.clear();
                self.load_error = None;
                for path in std::mem::take(&mut self.touched) {
                    self.reread(&path);
                }
            }
            Err(e) => {
                self.ws = None;
                self.pending = texts;
                self.load_error = Some(e);
            }
        }
        self.stale = None;
        true
    }

    /// Whether a load has been started and not installed yet.
    fn loading(&self) -> bool {
        self.installed < self.loads
    }

    /// The reload the last changes asked for, if any, to run in the background.
    pub fn take_reload(&mut self) -> Option<LoadJob> {
        if !std::mem::take(&mut self.reload_wanted) {
            return None;
        }
        self.begin_load()
    }

    /// Runs the reload the last changes asked for, here and now.
    #[cfg(test)]
    pub fn settle(&mut self) {
        if let Some(job) = self.take_reload() {
            let loaded = job.run();
            self.install(loaded);
        }
    }

    /// Recomputes the cached diagnostics from scratch (after the workspace was replaced).
    pub fn reset_incremental(&mut self) {
        if let Some(ws) = &self.ws {
            self.incremental = Incremental::with_selection(ws, self.settings.selection.clone());
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

    /// A KB found from an opened document, when the workspace named none (a client that sends
    /// no workspace folder): it is loaded next.
    pub fn adopt_root(&mut self, root: PathBuf) {
        if self.root.is_none() {
            self.root = Some(root);
            self.reload();
        }
    }

    /// New settings from the client: the KB is checked again with them (`true`) unless they are
    /// the ones in use.
    pub fn set_settings(&mut self, settings: Settings) -> bool {
        if settings == self.settings {
            return false;
        }
        self.settings = settings;
        self.reload();
        true
    }

    /// The version of an open document, as the editor numbered it.
    pub fn version(&self, path: &str) -> Option<i64> {
        self.versions.get(path).map(|&v| i64::from(v))
    }

    pub fn set_version(&mut self, path: &str, version: i32) {
        if self.open.contains(path) {
            self.versions.insert(path.to_owned(), version);
        }
    }

    /// `textDocument/didClose`: the file is what is on disk again.
    pub fn close_document(&mut self, path: &str) {
        self.open.remove(path);
        self.versions.remove(path);
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
        if self.loading() {
            self.touched.insert(path.to_owned());
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
        if !self.support.watch_files {
            self.reload();
        }
    }

    fn reload(&mut self) {
        self.reload_wanted = true;
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
            self.results.bump(&file);
            out.push((file, new));
        }
        out
    }

    /// `textDocument/diagnostic`: one file's diagnostics, or `None` for them if the client's
    /// `previous` result id is still current.
    pub fn pull(&self, path: &str, previous: Option<&str>) -> PullReport<'_> {
        let result_id = self.results.id(path);
        let diagnostics = (previous != Some(result_id.as_str())).then(|| self.published(path));
        PullReport { path: path.to_owned(), result_id, diagnostics }
    }

    /// `workspace/diagnostic`: every file with diagnostics, and every file the client has a
    /// result for (`previous`, by path), unchanged ones without their diagnostics.
    pub fn pull_all(&self, previous: &HashMap<String, String>) -> Vec<PullReport<'_>> {
        let files: BTreeSet<&str> =
            self.published.keys().map(String::as_str).chain(previous.keys().map(String::as_str)).collect();
        files.into_iter().map(|f| self.pull(f, previous.get(f).map(String::as_str))).collect()
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

    #[test]
    fn pulled_diagnostics_are_unchanged_until_they_change() {
        let dir = kb("[rules]\ncompleteness = \"off\"\n");
        let mut w = World::default();
        w.load(dir.path());
        w.take_changes();
        let clean = w.pull("a/one.md", None);
        assert_eq!(clean.diagnostics, Some(&[][..]), "a clean file: a full, empty report");
        let id = clean.result_id;
        assert!(w.pull("a/one.md", Some(&id)).diagnostics.is_none(), "the same id: unchanged");
        w.open_document("a/one.md", ANSWER.replace("Yes.", "See [two](two.md)."));
        w.take_changes();
        let broken = w.pull("a/one.md", Some(&id));
        assert_ne!(broken.result_id, id);
        assert!(broken.diagnostics.is_some_and(|d| d.iter().any(|d| d.rule.name() == "broken-link")));
        // The whole KB: the known file unchanged, nothing about clean files the client does not know.
        let previous = HashMap::from([("a/one.md".to_owned(), broken.result_id.clone())]);
        let all = w.pull_all(&previous);
        assert_eq!(all.len(), 1, "{:?}", all.iter().map(|r| &r.path).collect::<Vec<_>>());
        assert!(all[0].diagnostics.is_none());
        // Fixed again: a full report, empty, for the file the client knew with diagnostics.
        w.change_document(
            "a/one.md",
            vec![TextDocumentContentChangeEvent { range: None, range_length: None, text: ANSWER.into() }],
        );
        w.take_changes();
        let fixed = w.pull_all(&previous);
        assert_eq!(fixed[0].diagnostics, Some(&[][..]));
    }

    #[test]
    fn settings_select_and_level_rules_and_apply_when_they_change() {
        let dir = kb("");
        std::fs::write(dir.path().join("a/one.md"), ANSWER.replace("## Short answer\nYes.\n", "")).unwrap();
        let mut w = World::default();
        w.load(dir.path());
        let rules = |w: &mut World| -> Vec<(String, mlqa_core::Severity)> {
            w.take_changes();
            w.published("a/one.md").iter().map(|d| (d.rule.name().to_owned(), d.severity)).collect()
        };
        assert!(rules(&mut w).contains(&("missing-section".to_owned(), mlqa_core::Severity::Error)));
        let (warn, _) = Settings::from_json(&serde_json::json!({"rules": {"missing-section": "warn"}}));
        assert!(w.set_settings(warn.clone()));
        assert!(!w.set_settings(warn), "the same settings again: nothing to do");
        w.settle();
        assert!(rules(&mut w).contains(&("missing-section".to_owned(), mlqa_core::Severity::Warning)));
        let (ignore, _) = Settings::from_json(&serde_json::json!({"ignore": ["completeness"]}));
        w.set_settings(ignore);
        w.settle();
        assert!(!rules(&mut w).iter().any(|(r, _)| r == "missing-section"), "the family is ignored");
    }

    #[test]
    fn a_load_in_the_background_keeps_the_edits_made_meanwhile_and_a_stale_one_is_dropped() {
        let dir = kb("");
        let mut w = World::default();
        w.load(dir.path());
        w.open_document("a/one.md", ANSWER.to_owned());
        let job = w.begin_load().unwrap();
        // While it runs: an edit in the editor and a file changed on disk.
        w.change_document("a/one.md", vec![insert(8, "edited while loading\n")]);
        std::fs::write(dir.path().join("spec.yaml"), "title: T\ncategories: []\n").unwrap();
        w.reread("spec.yaml");
        let stale = w.begin_load().unwrap();
        assert!(!w.install(job.run()), "a newer load started: the older one is dropped");
        assert!(w.install(stale.run()));
        assert!(w.source("a/one.md").unwrap().text.contains("edited while loading"));
        assert!(w.ws.as_ref().unwrap().spec().is_some_and(|s| s.categories.is_empty()));
    }
}
