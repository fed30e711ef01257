//! Published diagnostics: the rule's name as `code`, a link to its explanation, related places.

use std::path::Path;

use mlqa_core::{Diagnostic, Severity};
use tower_lsp_server::ls_types::{self as lsp, CodeDescription, DiagnosticRelatedInformation, NumberOrString};

use crate::convert::{self, Encoding};
use crate::world::{PullReport, World};

pub fn to_lsp(w: &World, root: &Path, file: &str, diags: &[Diagnostic], encoding: Encoding) -> Vec<lsp::Diagnostic> {
    let Some(source) = w.source(file) else {
        // A file without text (too large, unreadable): report at its start.
        return diags.iter().map(|d| plain(w, root, d, lsp::Range::default())).collect();
    };
    diags.iter().map(|d| plain(w, root, d, convert::range(source, d.range, encoding))).collect()
}

fn plain(w: &World, root: &Path, d: &Diagnostic, range: lsp::Range) -> lsp::Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            Some(DiagnosticRelatedInformation {
                location: super::location(w, &r.file, r.range)?,
                message: r.message.clone(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.rule.name().to_owned())),
        code_description: explanation(root, d.rule.name()).map(|href| CodeDescription { href }),
        source: Some("mlqa".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The rule's explanation in `docs/RULES.md` beside the KB, when the repository has it.
fn explanation(root: &Path, rule: &str) -> Option<lsp::Uri> {
    let doc = root.parent()?.join("docs/RULES.md");
    if !doc.is_file() {
        return None;
    }
    let uri = lsp::Uri::from_file_path(&doc)?;
    format!("{}#{rule}", uri.as_str()).parse().ok()
}

/// `textDocument/diagnostic`: the file's diagnostics, or `unchanged` for the client's current
/// result id.
pub fn document_report(w: &World, root: &Path, report: PullReport<'_>) -> lsp::DocumentDiagnosticReportResult {
    let report = match report.diagnostics {
        Some(diags) => lsp::DocumentDiagnosticReport::Full(lsp::RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: full(w, root, &report.path, report.result_id, diags),
        }),
        None => lsp::DocumentDiagnosticReport::Unchanged(lsp::RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: lsp::UnchangedDocumentDiagnosticReport {
                result_id: report.result_id,
            },
        }),
    };
    lsp::DocumentDiagnosticReportResult::Report(report)
}

/// `workspace/diagnostic`: a report for every file with diagnostics or known to the client.
pub fn workspace_report(w: &World, root: &Path, reports: Vec<PullReport<'_>>) -> lsp::WorkspaceDiagnosticReportResult {
    let items = reports
        .into_iter()
        .filter_map(|report| {
            let uri = convert::uri(root, &report.path)?;
            let version = w.version(&report.path);
            Some(match report.diagnostics {
                Some(diags) => {
                    lsp::WorkspaceDocumentDiagnosticReport::Full(lsp::WorkspaceFullDocumentDiagnosticReport {
                        uri,
                        version,
                        full_document_diagnostic_report: full(w, root, &report.path, report.result_id, diags),
                    })
                }
                None => {
                    lsp::WorkspaceDocumentDiagnosticReport::Unchanged(lsp::WorkspaceUnchangedDocumentDiagnosticReport {
                        uri,
                        version,
                        unchanged_document_diagnostic_report: lsp::UnchangedDocumentDiagnosticReport {
                            result_id: report.result_id,
                        },
                    })
                }
            })
        })
        .collect();
    lsp::WorkspaceDiagnosticReportResult::Report(lsp::WorkspaceDiagnosticReport { items })
}

fn full(
    w: &World,
    root: &Path,
    file: &str,
    result_id: String,
    diags: &[Diagnostic],
) -> lsp::FullDocumentDiagnosticReport {
    lsp::FullDocumentDiagnosticReport { result_id: Some(result_id), items: to_lsp(w, root, file, diags, w.encoding) }
}
