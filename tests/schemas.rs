//! The JSON Schemas in `schemas/` are generated from the types; the outputs match their schemas.

use mlqa_core::schema::SchemaKind;
use mlqa_tests::{FixtureKb, repo, run};

#[test]
fn schemas_on_disk_match_the_types() {
    let mut stale = Vec::new();
    for kind in SchemaKind::ALL {
        let path = repo().join("schemas").join(kind.file_name());
        if std::fs::read_to_string(&path).ok().as_deref() != Some(kind.render().as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(stale.is_empty(), "out of date (run `mlqa schema --write`): {stale:?}");
}

#[test]
fn schema_check_command_agrees() {
    let out = run(&repo(), &["schema", "--check"]);
    assert_eq!(out.status.code(), Some(0));
    let dir = tempfile::tempdir().unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    let out = run(&repo(), &["schema", "--check", "--dir", dir_arg]);
    assert_eq!(out.status.code(), Some(1), "an empty folder is out of date");
    let out = run(&repo(), &["schema", "--write", "--dir", dir_arg]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&repo(), &["schema", "--check", "--dir", dir_arg]);
    assert_eq!(out.status.code(), Some(0));
}

fn validator(schema_path: &std::path::Path) -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    jsonschema::options().build(&schema).expect("a valid schema")
}

/// A fixture with diagnostics of many shapes: related locations, fixes, creates, warnings.
fn busy_kb() -> FixtureKb {
    let kb = FixtureKb::new(Some("rules/duplicate-answer"));
    let spec = kb.read("spec.yaml") + "      - id: fourth\n        question: \"What is the fourth question?\"\n";
    kb.write("spec.yaml", spec);
    let first = kb.read("alpha/first.md").replace("tags: [basics, fixture]", "tags: [basics, basics]");
    kb.write("alpha/first.md", first);
    kb
}

#[test]
fn the_json_report_matches_its_schema() {
    let kb = busy_kb();
    let out = run(kb.path(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["diagnostics"].as_array().unwrap().len() >= 4);
    let v = validator(&repo().join("schemas/report.schema.json"));
    let errors: Vec<String> = v.iter_errors(&report).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let kb = busy_kb();
    let out = run(kb.path(), &["check", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let v = validator(&repo().join("tests/data/sarif-schema-2.1.0.json"));
    let errors: Vec<String> = v.iter_errors(&sarif).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "duplicate-answer" && r["relatedLocations"].is_array()));
    assert!(results.iter().any(|r| r["fixes"].is_array()), "fixes are carried over");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
    }
}

#[test]
fn docs_rules_md_is_generated_from_the_rules() {
    let out = run(&repo(), &["rules", "--format", "markdown"]);
    let on_disk = std::fs::read_to_string(repo().join("docs/RULES.md")).unwrap();
    assert!(
        on_disk == mlqa_tests::stdout(&out),
        "docs/RULES.md is stale: run `mlqa rules --format markdown > docs/RULES.md`"
    );
    for rule in mlqa_core::Rule::ALL {
        assert!(on_disk.contains(&format!("\n## {}\n", rule.name())), "{} has no section", rule.name());
    }
}
