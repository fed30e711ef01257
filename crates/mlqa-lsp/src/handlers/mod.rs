//! One file per LSP capability. Each translates the core's answer; none re-checks or re-parses.

pub mod code_action;
pub mod code_lens;
pub mod completion;
pub mod definition;
pub mod diagnostics;
pub mod files;
pub mod hover;
pub mod initialize;
pub mod references;
pub mod rename;
pub mod symbols;
pub mod sync;

use std::collections::BTreeMap;

use mlqa_core::{Edit, TextRange};
use tower_lsp_server::ls_types::{
    CreateFile, CreateFileOptions, DocumentChangeOperation, DocumentChanges, Location, OneOf,
    OptionalVersionedTextDocumentIdentifier, Position, Range, RenameFile, RenameFileOptions, ResourceOp,
    TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use crate::convert;
use crate::world::World;

/// The byte offset of a position in a KB file, if the file has text.
pub fn offset(w: &World, path: &str, pos: Position) -> Option<usize> {
    Some(convert::offset(w.source(path)?, pos, w.encoding))
}

pub fn range(w: &World, path: &str, range: TextRange) -> Option<Range> {
    Some(convert::range(w.source(path)?, range, w.encoding))
}

pub fn location(w: &World, path: &str, r: TextRange) -> Option<Location> {
    Some(Location { uri: convert::uri(w.root.as_ref()?, path)?, range: range(w, path, r)? })
}

/// A workspace edit from core edits and file moves, in the form the client declared it takes:
/// `documentChanges` with text edits first (on the old paths), then creations (never over an
/// existing file) and moves; or `changes`, text edits only. `None` when the edit needs a file
/// operation the client did not declare.
pub fn workspace_edit(w: &World, edits: &[Edit], moves: &[(String, String)]) -> Option<WorkspaceEdit> {
    let root = w.root.as_ref()?;
    let creates = edits.iter().any(|e| matches!(e, Edit::Create { .. }));
    if (creates && !w.support.create_files) || (!moves.is_empty() && !w.support.rename_files) {
        return None;
    }
    if !w.support.document_changes {
        if creates || !moves.is_empty() {
            return None;
        }
        let mut changes: std::collections::HashMap<Uri, Vec<TextEdit>> = std::collections::HashMap::new();
        for e in edits {
            if let Edit::Replace { file, range: r, text } = e {
                changes
                    .entry(convert::uri(root, file)?)
                    .or_default()
                    .push(TextEdit { range: range(w, file, *r)?, new_text: text.clone() });
            }
        }
        return Some(WorkspaceEdit { changes: Some(changes), document_changes: None, change_annotations: None });
    }
    let mut by_file: BTreeMap<&str, Vec<TextEdit>> = BTreeMap::new();
    let mut ops = Vec::new();
    for e in edits {
        if let Edit::Replace { file, range: r, text } = e {
            by_file.entry(file).or_default().push(TextEdit { range: range(w, file, *r)?, new_text: text.clone() });
        }
    }
    for (file, edits) in by_file {
        let uri = convert::uri(root, file)?;
        let edits = edits.into_iter().map(OneOf::Left).collect();
        ops.push(DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
            edits,
        }));
    }
    for e in edits {
        if let Edit::Create { file, contents } = e {
            let uri = convert::uri(root, file)?;
            ops.push(DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                uri: uri.clone(),
                options: Some(CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(true) }),
                annotation_id: None,
            })));
            let start = Position { line: 0, character: 0 };
            ops.push(DocumentChangeOperation::Edit(TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
                edits: vec![OneOf::Left(TextEdit { range: Range { start, end: start }, new_text: contents.clone() })],
            }));
        }
    }
    for (old, new) in moves {
        ops.push(DocumentChangeOperation::Op(ResourceOp::Rename(RenameFile {
            old_uri: convert::uri(root, old)?,
            new_uri: convert::uri(root, new)?,
            options: Some(RenameFileOptions { overwrite: Some(false), ignore_if_exists: Some(false) }),
            annotation_id: None,
        })));
    }
    Some(WorkspaceEdit {
        changes: None,
        document_changes: Some(DocumentChanges::Operations(ops)),
        change_annotations: None,
    })
}
