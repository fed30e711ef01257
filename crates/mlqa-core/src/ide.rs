//! What an editor asks about the KB, answered in the core's own types: what is at an offset,
//! where it is defined, what refers to it, what a rename changes, what to complete. The
//! language server only translates these to LSP (rust-analyzer's split of `ide` and server).

use crate::diagnostic::Edit;
use crate::document::{AnswerDoc, Item};
use crate::rules::links::{Target, classify, relative_path};
use crate::slug::slugify;
use crate::syntax::markdown::{Heading, LinkKind};
use crate::text::TextRange;
use crate::workspace::{RESOURCES_FILE, Resolved, SPEC_FILE, Workspace};

/// A range of a file of the KB.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: String,
    pub range: TextRange,
}

impl Location {
    fn new(file: &str, range: TextRange) -> Self {
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
        let spec = ws.spec.as_ref()?;
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
    if let Some(link) = answer.md.links.iter().find(|l| l.kind == LinkKind::Link && l.range.touches(offset)) {
        let (file, anchor) = link_target(ws, answer, &link.dest);
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
fn link_target(ws: &Workspace, answer: &AnswerDoc, dest: &str) -> (Option<String>, Option<String>) {
    match classify(dest) {
        Target::Fragment(f) => (Some(answer.path.clone()), Some(f.to_owned())),
        Target::Path { path: "", fragment } => (Some(answer.path.clone()), fragment.map(str::to_owned)),
        Target::Path { path, fragment } => match ws.resolve(&answer.path, path) {
            Resolved::Inside(p) => (Some(p), fragment.filter(|f| !f.is_empty()).map(str::to_owned)),
            Resolved::Escapes => (None, None),
        },
        Target::Url { .. } => (None, None),
    }
}

/// Where an answer starts to read: its H1, else its first byte.
fn answer_head(answer: &AnswerDoc) -> TextRange {
    answer.md.h1().map_or(TextRange::empty(0), |h| h.text_range)
}

fn heading_of<'a>(ws: &'a Workspace, file: &str, anchor: &str) -> Option<&'a Heading> {
    ws.answer_at(file)?.md.anchor(anchor)
}

/// Where the symbol at `offset` is defined.
pub fn definition(ws: &Workspace, file: &str, offset: usize) -> Vec<Location> {
    let Some(symbol) = symbol_at(ws, file, offset) else { return Vec::new() };
    match symbol {
        Symbol::Link { file: Some(target), anchor, .. } => match (ws.answer_at(&target), anchor) {
            (Some(a), Some(anchor)) => {
                heading_of(ws, &target, &anchor).map(|h| vec![Location::new(&a.path, h.text_range)]).unwrap_or_default()
            }
            (Some(a), None) => vec![Location::new(&a.path, answer_head(a))],
            (None, _) if ws.file_exists(&target) => vec![Location::new(&target, TextRange::empty(0))],
            _ => Vec::new(),
        },
        Symbol::Link { file: None, .. } => Vec::new(),
        Symbol::Question { id, .. } => {
            let own = file != SPEC_FILE && ws.answer_at(file).is_some_and(|a| a.id() == id);
            let answers: Vec<Location> = ws.answers_for(&id).map(|a| Location::new(&a.path, answer_head(a))).collect();
            if own || answers.is_empty() { spec_entry(ws, &id).into_iter().collect() } else { answers }
        }
        Symbol::Category { id, .. } => ws
            .spec
            .iter()
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
        Symbol::Heading { .. } => Vec::new(),
    }
}

fn spec_entry(ws: &Workspace, id: &str) -> Option<Location> {
    ws.question(id).map(|q| Location::new(SPEC_FILE, q.id.range))
}

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
        Symbol::Link { file: None, .. } => Vec::new(),
        Symbol::Resource { id, .. } => {
            let mut out: Vec<Location> = ws
                .answers
                .iter()
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
                .answers
                .iter()
                .filter_map(|a| {
                    a.meta.category.as_ref().filter(|c| c.value == id).map(|c| Location::new(&a.path, c.range))
                })
                .collect();
            out.extend(topics(ws, &id));
            if declaration {
                out.extend(
                    ws.spec
                        .iter()
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

fn topics(ws: &Workspace, id: &str) -> Vec<Location> {
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
    for a in &ws.answers {
        out.extend(a.meta.related.iter().filter(|r| r.value == id).map(|r| Location::new(&a.path, r.range)));
    }
    out.extend(topics(ws, id));
    out.extend(spec_entry(ws, id));
    out
}

/// Links to `target` (any anchor when `anchor` is None), at their destinations.
fn links_to(ws: &Workspace, target: &str, anchor: Option<&str>) -> Vec<Location> {
    let mut out = Vec::new();
    for a in &ws.answers {
        for link in a.md.links.iter().filter(|l| l.kind == LinkKind::Link) {
            let (file, frag) = link_target(ws, a, &link.dest);
            if file.as_deref() != Some(target) {
                continue;
            }
            let same_file_only = matches!(classify(&link.dest), Target::Fragment(_)) && anchor.is_none();
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

/// Markdown shown when hovering the symbol at `offset`.
pub fn hover(ws: &Workspace, file: &str, offset: usize) -> Option<(TextRange, String)> {
    let symbol = symbol_at(ws, file, offset)?;
    let text = match &symbol {
        Symbol::Link { file: Some(target), anchor, .. } => {
            let a = ws.answer_at(target)?;
            let mut text = answer_card(ws, a);
            if let Some(h) = anchor.as_deref().and_then(|x| a.md.anchor(x)) {
                text = format!("{text}\n\n→ section *{}*", h.text);
            }
            text
        }
        Symbol::Question { id, .. } => match ws.answers_for(id).next() {
            Some(a) if file == SPEC_FILE => format!("answered by `{}`\n\n{}", a.path, answer_card(ws, a)),
            Some(a) => answer_card(ws, a),
            None => match ws.question(id) {
                Some(q) => format!(
                    "**{}**\n\nnot answered yet: `{}` does not exist",
                    q.question.as_ref().map_or("", |i| i.value.as_str()),
                    Workspace::expected_path(q)
                ),
                None => format!("`{id}` is not a question of spec.yaml"),
            },
        },
        Symbol::Resource { id, .. } => {
            let r = ws.resource(id)?;
            let mut text = format!("**{}**", r.title.as_ref().map_or(id.as_str(), |t| t.value.as_str()));
            if let Some(kind) = &r.kind {
                text.push_str(&format!(" ({})", kind.value));
            }
            if let Some(url) = &r.url {
                text.push_str(&format!("\n\n<{}>", url.value));
            }
            text
        }
        Symbol::Category { id, .. } => {
            let cat = ws.spec.as_ref()?.categories.iter().find(|c| &c.id.value == id)?;
            let answered = cat.questions.iter().filter(|q| ws.answers_for(&q.id.value).next().is_some()).count();
            let title = cat.title.as_ref().map_or(id.as_str(), |t| t.value.as_str());
            format!("**{title}**: {answered}/{} questions answered", cat.questions.len())
        }
        Symbol::Heading { .. } | Symbol::Link { file: None, .. } => return None,
    };
    Some((symbol.range(), text))
}

/// The question and short answer of an answer, as Markdown.
fn answer_card(ws: &Workspace, a: &AnswerDoc) -> String {
    let question = a.md.h1().map_or(a.id(), |h| h.text.as_str());
    let short = short_answer(ws, a).unwrap_or_default();
    format!("**{question}**\n\n{short}\n\n`{}`", a.path)
}

/// The text of an answer's first configured section (its short answer), trimmed.
pub fn short_answer(ws: &Workspace, a: &AnswerDoc) -> Option<String> {
    let name = ws.config.answers.sections.first()?;
    let source = ws.source(&a.path)?;
    let section = a.md.sections(source.text.len()).into_iter().find(|s| s.heading.text.eq_ignore_ascii_case(name))?;
    let text = source.slice(section.body).trim();
    let cut = crate::text::floor_char_boundary(text, 800);
    Some(if cut < text.len() { format!("{}…", &text[..cut]) } else { text.to_owned() })
}

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

/// The link edits that keep the KB consistent when files move (`old` -> `new`), as an editor's
/// "will rename files" asks: links to a moved answer, and a moved answer's own relative links.
pub fn file_moves(ws: &Workspace, moves: &[(String, String)]) -> Vec<Edit> {
    let new_path = |p: &str| moves.iter().find(|(o, _)| o == p).map_or_else(|| p.to_owned(), |(_, n)| n.clone());
    let mut edits = Vec::new();
    for a in &ws.answers {
        let from_new = new_path(&a.path);
        for link in a.md.links.iter() {
            let Target::Path { path, .. } = classify(&link.dest) else { continue };
            if path.is_empty() {
                continue;
            }
            let Resolved::Inside(target) = ws.resolve(&a.path, path) else { continue };
            let target_new = new_path(&target);
            if target_new == target && from_new == a.path {
                continue;
            }
            let Some(source) = ws.source(&a.path) else { continue };
            let dest = source.slice(link.dest_range);
            let Some(at) = dest.find(path) else { continue };
            let start = link.dest_range.start + at;
            edits.push(Edit::replace(
                &a.path,
                TextRange::new(start, start + path.len()),
                relative_path(&from_new, &target_new),
            ));
        }
    }
    edits
}

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
                .spec
                .iter()
                .flat_map(|s| &s.categories)
                .map(|c| make(c.id.value.clone(), c.title.as_ref().map(|t| t.value.clone()), CompletionKind::Category))
                .collect(),
            Some("tags") => {
                let mut tags: Vec<&str> =
                    ws.answers.iter().flat_map(|a| &a.meta.tags).map(|t| t.value.as_str()).collect();
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
    let Some(open) = before.rfind("](") else { return Vec::new() };
    let dest = &before[open + 2..];
    if dest.contains(')') || dest.contains(' ') {
        return Vec::new();
    }
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
    ws.answers
        .iter()
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
        let Some(spec) = &ws.spec else { return Vec::new() };
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

/// A code lens of `spec.yaml`: a title at a range, and the answer it opens, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lens {
    pub range: TextRange,
    pub title: String,
    pub target: Option<String>,
}

/// Coverage on `spec.yaml`: per category (answered / total) and per question (answered or missing).
pub fn spec_lenses(ws: &Workspace) -> Vec<Lens> {
    let mut out = Vec::new();
    for c in ws.spec.iter().flat_map(|s| &s.categories) {
        let answered = c.questions.iter().filter(|q| ws.answers_for(&q.id.value).next().is_some()).count();
        out.push(Lens {
            range: c.id.range,
            title: format!(
                "{answered}/{} answered ({:.0}%)",
                c.questions.len(),
                crate::coverage::percent(answered, c.questions.len())
            ),
            target: None,
        });
        for q in &c.questions {
            let answer = ws.answers_for(&q.id.value).next();
            out.push(Lens {
                range: q.id.range,
                title: match answer {
                    Some(a) => format!("answered: {}", a.path),
                    None => format!("missing: {}", Workspace::expected_path(q)),
                },
                target: answer.map(|a| a.path.clone()),
            });
        }
    }
    out
}
