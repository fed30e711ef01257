//! Files that cannot be read as intended.

pub mod deprecated_field;
pub mod file_too_large;
pub mod invalid_pattern;
pub mod invalid_utf8;
pub mod invalid_yaml;
pub mod missing_front_matter;
pub mod schema_violation;
pub mod symlink_not_followed;
pub mod unknown_field;
pub mod unused_suppression;

use crate::diagnostic::Diagnostic;
use crate::syntax::problem::ParseProblem;

/// A problem that reading `file` found, worded by the rule that reports it.
pub(crate) fn report(file: &str, problem: &ParseProblem) -> Diagnostic {
    let worded = match problem.rule() {
        crate::registry::Rule::InvalidYaml => invalid_yaml::report(file, problem),
        crate::registry::Rule::MissingFrontMatter => missing_front_matter::report(file, problem),
        crate::registry::Rule::UnknownField => unknown_field::report(file, problem),
        crate::registry::Rule::SchemaViolation => schema_violation::report(file, problem),
        crate::registry::Rule::FileTooLarge => file_too_large::report(file, problem),
        crate::registry::Rule::InvalidUtf8 => invalid_utf8::report(file, problem),
        _ => symlink_not_followed::report(file, problem),
    };
    // Each rule words the kinds `ParseProblem::rule` gives it (a test holds them together).
    worded.unwrap_or_else(|| Diagnostic::new(problem.rule(), file, crate::text::TextRange::empty(0), "unreadable file"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::TextRange;

    #[test]
    fn every_problem_is_worded_by_its_rule() {
        let r = TextRange::new(1, 2);
        let s = String::from;
        let all = [
            ParseProblem::InvalidYaml { range: r, message: s("m") },
            ParseProblem::UnclosedFrontMatter { open: r },
            ParseProblem::MissingFrontMatter { at: 0, empty: true, skeleton: s("---\n") },
            ParseProblem::UnknownField { range: r, place: s(""), field: s("f"), allowed: s("`id`") },
            ParseProblem::MissingField { range: r, place: s(""), field: s("id") },
            ParseProblem::SchemaViolation { range: r, place: s(""), message: s("m"), schema_file: "x.json" },
            ParseProblem::TooLarge { bytes: 2, limit: 1 },
            ParseProblem::Nul { at: 0 },
            ParseProblem::NotUtf8 { range: r },
            ParseProblem::Unreadable { error: s("e") },
            ParseProblem::Symlink,
        ];
        for p in &all {
            let d = report("a/b.md", p);
            assert_eq!(d.rule, p.rule(), "{p:?}");
            assert_ne!(d.message, "unreadable file", "{p:?} is worded by no rule");
        }
    }
}
