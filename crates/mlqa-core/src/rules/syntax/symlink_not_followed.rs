use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::Rule;
use crate::rules::{Check, Family, FixAvailability, RuleMeta};
use crate::syntax::problem::ParseProblem;
use crate::text::TextRange;

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

/// Words a symbolic link found in the KB.
pub(crate) fn report(file: &str, problem: &ParseProblem) -> Option<Diagnostic> {
    let ParseProblem::Symlink = problem else { return None };
    Some(
        Diagnostic::new(
            Rule::SymlinkNotFollowed,
            file,
            TextRange::empty(0),
            "this is a symbolic link, which mlqa never follows",
        )
        .with_help("put the file itself in the KB; links could point outside it, so they are not read"),
    )
}
