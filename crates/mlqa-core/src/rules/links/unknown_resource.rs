use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::suggest::closest;

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "unknown-resource",
    family: Family::Links,
    default_level: RuleLevel::Error,
    fix: FixAvailability::Unsafe,
    summary: "an id in `resources` that resources.yaml does not define",
    explanation: r#"## What it does
Reports each id in an answer's `resources` list that is not the id of an entry of
`resources.yaml`.

## Why is this bad?
The citation points at nothing: readers cannot find the resource and `unreferenced-resource`
counts the real one as uncited.

## Fix
Unsafe: replaces the id with the closest resource id.
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    for item in &ctx.answer.meta.resources {
        if ctx.ws.resource(&item.value).is_some() {
            continue;
        }
        let ids = ctx.ws.resource_entries().iter().map(|r| r.id.value.as_str());
        let mut d = Diagnostic::new(
            Rule::UnknownResource,
            ctx.path(),
            item.range,
            format!("`{}` is not a resource id", item.value),
        );
        d = match closest(&item.value, ids) {
            Some(near) => d.with_help(format!("did you mean `{near}`?")).with_fix(Fix::unsafe_(
                format!("Replace with `{near}`"),
                vec![Edit::replace(ctx.path(), item.range, near)],
            )),
            None => d.with_help("add the resource to resources.yaml, or cite one that is there"),
        };
        out.push(d);
    }
}
