//! An entry point for the fuzzer (fuzz/fuzz_targets/lsp_messages.rs): bytes are framed as a
//! client's stream would be, and the messages that carry documents and positions run through
//! the same handlers as in the server, on a small KB held in memory. Nothing here may panic.

use std::path::PathBuf;

use mlqa_core::workspace::FileContent;
use mlqa_core::{Config, Workspace};
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent};

use crate::world::World;
use crate::{handlers, transport};

/// A world on a two-answer KB; URIs are `file:///kb/<path>`.
fn world() -> World {
    let files = [
        (
            "spec.yaml",
            "title: T\ncategories:\n  - id: a\n    title: A\n    questions:\n      - id: one\n        question: \"One?\"\n      - id: two\n        question: \"Two?\"\n",
        ),
        (
            "a/one.md",
            "---\nid: one\ncategory: a\ndifficulty: core\nrelated: [two]\n---\n# One?\n\n## Short answer\nSee [two](two.md#short-answer).\n",
        ),
        (
            "a/two.md",
            "---\nid: two\ncategory: a\ndifficulty: core\nrelated: [one]\n---\n# Two?\n\n## Short answer\nSee [one](one.md).\n",
        ),
    ];
    let list = files.iter().map(|(p, t)| ((*p).to_owned(), FileContent::Text((*t).to_owned()))).collect();
    let mut w = World::default();
    w.root = Some(PathBuf::from("/kb"));
    w.ws = Some(Workspace::build(PathBuf::from("/kb"), Config::default(), list));
    w.reset_incremental();
    w
}

/// Feeds `data` through framing and the document/position handlers.
pub fn messages(data: &[u8]) {
    let mut buf = data.to_vec();
    let mut w = world();
    while let Some(frame) = transport::next_frame(&mut buf) {
        let Ok(frame) = frame else { continue };
        handle(&mut w, &frame.message);
    }
}

fn handle(w: &mut World, m: &serde_json::Value) {
    let params = &m["params"];
    let path = params["textDocument"]["uri"]
        .as_str()
        .and_then(|u| u.strip_prefix("file:///kb/"))
        .unwrap_or("a/one.md")
        .to_owned();
    let pos: Position = serde_json::from_value(params["position"].clone()).unwrap_or_default();
    match m["method"].as_str().unwrap_or_default() {
        "textDocument/didOpen" => {
            w.open_document(&path, params["textDocument"]["text"].as_str().unwrap_or_default().to_owned())
        }
        "textDocument/didChange" => w.change_document(
            &path,
            serde_json::from_value::<Vec<TextDocumentContentChangeEvent>>(params["contentChanges"].clone())
                .unwrap_or_default(),
        ),
        "textDocument/didClose" => w.close_document(&path),
        "textDocument/hover" => drop(handlers::hover::hover(w, &path, pos)),
        "textDocument/definition" => drop(handlers::definition::definition(w, &path, pos)),
        "textDocument/references" => drop(handlers::references::references(w, &path, pos, true)),
        "textDocument/completion" => drop(handlers::completion::complete(w, &path, pos)),
        "textDocument/rename" => {
            drop(handlers::rename::rename(w, &path, pos, params["newName"].as_str().unwrap_or("x")))
        }
        "textDocument/documentSymbol" => drop(handlers::symbols::document(w, &path)),
        "textDocument/diagnostic" => drop(w.pull(&path, params["previousResultId"].as_str()).diagnostics),
        "workspace/didChangeConfiguration" => drop(crate::settings::Settings::from_json(&params["settings"])),
        _ => drop(w.take_changes()),
    }
}
