use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::{Check, Family, FixAvailability, Rule, RuleMeta};
use crate::suggest::closest;
use crate::workspace::{RESOURCES_FILE, Workspace};

pub(crate) const CHECK: Check = Check::Workspace(check);

pub const META: RuleMeta = RuleMeta {
    name: "unknown-topic",
    family: Family::Links,
    default_level: RuleLevel::Error,
    fix: FixAvailability::Unsafe,
    summary: "a resource topic that is neither a question nor a category id",
    explanation: r#"## What it does
Reports each entry of a resource's `topics` in `resources.yaml` that is not the id of a question
or a category of `spec.yaml`.

## Why is this bad?
Topics say which answers a resource helps with; an unknown one makes the resource undiscoverable
from the answers it was listed for.

## Fix
Unsafe: replaces the topic with the closest question or category id.
"#,
};

fn check(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    let Some(spec) = ws.spec() else { return };
    let ids: Vec<&str> = spec.categories.iter().map(|c| c.id.value.as_str()).chain(ws.question_ids()).collect();
    for r in ws.resource_entries() {
        for topic in &r.topics {
            if ws.question(&topic.value).is_some() || ws.has_category(&topic.value) {
                continue;
            }
            let mut d = Diagnostic::new(
                Rule::UnknownTopic,
                RESOURCES_FILE,
                topic.range,
                format!("topic `{}` is not a question or category id", topic.value),
            );
            d = match closest(&topic.value, ids.iter().copied()) {
                Some(near) => d.with_help(format!("did you mean `{near}`?")).with_fix(Fix::unsafe_(
                    format!("Replace with `{near}`"),
                    vec![Edit::replace(RESOURCES_FILE, topic.range, near)],
                )),
                None => d.with_help("topics are ids of questions or categories in spec.yaml"),
            };
            out.push(d);
        }
    }
}
