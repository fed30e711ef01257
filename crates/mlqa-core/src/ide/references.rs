//! Find references: every place that refers to the symbol at an offset.

use super::symbol::{Location, Symbol, heading_of, link_target, spec_entry, symbol_at};
use crate::syntax::link::LinkTarget;
use crate::workspace::{RESOURCES_FILE, SPEC_FILE, Workspace};

/// Every place that refers to the symbol at `offset` (with its definition if `declaration`).
pub fn references(ws: &Workspace, file: &str, offset: usize, declaration: bool) -> Vec<Location> {
    let Some(symbol) = symbol_at(ws, file, offset) else { return Vec::new() };
    let mut out = match symbol {
        Symbol::Question { id, .. } => question_references(ws, &id, declaration),
        Symbol::Heading { level: 1, file, .. } => {
            let id = ws.answer_at(&file).map(|a| a.id().to_owned()).unwrap_or_default();
            question_references(ws, &id, declaration)
        }
        Symbol::Link { file: Some(target), anchor: None, .. } => match ws.answer_at(&target) {
            Some(a) => question_references(ws, a.id(), declaration),
            None => links_to(ws, &target, None),
        },
        Symbol::Link { file: Some(target), anchor: Some(anchor), .. }
        | Symbol::Heading { file: target, anchor, .. } => {
            let mut out = links_to(ws, &target, Some(&anchor));
            if declaration {
                out.extend(heading_of(ws, &target, &anchor).map(|h| Location::new(&target, h.text_range)));
            }
            out
        }
        Symbol::Image { file: Some(target), .. } => links_to(ws, &target, None),
        Symbol::Link { file: None, .. } | Symbol::Image { file: None, .. } => Vec::new(),
        Symbol::Resource { id, .. } => {
            let mut out: Vec<Location> = ws
                .cited_by(&id)
                .filter_map(|p| ws.answer_at(p))
                .flat_map(|a| {
                    a.meta.resources.iter().filter(|r| r.value == id).map(|r| Location::new(&a.path, r.range))
                })
                .collect();
            if declaration {
                out.extend(ws.resource(&id).map(|r| Location::new(RESOURCES_FILE, r.id.range)));
            }
            out
        }
        Symbol::Category { id, .. } => {
            let mut out: Vec<Location> = ws
                .answers()
                .filter_map(|a| {
                    a.meta.category.as_ref().filter(|c| c.value == id).map(|c| Location::new(&a.path, c.range))
                })
                .collect();
            out.extend(topics(ws, &id));
            if declaration {
                out.extend(
                    ws.spec()
                        .into_iter()
                        .flat_map(|s| &s.categories)
                        .filter(|c| c.id.value == id)
                        .map(|c| Location::new(SPEC_FILE, c.id.range)),
                );
            }
            out
        }
    };
    out.sort();
    out.dedup();
    out
}

pub(super) fn topics(ws: &Workspace, id: &str) -> Vec<Location> {
    ws.resource_entries()
        .iter()
        .flat_map(|r| &r.topics)
        .filter(|t| t.value == id)
        .map(|t| Location::new(RESOURCES_FILE, t.range))
        .collect()
}

/// Links, `related` entries, topics and the spec entry that name the question `id`.
fn question_references(ws: &Workspace, id: &str, declaration: bool) -> Vec<Location> {
    let mut out = Vec::new();
    for a in ws.answers_for(id) {
        out.extend(links_to(ws, &a.path, None));
        if declaration {
            out.extend(a.meta.id.as_ref().map(|i| Location::new(&a.path, i.range)));
        }
    }
    for a in ws.answers() {
        out.extend(a.meta.related.iter().filter(|r| r.value == id).map(|r| Location::new(&a.path, r.range)));
    }
    out.extend(topics(ws, id));
    out.extend(spec_entry(ws, id));
    out
}

/// Links to `target` (any anchor when `anchor` is None), at their destinations.
pub(super) fn links_to(ws: &Workspace, target: &str, anchor: Option<&str>) -> Vec<Location> {
    let mut out = Vec::new();
    // The answers that link to it (the reverse index), and itself for its `#fragment` links.
    let from: std::collections::BTreeSet<&str> = ws.linked_from(target).chain([target]).collect();
    for a in from.into_iter().filter_map(|p| ws.answer_at(p)) {
        // Links and images alike: both refer to the file.
        for link in &a.md.links {
            let (file, frag) = link_target(a, link.to());
            if file.as_deref() != Some(target) {
                continue;
            }
            let same_file_only = matches!(link.to(), LinkTarget::Fragment(_)) && anchor.is_none();
            if same_file_only {
                continue;
            }
            if anchor.is_none_or(|want| frag.as_deref() == Some(want)) {
                out.push(Location::new(&a.path, link.dest_range));
            }
        }
    }
    out
}
