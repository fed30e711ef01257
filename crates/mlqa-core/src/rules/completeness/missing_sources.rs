use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::completeness::headline;
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "missing-sources",
    family: Family::Completeness,
    default_level: RuleLevel::Warn,
    fix: FixAvailability::None,
    summary: "an answer that cites no resource",
    explanation: r#"## What it does
Reports an answer whose front matter lists no resource in `resources: [...]`.

## Why is this bad?
Every claim of an answer should be checkable: the resources are where a reader goes to verify
it and to learn more, and the site lists each answer under the resources it cites. An answer
without one asks to be taken on trust.

## Fix
None automatic: add the ids of the papers, books or articles the answer relies on (define new
ones in `resources.yaml`; the language server completes the ids).
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    // Without readable front matter, other rules already report the answer.
    if ctx.answer.front.as_ref().is_none_or(|f| !f.readable) || !ctx.answer.meta.resources.is_empty() {
        return;
    }
    let range = ctx
        .answer
        .front
        .as_ref()
        .and_then(|f| f.spans(ctx.text()).get("/resources"))
        .map_or(headline(ctx), |s| s.key_or_value());
    out.push(
        Diagnostic::new(Rule::MissingSources, ctx.path(), range, "the answer cites no resource")
            .with_help("list the papers or articles it relies on in `resources: [...]` (ids from resources.yaml)"),
    );
}
