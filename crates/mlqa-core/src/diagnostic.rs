//! What the rules report: a diagnostic at a range of a file, with an optional fix.

use serde::Serialize;

use crate::registry::Rule;
use crate::text::TextRange;

/// How serious a reported diagnostic is. `off` is a configuration level, never reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A problem found in the KB.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: Rule,
    /// Resolved from the configuration when the workspace is checked.
    pub severity: Severity,
    /// The file, relative to the KB root, with `/` separators.
    pub file: String,
    pub range: TextRange,
    pub message: String,
    /// What to do about it, when the message alone does not say.
    pub help: Option<String>,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(rule: Rule, file: impl Into<String>, range: TextRange, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: Severity::Error,
            file: file.into(),
            range,
            message: message.into(),
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_related(mut self, file: impl Into<String>, range: TextRange, message: impl Into<String>) -> Self {
        self.related.push(Related { file: file.into(), range, message: message.into() });
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// The order diagnostics are reported in: by file, then position, then rule.
    pub fn sort_key(&self) -> (&str, usize, usize, &'static str) {
        (&self.file, self.range.start, self.range.end, self.rule.name())
    }
}

/// Another place that explains a diagnostic (the spec entry of a mismatched heading, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub file: String,
    pub range: TextRange,
    pub message: String,
}

/// Whether applying a fix keeps the author's meaning (`safe`) or makes a guess (`unsafe`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    Safe,
    Unsafe,
}

/// A fix: edits that together resolve one diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self { title: title.into(), applicability: Applicability::Safe, edits }
    }
    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self { title: title.into(), applicability: Applicability::Unsafe, edits }
    }
}

/// One change of a fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Replace `range` of an existing file with `text` (an insertion when the range is empty).
    Replace { file: String, range: TextRange, text: String },
    /// Create a new file; never applied over a file that exists.
    Create { file: String, contents: String },
}

impl Edit {
    pub fn replace(file: impl Into<String>, range: TextRange, text: impl Into<String>) -> Self {
        Self::Replace { file: file.into(), range, text: text.into() }
    }
    pub fn insert(file: impl Into<String>, at: usize, text: impl Into<String>) -> Self {
        Self::replace(file, TextRange::empty(at), text)
    }
    pub fn delete(file: impl Into<String>, range: TextRange) -> Self {
        Self::replace(file, range, "")
    }
    pub fn file(&self) -> &str {
        match self {
            Self::Replace { file, .. } | Self::Create { file, .. } => file,
        }
    }
}
