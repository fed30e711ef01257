//! How well `mlqa search` finds what a learner means: the benchmark behind docs/SEARCH.md. Each
//! query of `bench/search/queries.yaml` (written from the learner's side: paraphrases, acronyms,
//! expansions, typos, formulas, British spellings) names the answer it should find; the test
//! reports top-1, top-3 and the mean reciprocal rank (MRR, over the first 10), overall and by kind.
//!
//! `cargo test --release --test search_quality -- --nocapture` prints the table. The assertions
//! are the targets: top-1 at least 90 %, top-3 at least 98 %, and the seven queries of the issue
//! that asked for the glossary found first.
//!
//! `MLQA_SEARCH_BIN=/path/to/mlqa` measures that binary instead (`mlqa search --format json`, one
//! process per query): how the "before" figures were taken from an older build. The targets are
//! not asserted then.

use std::process::Command;

use mlqa_core::Workspace;
use mlqa_core::search::SearchIndex;
use mlqa_tests::repo;
use serde_json::Value;

struct Query {
    query: String,
    answer: String,
    kind: String,
}

fn queries(file: &str) -> Vec<Query> {
    let text = std::fs::read_to_string(repo().join("bench/search").join(file)).expect("the query set");
    let doc: Value = serde_saphyr::from_str(&text).expect("YAML");
    doc["queries"]
        .as_array()
        .expect("a list of queries")
        .iter()
        .map(|q| Query {
            query: q["query"].as_str().expect("query").to_owned(),
            answer: q["answer"].as_str().expect("answer").to_owned(),
            kind: q["kind"].as_str().expect("kind").to_owned(),
        })
        .collect()
}

/// The ids `mlqa search` ranks first for `query`, best first (at most 10).
fn ranked(index: Option<&SearchIndex>, query: &str) -> Vec<String> {
    match index {
        Some(index) => index.search(query, None, 10).into_iter().map(|h| h.id).collect(),
        None => {
            let bin = std::env::var("MLQA_SEARCH_BIN").expect("a binary");
            let kb = repo().join("kb");
            let out = Command::new(bin)
                .args(["search", "--format", "json", "--limit", "10", "--kb"])
                .arg(&kb)
                .arg("--")
                .args(query.split_whitespace())
                .output()
                .expect("mlqa search runs");
            let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON results");
            doc["results"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|h| h["id"].as_str().unwrap_or_default().to_owned())
                .collect()
        }
    }
}

#[derive(Default)]
struct Tally {
    n: usize,
    top1: usize,
    top3: usize,
    rr: f64,
}

impl Tally {
    fn add(&mut self, rank: Option<usize>) {
        self.n += 1;
        if let Some(r) = rank {
            self.top1 += usize::from(r == 1);
            self.top3 += usize::from(r <= 3);
            self.rr += 1.0 / r as f64;
        }
    }

    fn pct(part: usize, n: usize) -> f64 {
        100.0 * part as f64 / n.max(1) as f64
    }

    fn row(&self, name: &str) -> String {
        format!(
            "| {name} | {} | {:.1} % | {:.1} % | {:.3} |",
            self.n,
            Self::pct(self.top1, self.n),
            Self::pct(self.top3, self.n),
            self.rr / self.n.max(1) as f64
        )
    }
}

/// The seven queries of the issue, with the answer each must find first.
const ISSUE_QUERIES: [(&str, &str); 7] = [
    ("why scale attention by square root of d_k", "attention-scaling"),
    ("area under the roc curve", "auc"),
    ("principal component analysis versus linear discriminant analysis", "lda-vs-pca"),
    ("bfloat16 versus half precision", "fp16-vs-bf16"),
    ("activation recomputation to save memory", "gradient-checkpointing"),
    ("exponential moving average of squared gradients", "gd-variants"),
    ("one key value head shared by all query heads", "multi-query-attention"),
];

/// Top-1, top-3 and MRR of `file`'s queries, overall and by kind, with a table and the misses
/// printed.
fn measure(ws: &Workspace, index: Option<&SearchIndex>, file: &str) -> Tally {
    let queries = queries(file);
    for q in &queries {
        assert!(ws.question(&q.answer).is_some(), "{file}: query {:?}: no question `{}`", q.query, q.answer);
    }
    let mut all = Tally::default();
    let mut by_kind: std::collections::BTreeMap<&str, Tally> = std::collections::BTreeMap::new();
    let mut misses = Vec::new();
    for q in &queries {
        let ids = ranked(index, &q.query);
        let rank = ids.iter().position(|id| *id == q.answer).map(|i| i + 1);
        all.add(rank);
        by_kind.entry(&q.kind).or_default().add(rank);
        if rank != Some(1) {
            let rank = rank.map_or_else(|| "not in the top 10".to_owned(), |r| format!("#{r}"));
            misses.push(format!("{:?} -> {} {rank}, first {}", q.query, q.answer, ids.first().map_or("none", |s| s)));
        }
    }
    println!("\n{file}\n\n| queries | n | top-1 | top-3 | MRR@10 |\n| --- | ---: | ---: | ---: | ---: |");
    println!("{}", all.row("all"));
    for (kind, t) in &by_kind {
        println!("{}", t.row(kind));
    }
    println!("\nnot first:\n{}", misses.join("\n"));
    all
}

#[test]
fn search_finds_what_learners_mean() {
    let external = std::env::var_os("MLQA_SEARCH_BIN").is_some();
    let ws = Workspace::load(&repo().join("kb")).expect("kb/ loads");
    let index = (!external).then(|| SearchIndex::build(&ws));
    let all = measure(&ws, index.as_ref(), "queries.yaml");
    assert!(all.n >= 60, "the query set has {} queries; it needs at least 60", all.n);
    let held_out = measure(&ws, index.as_ref(), "held-out.yaml");
    if external {
        return;
    }
    let issue: Vec<String> = ISSUE_QUERIES
        .iter()
        .filter(|(query, want)| ranked(index.as_ref(), query).first().map(String::as_str) != Some(*want))
        .map(|(query, want)| format!("{query:?} does not find {want} first"))
        .collect();
    assert!(issue.is_empty(), "{issue:#?}");
    let (top1, top3) = (Tally::pct(all.top1, all.n), Tally::pct(all.top3, all.n));
    assert!(top1 >= 90.0, "top-1 is {top1:.1} %, under the 90 % target");
    assert!(top3 >= 98.0, "top-3 is {top3:.1} %, under the 98 % target");
    // The held-out set was written after the search was tuned, and nothing was tuned on it: its
    // floor only catches a regression.
    let (top1, top3) = (Tally::pct(held_out.top1, held_out.n), Tally::pct(held_out.top3, held_out.n));
    assert!(top1 >= 70.0 && top3 >= 85.0, "held-out: top-1 {top1:.1} %, top-3 {top3:.1} %");
}
