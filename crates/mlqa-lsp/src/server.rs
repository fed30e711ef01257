//! The LSP entry points: lock the world, call the handler, publish what changed. Core calls
//! run under `catch_unwind`, so a bug in a rule answers one request with an error instead of
//! taking the server down.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Mutex, MutexGuard};

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::convert;
use crate::handlers;
use crate::world::World;

pub struct Backend {
    client: Client,
    world: Mutex<World>,
}

impl Backend {
    pub fn new(client: Client) -> Self {
        Self { client, world: Mutex::new(World::default()) }
    }

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

    async fn publish(&self) {
        let batch = self.with(|w| {
            let root = w.root.clone();
            let encoding = w.encoding;
            let changed = w.take_changes();
            changed
                .into_iter()
                .filter_map(|(file, diags)| {
                    let root = root.as_ref()?;
                    let uri = convert::uri(root, &file)?;
                    let lsp = handlers::diagnostics::to_lsp(w, root, &file, &diags, encoding);
                    Some((uri, lsp))
                })
                .collect::<Vec<_>>()
        });
        match batch {
            Ok(batch) => {
                for (uri, diags) in batch {
                    self.client.publish_diagnostics(uri, diags, None).await;
                }
            }
            Err(e) => self.client.log_message(MessageType::ERROR, e.message).await,
        }
    }

    /// The KB path of a document, if it belongs to the KB.
    fn path(&self, uri: &Uri) -> Option<String> {
        let world = self.world();
        convert::kb_path(world.root.as_ref()?, uri)
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = handlers::initialize::encoding(&params);
        let root = handlers::initialize::kb_root(&params);
        {
            let mut w = self.world();
            w.encoding = encoding;
            w.root = root;
            w.client_watches = handlers::initialize::can_watch_files(&params);
        }
        Ok(handlers::initialize::result(encoding))
    }

    async fn initialized(&self, _: InitializedParams) {
        let root = self.world().root.clone();
        match root {
            Some(root) => {
                let error = self.with(|w| {
                    w.load(&root);
                    w.load_error.clone()
                });
                if let Ok(Some(e)) = error {
                    self.client.show_message(MessageType::ERROR, format!("mlqa: {e}")).await;
                }
                self.publish().await;
                // Only a client that declared it can be asked to watch files (a strict one
                // fails the session otherwise); the others reload the KB on save.
                if self.world().client_watches {
                    // Not awaited in line: a client that never answers must not stall the server.
                    let client = self.client.clone();
                    tokio::spawn(async move {
                        let _ = client.register_capability(vec![handlers::files::watcher_registration()]).await;
                    });
                }
            }
            None => {
                self.client
                    .log_message(
                        MessageType::WARNING,
                        "mlqa: no mlqa.toml or kb/mlqa.toml in the workspace; nothing to check",
                    )
                    .await;
            }
        }
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let Some(path) = self.path(&params.text_document.uri) else { return };
        let _ = self.with(|w| w.open_document(&path, params.text_document.text));
        self.publish().await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let Some(path) = self.path(&params.text_document.uri) else { return };
        let _ = self.with(|w| w.change_document(&path, params.content_changes));
        self.publish().await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let Some(path) = self.path(&params.text_document.uri) else { return };
        let _ = self.with(|w| w.close_document(&path));
        self.publish().await;
    }

    async fn did_save(&self, _: DidSaveTextDocumentParams) {
        let _ = self.with(World::saved);
        self.publish().await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let paths: Vec<String> = params.changes.iter().filter_map(|c| self.path(&c.uri)).collect();
        let _ = self.with(|w| {
            for path in &paths {
                w.reread(path);
            }
        });
        self.publish().await;
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
        self.with(|w| handlers::references::references(w, &path, at.position, params.context.include_declaration))
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        let Some(path) = self.path(&params.text_document.uri) else { return Ok(None) };
        self.with(|w| handlers::rename::prepare(w, &path, params.position))?
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let at = params.text_document_position;
        let Some(path) = self.path(&at.text_document.uri) else { return Ok(None) };
        self.with(|w| handlers::rename::rename(w, &path, at.position, &params.new_name))?
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
        self.with(|w| handlers::symbols::workspace(w, &params.query))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let Some(path) = self.path(&params.text_document.uri) else { return Ok(None) };
        self.with(|w| handlers::code_lens::lenses(w, &path))
    }
}
