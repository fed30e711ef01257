use std::collections::HashSet;

use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::glossary::{acronyms, prose_of_heading};
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::text::TextRange;
use crate::workspace::GLOSSARY_FILE;

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "undefined-acronym",
    family: Family::Completeness,
    default_level: RuleLevel::Warn,
    fix: FixAvailability::Unsafe,
    summary: "an acronym in an answer that glossary.yaml does not define",
    explanation: r#"## What it does
In a KB with a `glossary.yaml`, reports the first use in each answer of an acronym the glossary
does not define. An acronym is a word that starts with a capital and has at least two capitals
and no more small letters than capitals (`AUC`, `BF16`, `LoRA`, `GPUs`; not `PyTorch`). It is
defined when it is a word of some term's name, acronym or alias; a plural `s` or a version
number is allowed (`GPUs` for `GPU`, `FSDP2` for `FSDP`). Prose and headings are read; code,
inline code and math are not.

## Why is this bad?
A reader who meets an acronym the page never spells out has to leave it to learn what it means.
A glossary entry gives every answer's page a definition on hover and a link, and makes search
find the answer under the acronym's expansion.

## Fix
Unsafe: adds an entry for the acronym after the last term of `glossary.yaml`; write its
expansion and its definition there (the scaffold says where), and keep the commented `answer`
if this answer is the one that explains the term.
"#,
};

fn check<'a>(ctx: &AnswerCtx<'a>, out: &mut Vec<Diagnostic>) {
    if ctx.ws.glossary().is_none() {
        return;
    }
    let lexicon = ctx.ws.lexicon();
    let md = &ctx.answer.md;
    let mut reported: HashSet<&str> = HashSet::new();
    let source: &str = &ctx.source.text;
    let mut found: Vec<(TextRange, &str)> = Vec::new();
    let mut scan = |start: usize, text: &'a str| {
        for (r, word) in acronyms(text) {
            if !lexicon.defines_acronym(word) {
                found.push((TextRange::new(start + r.start, start + r.end), word));
            }
        }
    };
    // Prose runs are text, inline code or math, whole: code and math are skipped.
    for range in md.prose.iter().map(|p| p.range()) {
        let text = source.get(range.start..range.end).unwrap_or("");
        if !text.starts_with(['`', '$']) {
            scan(range.start, text);
        }
    }
    // A heading's title is its Markdown: its code and math are cut out.
    for h in &md.headings {
        for (at, part) in prose_of_heading(source.get(h.text_range.start..h.text_range.end).unwrap_or("")) {
            scan(h.text_range.start + at, part);
        }
    }
    found.sort_by_key(|(r, _)| r.start);
    let (at, needs_newline) = insertion_point(ctx);
    for (range, word) in found {
        let word = word.strip_suffix('s').filter(|w| crate::glossary::is_acronym(w)).unwrap_or(word);
        if !reported.insert(word) {
            continue;
        }
        let mut entry = String::from(if needs_newline { "\n" } else { "" });
        entry.push_str(&format!(
            "  - term: \"(write out what {word} stands for)\"\n    acronyms: [\"{word}\"]\n    definition: \"(one line in your own words)\"\n"
        ));
        // Whether this answer explains the term is the author's call: `answer` makes search rank
        // it first for the term, so it is offered, not written.
        if ctx.question.is_some() {
            entry.push_str(&format!("    # answer: {}   (if this answer explains it)\n", ctx.answer.id()));
        }
        out.push(
            Diagnostic::new(Rule::UndefinedAcronym, ctx.path(), range, format!("`{word}` is not in the glossary"))
                .with_help(format!(
                    "add a term for `{word}` to {GLOSSARY_FILE}, with its expansion and a one-line definition"
                ))
                .with_fix(Fix::unsafe_(
                    format!("Add `{word}` to {GLOSSARY_FILE}"),
                    vec![Edit::insert(GLOSSARY_FILE, at, entry)],
                )),
        );
    }
}

/// Where a new term goes in `glossary.yaml`: after the line that ends the last term (the terms
/// need not be the file's last block), else at the end; and whether a line break must come first.
fn insertion_point(ctx: &AnswerCtx<'_>) -> (usize, bool) {
    let Some(source) = ctx.ws.source(GLOSSARY_FILE) else { return (0, false) };
    let text = &source.text;
    let last_end = ctx.ws.glossary().and_then(|g| g.terms.last()).map(|t| {
        t.names().chain(&t.definition).chain(&t.answer).map(|i| i.range.end).max().unwrap_or(t.term.range.end)
    });
    match last_end {
        Some(end) => {
            let line_end = text[end..].find('\n').map_or(text.len(), |n| end + n + 1);
            (line_end, !text[..line_end].ends_with('\n'))
        }
        None => (text.len(), !text.is_empty() && !text.ends_with('\n')),
    }
}
