//! Glossary terms in an answer: the terms named at an offset (for hover and go-to-definition),
//! and the terms a word being typed may complete to.

use super::completion::{Completion, CompletionKind};
use super::symbol::{Location, answer_head};
use crate::glossary::TermInfo;
use crate::text::TextRange;
use crate::workspace::{GLOSSARY_FILE, Workspace};

/// The glossary terms named at `offset` of the answer `file` (two when an acronym means two
/// things), and the name's range; not in front matter or code.
pub fn terms_at<'a>(ws: &'a Workspace, file: &str, offset: usize) -> Option<(Vec<&'a TermInfo>, TextRange)> {
    let answer = ws.answer_at(file)?;
    let source = ws.source(file)?;
    if offset < answer.body_start || answer.md.code_blocks.iter().any(|b| b.range.touches(offset)) {
        return None;
    }
    let lines = source.lines();
    let line = lines.line_range(lines.line_of(offset), &source.text);
    let (terms, range) = ws.lexicon().at(source.slice(line), offset - line.start)?;
    Some((terms, TextRange::new(line.start + range.start, line.start + range.end)))
}

/// A term as Markdown: its name and acronyms, its definition, and the answer that explains it.
pub fn term_card(ws: &Workspace, t: &TermInfo) -> String {
    let mut text = format!("**{}**", t.term);
    let label = t.label();
    text.push_str(&label[t.term.len()..]);
    text.push_str(&format!("\n\n{}", t.definition));
    if let Some(id) = &t.answer {
        match ws.answers_for(id).next() {
            Some(a) => {
                let question = a.md.h1().map_or(id.as_str(), |h| h.text.as_str());
                text.push_str(&format!("\n\nexplained in *{question}* (`{}`)", a.path));
            }
            None => text.push_str(&format!("\n\nexplained by `{id}`, not answered yet")),
        }
    }
    text
}

/// Where each term is explained: its answer's title, else its entry in the glossary.
pub fn term_definitions(ws: &Workspace, terms: &[&TermInfo]) -> Vec<Location> {
    terms
        .iter()
        .map(|t| match t.answer.as_deref().and_then(|id| ws.answers_for(id).next()) {
            Some(a) => Location::new(&a.path, answer_head(a)),
            None => Location::new(GLOSSARY_FILE, t.range),
        })
        .collect()
}

/// The glossary names the word ending at `offset` may complete to: a prefix of two characters
/// at least, names of any term.
pub fn term_completions(ws: &Workspace, text: &str, offset: usize) -> Vec<Completion> {
    let before = &text[..offset];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '-')
        .last()
        .map_or(offset, |(i, _)| i);
    let prefix = &text[start..offset];
    if prefix.chars().count() < 2 {
        return Vec::new();
    }
    let range = TextRange::new(start, offset);
    ws.lexicon()
        .starting_with(prefix)
        .into_iter()
        .map(|(name, t)| Completion {
            label: name.to_owned(),
            detail: Some(if name == t.term { t.definition.clone() } else { format!("{}: {}", t.term, t.definition) }),
            kind: CompletionKind::Term,
            range,
        })
        .collect()
}
