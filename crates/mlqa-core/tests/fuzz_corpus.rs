//! Replays the fuzzer's corpus for the document pipeline (fuzz/corpus/document) on stable:
//! each input as an answer of a small KB, checked, every range inside its file.

use std::path::PathBuf;

use mlqa_core::workspace::FileContent;
use mlqa_core::{Config, Selection, Workspace, check};

const SPEC: &str = "title: T\ncategories:\n  - id: a\n    title: A\n    questions:\n      - id: one\n        question: \"One (x, y)?\"\n        covers: ['one']\n      - id: two\n        question: \"Two?\"\n";
const TWO: &str = "---\nid: two\ncategory: a\ndifficulty: core\nrelated: [one]\n---\n# Two?\n\n## Short answer\nSee [one](one.md#short-answer).\n";

#[test]
fn document_corpus_replays_with_ranges_in_bounds() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/document");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/corpus/document") {
        let data = std::fs::read(entry.expect("entry").path()).expect("readable");
        let answer = match std::str::from_utf8(&data) {
            Ok(text) => FileContent::Text(text.to_owned()),
            Err(e) => FileContent::InvalidUtf8 {
                lossy: String::from_utf8_lossy(&data).into_owned(),
                valid_up_to: e.valid_up_to(),
            },
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
        count += 1;
    }
    assert!(count >= 10, "the corpus has {count} inputs");
}
