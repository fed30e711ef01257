//! What reading a file found wrong, as data. Parsing never words a problem: each kind is worded,
//! with its help and fix, by its rule file under `rules/syntax/`, when the checker reports it.

use crate::registry::Rule;
use crate::text::TextRange;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseProblem {
    /// YAML that could not be read: where the parser stopped, and its message.
    InvalidYaml { range: TextRange, message: String },
    /// `---` opens the front matter at `open` and no line closes it.
    UnclosedFrontMatter { open: TextRange },
    /// An answer without front matter (`empty`: without anything); `skeleton` inserted `at` starts one.
    MissingFrontMatter { at: usize, empty: bool, skeleton: String },
    /// A field the schema does not allow. `place` says where (`` `a.b[0]`: `` or nothing at the
    /// root), `allowed` lists the fields allowed there.
    UnknownField { range: TextRange, place: String, field: String, allowed: String },
    /// A required field that is absent.
    MissingField { range: TextRange, place: String, field: String },
    /// Any other way the value breaks its schema, as the validator words it.
    SchemaViolation { range: TextRange, place: String, message: String, schema_file: &'static str },
    /// Larger than `limits.max-file-bytes`.
    TooLarge { bytes: u64, limit: u64 },
    /// A NUL byte (binary data) at `at`.
    Nul { at: usize },
    /// Not UTF-8: the first bad character.
    NotUtf8 { range: TextRange },
    /// The file could not be read.
    Unreadable { error: String },
    /// A symbolic link, never followed.
    Symlink,
}

impl ParseProblem {
    /// The rule that reports it.
    pub fn rule(&self) -> Rule {
        match self {
            Self::InvalidYaml { .. } | Self::UnclosedFrontMatter { .. } => Rule::InvalidYaml,
            Self::MissingFrontMatter { .. } => Rule::MissingFrontMatter,
            Self::UnknownField { .. } => Rule::UnknownField,
            Self::MissingField { .. } | Self::SchemaViolation { .. } => Rule::SchemaViolation,
            Self::TooLarge { .. } => Rule::FileTooLarge,
            Self::Nul { .. } | Self::NotUtf8 { .. } | Self::Unreadable { .. } => Rule::InvalidUtf8,
            Self::Symlink => Rule::SymlinkNotFollowed,
        }
    }
}
