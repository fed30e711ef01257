//! The synthetic KB of the benchmarks is what they claim to measure: clean when it should be,
//! and each planted fault reported by its rule, at its file, and nothing else.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use mlqa_core::check::{Selection, check};
use mlqa_core::config::Config;
use mlqa_core::workspace::{FileContent, Workspace};
use mlqa_synth::{FAULTS, Options, SyntheticKb, generate};

fn workspace(kb: &SyntheticKb) -> Workspace {
    let config_text = &kb.files.iter().find(|(p, _)| p == "mlqa.toml").expect("mlqa.toml").1;
    let config = Config::parse(config_text, Path::new("mlqa.toml")).expect("the generated config parses");
    let files = kb.files.iter().map(|(p, t)| (p.clone(), FileContent::Text(t.clone()))).collect();
    Workspace::build(PathBuf::from("/synthetic"), config, files)
}

fn reported(kb: &SyntheticKb) -> BTreeSet<(String, String)> {
    check(&workspace(kb), &Selection::default())
        .into_iter()
        .map(|d| (d.file.clone(), format!("{}: {}", d.rule.name(), d.message)))
        .collect()
}

#[test]
fn a_fault_free_synthetic_kb_is_clean() {
    for seed in [1, 2] {
        let kb = generate(&Options { answers: 250, seed, faults: 0.0 });
        assert_eq!(reported(&kb), BTreeSet::new(), "seed {seed}");
    }
}

#[test]
fn every_planted_fault_is_reported_by_its_rule_and_nothing_else_is() {
    let kb = generate(&Options { answers: 210, seed: 5, faults: 0.2 });
    assert_eq!(kb.faults.len(), 42);
    let got: BTreeSet<(String, String)> = check(&workspace(&kb), &Selection::default())
        .into_iter()
        .map(|d| (d.file.clone(), d.rule.name().to_owned()))
        .collect();
    let want: BTreeSet<(String, String)> = kb.faults.iter().map(|(p, r)| (p.clone(), (*r).to_owned())).collect();
    assert_eq!(got, want);
    let kinds: BTreeSet<&str> = kb.faults.iter().map(|(_, r)| *r).collect();
    assert_eq!(kinds, FAULTS.into_iter().collect());
}

#[test]
fn the_written_kb_checks_the_same_from_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let kb = generate(&Options { answers: 120, seed: 9, faults: 0.1 });
    kb.write_to(dir.path()).expect("write");
    let tsv = std::fs::read_to_string(dir.path().join("faults.tsv")).expect("faults.tsv");
    assert_eq!(tsv.lines().count(), 1 + kb.faults.len());
    let ws = Workspace::load(dir.path()).expect("load");
    let from_disk: BTreeSet<(String, &str)> =
        check(&ws, &Selection::default()).into_iter().map(|d| (d.file.clone(), d.rule.name())).collect();
    let want: BTreeSet<(String, &str)> = kb.faults.iter().map(|(p, r)| (p.clone(), *r)).collect();
    assert_eq!(from_disk, want);
}

/// Every answer and the spec of the synthetic KB (what the benchmarks time) and of the shipped
/// KB are in the canonical form, so the benchmarks measure the reader they take, and that reader
/// gives what serde-saphyr gives.
#[test]
fn every_front_matter_and_spec_is_canonical_and_reads_as_serde_saphyr_reads_it() {
    use mlqa_core::model::FrontMatter;
    use mlqa_core::syntax::front_matter::{FrontMatterState, split};
    use mlqa_core::syntax::{canonical, yaml};
    let synthetic = generate(&Options { answers: 300, seed: 1, faults: 0.05 }).files;
    let shipped = walk(&mlqa_tests::repo().join("kb"));
    let mut answers = 0;
    for (path, text) in synthetic.iter().chain(&shipped).filter(|(p, _)| p.ends_with(".md") && p.contains('/')) {
        let FrontMatterState::Present { content } = split(text).front else { panic!("{path}: no front matter") };
        let yaml_text = &text[content.start..content.end];
        let fast = canonical::front_matter(yaml_text).unwrap_or_else(|| panic!("{path}: not canonical:\n{yaml_text}"));
        let slow = yaml::parse_typed::<FrontMatter>(
            yaml_text,
            mlqa_core::TextRange::new(0, yaml_text.len()),
            yaml::Budget::FrontMatter,
        );
        assert_eq!(Some(format!("{fast:?}")), slow.map(|s| format!("{s:?}")), "{path}");
        answers += 1;
    }
    assert!(answers >= 300 + 84, "{answers} answers read");
    // And the two specs.
    for (path, text) in synthetic.iter().chain(&shipped).filter(|(p, _)| p == "spec.yaml") {
        let fast = canonical::spec(text).unwrap_or_else(|| panic!("{path}: not canonical"));
        let slow = yaml::parse_typed::<mlqa_core::model::Spec>(
            text,
            mlqa_core::TextRange::new(0, text.len()),
            yaml::Budget::Document,
        );
        assert_eq!(Some(format!("{fast:?}")), slow.map(|s| format!("{s:?}")), "{path}");
    }
}

/// The files below `root`, relative to it, with their text.
fn walk(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("a folder of the KB").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.push((rel, text));
            }
        }
    }
    out
}
