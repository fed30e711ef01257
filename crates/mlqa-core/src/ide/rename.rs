//! Rename: what can be renamed at an offset, and the edits and file moves a rename makes.

use super::references::{links_to, topics};
use super::symbol::{Symbol, heading_of, symbol_at};
use crate::diagnostic::Edit;
use crate::slug::slugify;
use crate::text::TextRange;
use crate::workspace::{RESOURCES_FILE, SPEC_FILE, Workspace};

/// What a rename changes: text edits, and files to move.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenameEdits {
    pub edits: Vec<Edit>,
    /// (old path, new path), relative to the root.
    pub files: Vec<(String, String)>,
}

/// The range and current name of what can be renamed at `offset`, or why nothing can.
pub fn prepare_rename(ws: &Workspace, file: &str, offset: usize) -> Result<(TextRange, String), String> {
    match symbol_at(ws, file, offset) {
        Some(Symbol::Question { range, id }) if ws.question(&id).is_some() => Ok((range, id)),
        Some(Symbol::Question { id, .. }) => {
            Err(format!("`{id}` is not a question of spec.yaml: fix the id before renaming it"))
        }
        Some(Symbol::Heading { level: 1, .. }) => {
            Err("the H1 is the question's text: change it in spec.yaml, then apply the question-mismatch fix"
                .to_owned())
        }
        Some(Symbol::Heading { range, file, anchor, .. }) => {
            let text = heading_of(ws, &file, &anchor).map(|h| h.text.clone()).unwrap_or_default();
            Ok((range, text))
        }
        Some(Symbol::Link { .. }) => {
            Err("rename the answer's id (its front matter `id`) or the heading itself; links follow".to_owned())
        }
        Some(Symbol::Resource { .. }) | Some(Symbol::Category { .. }) => {
            Err("resource and category ids are renamed in resources.yaml and spec.yaml by hand".to_owned())
        }
        None => Err("nothing to rename here: place the cursor on an answer id or a heading".to_owned()),
    }
}

/// The edits of renaming what is at `offset` to `new_name`.
pub fn rename(ws: &Workspace, file: &str, offset: usize, new_name: &str) -> Result<RenameEdits, String> {
    let (_, _) = prepare_rename(ws, file, offset)?;
    match symbol_at(ws, file, offset) {
        Some(Symbol::Question { id, .. }) => rename_question(ws, &id, new_name),
        Some(Symbol::Heading { file, anchor, .. }) => rename_heading(ws, &file, &anchor, new_name),
        _ => Err("nothing to rename here".to_owned()),
    }
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

fn rename_question(ws: &Workspace, old: &str, new: &str) -> Result<RenameEdits, String> {
    if !is_id(new) {
        return Err(format!("`{new}` is not a kebab-case id (lowercase letters, digits and single dashes)"));
    }
    if new != old && ws.question(new).is_some() {
        return Err(format!("`{new}` is already a question of spec.yaml"));
    }
    let mut out = RenameEdits::default();
    let q = ws.question(old).ok_or_else(|| format!("`{old}` is not a question of spec.yaml"))?;
    out.edits.push(Edit::replace(SPEC_FILE, q.id.range, new));
    for t in topics(ws, old) {
        out.edits.push(Edit::replace(RESOURCES_FILE, t.range, new));
    }
    for a in &ws.answers {
        for r in a.meta.related.iter().filter(|r| r.value == old) {
            out.edits.push(Edit::replace(&a.path, r.range, new));
        }
    }
    for a in ws.answers_for(old) {
        if let Some(id) = &a.meta.id {
            out.edits.push(Edit::replace(&a.path, id.range, new));
        }
        let new_path = match a.path.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/{new}.md"),
            None => format!("{new}.md"),
        };
        // Links to the answer name its file: rewrite the file name, keep the rest.
        for l in links_to(ws, &a.path, None) {
            let Some(source) = ws.source(&l.file) else { continue };
            let dest = source.slice(l.range);
            let name = format!("{old}.md");
            if let Some(at) = dest.rfind(&name) {
                let start = l.range.start + at;
                out.edits.push(Edit::replace(&l.file, TextRange::new(start, start + name.len()), format!("{new}.md")));
            }
        }
        out.files.push((a.path.clone(), new_path));
    }
    Ok(out)
}

fn rename_heading(ws: &Workspace, file: &str, anchor: &str, new: &str) -> Result<RenameEdits, String> {
    let new = new.trim();
    if new.is_empty() || new.contains('\n') {
        return Err("a heading is one non-empty line".to_owned());
    }
    let heading = heading_of(ws, file, anchor).ok_or("no such heading")?;
    let new_anchor = slugify(new);
    let mut out = RenameEdits::default();
    out.edits.push(Edit::replace(file, heading.text_range, new));
    if new_anchor != anchor {
        for l in links_to(ws, file, Some(anchor)) {
            let Some(source) = ws.source(&l.file) else { continue };
            let dest = source.slice(l.range);
            if let Some(hash) = dest.rfind('#') {
                let start = l.range.start + hash + 1;
                out.edits.push(Edit::replace(&l.file, TextRange::new(start, l.range.end), new_anchor.clone()));
            }
        }
    }
    Ok(out)
}
