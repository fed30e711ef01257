//! Code lenses on `spec.yaml`: coverage per category, answered or missing per question.

use mlqa_core::ide;
use mlqa_core::workspace::SPEC_FILE;
use tower_lsp_server::ls_types::{CodeLens, Command};

use crate::world::World;

pub fn lenses(w: &World, path: &str) -> Option<Vec<CodeLens>> {
    if path != SPEC_FILE {
        return Some(Vec::new());
    }
    let ws = w.ws.as_ref()?;
    Some(
        ide::spec_lenses(ws)
            .into_iter()
            .filter_map(|l| {
                Some(CodeLens {
                    range: super::range(w, path, l.range)?,
                    // A title-only command: clients show it; there is nothing to run.
                    command: Some(Command { title: l.title, command: String::new(), arguments: None }),
                    data: None,
                })
            })
            .collect(),
    )
}
