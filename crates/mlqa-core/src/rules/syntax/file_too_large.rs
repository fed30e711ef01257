use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::Rule;
use crate::rules::{Check, Family, FixAvailability, RuleMeta};
use crate::syntax::problem::ParseProblem;
use crate::text::TextRange;

pub(crate) const CHECK: Check = Check::Parse;

pub const META: RuleMeta = RuleMeta {
    name: "file-too-large",
    family: Family::Syntax,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "a file over `limits.max-file-bytes`, which is not read",
    explanation: r#"## What it does
Reports a Markdown or YAML file larger than `limits.max-file-bytes` of `mlqa.toml` (1 MiB by
default). The size is taken from the file system before reading, so the file is never read whole.

## Why is this bad?
No answer needs a megabyte of text: such a file is a mistake (a pasted log, a generated dump) and
would slow every check and editor session.

## Fix
None automatic: split the file, or raise the limit in `mlqa.toml`.
"#,
};

/// Words a file over the size limit.
pub(crate) fn report(file: &str, problem: &ParseProblem) -> Option<Diagnostic> {
    let ParseProblem::TooLarge { bytes, limit } = problem else { return None };
    Some(
        Diagnostic::new(
            Rule::FileTooLarge,
            file,
            TextRange::empty(0),
            format!("the file is {bytes} bytes, over the limit of {limit}"),
        )
        .with_help("split it, or raise `limits.max-file-bytes` in mlqa.toml"),
    )
}
