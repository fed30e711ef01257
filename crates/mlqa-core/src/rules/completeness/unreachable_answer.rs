use std::collections::HashSet;

use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::{Check, Family, FixAvailability, Rule, RuleMeta};
use crate::text::TextRange;
use crate::workspace::Workspace;

pub(crate) const CHECK: Check = Check::Workspace(check);

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

fn check(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    if ws.answers.len() < 2 {
        return;
    }
    let mut reached: HashSet<&str> = HashSet::new();
    let mut reached_paths: HashSet<&str> = HashSet::new();
    for a in &ws.answers {
        reached.extend(a.meta.related.iter().map(|i| i.value.as_str()).filter(|id| *id != a.id()));
        reached_paths.extend(a.targets.iter().map(String::as_str));
    }
    for a in &ws.answers {
        if reached.contains(a.id()) || reached_paths.contains(a.path.as_str()) {
            continue;
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
}
