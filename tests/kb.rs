//! The shipped KB: it passes its own gate, and its spec and resources are the seed's, verbatim.

use std::path::PathBuf;

use mlqa_tests::{repo, run, stdout};

fn seed() -> String {
    let path: PathBuf = repo().join("../shared/seed/000_b33241df95209376.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("the seed question bank at {}: {e}", path.display()))
}

fn spec() -> mlqa_core::model::Spec {
    let text = std::fs::read_to_string(repo().join("kb/spec.yaml")).expect("kb/spec.yaml");
    serde_saphyr::from_str(&text).expect("kb/spec.yaml parses into the Spec type")
}

#[test]
fn the_shipped_kb_passes_check_with_no_diagnostics() {
    let out = run(&repo(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    // Issue #2's floor is "nothing but missing answers"; with every answer written, nothing at all.
    let not_missing: Vec<_> = diagnostics.iter().filter(|d| d["rule"] != "missing-answer").collect();
    assert!(not_missing.is_empty(), "{}", serde_json::to_string_pretty(&not_missing).unwrap());
    assert!(diagnostics.is_empty(), "{}", serde_json::to_string_pretty(diagnostics).unwrap());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(report["summary"]["questions"], 84);
    assert_eq!(report["summary"]["answered"], 84);
}

#[test]
fn check_works_from_inside_the_kb_and_from_the_repository_root() {
    for dir in [repo(), repo().join("kb"), repo().join("kb/transformers")] {
        let out = run(&dir, &["check"]);
        assert_eq!(out.status.code(), Some(0), "from {}: {}", dir.display(), stdout(&out));
        assert!(stdout(&out).contains("Coverage: 84/84"), "{}", stdout(&out));
    }
}

/// The seed's categories with their questions, in order.
fn seed_questions(seed: &str) -> Vec<(String, Vec<String>)> {
    let mut categories: Vec<(String, Vec<String>)> = Vec::new();
    for line in seed.lines().skip(1) {
        if line == "Learning Resources" {
            break;
        }
        match line.strip_prefix("- ") {
            Some(q) => categories.last_mut().expect("a category first").1.push(q.to_owned()),
            None => categories.push((line.to_owned(), Vec::new())),
        }
    }
    categories
}

#[test]
fn the_spec_is_the_seed_verbatim() {
    let expected = seed_questions(&seed());
    let spec = spec();
    let got: Vec<(String, Vec<String>)> = spec
        .categories
        .iter()
        .map(|c| (c.title.to_string(), c.questions.iter().map(|q| q.question.to_string()).collect()))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(got.len(), 11);
    assert_eq!(got.iter().map(|c| c.1.len()).sum::<usize>(), 84);
    assert!(got.iter().flat_map(|c| &c.1).any(|q| q.contains("√dₖ")), "Unicode kept");
}

#[test]
fn every_question_has_four_to_seven_named_key_points_and_no_covers() {
    for q in spec().categories.iter().flat_map(|c| &c.questions) {
        assert!((4..=7).contains(&q.key_points.len()), "{} has {} key points", q.id, q.key_points.len());
        assert!(q.covers.is_empty(), "{} still lists `covers`", q.id);
        let names: std::collections::BTreeSet<String> = q.key_points.iter().map(|p| p.name.to_string()).collect();
        assert_eq!(names.len(), q.key_points.len(), "{}: two key points share a name", q.id);
    }
}

#[test]
fn the_resources_are_the_seeds_verbatim_then_the_primary_sources() {
    let seed = seed();
    let text = std::fs::read_to_string(repo().join("kb/resources.yaml")).expect("kb/resources.yaml");
    let resources: mlqa_core::model::Resources = serde_saphyr::from_str(&text).expect("parses");
    let (from_seed, added) = resources.resources.split_at(16);
    // The seed runs titles and summaries together on some lines; each must appear in it as written.
    let flat = seed.split_whitespace().collect::<Vec<_>>().join(" ");
    for r in from_seed {
        assert!(flat.contains(r.title.as_str()), "title not in the seed: {}", r.title);
        assert!(flat.contains(r.summary.as_str()), "summary not in the seed: {}", r.summary);
        assert!(r.group.is_some(), "{}: a seed resource keeps the seed's heading as its group", r.id);
    }
    assert!(added.len() >= 60, "only {} primary sources", added.len());
    for r in added {
        assert!(r.group.is_none(), "{}: only the seed's resources have a seed heading", r.id);
        assert!(!flat.contains(r.title.as_str()), "{}: a seed title among the added sources", r.id);
        // <first author>-<year>-<short name>, and the year in the title.
        let year = r.id.split('-').find(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()));
        let year = year.unwrap_or_else(|| panic!("{}: the id names the year", r.id));
        assert!(r.title.contains(" – "), "{}: the title names the authors after \" – \"", r.id);
        // The id's year is the first public version's; the title may give the venue's, a year on.
        let year: i32 = year.parse().unwrap();
        let dated = r.title.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse::<i32>().ok());
        assert!(dated.into_iter().any(|n| (n - year).abs() <= 1), "{}: the title dates it", r.id);
    }
    // A resource without a URL says why, in the comment above it.
    let lines: Vec<&str> = text.lines().collect();
    for r in resources.resources.iter().filter(|r| r.url.is_none()) {
        let at = lines.iter().position(|l| l.trim() == format!("- id: {}", r.id)).expect("the entry");
        assert!(lines[at - 1].trim_start().starts_with('#'), "{} has no url and no comment saying why", r.id);
    }
    for url in resources.resources.iter().filter_map(|r| r.url.as_ref()) {
        assert!(url.starts_with("https://"), "{url}");
    }
}

/// The glossary covers the seed's vocabulary: every question names at least one of its terms
/// (by a name, an acronym or an alias), and every term's answer is a question of the spec.
/// (`mlqa check` being clean on kb/ says that every acronym of the answers is defined.)
#[test]
fn every_question_names_a_glossary_term() {
    let ws = mlqa_core::Workspace::load(&repo().join("kb")).expect("kb/ loads");
    let lexicon = ws.lexicon();
    assert!(lexicon.terms().len() >= 400, "{} terms", lexicon.terms().len());
    let mut without_terms = Vec::new();
    for q in ws.questions() {
        let text = q.question.as_ref().map_or("", |t| t.value.as_str());
        if lexicon.find_in(text).is_empty() {
            without_terms.push(format!("{}: {text}", q.id.value));
        }
    }
    assert!(without_terms.is_empty(), "questions that name no glossary term: {without_terms:#?}");
    for t in lexicon.terms() {
        if let Some(id) = &t.answer {
            assert!(ws.question(id).is_some(), "term `{}`: no question `{id}`", t.term);
        }
    }
}
