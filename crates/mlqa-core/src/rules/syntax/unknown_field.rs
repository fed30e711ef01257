use crate::config::RuleLevel;
use crate::rules::{Check, Family, FixAvailability, RuleMeta};

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
