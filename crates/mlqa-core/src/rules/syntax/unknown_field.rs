use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::Rule;
use crate::rules::{Check, Family, FixAvailability, RuleMeta};
use crate::syntax::problem::ParseProblem;

pub(crate) const CHECK: Check = Check::Parse;

pub const META: RuleMeta = RuleMeta {
    name: "unknown-field",
    family: Family::Syntax,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "a YAML key that the schema does not define",
    explanation: r#"## What it does
Reports a key that the schema of its file does not know, such as `tag:` for `tags:` in front
matter, or `qestion:` in the spec. The help lists the keys allowed at that place.

## Why is this bad?
An unknown key is almost always a typo, and its value is silently ignored: the answer seems to
have tags or related answers that no tool sees.

## Example
```yaml
relatd: [regularization]
```

Use instead:
```yaml
related: [regularization]
```

## Fix
None automatic: rename the key, or remove it.
"#,
};

/// Words a field the schema does not allow.
pub(crate) fn report(file: &str, problem: &ParseProblem) -> Option<Diagnostic> {
    let ParseProblem::UnknownField { range, place, field, allowed } = problem else { return None };
    Some(
        Diagnostic::new(Rule::UnknownField, file, *range, format!("{place}unknown field `{field}`"))
            .with_help(format!("the fields allowed here are {allowed}; remove or rename this one")),
    )
}
