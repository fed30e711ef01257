use crate::config::RuleLevel;
use crate::rules::{Check, Family, FixAvailability, RuleMeta};

pub(crate) const CHECK: Check = Check::Parse;

pub const META: RuleMeta = RuleMeta {
    name: "invalid-utf8",
    family: Family::Syntax,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "a file that is not UTF-8 text (or cannot be read)",
    explanation: r#"## What it does
Reports a Markdown or YAML file of the KB that is not valid UTF-8, at its first bad byte, or that
could not be read at all.

## Why is this bad?
The KB is text: a file in another encoding, or a binary saved with a `.md` name, cannot be
parsed, rendered or searched.

## Fix
None automatic: re-save the file as UTF-8.
"#,
};
