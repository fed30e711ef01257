use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Source;
use crate::rules::{Check, Family, FixAvailability, Rule, RuleMeta};
use crate::suppress::{Scope, Suppression};
use crate::text::TextRange;

pub(crate) const CHECK: Check = Check::Engine;

pub const META: RuleMeta = RuleMeta {
    name: "unused-suppression",
    family: Family::Syntax,
    default_level: RuleLevel::Warn,
    fix: FixAvailability::Safe,
    summary: "a suppression comment that suppresses nothing",
    explanation: r#"## What it does
Reports `<!-- mlqa-disable RULE -->` (for the whole file) and
`<!-- mlqa-disable-next-line RULE -->` (for the next line) comments that suppress no diagnostic,
or that name a rule that does not exist.

## Why is this bad?
A stale suppression hides the next real problem of that kind in the file, and an unknown rule
name means the suppression never worked.

## Example
```markdown
<!-- mlqa-disable-next-line placeholder-text -->
This line has no placeholder in it.
```

## Fix
Safe: removes the comment.
"#,
};

/// The diagnostic for suppression `s` in `path`, if it is unused (`used`: it silenced something)
/// or names no rule or an unknown one. The engine applies suppressions after the other rules
/// (`check.rs`) and asks this rule about each comment.
pub(crate) fn report(path: &str, source: &Source, s: &Suppression, used: bool) -> Option<Diagnostic> {
    let unknown: Vec<&str> = s.rules.iter().filter(|(_, r)| r.is_none()).map(|(n, _)| n.as_str()).collect();
    let message = if !unknown.is_empty() {
        format!(
            "unknown rule {} in suppression comment",
            unknown.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
        )
    } else if s.rules.is_empty() {
        "this suppression names no rule".to_owned()
    } else if !used {
        let what = if s.scope == Scope::File { "this file" } else { "the next line" };
        format!("nothing to suppress in {what}")
    } else {
        return None;
    };
    let end = source.text[s.range.end..].find('\n').map_or(s.range.end, |n| s.range.end + n + 1);
    let removal = TextRange::new(s.range.start, end);
    Some(
        Diagnostic::new(Rule::UnusedSuppression, path, s.range, message)
            .with_help("remove the comment, or name the rule it is meant to silence (`mlqa rules` lists them)")
            .with_fix(Fix::safe("Remove the suppression", vec![Edit::delete(path, removal)])),
    )
}
