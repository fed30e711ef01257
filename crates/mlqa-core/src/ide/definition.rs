//! Go to definition: where the symbol at an offset is defined (a glossary term: the answer that
//! explains it).

use super::symbol::{Location, Symbol, answer_head, heading_of, spec_entry, symbol_at};
use crate::text::TextRange;
use crate::workspace::{RESOURCES_FILE, SPEC_FILE, Workspace};

/// Where the symbol at `offset` is defined.
pub fn definition(ws: &Workspace, file: &str, offset: usize) -> Vec<Location> {
    let Some(symbol) = symbol_at(ws, file, offset) else { return term_definitions(ws, file, offset) };
    match symbol {
        Symbol::Link { file: Some(target), anchor, .. } => match (ws.answer_at(&target), anchor) {
            (Some(a), Some(anchor)) => {
                heading_of(ws, &target, &anchor).map(|h| vec![Location::new(&a.path, h.text_range)]).unwrap_or_default()
            }
            (Some(a), None) => vec![Location::new(&a.path, answer_head(a))],
            (None, _) if ws.file_exists(&target) => vec![Location::new(&target, TextRange::empty(0))],
            _ => Vec::new(),
        },
        Symbol::Image { file: Some(target), .. } if ws.file_exists(&target) => {
            vec![Location::new(&target, TextRange::empty(0))]
        }
        Symbol::Link { file: None, .. } | Symbol::Image { .. } => Vec::new(),
        Symbol::Question { id, .. } => {
            let own = file != SPEC_FILE && ws.answer_at(file).is_some_and(|a| a.id() == id);
            let answers: Vec<Location> = ws.answers_for(&id).map(|a| Location::new(&a.path, answer_head(a))).collect();
            if own || answers.is_empty() { spec_entry(ws, &id).into_iter().collect() } else { answers }
        }
        Symbol::Category { id, .. } => ws
            .spec()
            .into_iter()
            .flat_map(|s| &s.categories)
            .filter(|c| c.id.value == id)
            .map(|c| Location::new(SPEC_FILE, c.id.range))
            .take(1)
            .collect(),
        Symbol::Resource { id, .. } => {
            ws.resource(&id).map(|r| Location::new(RESOURCES_FILE, r.id.range)).into_iter().collect()
        }
        Symbol::Heading { level: 1, file, .. } => {
            let id = ws.answer_at(&file).map(|a| a.id().to_owned()).unwrap_or_default();
            spec_entry(ws, &id).into_iter().collect()
        }
        Symbol::Heading { .. } => term_definitions(ws, file, offset),
    }
}

/// Where the glossary terms named at `offset` are explained.
fn term_definitions(ws: &Workspace, file: &str, offset: usize) -> Vec<Location> {
    super::terms_at(ws, file, offset).map(|(terms, _)| super::terms::term_definitions(ws, &terms)).unwrap_or_default()
}
