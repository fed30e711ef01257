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

/// Why a rename is refused; its `Display` is the sentence shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenameRefusal {
    /// The id at the cursor is not a question of `spec.yaml`.
    UnknownId { id: String },
    /// The cursor is on an answer's H1, which follows the spec's question text.
    QuestionHeading,
    /// The cursor is on a link: rename what it points to instead.
    Link,
    /// Resource and category ids are not renamed by the server.
    ResourceOrCategory,
    /// Nothing renamable is at the cursor.
    NothingHere,
    /// What `prepare_rename` accepted is no longer renamable.
    NothingToRename,
    /// The new name of a question is not a kebab-case id.
    NotAnId { new: String },
    /// The new name of a question is already a question's id.
    IdTaken { new: String },
    /// The question being renamed is not in `spec.yaml`.
    NotInSpec { id: String },
    /// The new text of a heading is empty or spans lines.
    BadHeading,
    /// The heading being renamed is gone.
    NoSuchHeading,
}

impl std::fmt::Display for RenameRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownId { id } => write!(f, "`{id}` is not a question of spec.yaml: fix the id before renaming it"),
            Self::QuestionHeading => f.write_str(
                "the H1 is the question's text: change it in spec.yaml, then apply the question-mismatch fix",
            ),
            Self::Link => {
                f.write_str("rename the answer's id (its front matter `id`) or the heading itself; links follow")
            }
            Self::ResourceOrCategory => {
                f.write_str("resource and category ids are renamed in resources.yaml and spec.yaml by hand")
            }
            Self::NothingHere => f.write_str("nothing to rename here: place the cursor on an answer id or a heading"),
            Self::NothingToRename => f.write_str("nothing to rename here"),
            Self::NotAnId { new } => {
                write!(f, "`{new}` is not a kebab-case id (lowercase letters, digits and single dashes)")
            }
            Self::IdTaken { new } => write!(f, "`{new}` is already a question of spec.yaml"),
            Self::NotInSpec { id } => write!(f, "`{id}` is not a question of spec.yaml"),
            Self::BadHeading => f.write_str("a heading is one non-empty line"),
            Self::NoSuchHeading => f.write_str("no such heading"),
        }
    }
}

impl std::error::Error for RenameRefusal {}

/// The range and current name of what can be renamed at `offset`, or why nothing can.
pub fn prepare_rename(ws: &Workspace, file: &str, offset: usize) -> Result<(TextRange, String), RenameRefusal> {
    match symbol_at(ws, file, offset) {
        Some(Symbol::Question { range, id }) if ws.question(&id).is_some() => Ok((range, id)),
        Some(Symbol::Question { id, .. }) => Err(RenameRefusal::UnknownId { id }),
        Some(Symbol::Heading { level: 1, .. }) => Err(RenameRefusal::QuestionHeading),
        Some(Symbol::Heading { range, file, anchor, .. }) => {
            let text = heading_of(ws, &file, &anchor).map(|h| h.text.clone()).unwrap_or_default();
            Ok((range, text))
        }
        Some(Symbol::Link { .. } | Symbol::Image { .. }) => Err(RenameRefusal::Link),
        Some(Symbol::Resource { .. }) | Some(Symbol::Category { .. }) => Err(RenameRefusal::ResourceOrCategory),
        None => Err(RenameRefusal::NothingHere),
    }
}

/// The edits of renaming what is at `offset` to `new_name`.
pub fn rename(ws: &Workspace, file: &str, offset: usize, new_name: &str) -> Result<RenameEdits, RenameRefusal> {
    let (_, _) = prepare_rename(ws, file, offset)?;
    match symbol_at(ws, file, offset) {
        Some(Symbol::Question { id, .. }) => rename_question(ws, &id, new_name),
        Some(Symbol::Heading { file, anchor, .. }) => rename_heading(ws, &file, &anchor, new_name),
        _ => Err(RenameRefusal::NothingToRename),
    }
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

fn rename_question(ws: &Workspace, old: &str, new: &str) -> Result<RenameEdits, RenameRefusal> {
    if !is_id(new) {
        return Err(RenameRefusal::NotAnId { new: new.to_owned() });
    }
    if new != old && ws.question(new).is_some() {
        return Err(RenameRefusal::IdTaken { new: new.to_owned() });
    }
    let mut out = RenameEdits::default();
    let q = ws.question(old).ok_or_else(|| RenameRefusal::NotInSpec { id: old.to_owned() })?;
    out.edits.push(Edit::replace(SPEC_FILE, q.id.range, new));
    for t in topics(ws, old) {
        out.edits.push(Edit::replace(RESOURCES_FILE, t.range, new));
    }
    for a in ws.answers() {
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

fn rename_heading(ws: &Workspace, file: &str, anchor: &str, new: &str) -> Result<RenameEdits, RenameRefusal> {
    let new = new.trim();
    if new.is_empty() || new.contains('\n') {
        return Err(RenameRefusal::BadHeading);
    }
    let heading = heading_of(ws, file, anchor).ok_or(RenameRefusal::NoSuchHeading)?;
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
