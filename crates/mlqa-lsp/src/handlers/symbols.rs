//! Document symbols (an answer's outline, the spec's categories and questions) and workspace
//! symbols (every question, by words of its text).

use mlqa_core::ide::{self, OutlineKind, OutlineNode};
use tower_lsp_server::ls_types::{
    DocumentSymbol, DocumentSymbolResponse, OneOf, SymbolKind, WorkspaceSymbol, WorkspaceSymbolResponse,
};

use crate::world::World;

pub fn document(w: &World, path: &str) -> Option<DocumentSymbolResponse> {
    let ws = w.ws.as_ref()?;
    let nodes = ide::outline(ws, path);
    Some(DocumentSymbolResponse::Nested(nodes.iter().filter_map(|n| symbol(w, path, n)).collect()))
}

#[allow(deprecated)]
fn symbol(w: &World, path: &str, node: &OutlineNode) -> Option<DocumentSymbol> {
    Some(DocumentSymbol {
        name: if node.name.is_empty() { "(untitled)".to_owned() } else { node.name.clone() },
        detail: None,
        kind: match node.kind {
            OutlineKind::Heading => SymbolKind::STRING,
            OutlineKind::Category => SymbolKind::NAMESPACE,
            OutlineKind::Question => SymbolKind::KEY,
            OutlineKind::Resource => SymbolKind::OBJECT,
        },
        tags: None,
        deprecated: None,
        range: super::range(w, path, node.range)?,
        selection_range: super::range(w, path, node.selection)?,
        children: Some(node.children.iter().filter_map(|c| symbol(w, path, c)).collect()),
    })
}

pub fn workspace(w: &World, query: &str) -> Option<WorkspaceSymbolResponse> {
    let ws = w.ws.as_ref()?;
    let symbols = ide::workspace_symbols(ws, query)
        .into_iter()
        .filter_map(|(name, at, category)| {
            Some(WorkspaceSymbol {
                name,
                kind: SymbolKind::KEY,
                tags: None,
                container_name: Some(category),
                location: OneOf::Left(super::location(w, &at.file, at.range)?),
                data: None,
            })
        })
        .collect();
    Some(WorkspaceSymbolResponse::Nested(symbols))
}
