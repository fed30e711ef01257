use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::completeness::headline;
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::workspace::SPEC_FILE;

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "uncovered-facet",
    family: Family::Completeness,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "an answer that does not match one of its question's `covers` patterns",
    explanation: r#"## What it does
Matches each `covers` pattern of the question in `spec.yaml` (a case-insensitive regular
expression) against the answer's Markdown body and reports each pattern that matches nowhere.

## Why is this bad?
`covers` names the facts any complete answer must contain, such as "irreducible error" for
bias-variance. An answer without one of them has a gap an interviewer would probe.

## Example
```yaml
covers: ["trade-?off", "irreducible (error|noise)"]
```
An answer that never mentions the irreducible error is reported.

## Fix
None automatic: address the fact in the answer (or, if the pattern is too narrow, widen it).
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(question) = ctx.question else { return };
    let body = &ctx.text()[ctx.answer.body_start..];
    for pattern in question.covers.unmatched(body) {
        out.push(
            Diagnostic::new(
                Rule::UncoveredFacet,
                ctx.path(),
                headline(ctx),
                format!("the answer never matches the spec's `covers` pattern `{}`", pattern.value),
            )
            .with_related(SPEC_FILE, pattern.range, "the pattern")
            .with_help("address this fact in the answer"),
        );
    }
}
