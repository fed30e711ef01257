use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::completeness::{answer_words, headline};
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "answer-too-short",
    family: Family::Completeness,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "an answer with fewer prose words than `min-words`",
    explanation: r#"## What it does
Counts the answer's prose words (front matter, headings and code blocks excluded; a `$...$`
formula counts as one word) and reports an answer below `[answers] min-words` (350 by default).

## Why is this bad?
An interview answer with the math, a worked example, the traps and the follow-ups does not fit
in a paragraph; a very short answer is a sketch that readers will take for the whole story.

## Fix
None automatic: deepen the explanation, the example and the pitfalls.
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    let words = answer_words(ctx);
    let min = ctx.config().min_words;
    if words < min {
        out.push(
            Diagnostic::new(
                Rule::AnswerTooShort,
                ctx.path(),
                headline(ctx),
                format!("the answer has {words} words of prose, fewer than {min}"),
            )
            .with_help("deepen the explanation, the worked example and the pitfalls"),
        );
    }
}
