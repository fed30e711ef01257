//! Replays the fuzzer's corpus for the server's message handling (fuzz/corpus/lsp_messages):
//! every input the fuzzer kept, and every crash it ever found once fixed, runs on stable in
//! `cargo test` too.

#[test]
fn lsp_message_corpus_replays_without_panicking() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/lsp_messages");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/corpus/lsp_messages") {
        let data = std::fs::read(entry.expect("entry").path()).expect("readable");
        mlqa_lsp::fuzzing::messages(&data);
        count += 1;
    }
    assert!(count >= 1, "the corpus is empty");
}
