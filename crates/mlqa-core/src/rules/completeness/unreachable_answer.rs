use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::text::TextRange;

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "unreachable-answer",
    family: Family::Completeness,
    default_level: RuleLevel::Warn,
    fix: FixAvailability::None,
    summary: "an answer that no other answer links to or lists in `related`",
    explanation: r#"## What it does
Reports an answer that no other answer reaches, neither by a Markdown link to its file nor by
its id in a `related` list.

## Why is this bad?
Readers move through the KB by its links; an answer nobody points to is found only by search,
and usually means its neighbours forgot it.

## Fix
None automatic: link to it from the answers it follows from.
"#,
};

/// An answer rule over the workspace's reverse indexes: an edit that adds or removes a link or
/// a `related` id re-checks the answers it pointed at before and after (`check.rs`).
fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    let (ws, a) = (ctx.ws, ctx.answer);
    if ws.answer_count() < 2 || ws.related_by(a.id()).next().is_some() || ws.linked_from(&a.path).next().is_some() {
        return;
    }
    let range = a.md.h1().map_or(TextRange::empty(a.body_start), |h| h.text_range);
    out.push(
        Diagnostic::new(
            Rule::UnreachableAnswer,
            &a.path,
            range,
            "no other answer links to this one or lists it in `related`",
        )
        .with_help("link to it from the answers it follows from"),
    );
}
