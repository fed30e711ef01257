use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "unknown-related",
    family: Family::Links,
    default_level: RuleLevel::Error,
    fix: FixAvailability::Unsafe,
    summary: "an id in `related` that is not a question of the spec",
    explanation: r#"## What it does
Reports each id in an answer's `related` list that is not the id of a question in `spec.yaml`.

## Why is this bad?
`related` builds the reader's path through the KB (and the "see also" of exports and the
language server's navigation); an unknown id leads nowhere, usually after a rename.

## Example
```yaml
related: [overfiting-underfitting]
```

## Fix
Unsafe: replaces the id with the closest question id.
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.ws.spec().is_none() {
        return;
    }
    for item in &ctx.answer.meta.related {
        if ctx.ws.question(&item.value).is_some() {
            continue;
        }
        let mut d = Diagnostic::new(
            Rule::UnknownRelated,
            ctx.path(),
            item.range,
            format!("`{}` is not a question id", item.value),
        );
        d = match ctx.ws.question_candidates().closest(&item.value) {
            Some(near) => d.with_help(format!("did you mean `{near}`?")).with_fix(Fix::unsafe_(
                format!("Replace with `{near}`"),
                vec![Edit::replace(ctx.path(), item.range, near)],
            )),
            None => d.with_help("`related` lists ids of questions in spec.yaml"),
        };
        out.push(d);
    }
}
