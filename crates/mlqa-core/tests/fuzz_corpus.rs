//! Replays the fuzzer's corpus for the document pipeline (fuzz/corpus/document) on stable,
//! through the same harness as the fuzz target.

#[test]
fn document_corpus_replays_with_ranges_in_bounds() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/document");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/corpus/document") {
        let data = std::fs::read(entry.expect("entry").path()).expect("readable");
        mlqa_core::fuzzing::check_document(&data);
        count += 1;
    }
    assert!(count >= 10, "the corpus has {count} inputs");
}
