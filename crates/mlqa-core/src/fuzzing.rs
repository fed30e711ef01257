//! The harness of the document fuzz target (fuzz/fuzz_targets/document.rs), shared with the
//! corpus replay in `cargo test`: any bytes as an answer of a small KB must parse and check,
//! with every diagnostic range inside its file on character boundaries.

use std::path::PathBuf;

use crate::workspace::FileContent;
use crate::{Config, Selection, Workspace, check};

const SPEC: &str = "title: T\ncategories:\n  - id: a\n    title: A\n    questions:\n      - id: one\n        question: \"One (x, y)?\"\n        covers: ['one']\n      - id: two\n        question: \"Two?\"\n";
const TWO: &str = "---\nid: two\ncategory: a\ndifficulty: core\nrelated: [one]\n---\n# Two?\n\n## Short answer\nSee [one](one.md#short-answer).\n";

/// Checks `data` as `a/one.md`; panics if a diagnostic's range is out of bounds.
pub fn check_document(data: &[u8]) {
    let answer = match std::str::from_utf8(data) {
        Ok(text) => FileContent::Text(text.to_owned()),
        Err(e) => {
            FileContent::InvalidUtf8 { lossy: String::from_utf8_lossy(data).into_owned(), valid_up_to: e.valid_up_to() }
        }
    };
    let files = vec![
        ("spec.yaml".to_owned(), FileContent::Text(SPEC.to_owned())),
        ("a/two.md".to_owned(), FileContent::Text(TWO.to_owned())),
        ("a/one.md".to_owned(), answer),
    ];
    let ws = Workspace::build(PathBuf::from("/kb"), Config::default(), files);
    for d in check(&ws, &Selection::default()) {
        if let Some(source) = ws.source(&d.file) {
            let t = &source.text;
            assert!(
                d.range.end <= t.len() && t.is_char_boundary(d.range.start) && t.is_char_boundary(d.range.end),
                "{d:?}"
            );
        }
    }
}
