use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::completeness::{answer_words, headline};
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "answer-too-long",
    family: Family::Completeness,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "an answer with more prose words than `max-words`",
    explanation: r#"## What it does
Counts the answer's prose words as `answer-too-short` does and reports an answer above
`[answers] max-words` (1,000 by default).

## Why is this bad?
An interview answer that needs more than a thousand words is answering several questions: it
loses the reader and repeats what other answers say better.

## Fix
None automatic: cut, or move material into the related answers and link to them.
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    let words = answer_words(ctx);
    let max = ctx.config().max_words;
    if words > max {
        out.push(
            Diagnostic::new(
                Rule::AnswerTooLong,
                ctx.path(),
                headline(ctx),
                format!("the answer has {words} words of prose, more than {max}"),
            )
            .with_help("cut, or move material to related answers and link to them"),
        );
    }
}
