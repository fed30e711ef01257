//! Any bytes as an answer file of a small KB: parsing and every rule must return, and every
//! diagnostic range must lie inside its file on character boundaries.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use mlqa_core::workspace::FileContent;
use mlqa_core::{Config, Selection, Workspace, check};

const SPEC: &str = "title: T\ncategories:\n  - id: a\n    title: A\n    questions:\n      - id: one\n        question: \"One (x, y)?\"\n        covers: ['one']\n      - id: two\n        question: \"Two?\"\n";
const TWO: &str = "---\nid: two\ncategory: a\ndifficulty: core\nrelated: [one]\n---\n# Two?\n\n## Short answer\nSee [one](one.md#short-answer).\n";

fuzz_target!(|data: &[u8]| {
    let answer = match std::str::from_utf8(data) {
        Ok(text) => FileContent::Text(text.to_owned()),
        Err(e) => FileContent::InvalidUtf8 { lossy: String::from_utf8_lossy(data).into_owned(), valid_up_to: e.valid_up_to() },
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
            assert!(d.range.end <= t.len() && t.is_char_boundary(d.range.start) && t.is_char_boundary(d.range.end), "{d:?}");
        }
    }
});
