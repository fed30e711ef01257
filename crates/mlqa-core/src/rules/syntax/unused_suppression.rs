use crate::config::RuleLevel;
use crate::rules::{Check, Family, FixAvailability, RuleMeta};

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
