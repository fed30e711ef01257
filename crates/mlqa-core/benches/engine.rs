//! The engine on a synthetic KB (`mlqa-synth`, 5 % of answers with a planted fault), in memory:
//! `cargo bench -p mlqa-core`. Figures and method: docs/PERFORMANCE.md.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::{Bencher, black_box};
use mlqa_core::check::{Incremental, Selection, check, check_answer};
use mlqa_core::config::Config;
use mlqa_core::search::SearchIndex;
use mlqa_core::workspace::{FileContent, Workspace};
use mlqa_synth::{Options, SyntheticKb, generate};

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [100, 1_000, 10_000];

/// The synthetic KB of `n` answers, generated once per size.
fn kb(n: usize) -> &'static SyntheticKb {
    static KBS: [OnceLock<SyntheticKb>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = SIZES.iter().position(|&s| s == n).expect("a benchmarked size");
    KBS[slot].get_or_init(|| generate(&Options { answers: n, seed: 1, faults: 0.05 }))
}

fn files(kb: &SyntheticKb) -> (Config, Vec<(String, FileContent)>) {
    let config_text = &kb.files.iter().find(|(p, _)| p == "mlqa.toml").expect("mlqa.toml").1;
    let config = Config::parse(config_text, Path::new("mlqa.toml")).expect("config");
    (config, kb.files.iter().map(|(p, t)| (p.clone(), FileContent::Text(t.clone()))).collect())
}

fn workspace(n: usize) -> Workspace {
    let (config, files) = files(kb(n));
    Workspace::build(PathBuf::from("/kb"), config, files)
}

/// Parse every file and run every rule: `mlqa check` without the file reads and the output.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn check_kb(bencher: Bencher, n: usize) {
    bencher.with_inputs(|| files(kb(n))).bench_values(|(config, files)| {
        let ws = Workspace::build(PathBuf::from("/kb"), config, files);
        black_box(check(&ws, &Selection::default()))
    });
}

/// Read the KB from disk and parse it (no rules), from the page cache.
#[divan::bench(args = [1_000, 10_000], sample_count = 10, sample_size = 1)]
fn load_kb(bencher: Bencher, n: usize) {
    let dir = std::env::temp_dir().join(format!("mlqa-bench-load-{n}-{}", std::process::id()));
    kb(n).write_to(&dir).expect("write the synthetic KB");
    bencher.bench(|| black_box(Workspace::load(&dir).expect("load")));
    let _ = std::fs::remove_dir_all(&dir);
}

/// One answer re-parsed and its answer rules run, as after a keystroke (1,000-answer KB).
#[divan::bench(sample_count = 200)]
fn parse_and_check_one_answer(bencher: Bencher) {
    let mut ws = workspace(1_000);
    let (path, text) = kb(1_000).files.iter().find(|(p, _)| p.ends_with(".md")).expect("an answer").clone();
    bencher.bench_local(|| {
        ws.set_file(&path, FileContent::Text(text.clone()));
        let answer = ws.answer_at(&path).expect("the answer");
        black_box(check_answer(&ws, answer))
    });
}

/// The language server's work for one edit in a 10,000-answer KB: the file re-parsed, the
/// affected answers re-checked, the diagnostics of the files that changed collected (what the
/// server then publishes). Each edit toggles a fault in one answer, so each changes the diagnostics: a
/// `TODO` in its prose (what most keystrokes are like), or a broken link (which changes the
/// link graph, so the workspace rules run again).
#[divan::bench(args = ["prose", "link"], sample_count = 100)]
fn edit_to_diagnostics_10k(bencher: Bencher, edit: &str) {
    let mut ws = workspace(10_000);
    let mut incremental = Incremental::new(&ws);
    let (path, text) = kb(10_000).files.iter().find(|(p, _)| p.ends_with(".md")).expect("an answer").clone();
    let faulty = match edit {
        "prose" => format!("{text}\nTODO: one more example.\n"),
        _ => format!("{text}\nSee [the note](no-such-note.md).\n"),
    };
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        ws.set_file(&path, FileContent::Text(if flip { faulty.clone() } else { text.clone() }));
        let changed = incremental.update(&ws, std::slice::from_ref(&path));
        black_box(changed.iter().map(|f| incremental.file(f).len()).sum::<usize>())
    });
}

/// The queries the search is timed on: a name, plain words, a typo, and a learner's question
/// with a formula and glossary names.
const QUERIES: [&str; 4] =
    ["kv cache", "gradient descent momentum", "calibraton", "why scale attention by square root of d_k"];

/// The 10,000-answer KB with the shipped KB's glossary (about 450 terms): search reads every
/// name of it in each query.
fn workspace_with_glossary() -> Workspace {
    let mut ws = workspace(10_000);
    ws.set_file("glossary.yaml", FileContent::Text(include_str!("../../../kb/glossary.yaml").to_owned()));
    assert!(ws.lexicon().terms().len() > 400, "the glossary is read");
    ws
}

/// `mlqa search` on a 10,000-answer KB, per query (the index is built with the workspace).
#[divan::bench(args = QUERIES, sample_count = 100)]
fn search_10k(bencher: Bencher, query: &str) {
    let ws = workspace_with_glossary();
    let index = SearchIndex::build(&ws);
    bencher.bench(|| black_box(index.search(query, None, 10)));
}

/// Building the search index of a 10,000-answer KB.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn search_index_10k(bencher: Bencher) {
    let ws = workspace_with_glossary();
    bencher.bench(|| black_box(SearchIndex::build(&ws)));
}
