use crate::config::RuleLevel;
use crate::rules::{Check, Family, FixAvailability, RuleMeta};

pub(crate) const CHECK: Check = Check::Parse;

pub const META: RuleMeta = RuleMeta {
    name: "invalid-yaml",
    family: Family::Syntax,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "YAML that does not parse (spec, resources, or an answer's front matter)",
    explanation: r#"## What it does
Reports YAML that cannot be read: a syntax error in `spec.yaml`, `resources.yaml` or an
answer's front matter, a front matter that is opened with `---` but never closed, or YAML that
exceeds the parser's budgets (an alias bomb such as "billion laughs").

## Why is this bad?
Nothing in a file that does not parse can be checked: its ids, links and coverage are unknown
until it does. The diagnostic points at the place the parser stopped.

## Example
```yaml
related: [bias-variance, regularization
```
The flow sequence is never closed.

## Fix
None automatic: close the bracket, fix the indentation, quote the value that contains `: `.
"#,
};
