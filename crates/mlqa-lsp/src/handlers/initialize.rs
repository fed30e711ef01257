//! `initialize`: the position encoding, the KB root, and what the server can do.

use std::path::PathBuf;

use tower_lsp_server::ls_types::*;

use crate::convert::{self, Encoding};

/// UTF-8 when the client offers it (no conversion), else UTF-16, the protocol's default.
pub fn encoding(params: &InitializeParams) -> Encoding {
    let offered = params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_ref());
    if offered.is_some_and(|e| e.contains(&PositionEncodingKind::UTF8)) { Encoding::Utf8 } else { Encoding::Utf16 }
}

/// What the client declared it can do, among what the server would ask of it. The server asks
/// nothing else: a strict client fails the session on a request it did not offer to serve.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClientSupport {
    /// `workspace.didChangeWatchedFiles.dynamicRegistration`: the server may register watchers.
    pub watch_files: bool,
    /// `textDocument.diagnostic`: the client pulls diagnostics, so none are pushed.
    pub pull_diagnostics: bool,
    /// `workspace.diagnostics.refreshSupport`: the server may ask it to pull again.
    pub refresh_diagnostics: bool,
    /// `window.workDoneProgress`: the server may create progress tokens.
    pub progress: bool,
    /// `workspace.configuration`: the server may ask for its settings.
    pub configuration: bool,
    /// `workspace.workspaceEdit.documentChanges`, or resource operations (which only
    /// `documentChanges` can carry; Neovim 0.7 declares those alone): edits as
    /// `documentChanges`, else `changes`.
    pub document_changes: bool,
    /// `workspace.workspaceEdit.resourceOperations`: files may be created, and renamed.
    pub create_files: bool,
    pub rename_files: bool,
    /// `textDocument.codeAction.codeActionLiteralSupport`: quick fixes may be offered (as code
    /// action literals; a client without it takes only commands).
    pub code_action_literals: bool,
    /// `textDocument.documentSymbol.hierarchicalDocumentSymbolSupport`: an outline as a tree,
    /// else a flat list.
    pub hierarchical_symbols: bool,
    /// `textDocument.rename.prepareSupport`.
    pub prepare_rename: bool,
    /// `textDocument.hover.contentFormat` allows Markdown (or says nothing), else plain text.
    pub hover_markdown: bool,
}

pub fn client_support(params: &InitializeParams) -> ClientSupport {
    let caps = &params.capabilities;
    let workspace = caps.workspace.as_ref();
    let text = caps.text_document.as_ref();
    let edit = workspace.and_then(|w| w.workspace_edit.as_ref());
    let operations = edit.and_then(|e| e.resource_operations.as_ref());
    ClientSupport {
        watch_files: workspace
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        pull_diagnostics: caps.text_document.as_ref().is_some_and(|t| t.diagnostic.is_some()),
        refresh_diagnostics: workspace
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false),
        progress: caps.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false),
        configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
        document_changes: edit.and_then(|e| e.document_changes).unwrap_or(false)
            || operations.is_some_and(|o| !o.is_empty()),
        create_files: operations.is_some_and(|o| o.contains(&ResourceOperationKind::Create)),
        rename_files: operations.is_some_and(|o| o.contains(&ResourceOperationKind::Rename)),
        code_action_literals: text
            .and_then(|t| t.code_action.as_ref())
            .is_some_and(|c| c.code_action_literal_support.is_some()),
        hierarchical_symbols: text
            .and_then(|t| t.document_symbol.as_ref())
            .and_then(|d| d.hierarchical_document_symbol_support)
            .unwrap_or(false),
        prepare_rename: text.and_then(|t| t.rename.as_ref()).and_then(|r| r.prepare_support).unwrap_or(false),
        hover_markdown: text
            .and_then(|t| t.hover.as_ref())
            .and_then(|h| h.content_format.as_ref())
            .is_none_or(|formats| formats.contains(&MarkupKind::Markdown)),
    }
}

/// The KB of the first workspace folder (or the root URI, or the root path of older clients)
/// that has one.
#[allow(deprecated)]
pub fn kb_root(params: &InitializeParams) -> Option<PathBuf> {
    let folders = params.workspace_folders.iter().flatten().map(|f| &f.uri);
    folders
        .chain(params.root_uri.iter())
        .filter_map(convert::path_of)
        .chain(params.root_path.iter().map(PathBuf::from))
        .find_map(|dir| discover(&dir))
}

/// The KB at or above `dir` (its `mlqa.toml` folder), as an absolute path.
pub fn discover(dir: &std::path::Path) -> Option<PathBuf> {
    mlqa_core::config::discover(dir).map(|p| std::fs::canonicalize(&p).unwrap_or(p))
}

pub fn result(encoding: Encoding, support: ClientSupport) -> InitializeResult {
    let md = |glob: &str| FileOperationFilter {
        scheme: Some("file".into()),
        pattern: FileOperationPattern { glob: glob.into(), matches: None, options: None },
    };
    InitializeResult {
        server_info: Some(ServerInfo { name: "mlqa-lsp".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
        capabilities: ServerCapabilities {
            position_encoding: Some(match encoding {
                Encoding::Utf8 => PositionEncodingKind::UTF8,
                Encoding::Utf16 => PositionEncodingKind::UTF16,
            }),
            text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                // A client that cannot watch files: its saves are when the KB is read again.
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            })),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(["[", "(", "#", ",", " ", "/"].map(String::from).to_vec()),
                ..Default::default()
            }),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            // Options with `prepareProvider` only for a client that declared `prepareSupport`.
            rename_provider: Some(if support.prepare_rename {
                OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: Default::default(),
                })
            } else {
                OneOf::Left(true)
            }),
            document_symbol_provider: Some(OneOf::Left(true)),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..Default::default()
            })),
            code_lens_provider: Some(CodeLensOptions { resolve_provider: Some(false) }),
            // For clients that pull (LSP 3.17); the others get them pushed. A link's diagnostics
            // depend on other files, and the whole KB's can be pulled at once.
            diagnostic_provider: Some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("mlqa".into()),
                inter_file_dependencies: true,
                workspace_diagnostics: true,
                work_done_progress_options: Default::default(),
            })),
            workspace: Some(WorkspaceServerCapabilities {
                workspace_folders: None,
                file_operations: Some(WorkspaceFileOperationsServerCapabilities {
                    will_rename: Some(FileOperationRegistrationOptions { filters: vec![md("**/*.md")] }),
                    ..Default::default()
                }),
            }),
            ..Default::default()
        },
        offset_encoding: None,
    }
}
