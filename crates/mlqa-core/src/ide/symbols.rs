//! Document and workspace symbols: a file's outline, and the questions matching a query.

use super::symbol::{Location, answer_head};
use crate::text::TextRange;
use crate::workspace::{RESOURCES_FILE, SPEC_FILE, Workspace};

/// A node of a document's outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineNode {
    pub name: String,
    pub kind: OutlineKind,
    /// The whole extent (a heading's section, a spec entry).
    pub range: TextRange,
    /// What to highlight (the heading's text, the id).
    pub selection: TextRange,
    pub children: Vec<OutlineNode>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineKind {
    Heading,
    Category,
    Question,
    Resource,
}

/// The outline of a file: an answer's headings nested by level; the spec's categories and
/// questions; the resources.
pub fn outline(ws: &Workspace, file: &str) -> Vec<OutlineNode> {
    if file == SPEC_FILE {
        let Some(spec) = ws.spec() else { return Vec::new() };
        return spec
            .categories
            .iter()
            .map(|c| {
                let children: Vec<OutlineNode> = c
                    .questions
                    .iter()
                    .map(|q| OutlineNode {
                        name: q.question.as_ref().map_or_else(|| q.id.value.clone(), |t| t.value.clone()),
                        kind: OutlineKind::Question,
                        range: q.entry.cover(q.id.range),
                        selection: q.id.range,
                        children: Vec::new(),
                    })
                    .collect();
                let range = children.iter().fold(c.id.range, |r, ch| r.cover(ch.range));
                OutlineNode {
                    name: c.title.as_ref().map_or_else(|| c.id.value.clone(), |t| t.value.clone()),
                    kind: OutlineKind::Category,
                    range,
                    selection: c.id.range,
                    children,
                }
            })
            .collect();
    }
    if file == RESOURCES_FILE {
        return ws
            .resource_entries()
            .iter()
            .map(|r| OutlineNode {
                name: r.title.as_ref().map_or_else(|| r.id.value.clone(), |t| t.value.clone()),
                kind: OutlineKind::Resource,
                range: r.id.range,
                selection: r.id.range,
                children: Vec::new(),
            })
            .collect();
    }
    let Some(answer) = ws.answer_at(file) else { return Vec::new() };
    let len = ws.source(file).map_or(0, |s| s.text.len());
    let headings = &answer.md.headings;
    let mut roots: Vec<OutlineNode> = Vec::new();
    let mut stack: Vec<(u8, OutlineNode)> = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        let end = headings[i + 1..].iter().find(|n| n.level <= h.level).map_or(len, |n| n.range.start);
        let node = OutlineNode {
            name: h.text.clone(),
            kind: OutlineKind::Heading,
            range: TextRange::new(h.range.start, end.max(h.range.end)),
            selection: h.text_range,
            children: Vec::new(),
        };
        while stack.last().is_some_and(|(level, _)| *level >= h.level) {
            let (_, done) = stack.pop().expect("non-empty");
            attach(&mut stack, &mut roots, done);
        }
        stack.push((h.level, node));
    }
    while let Some((_, done)) = stack.pop() {
        attach(&mut stack, &mut roots, done);
    }
    roots
}

fn attach(stack: &mut [(u8, OutlineNode)], roots: &mut Vec<OutlineNode>, node: OutlineNode) {
    match stack.last_mut() {
        Some((_, parent)) => parent.children.push(node),
        None => roots.push(node),
    }
}

/// Questions whose text or id contains every word of `query` (case-insensitive), located at
/// their answer's H1 or, unanswered, at their spec entry.
pub fn workspace_symbols(ws: &Workspace, query: &str) -> Vec<(String, Location, String)> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    ws.questions()
        .filter_map(|q| {
            let text = q.question.as_ref().map_or(q.id.value.as_str(), |t| t.value.as_str());
            let hay = format!("{} {}", text.to_lowercase(), q.id.value);
            if !words.iter().all(|w| hay.contains(w.as_str())) {
                return None;
            }
            let at = match ws.answers_for(&q.id.value).next() {
                Some(a) => Location::new(&a.path, answer_head(a)),
                None => Location::new(SPEC_FILE, q.id.range),
            };
            Some((text.to_owned(), at, q.category.clone()))
        })
        .collect()
}
