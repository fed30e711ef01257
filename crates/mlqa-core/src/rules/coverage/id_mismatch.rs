use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "id-mismatch",
    family: Family::Coverage,
    default_level: RuleLevel::Error,
    fix: FixAvailability::Unsafe,
    summary: "front matter `id` differs from the file name",
    explanation: r#"## What it does
Reports an answer whose front matter `id` is not its file name without `.md`.

## Why is this bad?
Links name the file, `related` lists and the spec name the id: when they differ, one of the
two ways to reach the answer is broken.

## Example
`fundamentals/bias-variance.md` with `id: bias-and-variance`.

## Fix
Unsafe: sets `id` to the file name. If the id is the right one, rename the file instead.
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(id) = &ctx.answer.meta.id else {
        return;
    };
    let stem = &ctx.answer.stem;
    if &id.value == stem {
        return;
    }
    out.push(
        Diagnostic::new(
            Rule::IdMismatch,
            ctx.path(),
            id.range,
            format!("`id: {}` differs from the file name `{stem}.md`", id.value),
        )
        .with_help(format!("set `id: {stem}`, or rename the file to `{}.md`", id.value))
        .with_fix(Fix::unsafe_(format!("Set id to `{stem}`"), vec![Edit::replace(ctx.path(), id.range, stem.clone())])),
    );
}
