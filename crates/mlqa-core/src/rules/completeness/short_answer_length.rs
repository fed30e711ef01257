use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::completeness::same_section;
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "short-answer-length",
    family: Family::Completeness,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "a short answer longer than the configured words or sentences",
    explanation: r#"## What it does
Counts the words and sentences of the first configured section (`Short answer`) and reports it
when it has more than `short-answer-max-words` words or `short-answer-max-sentences` sentences
(defaults 80 and 3). A sentence ends with `.`, `!` or `?` before a space or the end; "e.g.",
"i.e.", "vs." and "etc." do not end one.

## Why is this bad?
The short answer is what a candidate says in the first breath, and what the quiz shows first. If
it needs more than three sentences, the substance belongs in the explanation.

## Fix
None automatic: move detail into the explanation.
"#,
};

const ABBREVIATIONS: [&str; 8] = ["e.g.", "i.e.", "vs.", "etc.", "cf.", "approx.", "fig.", "eq."];

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(name) = ctx.config().sections.first() else {
        return;
    };
    let md = &ctx.answer.md;
    let Some(section) = md.sections(ctx.text().len()).into_iter().find(|s| same_section(&s.heading.text, name)) else {
        return;
    };
    let words = md.words_in(section.body);
    let text: String = md
        .prose
        .iter()
        .filter(|p| section.body.contains(p.range().start))
        .map(|p| ctx.source.slice(p.range()))
        .collect::<Vec<_>>()
        .join(" ");
    let sentences = count_sentences(&text);
    let cfg = ctx.config();
    let mut problems = Vec::new();
    if words > cfg.short_answer_max_words {
        problems.push(format!("{words} words (at most {})", cfg.short_answer_max_words));
    }
    if sentences > cfg.short_answer_max_sentences {
        problems.push(format!("{sentences} sentences (at most {})", cfg.short_answer_max_sentences));
    }
    if !problems.is_empty() {
        out.push(
            Diagnostic::new(
                Rule::ShortAnswerLength,
                ctx.path(),
                section.heading.text_range,
                format!("the short answer has {}", problems.join(" and ")),
            )
            .with_help("keep it to what you would say first; move detail into the explanation"),
        );
    }
}

pub(crate) fn count_sentences(text: &str) -> usize {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let ends = tokens
        .iter()
        .filter(|t| {
            let t = t.trim_end_matches(['*', '_', ')', '"', '\'', '`']);
            t.ends_with(['.', '!', '?']) && !ABBREVIATIONS.iter().any(|a| t.eq_ignore_ascii_case(a))
        })
        .count();
    let trailing =
        tokens.last().is_some_and(|t| !t.trim_end_matches(['*', '_', ')', '"', '\'', '`']).ends_with(['.', '!', '?']));
    ends + usize::from(trailing)
}

#[cfg(test)]
mod tests {
    #[test]
    fn sentences_skip_abbreviations() {
        assert_eq!(super::count_sentences("One, e.g. this. Two vs. three! Four?"), 3);
        assert_eq!(super::count_sentences("No final stop"), 1);
        assert_eq!(super::count_sentences(""), 0);
    }
}
