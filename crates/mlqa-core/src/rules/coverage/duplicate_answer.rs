use std::collections::BTreeMap;

use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::{Check, Family, FixAvailability, Rule, RuleMeta};
use crate::text::TextRange;
use crate::workspace::Workspace;

pub(crate) const CHECK: Check = Check::Workspace(check);

pub const META: RuleMeta = RuleMeta {
    name: "duplicate-answer",
    family: Family::Coverage,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "two answer files that claim the same question",
    explanation: r#"## What it does
Reports every answer after the first (in path order) with the same file name in another
folder, pointing at the first one.

## Why is this bad?
Links, `related` lists and the spec resolve an id to one answer; with two, readers see one of
them and edits go to the other.

## Fix
None automatic: merge the two answers into the file the spec expects and delete the other.
"#,
};

fn check(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    let mut by_id: BTreeMap<&str, Vec<&crate::document::AnswerDoc>> = BTreeMap::new();
    for a in &ws.answers {
        by_id.entry(a.id()).or_default().push(a);
    }
    for (id, answers) in by_id {
        let Some((first, rest)) = answers.split_first() else {
            continue;
        };
        let first_range = first.meta.id.as_ref().map_or(TextRange::empty(0), |i| i.range);
        for a in rest {
            let range = a.meta.id.as_ref().map_or(TextRange::empty(a.body_start), |i| i.range);
            out.push(
                Diagnostic::new(
                    Rule::DuplicateAnswer,
                    &a.path,
                    range,
                    format!("`{id}` is already answered by {}", first.path),
                )
                .with_related(&first.path, first_range, "the first answer")
                .with_help("merge the two answers and delete one"),
            );
        }
    }
}
