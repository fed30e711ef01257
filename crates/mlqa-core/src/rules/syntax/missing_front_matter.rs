use crate::config::RuleLevel;
use crate::rules::{Check, Family, FixAvailability, RuleMeta};

pub(crate) const CHECK: Check = Check::Parse;

pub const META: RuleMeta = RuleMeta {
    name: "missing-front-matter",
    family: Family::Syntax,
    default_level: RuleLevel::Error,
    fix: FixAvailability::Unsafe,
    summary: "an answer file without YAML front matter",
    explanation: r#"## What it does
Reports an answer file that does not start with a YAML front matter block (`---` ... `---`),
including an empty file.

## Why is this bad?
The front matter says which question the file answers, its category and difficulty, and what it
relates to. Without it the answer cannot be tied to the spec, related answers or resources.

## Example
```markdown
# What is bias vs variance?
```

Use instead:
```markdown
---
id: bias-variance
category: fundamentals
difficulty: core
---
# What is bias vs variance?
```

## Fix
Unsafe: inserts a skeleton with `id` from the file name, `category` from the folder and
`difficulty: core`, which you should review.
"#,
};
