//! Quick fixes: every fix of the diagnostics under the cursor, safe ones preferred. The fix of
//! `missing-answer` is the "Create answer" action: it creates the file, never over one.

use mlqa_core::Applicability;
use tower_lsp_server::ls_types::{CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionResponse, Range};

use crate::world::World;

pub fn actions(w: &World, path: &str, range: Range) -> Option<CodeActionResponse> {
    if !w.support.code_action_literals {
        // Such a client takes only commands, and a fix is an edit, not a command.
        return Some(Vec::new());
    }
    let source = w.source(path)?;
    let start = crate::convert::offset(source, range.start, w.encoding);
    let end = crate::convert::offset(source, range.end, w.encoding);
    let mut out = Vec::new();
    // The published diagnostics, not a fresh check of the whole KB per request.
    for d in w.published(path) {
        let Some(fix) = &d.fix else { continue };
        if d.range.end < start || d.range.start > end {
            continue;
        }
        // A fix the client cannot apply (a file to create, for a client that cannot) is left out.
        let Some(edit) = super::workspace_edit(w, &fix.edits, &[]) else { continue };
        let lsp_diag = super::diagnostics::to_lsp(w, w.root.as_ref()?, path, std::slice::from_ref(d), w.encoding);
        let title = match (d.rule, fix.applicability) {
            (mlqa_core::Rule::MissingAnswer, _) => {
                format!("Create answer: {}", fix.title.trim_start_matches("Create "))
            }
            (_, Applicability::Safe) => fix.title.clone(),
            (_, Applicability::Unsafe) => format!("{} (unsafe: review it)", fix.title),
        };
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(lsp_diag),
            edit: Some(edit),
            is_preferred: Some(fix.applicability == Applicability::Safe),
            ..Default::default()
        }));
    }
    Some(out)
}
