use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::text::TextRange;
use crate::workspace::SPEC_FILE;

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "question-mismatch",
    family: Family::Coverage,
    default_level: RuleLevel::Error,
    fix: FixAvailability::Safe,
    summary: "the answer's H1 is not the spec's question text",
    explanation: r#"## What it does
Compares an answer's first-level heading with the text of its question in `spec.yaml`,
character for character (Unicode included), and reports a missing or different H1.

## Why is this bad?
When a question is reworded in the spec, its answer may no longer answer it: like a trace in a
requirements tool, the answer is flagged as suspect until someone rereads it and brings the
heading in line.

## Example
Spec: `What is bias vs variance?`; answer: `# Bias vs variance`.

## Fix
Safe: sets the H1 to the spec's text (or inserts it). Reread the answer against the new wording.
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(question) = ctx.question.and_then(|q| q.question.as_ref()) else {
        return;
    };
    let spec_range = question.range;
    let expected = &question.value;
    match ctx.answer.md.h1() {
        Some(h1) if h1.text == *expected => {}
        Some(h1) => out.push(
            Diagnostic::new(
                Rule::QuestionMismatch,
                ctx.path(),
                h1.text_range,
                "the H1 differs from the question in spec.yaml",
            )
            .with_related(SPEC_FILE, spec_range, format!("the spec asks: {expected}"))
            .with_help(format!("make the heading `# {expected}`"))
            .with_fix(Fix::safe(
                "Use the spec's question as the H1",
                vec![Edit::replace(ctx.path(), h1.text_range, expected.clone())],
            )),
        ),
        None => {
            let at = ctx.answer.body_start;
            out.push(
                Diagnostic::new(
                    Rule::QuestionMismatch,
                    ctx.path(),
                    TextRange::empty(at),
                    "the answer has no H1 with its question",
                )
                .with_related(SPEC_FILE, spec_range, format!("the spec asks: {expected}"))
                .with_help(format!("start the Markdown with `# {expected}`"))
                .with_fix(Fix::safe(
                    "Insert the spec's question as the H1",
                    vec![Edit::insert(ctx.path(), at, format!("# {expected}\n\n"))],
                )),
            );
        }
    }
}
