use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::text::TextRange;

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "orphan-answer",
    family: Family::Coverage,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "an answer file for a question that the spec does not list",
    explanation: r#"## What it does
Reports an answer whose file name (its id) is not a question of
`spec.yaml`, suggesting the closest id when it looks like a typo.

## Why is this bad?
Coverage is measured against the spec: an answer to an unlisted question is invisible to
`coverage`, `list` and the quiz, and usually means a question was renamed in one place only.

## Fix
None automatic: add the question to `spec.yaml`, or rename the answer to the right id
(the language server's rename does both sides at once).
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.question.is_some() || ctx.ws.spec().is_none() {
        return;
    }
    let id = ctx.answer.id();
    let range = ctx.answer.meta.id.as_ref().map_or(TextRange::empty(ctx.answer.body_start), |i| i.range);
    let mut d =
        Diagnostic::new(Rule::OrphanAnswer, ctx.path(), range, format!("`{id}` is not a question in spec.yaml"));
    d = match ctx.ws.question_candidates().closest(id) {
        Some(near) => d.with_help(format!("did you mean `{near}`?")),
        None => d.with_help("add the question to spec.yaml, or give this answer the id of a listed question"),
    };
    out.push(d);
}
