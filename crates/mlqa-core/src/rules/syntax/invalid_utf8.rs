use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::Rule;
use crate::rules::{Check, Family, FixAvailability, RuleMeta};
use crate::syntax::problem::ParseProblem;
use crate::text::TextRange;

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

/// Words a file that is not text: a NUL byte, bytes that are not UTF-8, or a read error.
pub(crate) fn report(file: &str, problem: &ParseProblem) -> Option<Diagnostic> {
    Some(match problem {
        ParseProblem::Nul { at } => Diagnostic::new(
            Rule::InvalidUtf8,
            file,
            TextRange::new(*at, at + 1),
            "the file contains a NUL byte: binary data, not text",
        )
        .with_help("an answer is UTF-8 text; remove the binary content (the first NUL byte is here)"),
        ParseProblem::NotUtf8 { range } => {
            Diagnostic::new(Rule::InvalidUtf8, file, *range, "the file is not valid UTF-8")
                .with_help("save the file as UTF-8; the first bad byte is here")
        }
        ParseProblem::Unreadable { error } => {
            Diagnostic::new(Rule::InvalidUtf8, file, TextRange::empty(0), format!("could not read the file: {error}"))
        }
        _ => return None,
    })
}
