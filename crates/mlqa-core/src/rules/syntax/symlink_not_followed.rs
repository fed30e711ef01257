use crate::config::RuleLevel;
use crate::rules::{Check, Family, FixAvailability, RuleMeta};

pub(crate) const CHECK: Check = Check::Parse;

pub const META: RuleMeta = RuleMeta {
    name: "symlink-not-followed",
    family: Family::Syntax,
    default_level: RuleLevel::Warn,
    fix: FixAvailability::None,
    summary: "a symbolic link inside the KB, which is never followed or read",
    explanation: r#"## What it does
Reports each symbolic link (to a file or a folder) found under the KB root. mlqa never follows
links: the target is not read, not even looked up.

## Why is this bad?
A link can point outside the KB (`alpha/notes.md -> /etc/passwd`) or back into its own folder
(a loop), and it does not survive every checkout or export. Content that is not in the KB is not
checked, so it may be broken without anyone knowing.

## Fix
None automatic: put the file itself in the KB, or remove the link.
"#,
};
