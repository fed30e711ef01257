use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::text::TextRange;
use crate::workspace::{SPEC_FILE, Workspace};

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "wrong-category",
    family: Family::Coverage,
    default_level: RuleLevel::Error,
    fix: FixAvailability::Mixed,
    summary: "the answer's folder or `category` differs from its question's category",
    explanation: r#"## What it does
Reports an answer that is not in the folder of its question's category in `spec.yaml`, or whose
front matter `category` names another category.

## Why is this bad?
Links between answers are relative paths: an answer in the wrong folder breaks them on every Git
host, and listings by category show it in the wrong place.

## Example
`optimization/bias-variance.md` for a question listed under `fundamentals`.

## Fix
For the `category` field, safe: sets it to the spec's category. For the folder, none automatic:
move the file (the language server rewrites the links to it when you do).
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(question) = ctx.question else { return };
    let expected = &question.category;
    if ctx.answer.folder.as_deref() != Some(expected.as_str()) {
        let range = ctx.answer.md.h1().map_or(TextRange::empty(ctx.answer.body_start), |h| h.text_range);
        let path = Workspace::expected_path(question);
        out.push(
            Diagnostic::new(
                Rule::WrongCategory,
                ctx.path(),
                range,
                format!("the spec lists `{}` under `{expected}`, so its answer belongs in {path}", question.id.value),
            )
            .with_related(SPEC_FILE, question.id.range, "the question in the spec")
            .with_help(format!("move this file to {path}")),
        );
    }
    if let Some(category) = &ctx.answer.meta.category
        && &category.value != expected
    {
        out.push(
            Diagnostic::new(
                Rule::WrongCategory,
                ctx.path(),
                category.range,
                format!("`category: {}` but the spec lists this question under `{expected}`", category.value),
            )
            .with_related(SPEC_FILE, question.id.range, "the question in the spec")
            .with_fix(Fix::safe(
                format!("Set category to `{expected}`"),
                vec![Edit::replace(ctx.path(), category.range, expected.clone())],
            )),
        );
    }
}
