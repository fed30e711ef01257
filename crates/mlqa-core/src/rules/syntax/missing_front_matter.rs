use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::Rule;
use crate::rules::{Check, Family, FixAvailability, RuleMeta};
use crate::syntax::problem::ParseProblem;
use crate::text::TextRange;

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

/// Words an answer found without front matter, with the skeleton to insert.
pub(crate) fn report(file: &str, problem: &ParseProblem) -> Option<Diagnostic> {
    let ParseProblem::MissingFrontMatter { at, empty, skeleton } = problem else { return None };
    let message = if *empty { "the answer file is empty" } else { "the answer has no YAML front matter" };
    Some(
        Diagnostic::new(Rule::MissingFrontMatter, file, TextRange::empty(*at), message)
            .with_help("start the file with `---`, the fields `id`, `category` and `difficulty`, and `---`")
            .with_fix(Fix::unsafe_("Insert a front matter skeleton", vec![Edit::insert(file, *at, skeleton.clone())])),
    )
}
