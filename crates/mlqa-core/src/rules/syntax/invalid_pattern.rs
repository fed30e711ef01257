use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::{Check, Family, FixAvailability, Rule, RuleMeta};
use crate::workspace::{SPEC_FILE, Workspace};

pub(crate) const CHECK: Check = Check::Workspace(check);

pub const META: RuleMeta = RuleMeta {
    name: "invalid-pattern",
    family: Family::Syntax,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "a `covers` pattern in the spec that is not a valid regular expression",
    explanation: r#"## What it does
Compiles every `covers` pattern of `spec.yaml` (case-insensitive, Rust `regex` syntax) and reports
those that do not compile.

## Why is this bad?
A pattern that does not compile checks nothing: every answer to that question would pass
`uncovered-facet` whatever it says.

## Example
```yaml
covers: ["trade-(off"]
```

## Fix
None automatic: escape the parenthesis (`trade-\(off`) or close the group.
"#,
};

fn check(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    for q in ws.questions() {
        for (pattern, reason) in q.covers.errors() {
            out.push(
                Diagnostic::new(
                    Rule::InvalidPattern,
                    SPEC_FILE,
                    pattern.range,
                    format!("`covers` pattern does not compile: {reason}"),
                )
                .with_help(
                    "patterns use Rust regex syntax, matched case-insensitively; escape literal ( ) [ ] . * + ?",
                ),
            );
        }
    }
}
