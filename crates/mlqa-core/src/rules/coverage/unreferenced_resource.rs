use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::{Check, Family, FixAvailability, Rule, RuleMeta};
use crate::workspace::{RESOURCES_FILE, Workspace};

pub(crate) const CHECK: Check = Check::Workspace(check);

pub const META: RuleMeta = RuleMeta {
    name: "unreferenced-resource",
    family: Family::Coverage,
    default_level: RuleLevel::Warn,
    fix: FixAvailability::None,
    summary: "a learning resource that no answer cites",
    explanation: r#"## What it does
Reports a resource of `resources.yaml` that no answer lists in its `resources`.

## Why is this bad?
A resource is worth listing because it deepens particular answers; one that no answer cites
never reaches a reader at the moment it would help.

## Fix
None automatic: cite it from the answers it helps with (its `topics` say which), or remove it.
"#,
};

fn check(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    if ws.answer_count() == 0 {
        return;
    }
    for r in ws.resource_entries() {
        if ws.cited_by(&r.id.value).next().is_none() {
            let topics: Vec<&str> = r.topics.iter().map(|t| t.value.as_str()).collect();
            let help = if topics.is_empty() {
                "cite it in the `resources` of the answers it helps with, or remove it".to_owned()
            } else {
                format!("cite it in the `resources` of the answers it helps with (topics: {})", topics.join(", "))
            };
            out.push(
                Diagnostic::new(
                    Rule::UnreferencedResource,
                    RESOURCES_FILE,
                    r.id.range,
                    format!("no answer cites resource `{}`", r.id.value),
                )
                .with_help(help),
            );
        }
    }
}
