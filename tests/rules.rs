//! Every rule has a fixture KB that breaks exactly one thing of `tests/fixtures/base`, and the
//! diagnostics `mlqa check` reports for it are snapshotted in human and JSON form.

use std::collections::BTreeSet;

use mlqa_core::Rule;
use mlqa_tests::{FixtureKb, repo, run, stdout};

/// The rules a fixture must report: its `_expect` file, else the rule it is named after.
fn expected(name: &str) -> BTreeSet<String> {
    match std::fs::read_to_string(repo().join("tests/fixtures/rules").join(name).join("_expect")) {
        Ok(list) => list.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(),
        Err(_) => BTreeSet::from([name.to_owned()]),
    }
}

fn fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo().join("tests/fixtures/rules"))
        .expect("tests/fixtures/rules")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_base_fixture_is_clean() {
    let kb = FixtureKb::new(None);
    let out = run(kb.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("All checks passed."));
}

#[test]
fn every_rule_has_a_fixture() {
    let names = fixtures();
    let missing: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).filter(|n| !names.iter().any(|f| f == n)).collect();
    assert!(missing.is_empty(), "rules without a fixture under tests/fixtures/rules/: {missing:?}");
}

#[test]
fn each_fixture_reports_exactly_its_rules() {
    let mut failures = Vec::new();
    for name in fixtures() {
        let kb = FixtureKb::new(Some(&format!("rules/{name}")));
        let json = run(kb.path(), &["check", "--format", "json"]);
        let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON report");
        let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
        let got: BTreeSet<String> =
            diagnostics.iter().map(|d| d["rule"].as_str().unwrap_or_default().to_owned()).collect();
        let want = expected(&name);
        if got != want {
            failures.push(format!("{name}: expected {want:?}, got {got:?}"));
            continue;
        }
        let has_error = diagnostics.iter().any(|d| d["severity"] == "error");
        let code = json.status.code();
        if code != Some(i32::from(has_error)) {
            failures.push(format!("{name}: exit code {code:?} with errors={has_error}"));
        }
        let human = run(kb.path(), &["check"]);
        let compact: Vec<String> = diagnostics
            .iter()
            .map(|d| {
                let l = &d["location"];
                format!(
                    "{} {} {}:{}:{}-{}:{} {}{}",
                    d["severity"].as_str().unwrap_or_default(),
                    d["rule"].as_str().unwrap_or_default(),
                    l["file"].as_str().unwrap_or_default(),
                    l["start"]["line"],
                    l["start"]["column"],
                    l["end"]["line"],
                    l["end"]["column"],
                    d["message"].as_str().unwrap_or_default(),
                    d["fix"]["applicability"].as_str().map(|a| format!(" [fix: {a}]")).unwrap_or_default()
                )
            })
            .collect();
        let snapshot = format!("{}\n--- json ---\n{}\n", stdout(&human), compact.join("\n"));
        insta::with_settings!({ snapshot_path => repo().join("tests/snapshots/rules"), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name.clone(), snapshot);
        });
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
