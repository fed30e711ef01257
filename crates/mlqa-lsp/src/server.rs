//! The LSP entry points: lock the world, call the handler, publish what changed. Core calls
//! run under `catch_unwind`, so a bug in a rule answers one request with an error instead of
//! taking the server down.
//!
//! Messages are handled one at a time, in order (`lib.rs`), so edits apply as sent. Two kinds of
//! work do not hold up that queue:
//! - reading and checking the whole KB again (`mlqa.toml` changed, new settings, a save with a
//!   client that does not watch files) runs on a blocking thread while the KB already loaded
//!   answers requests and takes edits; the new one replaces it with those edits laid over it;
//! - long requests (references, rename, workspace symbols) yield between their steps, so that
//!   the transport reads a `$/cancelRequest` meanwhile, and stop if it names them
//!   (`transport::cancel`, which also turns a cancelled request's answer into RequestCancelled).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, NotCancellable, OngoingProgress, Unbounded};

use crate::convert;
use crate::handlers;
use crate::settings::{SECTION, Settings};
use crate::transport::Cancellation;
use crate::world::{LoadJob, World};

/// How long the server waits for the client to answer one of its requests (settings, a
/// progress token) before going on without it: a client that never answers must not stall it.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(5);

/// How many results a long request translates between two chances to be cancelled.
const CHUNK: usize = 256;

pub struct Backend {
    shared: Shared,
    cancellation: Cancellation,
}

/// What the background loads need too: the client and the world.
#[derive(Clone)]
struct Shared {
    client: Client,
    world: Arc<Mutex<World>>,
}

impl Backend {
    pub fn new(client: Client, cancellation: Cancellation) -> Self {
        Self { shared: Shared { client, world: Arc::default() }, cancellation }
    }

    /// Lets the transport read what arrived, then fails if the client cancelled the request
    /// that `token` names (its `workDoneToken`, set by the transport).
    async fn checkpoint(&self, token: &Option<ProgressToken>) -> Result<()> {
        tokio::task::yield_now().await;
        match token {
            Some(ProgressToken::String(t)) if self.cancellation.is_cancelled(t) => Err(Error::request_cancelled()),
            _ => Ok(()),
        }
    }

    /// Translates `items` a chunk at a time under the lock, with a checkpoint before each.
    async fn translate<T, U>(
        &self,
        token: &Option<ProgressToken>,
        items: Vec<T>,
        f: impl Fn(&World, &T) -> Option<U>,
    ) -> Result<Vec<U>> {
        let mut out = Vec::with_capacity(items.len());
        for chunk in items.chunks(CHUNK) {
            self.checkpoint(token).await?;
            out.extend(self.with(|w| chunk.iter().filter_map(|item| f(w, item)).collect::<Vec<_>>())?);
        }
        Ok(out)
    }

    fn world(&self) -> MutexGuard<'_, World> {
        self.shared.world()
    }

    fn with<T>(&self, f: impl FnOnce(&mut World) -> T) -> Result<T> {
        self.shared.with(f)
    }

    /// After a change to `edited` (a document, or the KB on disk when `None`): publish what
    /// changed, and start the whole-KB check it asked for, if any.
    async fn changed(&self, edited: Option<&str>) {
        self.shared.publish(edited).await;
        let job = self.with(World::take_reload).ok().flatten();
        if let Some(job) = job {
            let shared = self.shared.clone();
            tokio::spawn(async move { shared.load(job, "mlqa: checking the KB again").await });
        }
    }

    /// The KB path of a document, if it belongs to the KB.
    fn path(&self, uri: &Uri) -> Option<String> {
        let world = self.world();
        convert::kb_path(world.root.as_ref()?, uri)
    }

    /// The client's settings, asked for with `workspace/configuration` (if it can answer).
    async fn fetch_settings(&self) -> Option<Settings> {
        let support = self.world().support;
        if !support.configuration {
            return None;
        }
        let root = self.world().root.clone();
        let item = ConfigurationItem { scope_uri: root.and_then(Uri::from_file_path), section: Some(SECTION.into()) };
        let answer = tokio::time::timeout(CLIENT_TIMEOUT, self.shared.client.configuration(vec![item])).await;
        let value = answer.ok()?.ok()?.into_iter().next()?;
        // `null`: the client has nothing for the section; the settings in use stay.
        if value.is_null() {
            return None;
        }
        Some(self.shared.settings(&value).await)
    }
}

impl Shared {
    /// The world, even after a panic poisoned the lock (its data stays consistent: every
    /// mutation is a whole-file replacement).
    fn world(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` on the world, turning a panic into an internal error.
    fn with<T>(&self, f: impl FnOnce(&mut World) -> T) -> Result<T> {
        let mut world = self.world();
        catch_unwind(AssertUnwindSafe(|| f(&mut world))).map_err(|_| {
            let mut e = Error::internal_error();
            e.message = "mlqa-lsp hit an internal error answering this request; it keeps serving".into();
            e
        })
    }

    /// Settings from what the client sent; what is wrong in them is shown to the user.
    async fn settings(&self, value: &serde_json::Value) -> Settings {
        let (settings, problems) = Settings::from_json(value);
        for problem in problems {
            self.client.show_message(MessageType::WARNING, problem).await;
        }
        settings
    }

    /// Reads and checks the whole KB on a blocking thread, with progress if the client shows
    /// it, then installs it (unless a newer load started meanwhile) and publishes.
    async fn load(&self, job: LoadJob, title: &str) {
        let progress = self.begin_progress(title).await;
        let loaded = match tokio::task::spawn_blocking(move || job.run()).await {
            Ok(loaded) => loaded,
            Err(_) => {
                self.client.log_message(MessageType::ERROR, "mlqa-lsp: loading the KB failed; it keeps serving").await;
                if let Some(p) = progress {
                    p.finish_with_message("failed").await;
                }
                return;
            }
        };
        let summary = loaded.summary();
        let installed = self.with(|w| w.install(loaded)).unwrap_or(false);
        if let Some(p) = progress {
            p.finish_with_message(summary).await;
        }
        if !installed {
            return;
        }
        let error = self.world().load_error.clone();
        if let Some(e) = error {
            self.client.show_message(MessageType::ERROR, format!("mlqa: {e}")).await;
        }
        self.publish(None).await;
    }

    /// A progress bar, if the client declared it shows them and accepts the token in time.
    async fn begin_progress(&self, title: &str) -> Option<OngoingProgress<Unbounded, NotCancellable>> {
        if !self.world().support.progress {
            return None;
        }
        // A new token for each load: one is not reused after its progress ended.
        static LOADS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = LOADS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let token = ProgressToken::String(format!("mlqa-load-{n}"));
        let created = tokio::time::timeout(CLIENT_TIMEOUT, self.client.create_work_done_progress(token.clone())).await;
        if !matches!(created, Ok(Ok(()))) {
            return None;
        }
        Some(self.client.progress(token, title).begin().await)
    }

    /// Brings the client up to date with what changed since the last call. A client that pushes
    /// gets the files whose diagnostics changed; one that pulls is asked to pull again when a
    /// file other than the one it edited changed (it pulls that one by itself).
    async fn publish(&self, edited: Option<&str>) {
        let batch = self.with(|w| {
            let root = w.root.clone();
            let encoding = w.encoding;
            let changed = w.take_changes();
            if w.support.pull_diagnostics {
                let elsewhere = changed.iter().any(|(file, _)| Some(file.as_str()) != edited);
                return Err(elsewhere && w.support.refresh_diagnostics);
            }
            Ok(changed
                .into_iter()
                .filter_map(|(file, diags)| {
                    let root = root.as_ref()?;
                    let uri = convert::uri(root, &file)?;
                    let lsp = handlers::diagnostics::to_lsp(w, root, &file, &diags, encoding);
                    Some((uri, lsp))
                })
                .collect::<Vec<_>>())
        });
        match batch {
            Ok(Ok(batch)) => {
                for (uri, diags) in batch {
                    self.client.publish_diagnostics(uri, diags, None).await;
                }
            }
            Ok(Err(refresh)) => {
                if refresh {
                    // Not awaited in line: the client answers when it likes.
                    let client = self.client.clone();
                    tokio::spawn(async move {
                        let _ = client.workspace_diagnostic_refresh().await;
                    });
                }
            }
            Err(e) => self.client.log_message(MessageType::ERROR, e.message).await,
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = handlers::initialize::encoding(&params);
        let root = handlers::initialize::kb_root(&params);
        let (settings, problems) = params.initialization_options.as_ref().map(Settings::from_json).unwrap_or_default();
        let support = handlers::initialize::client_support(&params);
        {
            let mut w = self.world();
            w.encoding = encoding;
            w.root = root;
            w.support = support;
            w.settings = settings;
            w.settings_problems = problems;
        }
        Ok(handlers::initialize::result(encoding, support))
    }

    async fn initialized(&self, _: InitializedParams) {
        let problems = std::mem::take(&mut self.world().settings_problems);
        for problem in problems {
            self.shared.client.show_message(MessageType::WARNING, problem).await;
        }
        if let Some(settings) = self.fetch_settings().await {
            self.world().settings = settings;
        }
        let job = self.world().begin_load();
        let Some(job) = job else {
            self.shared
                .client
                .log_message(
                    MessageType::WARNING,
                    "mlqa: no mlqa.toml or kb/mlqa.toml in the workspace; the KB of the first answer opened will be loaded",
                )
                .await;
            return;
        };
        // Awaited: requests wait for the first load rather than get empty answers. The load
        // runs on a blocking thread, so the progress messages reach the client meanwhile.
        self.shared.load(job, "mlqa: loading the KB").await;
        // Only a client that declared it can be asked to watch files (a strict one fails the
        // session otherwise); the others reload the KB on save.
        if self.world().support.watch_files {
            // Not awaited in line: a client that never answers must not stall the server.
            let client = self.shared.client.clone();
            tokio::spawn(async move {
                let _ = client.register_capability(vec![handlers::files::watcher_registration()]).await;
            });
        }
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        if self.world().root.is_none() {
            // No KB in the workspace the client named (or none named): the document's own.
            let dir = convert::path_of(&params.text_document.uri).and_then(|p| p.parent().map(|d| d.to_owned()));
            if let Some(root) = dir.and_then(|d| handlers::initialize::discover(&d)) {
                self.world().adopt_root(root);
            }
        }
        let Some(path) = self.path(&params.text_document.uri) else { return };
        let version = params.text_document.version;
        let _ = self.with(|w| {
            w.open_document(&path, params.text_document.text);
            w.set_version(&path, version);
        });
        self.changed(Some(&path)).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let Some(path) = self.path(&params.text_document.uri) else { return };
        let version = params.text_document.version;
        let _ = self.with(|w| {
            w.change_document(&path, params.content_changes);
            w.set_version(&path, version);
        });
        self.changed(Some(&path)).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let Some(path) = self.path(&params.text_document.uri) else { return };
        let _ = self.with(|w| w.close_document(&path));
        self.changed(None).await;
    }

    async fn did_save(&self, _: DidSaveTextDocumentParams) {
        let _ = self.with(World::saved);
        self.changed(None).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let paths: Vec<String> = params.changes.iter().filter_map(|c| self.path(&c.uri)).collect();
        let _ = self.with(|w| {
            for path in &paths {
                w.reread(path);
            }
        });
        self.changed(None).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        // The settings themselves, or (`null`, or another tool's) a sign to ask for them.
        let settings = match params.settings.get(SECTION) {
            Some(section) => Some(self.shared.settings(section).await),
            None => self.fetch_settings().await,
        };
        if let Some(settings) = settings {
            let _ = self.with(|w| w.set_settings(settings));
            self.changed(None).await;
        }
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let path = self.path(&params.text_document.uri);
        let previous = params.previous_result_id;
        self.with(|w| {
            let (Some(root), Some(path)) = (w.root.clone(), path) else {
                // Not a file of the KB: nothing to report.
                return DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(Default::default()));
            };
            handlers::diagnostics::document_report(w, &root, w.pull(&path, previous.as_deref()))
        })
    }

    async fn workspace_diagnostic(&self, params: WorkspaceDiagnosticParams) -> Result<WorkspaceDiagnosticReportResult> {
        let previous: std::collections::HashMap<String, String> =
            params.previous_result_ids.into_iter().filter_map(|p| Some((self.path(&p.uri)?, p.value))).collect();
        self.with(|w| {
            let Some(root) = w.root.clone() else {
                return WorkspaceDiagnosticReportResult::Report(WorkspaceDiagnosticReport { items: Vec::new() });
            };
            handlers::diagnostics::workspace_report(w, &root, w.pull_all(&previous))
        })
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(path) = self.path(&params.text_document.uri) else { return Ok(None) };
        self.with(|w| handlers::code_action::actions(w, &path, params.range))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let at = params.text_document_position;
        let Some(path) = self.path(&at.text_document.uri) else { return Ok(None) };
        self.with(|w| handlers::completion::complete(w, &path, at.position))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let Some(path) = self.path(&at.text_document.uri) else { return Ok(None) };
        self.with(|w| handlers::hover::hover(w, &path, at.position))
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let at = params.text_document_position_params;
        let Some(path) = self.path(&at.text_document.uri) else { return Ok(None) };
        self.with(|w| handlers::definition::definition(w, &path, at.position))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = params.text_document_position;
        let Some(path) = self.path(&at.text_document.uri) else { return Ok(None) };
        let declaration = params.context.include_declaration;
        let token = params.work_done_progress_params.work_done_token;
        self.checkpoint(&token).await?;
        let Some(found) = self.with(|w| handlers::references::find(w, &path, at.position, declaration))? else {
            return Ok(None);
        };
        let locations = self.translate(&token, found, |w, l| handlers::location(w, &l.file, l.range)).await?;
        Ok(Some(locations))
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        let Some(path) = self.path(&params.text_document.uri) else { return Ok(None) };
        self.with(|w| handlers::rename::prepare(w, &path, params.position))?
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let at = params.text_document_position;
        let Some(path) = self.path(&at.text_document.uri) else { return Ok(None) };
        let token = params.work_done_progress_params.work_done_token;
        self.checkpoint(&token).await?;
        let Some(edits) = self.with(|w| handlers::rename::edits(w, &path, at.position, &params.new_name))?? else {
            return Ok(None);
        };
        self.checkpoint(&token).await?;
        self.with(|w| handlers::rename::workspace_edit(w, &edits).map(Some))?
    }

    async fn will_rename_files(&self, params: RenameFilesParams) -> Result<Option<WorkspaceEdit>> {
        let moves: Vec<(String, String)> = params
            .files
            .iter()
            .filter_map(|f| {
                let old = self.path(&f.old_uri.parse().ok()?)?;
                let new = self.path(&f.new_uri.parse().ok()?)?;
                Some((old, new))
            })
            .collect();
        self.with(|w| handlers::files::will_rename(w, &moves))
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let Some(path) = self.path(&params.text_document.uri) else { return Ok(None) };
        self.with(|w| handlers::symbols::document(w, &path))
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        let token = params.work_done_progress_params.work_done_token;
        self.checkpoint(&token).await?;
        let Some(found) = self.with(|w| handlers::symbols::find(w, &params.query))? else { return Ok(None) };
        let symbols = self.translate(&token, found, handlers::symbols::workspace_symbol).await?;
        Ok(Some(WorkspaceSymbolResponse::Nested(symbols)))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let Some(path) = self.path(&params.text_document.uri) else { return Ok(None) };
        self.with(|w| handlers::code_lens::lenses(w, &path))
    }
}
