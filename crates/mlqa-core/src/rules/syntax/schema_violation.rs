use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::Rule;
use crate::rules::{Check, Family, FixAvailability, RuleMeta};
use crate::syntax::problem::ParseProblem;

pub(crate) const CHECK: Check = Check::Parse;

pub const META: RuleMeta = RuleMeta {
    name: "schema-violation",
    family: Family::Syntax,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "YAML that breaks its JSON Schema (wrong type, bad value, missing field)",
    explanation: r#"## What it does
Validates `spec.yaml`, `resources.yaml` and every answer's front matter against the JSON Schemas
in `schemas/` (generated from mlqa's own types) and reports each violation at the offending key
or value: a missing required field, a value of the wrong type, an id that is not kebab-case, a
difficulty that is not `intro`, `core` or `advanced`, a URL that is not https.

## Why is this bad?
The tools read these files as data. A value of the wrong shape is ignored or misread, and editors
that use the same schemas show the same error while you type.

## Example
```yaml
difficulty: hard
```

Use instead:
```yaml
difficulty: advanced
```

## Fix
None automatic: the message names what the schema allows.
"#,
};

/// Words a missing field or a value the schema refuses.
pub(crate) fn report(file: &str, problem: &ParseProblem) -> Option<Diagnostic> {
    Some(match problem {
        ParseProblem::MissingField { range, place, field } => {
            Diagnostic::new(Rule::SchemaViolation, file, *range, format!("{place}missing required field `{field}`"))
                .with_help(format!("add `{field}:` here"))
        }
        ParseProblem::SchemaViolation { range, place, message, schema_file } => {
            Diagnostic::new(Rule::SchemaViolation, file, *range, format!("{place}{message}"))
                .with_help(format!("see schemas/{schema_file} for what is allowed"))
        }
        _ => return None,
    })
}
