//! `initialize`: the position encoding, the KB root, and what the server can do.

use std::path::PathBuf;

use tower_lsp_server::ls_types::*;

use crate::convert::{self, Encoding};

/// UTF-8 when the client offers it (no conversion), else UTF-16, the protocol's default.
pub fn encoding(params: &InitializeParams) -> Encoding {
    let offered = params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_ref());
    if offered.is_some_and(|e| e.contains(&PositionEncodingKind::UTF8)) { Encoding::Utf8 } else { Encoding::Utf16 }
}

/// Whether the client lets the server register file watchers
/// (`workspace.didChangeWatchedFiles.dynamicRegistration`): only then is it asked to.
pub fn can_watch_files(params: &InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false)
}

/// The KB of the first workspace folder (or the root URI) that has one.
#[allow(deprecated)]
pub fn kb_root(params: &InitializeParams) -> Option<PathBuf> {
    let folders = params.workspace_folders.iter().flatten().map(|f| &f.uri);
    folders
        .chain(params.root_uri.iter())
        .filter_map(convert::path_of)
        .find_map(|dir| mlqa_core::config::discover(&dir))
        .and_then(|p| std::fs::canonicalize(&p).ok().or(Some(p)))
}

pub fn result(encoding: Encoding) -> InitializeResult {
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
            rename_provider: Some(OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: Default::default(),
            })),
            document_symbol_provider: Some(OneOf::Left(true)),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..Default::default()
            })),
            code_lens_provider: Some(CodeLensOptions { resolve_provider: Some(false) }),
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
