use std::collections::HashSet;

use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::glossary::acronyms;
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
Unsafe: adds an entry for the acronym at the end of `glossary.yaml`, with this answer as the one
that uses it; write its expansion and its definition there (the scaffold says where).
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.ws.glossary().is_none() {
        return;
    }
    let lexicon = ctx.ws.lexicon();
    let md = &ctx.answer.md;
    let mut reported: HashSet<&str> = HashSet::new();
    let runs = md.prose.iter().map(|p| p.range()).chain(md.headings.iter().map(|h| h.text_range));
    let mut found: Vec<(TextRange, &str)> = Vec::new();
    for range in runs {
        let text = ctx.source.slice(range);
        if text.starts_with(['`', '$']) {
            continue;
        }
        for (r, word) in acronyms(text) {
            if !lexicon.defines_acronym(word) {
                found.push((TextRange::new(range.start + r.start, range.start + r.end), word));
            }
        }
    }
    found.sort_by_key(|(r, _)| r.start);
    let end = ctx.ws.source(GLOSSARY_FILE).map_or(0, |s| s.text.len());
    let needs_newline = ctx.ws.source(GLOSSARY_FILE).is_some_and(|s| !s.text.is_empty() && !s.text.ends_with('\n'));
    for (range, word) in found {
        let word = word.strip_suffix('s').filter(|w| crate::glossary::is_acronym(w)).unwrap_or(word);
        if !reported.insert(word) {
            continue;
        }
        let mut entry = String::from(if needs_newline { "\n" } else { "" });
        entry.push_str(&format!(
            "  - term: \"(write out what {word} stands for)\"\n    acronyms: [\"{word}\"]\n    definition: \"(one line in your own words)\"\n"
        ));
        if ctx.question.is_some() {
            entry.push_str(&format!("    answer: {}\n", ctx.answer.id()));
        }
        out.push(
            Diagnostic::new(Rule::UndefinedAcronym, ctx.path(), range, format!("`{word}` is not in the glossary"))
                .with_help(format!(
                    "add a term for `{word}` to {GLOSSARY_FILE}, with its expansion and a one-line definition"
                ))
                .with_fix(Fix::unsafe_(
                    format!("Add `{word}` to {GLOSSARY_FILE}"),
                    vec![Edit::insert(GLOSSARY_FILE, end, entry)],
                )),
        );
    }
}
