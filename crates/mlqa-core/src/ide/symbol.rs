//! What is at an offset of a file: the symbol every feature starts from, and where it points.

use crate::document::{AnswerDoc, Item};
use crate::syntax::link::{LinkTarget, Resolved};
use crate::syntax::markdown::{Heading, LinkKind};
use crate::text::TextRange;
use crate::workspace::{RESOURCES_FILE, SPEC_FILE, Workspace};

/// A range of a file of the KB.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: String,
    pub range: TextRange,
}

impl Location {
    pub(super) fn new(file: &str, range: TextRange) -> Self {
        Self { file: file.to_owned(), range }
    }
}

/// What is at an offset of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Symbol {
    /// A Markdown link; `file` is its target inside the KB (None for URLs and escapes).
    Link {
        range: TextRange,
        file: Option<String>,
        anchor: Option<String>,
    },
    /// A Markdown image; `file` is its file inside the KB (None for URLs and escapes), `alt`
    /// its alt text.
    Image {
        range: TextRange,
        file: Option<String>,
        alt: String,
    },
    /// A question's id: an answer's `id`, an entry of `related`, the spec's `id`, a topic.
    Question {
        range: TextRange,
        id: String,
    },
    Category {
        range: TextRange,
        id: String,
    },
    Resource {
        range: TextRange,
        id: String,
    },
    /// A heading of an answer.
    Heading {
        range: TextRange,
        file: String,
        anchor: String,
        level: u8,
    },
}

impl Symbol {
    pub fn range(&self) -> TextRange {
        match self {
            Self::Link { range, .. }
            | Self::Image { range, .. }
            | Self::Question { range, .. }
            | Self::Category { range, .. }
            | Self::Resource { range, .. }
            | Self::Heading { range, .. } => *range,
        }
    }
}

/// The symbol at `offset` of `file`, if any.
pub fn symbol_at(ws: &Workspace, file: &str, offset: usize) -> Option<Symbol> {
    let hit = |item: &Item| item.range.touches(offset);
    if file == SPEC_FILE {
        let spec = ws.spec()?;
        for c in &spec.categories {
            if hit(&c.id) {
                return Some(Symbol::Category { range: c.id.range, id: c.id.value.clone() });
            }
            for q in &c.questions {
                if hit(&q.id) || q.question.as_ref().is_some_and(hit) {
                    return Some(Symbol::Question { range: q.id.range, id: q.id.value.clone() });
                }
            }
        }
        return None;
    }
    if file == RESOURCES_FILE {
        for r in ws.resource_entries() {
            if hit(&r.id) {
                return Some(Symbol::Resource { range: r.id.range, id: r.id.value.clone() });
            }
            if let Some(t) = r.topics.iter().find(|t| hit(t)) {
                return Some(topic_symbol(ws, t));
            }
        }
        return None;
    }
    let answer = ws.answer_at(file)?;
    let meta = &answer.meta;
    if let Some(id) = meta.id.as_ref().filter(|i| hit(i)) {
        return Some(Symbol::Question { range: id.range, id: id.value.clone() });
    }
    if let Some(c) = meta.category.as_ref().filter(|i| hit(i)) {
        return Some(Symbol::Category { range: c.range, id: c.value.clone() });
    }
    if let Some(r) = meta.related.iter().find(|i| hit(i)) {
        return Some(Symbol::Question { range: r.range, id: r.value.clone() });
    }
    if let Some(r) = meta.resources.iter().find(|i| hit(i)) {
        return Some(Symbol::Resource { range: r.range, id: r.value.clone() });
    }
    if let Some(image) = answer.md.links.iter().find(|l| l.kind == LinkKind::Image && l.range.touches(offset)) {
        let alt = ws.source(file).map_or(String::new(), |s| s.slice(image.text).trim().to_owned());
        return Some(Symbol::Image { range: image.dest_range, file: image.to().inside().map(str::to_owned), alt });
    }
    if let Some(link) = answer.md.links.iter().find(|l| l.kind == LinkKind::Link && l.range.touches(offset)) {
        let (file, anchor) = link_target(answer, link.to());
        return Some(Symbol::Link { range: link.dest_range, file, anchor });
    }
    let h = answer.md.headings.iter().find(|h| h.range.touches(offset))?;
    Some(Symbol::Heading { range: h.text_range, file: file.to_owned(), anchor: h.anchor.clone(), level: h.level })
}

fn topic_symbol(ws: &Workspace, t: &Item) -> Symbol {
    if ws.has_category(&t.value) {
        Symbol::Category { range: t.range, id: t.value.clone() }
    } else {
        Symbol::Question { range: t.range, id: t.value.clone() }
    }
}

/// Where a link written in `answer` points: a KB file and an anchor.
pub(super) fn link_target(answer: &AnswerDoc, to: LinkTarget<'_>) -> (Option<String>, Option<String>) {
    match to {
        LinkTarget::Fragment(f) => (Some(answer.path.clone()), Some(f.to_owned())),
        LinkTarget::Path { fragment, resolved: None, .. } => (Some(answer.path.clone()), fragment.map(str::to_owned)),
        LinkTarget::Path { fragment, resolved: Some(Resolved::Inside(p)), .. } => {
            (Some(p.clone()), fragment.filter(|f| !f.is_empty()).map(str::to_owned))
        }
        LinkTarget::Path { resolved: Some(Resolved::Escapes), .. } | LinkTarget::Url { .. } => (None, None),
    }
}

/// Where an answer starts to read: its H1, else its first byte.
pub(super) fn answer_head(answer: &AnswerDoc) -> TextRange {
    answer.md.h1().map_or(TextRange::empty(0), |h| h.text_range)
}

pub(super) fn heading_of<'a>(ws: &'a Workspace, file: &str, anchor: &str) -> Option<&'a Heading> {
    ws.answer_at(file)?.md.anchor(anchor)
}

pub(super) fn spec_entry(ws: &Workspace, id: &str) -> Option<Location> {
    ws.question(id).map(|q| Location::new(SPEC_FILE, q.id.range))
}
