use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::Rule;
use crate::rules::{Check, Family, FixAvailability, RuleMeta};
use crate::syntax::problem::ParseProblem;

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

/// Words a YAML problem found while parsing `file`.
pub(crate) fn report(file: &str, problem: &ParseProblem) -> Option<Diagnostic> {
    Some(match problem {
        ParseProblem::InvalidYaml { range, message } => {
            Diagnostic::new(Rule::InvalidYaml, file, *range, format!("invalid YAML: {message}"))
                .with_help("fix the YAML syntax here; the rest of this file is not checked until it parses")
        }
        ParseProblem::UnclosedFrontMatter { open } => {
            Diagnostic::new(Rule::InvalidYaml, file, *open, "the front matter opened here is never closed")
                .with_help("end the front matter with a line of `---` before the Markdown starts")
        }
        _ => return None,
    })
}
