//! Hover: the Markdown card shown for the symbol at an offset.

use super::PointInAnswer;
use super::symbol::{Symbol, symbol_at};
use crate::document::AnswerDoc;
use crate::text::TextRange;
use crate::workspace::{SPEC_FILE, Workspace};

/// A key point of `spec.yaml`: where its question's answer makes it, or that it does not.
fn key_point_hover(ws: &Workspace, offset: usize) -> Option<(TextRange, String)> {
    let (question, point, range) = super::key_point_at(ws, offset)?;
    let title = format!("**Key point:** {}", point.name);
    let Some((answer, points)) = super::points_in_answer(ws, question) else {
        return Some((
            range,
            format!(
                "{title}

`{}` is not answered yet",
                question.id.value
            ),
        ));
    };
    let text = match points.iter().find(|p| std::ptr::eq(p.point, point)) {
        None => format!(
            "{title}

Its pattern is not valid (`invalid-pattern`): nothing is matched."
        ),
        Some(PointInAnswer { found: Some(at), sentence, .. }) => {
            let line = ws.source(&answer.path).map_or(0, |s| s.lines().line_col(&s.text, at.start).line);
            format!(
                "{title}

met in `{}` line {line}:

> {}",
                answer.path,
                sentence.as_deref().unwrap_or("")
            )
        }
        Some(_) => format!(
            "{title}

**not met** by `{}`: make this point in the answer",
            answer.path
        ),
    };
    Some((range, text))
}

/// Markdown shown when hovering the symbol at `offset`.
pub fn hover(ws: &Workspace, file: &str, offset: usize) -> Option<(TextRange, String)> {
    if file == SPEC_FILE
        && let Some(found) = key_point_hover(ws, offset)
    {
        return Some(found);
    }
    let Some(symbol) = symbol_at(ws, file, offset) else { return term_hover(ws, file, offset) };
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
            let cat = ws.spec()?.categories.iter().find(|c| &c.id.value == id)?;
            let answered = cat.questions.iter().filter(|q| ws.answers_for(&q.id.value).next().is_some()).count();
            let title = cat.title.as_ref().map_or(id.as_str(), |t| t.value.as_str());
            format!("**{title}**: {answered}/{} questions answered", cat.questions.len())
        }
        Symbol::Image { file: Some(target), alt, .. } if ws.file_exists(target) => {
            // The image itself, by its file URI, which editors render in a hover.
            let uri = file_uri(&ws.root.join(target));
            let alt = alt.replace(['[', ']'], "");
            format!("![{alt}]({uri})\n\n{alt}\n\n`{target}`")
        }
        Symbol::Image { file: Some(target), .. } => format!("`{target}` does not exist"),
        Symbol::Heading { .. } | Symbol::Link { file: None, .. } | Symbol::Image { file: None, .. } => {
            return term_hover(ws, file, offset);
        }
    };
    Some((symbol.range(), text))
}

/// The glossary terms named at `offset`: each one's card.
fn term_hover(ws: &Workspace, file: &str, offset: usize) -> Option<(TextRange, String)> {
    let (terms, range) = super::terms_at(ws, file, offset)?;
    let cards: Vec<String> = terms.iter().map(|t| super::term_card(ws, t)).collect();
    Some((range, cards.join("\n\n---\n\n")))
}

/// `file://` and the absolute path, percent-encoded outside the characters a URI path keeps.
fn file_uri(path: &std::path::Path) -> String {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let path = path.to_string_lossy().replace('\\', "/");
    let mut uri = String::from(if path.starts_with('/') { "file://" } else { "file:///" });
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
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
