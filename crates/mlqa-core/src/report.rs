//! The JSON report of a check (`mlqa check --format json`): its types are its schema.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub const REPORT_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "mlqa report", description = "The result of `mlqa check --format json`.")]
pub struct Report {
    /// The version of this format.
    pub version: u32,
    pub summary: Summary,
    /// Sorted by file, then position, then rule.
    pub diagnostics: Vec<ReportDiagnostic>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    /// Files checked.
    pub files: usize,
    /// Questions in the spec that have an answer.
    pub answered: usize,
    pub questions: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ReportDiagnostic {
    /// The rule's kebab-case name; `mlqa rules NAME` explains it.
    pub rule: String,
    pub family: String,
    #[schemars(regex(pattern = "^(error|warning)$"))]
    pub severity: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub location: ReportLocation,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<ReportRelated>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<ReportFix>,
}

/// A place in a file: the path relative to the current directory, then 1-based lines and
/// columns (columns count Unicode scalar values) and 0-based byte offsets.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ReportLocation {
    pub file: String,
    pub start: ReportPosition,
    pub end: ReportPosition,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
pub struct ReportPosition {
    pub line: u32,
    pub column: u32,
    pub offset: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ReportRelated {
    pub message: String,
    pub location: ReportLocation,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ReportFix {
    pub title: String,
    #[schemars(regex(pattern = "^(safe|unsafe)$"))]
    pub applicability: String,
    pub edits: Vec<ReportEdit>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ReportEdit {
    pub file: String,
    /// Absent when the edit creates the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<ReportPosition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<ReportPosition>,
    pub text: String,
}
