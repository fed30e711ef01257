//! Completion: ids in front matter, link targets and anchors, section headings.

use mlqa_core::ide::{self, CompletionKind};
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionResponse, CompletionTextEdit, Position, TextEdit,
};

use crate::world::World;

pub fn complete(w: &World, path: &str, pos: Position) -> Option<CompletionResponse> {
    let ws = w.ws.as_ref()?;
    let offset = super::offset(w, path, pos)?;
    let items = ide::completions(ws, path, offset)
        .into_iter()
        .filter_map(|c| {
            let range = super::range(w, path, c.range)?;
            Some(CompletionItem {
                label: c.label.clone(),
                detail: c.detail,
                kind: Some(match c.kind {
                    CompletionKind::Question | CompletionKind::File => CompletionItemKind::FILE,
                    CompletionKind::Resource => CompletionItemKind::REFERENCE,
                    CompletionKind::Category => CompletionItemKind::FOLDER,
                    CompletionKind::Tag | CompletionKind::Value => CompletionItemKind::VALUE,
                    CompletionKind::Anchor | CompletionKind::Section => CompletionItemKind::KEYWORD,
                    CompletionKind::Term => CompletionItemKind::TEXT,
                }),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text: c.label })),
                ..Default::default()
            })
        })
        .collect();
    Some(CompletionResponse::Array(items))
}
