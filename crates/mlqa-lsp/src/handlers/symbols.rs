//! Document symbols (an answer's outline, the spec's categories and questions) and workspace
//! symbols (every question, by words of its text).

use mlqa_core::ide::{self, OutlineKind, OutlineNode};
use tower_lsp_server::ls_types::{
    DocumentSymbol, DocumentSymbolResponse, Location, OneOf, SymbolInformation, SymbolKind, Uri, WorkspaceSymbol,
};

use crate::world::World;

pub fn document(w: &World, path: &str) -> Option<DocumentSymbolResponse> {
    let ws = w.ws.as_ref()?;
    let nodes = ide::outline(ws, path);
    let tree: Vec<DocumentSymbol> = nodes.iter().filter_map(|n| symbol(w, path, n)).collect();
    if w.support.hierarchical_symbols {
        return Some(DocumentSymbolResponse::Nested(tree));
    }
    // A client without hierarchical support takes a flat list, each under its parent's name.
    let uri = crate::convert::uri(w.root.as_ref()?, path)?;
    let mut flat = Vec::new();
    flatten(&uri, tree, None, &mut flat);
    Some(DocumentSymbolResponse::Flat(flat))
}

#[allow(deprecated)]
fn flatten(uri: &Uri, symbols: Vec<DocumentSymbol>, container: Option<&str>, out: &mut Vec<SymbolInformation>) {
    for s in symbols {
        out.push(SymbolInformation {
            name: s.name.clone(),
            kind: s.kind,
            tags: None,
            deprecated: None,
            location: Location { uri: uri.clone(), range: s.range },
            container_name: container.map(str::to_owned),
        });
        flatten(uri, s.children.unwrap_or_default(), Some(&s.name), out);
    }
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

/// The questions matching `query`, in the core's terms: (question, where, category).
pub fn find(w: &World, query: &str) -> Option<Vec<(String, ide::Location, String)>> {
    Some(ide::workspace_symbols(w.ws.as_ref()?, query))
}

pub fn workspace_symbol(w: &World, (name, at, category): &(String, ide::Location, String)) -> Option<WorkspaceSymbol> {
    Some(WorkspaceSymbol {
        name: name.clone(),
        kind: SymbolKind::KEY,
        tags: None,
        container_name: Some(category.clone()),
        location: OneOf::Left(super::location(w, &at.file, at.range)?),
        data: None,
    })
}
