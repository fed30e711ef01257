//! Suppression comments in answers: `<!-- mlqa-disable RULE[, RULE] -->` for the file,
//! `<!-- mlqa-disable-next-line RULE[, RULE] -->` for the next non-blank line.

use crate::document::{AnswerDoc, Source};
use crate::registry::Rule;
use crate::text::TextRange;

#[derive(Debug, Clone)]
pub struct Suppression {
    /// The comment.
    pub range: TextRange,
    pub scope: Scope,
    /// The rules it names; `None` for a name that is no rule.
    pub rules: Vec<(String, Option<Rule>)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    File,
    /// The byte range of the line it applies to.
    Line(TextRange),
}

impl Suppression {
    pub fn covers(&self, rule: Rule, range: TextRange) -> bool {
        let named = self.rules.iter().any(|(_, r)| *r == Some(rule));
        named
            && match self.scope {
                Scope::File => true,
                Scope::Line(line) => line.touches(range.start),
            }
    }
}

pub fn parse(answer: &AnswerDoc, source: &Source) -> Vec<Suppression> {
    let mut out = Vec::new();
    for comment in &answer.md.comments {
        let Some(inner) = comment.text.trim().strip_prefix("<!--").and_then(|s| s.trim_end().strip_suffix("-->"))
        else {
            continue;
        };
        let inner = inner.trim();
        let (scope, names) = if let Some(rest) = inner.strip_prefix("mlqa-disable-next-line") {
            (Scope::Line(next_line(source, comment.range.end)), rest)
        } else if let Some(rest) = inner.strip_prefix("mlqa-disable") {
            (Scope::File, rest)
        } else {
            continue;
        };
        let rules = names
            .split([',', ' '])
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| (n.to_owned(), Rule::from_name(n)))
            .collect();
        out.push(Suppression { range: comment.range, scope, rules });
    }
    out
}

/// The first non-blank line after `offset` (the comment's end).
fn next_line(source: &Source, offset: usize) -> TextRange {
    let text = &source.text;
    let mut line = source.lines().line_of(offset.saturating_sub(1)) + 1;
    while line < source.lines().line_count() {
        let range = source.lines().line_range(line, text);
        if !text[range.start..range.end].trim().is_empty() {
            return range;
        }
        line += 1;
    }
    TextRange::empty(text.len())
}
