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
    summary: "an answer that does not make one of its question's key points",
    explanation: r#"## What it does
Matches the `match` pattern of each key point of the question in `spec.yaml` (case-insensitive)
against the answer's Markdown after its H1, and reports each point it makes nowhere, by name, at the
answer's H1.

## Why is this bad?
The key points are the question's rubric: what a strong interviewer expects to hear. An answer
without one of them has a gap an interviewer would probe, and a learner grading their own answer
against the rubric (`mlqa practice`) could not find the point in the KB.

## Example
```yaml
key_points:
  - name: "Irreducible noise sets the floor"
    match: 'irreducible|noise floor'
```
An answer that never mentions the irreducible error is reported.

## Fix
None automatic: make the point in the answer (or, if the pattern is too narrow for a correct
phrasing, widen it).
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(question) = ctx.question else { return };
    if question.rubric.is_empty() {
        return;
    }
    let body = ctx.text().get(ctx.answer.graded_start()..).unwrap_or_default();
    for point in question.rubric.unmet(body) {
        let message = if point.is_from_covers() {
            format!("the answer never matches the spec's `covers` pattern `{}`", point.pattern)
        } else {
            format!("the answer does not make the key point \"{}\"", point.name)
        };
        out.push(
            Diagnostic::new(Rule::UncoveredFacet, ctx.path(), headline(ctx), message)
                .with_related(SPEC_FILE, point.pattern_range, format!("its pattern: `{}`", point.pattern))
                .with_help("make this point in the answer, or widen the pattern if it misses a correct phrasing"),
        );
    }
}
