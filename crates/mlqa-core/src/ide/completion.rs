//! Completion: what to offer at an offset (front matter values, sections, link paths, anchors,
//! glossary terms in prose).

use crate::syntax::link::{Resolved, relative_path};
use crate::text::TextRange;
use crate::workspace::Workspace;

/// What a completion offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub detail: Option<String>,
    pub kind: CompletionKind,
    /// The text the completion replaces (the word typed so far).
    pub range: TextRange,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    Question,
    Resource,
    Category,
    Tag,
    Value,
    File,
    Anchor,
    Section,
    /// A glossary term's name, in an answer's prose.
    Term,
}

/// Completions at `offset` of `file`.
pub fn completions(ws: &Workspace, file: &str, offset: usize) -> Vec<Completion> {
    let Some(answer) = ws.answer_at(file) else { return Vec::new() };
    let Some(source) = ws.source(file) else { return Vec::new() };
    let text = &source.text;
    let offset = crate::text::floor_char_boundary(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |n| n + 1);
    let before = &text[line_start..offset];
    let word_start = offset - before.len() + before.rfind(|c: char| " [,:(#".contains(c)).map_or(0, |n| n + 1);
    let word = TextRange::new(word_start, offset);
    let make = |label: String, detail: Option<String>, kind| Completion { label, detail, kind, range: word };
    if let Some(front) = answer.front.as_ref().filter(|f| f.range.touches(offset)) {
        let key = front_matter_key(&text[front.range.start..line_start], before);
        return match key.as_deref() {
            Some("related") => ws
                .questions()
                .filter(|q| q.id.value != answer.id())
                .map(|q| {
                    make(q.id.value.clone(), q.question.as_ref().map(|i| i.value.clone()), CompletionKind::Question)
                })
                .collect(),
            Some("resources") => ws
                .resource_entries()
                .iter()
                .map(|r| make(r.id.value.clone(), r.title.as_ref().map(|t| t.value.clone()), CompletionKind::Resource))
                .collect(),
            Some("category") => ws
                .spec()
                .into_iter()
                .flat_map(|s| &s.categories)
                .map(|c| make(c.id.value.clone(), c.title.as_ref().map(|t| t.value.clone()), CompletionKind::Category))
                .collect(),
            Some("tags") => {
                let mut tags: Vec<&str> = ws.answers().flat_map(|a| &a.meta.tags).map(|t| t.value.as_str()).collect();
                tags.sort_unstable();
                tags.dedup();
                tags.into_iter().map(|t| make(t.to_owned(), None, CompletionKind::Tag)).collect()
            }
            Some("difficulty") => {
                ["intro", "core", "advanced"].map(|d| make(d.to_owned(), None, CompletionKind::Value)).to_vec()
            }
            _ => Vec::new(),
        };
    }
    if let Some(rest) = before.strip_prefix("## ") {
        let have: Vec<&str> = answer.md.headings.iter().filter(|h| h.level == 2).map(|h| h.text.as_str()).collect();
        let range = TextRange::new(offset - rest.len(), offset);
        return ws
            .config
            .answers
            .sections
            .iter()
            .filter(|s| !have.iter().any(|h| h.eq_ignore_ascii_case(s)))
            .map(|s| Completion {
                label: s.clone(),
                detail: Some("required section".into()),
                kind: CompletionKind::Section,
                range,
            })
            .collect();
    }
    // A link's destination being typed: paths and anchors. Anywhere else in prose: terms.
    let dest = before.rfind("](").map(|open| &before[open + 2..]).filter(|d| !d.contains(')') && !d.contains(' '));
    let Some(dest) = dest else {
        let in_code = answer.md.code_blocks.iter().any(|b| b.range.touches(offset));
        return if in_code || offset < answer.body_start {
            Vec::new()
        } else {
            super::terms::term_completions(ws, text, offset)
        };
    };
    let dest_start = offset - dest.len();
    if let Some((path, frag)) = dest.split_once('#') {
        let target = if path.is_empty() {
            Some(file.to_owned())
        } else {
            match ws.resolve(file, path) {
                Resolved::Inside(p) => Some(p),
                Resolved::Escapes => None,
            }
        };
        let Some(target) = target.and_then(|t| ws.answer_at(&t)) else { return Vec::new() };
        let range = TextRange::new(offset - frag.len(), offset);
        return target
            .md
            .headings
            .iter()
            .map(|h| Completion {
                label: h.anchor.clone(),
                detail: Some(h.text.clone()),
                kind: CompletionKind::Anchor,
                range,
            })
            .collect();
    }
    let range = TextRange::new(dest_start, offset);
    ws.answers()
        .filter(|a| a.path != file)
        .map(|a| Completion {
            label: relative_path(file, &a.path),
            detail: a.md.h1().map(|h| h.text.clone()),
            kind: CompletionKind::File,
            range,
        })
        .collect()
}

/// The front matter key the cursor's value belongs to: this line's `key:`, or the key of the
/// block list the line continues (`  - item`).
fn front_matter_key(above: &str, line: &str) -> Option<String> {
    let key_of = |l: &str| {
        let (k, _) = l.split_once(':')?;
        (!k.starts_with([' ', '-']) && !k.is_empty()).then(|| k.trim().to_owned())
    };
    if let Some(k) = key_of(line) {
        return Some(k);
    }
    if line.trim_start().starts_with('-') || line.trim().is_empty() {
        return above.lines().rev().find_map(key_of);
    }
    None
}
