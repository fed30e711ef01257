use foldhash::{HashMap, HashMapExt};

use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::document::Item;
use crate::rules::{Check, Family, FixAvailability, Rule, RuleMeta};
use crate::workspace::{RESOURCES_FILE, SPEC_FILE, Workspace};

pub(crate) const CHECK: Check = Check::Workspace(check);

pub const META: RuleMeta = RuleMeta {
    name: "duplicate-id",
    family: Family::Coverage,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "an id used twice in spec.yaml or resources.yaml",
    explanation: r#"## What it does
Reports a category id, question id (across all categories) or resource id that was already
used earlier in its file, pointing at the first use.

## Why is this bad?
Ids name answer files and are what links, `related` and `resources` refer to: two entries with
one id cannot both be answered or cited.

## Fix
None automatic: give one of them a new id.
"#,
};

fn check(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    if let Some(spec) = ws.spec() {
        report(SPEC_FILE, "category", spec.categories.iter().map(|c| &c.id), out);
        report(SPEC_FILE, "question", spec.questions().map(|q| &q.id), out);
    }
    report(RESOURCES_FILE, "resource", ws.resource_entries().iter().map(|r| &r.id), out);
}

fn report<'a>(file: &str, what: &str, ids: impl Iterator<Item = &'a Item>, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Item> = HashMap::new();
    for id in ids {
        match seen.get(id.value.as_str()) {
            Some(first) => out.push(
                Diagnostic::new(Rule::DuplicateId, file, id.range, format!("{what} id `{}` is used twice", id.value))
                    .with_related(file, first.range, "first used here")
                    .with_help("ids must be unique: rename one of them"),
            ),
            None => {
                seen.insert(&id.value, id);
            }
        }
    }
}
