//! The `mlqa` command line: exit codes, discovery, selection, fixes, formats, coverage, rules.

use mlqa_tests::{FixtureKb, mlqa, repo, run, stderr, stdout};

#[test]
fn exit_code_two_for_usage_and_io_errors() {
    let empty = tempfile::tempdir().unwrap();
    let out = run(empty.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no mlqa.toml"), "{}", stderr(&out));
    let out = run(empty.path(), &["check", "--kb", "does-not-exist"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no such folder"));
    let kb = FixtureKb::new(None);
    let out = run(kb.path(), &["check", "--select", "no-such-rule"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown rule or family `no-such-rule`"));
    let out = run(kb.path(), &["check", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2), "clap usage errors exit 2 too");
}

#[test]
fn a_broken_config_names_its_line() {
    let kb = FixtureKb::new(None);
    kb.write("mlqa.toml", "[rules]\nbroken-link = \"warn\"\nbroken-lnk = \"off\"\n");
    let out = run(kb.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("mlqa.toml:3: unknown rule or family `broken-lnk`"), "{}", stderr(&out));
}

#[test]
fn kb_is_found_upward_and_by_flag() {
    let kb = FixtureKb::new(Some("rules/broken-link"));
    let out = run(&kb.path().join("alpha"), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    // Paths are shown relative to where the user stands.
    assert!(stdout(&out).contains("--> ../alpha/first.md:16:21"), "{}", stdout(&out));
    let parent = kb.path().parent().unwrap();
    let name = kb.path().file_name().unwrap().to_str().unwrap();
    let out = run(parent, &["check", "--kb", name, "--format", "github"]);
    assert!(stdout(&out).contains(&format!("file={name}/alpha/first.md,line=16,col=21")), "{}", stdout(&out));
}

#[test]
fn levels_selection_and_overrides() {
    let kb = FixtureKb::new(Some("rules/broken-link"));
    let out = run(kb.path(), &["check", "--ignore", "links"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = run(kb.path(), &["check", "--select", "completeness"]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(kb.path(), &["check", "--select", "broken-link"]);
    assert_eq!(out.status.code(), Some(1));
    let config = kb.read("mlqa.toml");
    kb.write("mlqa.toml", format!("{config}\n[rules]\nbroken-link = \"warn\"\n"));
    let out = run(kb.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "a warning does not fail the gate");
    assert!(stdout(&out).contains("warning[broken-link]"));
    kb.write("mlqa.toml", format!("{config}\n[[overrides]]\npaths = [\"alpha/**\"]\nrules = {{ links = \"off\" }}\n"));
    let out = run(kb.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("All checks passed."));
}

#[test]
fn lint_limits_to_paths_and_skips_coverage() {
    let kb = FixtureKb::new(Some("rules/missing-answer"));
    let out = run(kb.path(), &["lint"]);
    assert_eq!(out.status.code(), Some(0), "missing answers are coverage, not lint: {}", stdout(&out));
    let kb = FixtureKb::new(Some("rules/broken-link"));
    assert_eq!(run(kb.path(), &["lint", "beta"]).status.code(), Some(0));
    assert_eq!(run(kb.path(), &["lint", "alpha/first.md"]).status.code(), Some(1));
    let out = run(kb.path(), &["lint", "/"]);
    assert_eq!(out.status.code(), Some(2), "a path outside the KB is a usage error");
}

#[test]
fn fix_applies_safe_fixes_and_is_idempotent() {
    let kb = FixtureKb::new(Some("rules/question-mismatch"));
    let out = run(kb.path(), &["check", "--fix"]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert!(stderr(&out).contains("Fixed 1 problem."));
    assert!(kb.read("alpha/second.md").contains("# Why divide by √dₖ in the second question?\n"));
    let before = kb.read("alpha/second.md");
    let out = run(kb.path(), &["check", "--fix"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!stderr(&out).contains("Fixed"));
    assert_eq!(kb.read("alpha/second.md"), before);
}

#[test]
fn unsafe_fixes_need_their_flag() {
    let kb = FixtureKb::new(Some("rules/broken-link"));
    let out = run(kb.path(), &["check", "--fix"]);
    assert_eq!(out.status.code(), Some(1), "the broken-link fix is unsafe");
    assert!(kb.read("alpha/first.md").contains("(secnd.md#example)"));
    let out = run(kb.path(), &["check", "--fix", "--unsafe-fixes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(kb.read("alpha/first.md").contains("(second.md#example)"));
}

#[test]
fn fixes_remove_sections_duplicates_and_create_answers_without_overwriting() {
    let kb = FixtureKb::new(Some("rules/missing-section"));
    assert_eq!(run(kb.path(), &["check", "--fix"]).status.code(), Some(1), "the inserted section is still empty");
    let text = kb.read("alpha/first.md");
    let explanation = text.find("## Explanation").unwrap();
    let example = text.find("## Example").unwrap();
    let pitfalls = text.find("## Pitfalls").unwrap();
    assert!(explanation < example && example < pitfalls, "{text}");

    let kb = FixtureKb::new(Some("rules/duplicate-reference"));
    assert_eq!(run(kb.path(), &["check", "--fix"]).status.code(), Some(0));
    assert!(kb.read("alpha/first.md").contains("tags: [basics, fixture]\n"));

    let kb = FixtureKb::new(Some("rules/missing-answer"));
    let out = run(kb.path(), &["check", "--fix", "--unsafe-fixes"]);
    assert_eq!(out.status.code(), Some(1), "the new answer is a skeleton to write");
    let created = kb.read("beta/fourth.md");
    assert!(created.starts_with("---\nid: fourth\ncategory: beta\n"), "{created}");
    assert!(created.contains("# What is the fourth question?\n\n## Short answer\n"));
    kb.write("beta/fourth.md", "my own words\n");
    run(kb.path(), &["check", "--select", "missing-answer", "--fix", "--unsafe-fixes"]);
    assert_eq!(kb.read("beta/fourth.md"), "my own words\n", "an existing file is never overwritten");
}

#[test]
fn statistics_count_per_rule() {
    let kb = FixtureKb::new(Some("rules/duplicate-answer"));
    let out = run(kb.path(), &["check", "--statistics"]);
    let text = stdout(&out);
    assert!(text.contains("1  broken-link"), "{text}");
    assert!(text.contains("1  duplicate-answer"));
    let out = run(kb.path(), &["check", "--statistics", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows["version"], 1);
    assert_eq!(rows["rules"].as_array().unwrap().len(), 3);
}

#[test]
fn machine_formats() {
    let kb = FixtureKb::new(Some("rules/broken-anchor"));
    let github = stdout(&run(kb.path(), &["check", "--format", "github"]));
    insta::assert_snapshot!("github", github);
    let junit = stdout(&run(kb.path(), &["check", "--format", "junit"]));
    insta::assert_snapshot!("junit", junit);
    let gitlab: serde_json::Value =
        serde_json::from_slice(&run(kb.path(), &["check", "--format", "gitlab"]).stdout).unwrap();
    insta::assert_json_snapshot!("gitlab", gitlab);
    let clean = FixtureKb::new(None);
    let junit = stdout(&run(clean.path(), &["check", "--format", "junit"]));
    assert!(junit.contains("<testcase name=\"mlqa check\" classname=\"mlqa\"/>"), "{junit}");
}

#[test]
fn coverage_table_and_gate() {
    let kb = FixtureKb::new(Some("rules/missing-answer"));
    let out = run(kb.path(), &["coverage"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("coverage", stdout(&out));
    assert_eq!(run(kb.path(), &["coverage", "--fail-under", "75"]).status.code(), Some(0));
    let out = run(kb.path(), &["coverage", "--fail-under", "80"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("75.0% is under --fail-under 80%"));
    assert_eq!(run(kb.path(), &["coverage", "--fail-under", "180"]).status.code(), Some(2));
    let json: serde_json::Value =
        serde_json::from_slice(&run(kb.path(), &["coverage", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["categories"][1]["missing"][0], "fourth");
    assert_eq!(json["version"], 1, "the coverage document carries its format's version");
}

#[test]
fn rules_are_listed_and_explained() {
    let out = run(&repo(), &["rules"]);
    let text = stdout(&out);
    for rule in mlqa_core::Rule::ALL {
        assert!(text.contains(rule.name()), "{} missing from `mlqa rules`", rule.name());
    }
    let out = run(&repo(), &["rules", "broken-link"]);
    assert!(stdout(&out).contains("## What it does"));
    assert!(stdout(&out).contains("Default level: error. Fix: unsafe."));
    let out = run(&repo(), &["rules", "broken-lnk"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean `broken-link`?"));
}

#[test]
fn terminal_escapes_from_the_kb_are_neutralized() {
    let kb = FixtureKb::new(Some("rules/bad-escape-sequence"));
    for format in ["human", "github"] {
        let out = run(kb.path(), &["check", "--format", format]);
        assert!(!out.stdout.contains(&0x1b), "{format} output carries a raw escape");
    }
}

#[test]
fn watch_rechecks_after_a_change() {
    use std::io::{BufRead, BufReader};
    let kb = FixtureKb::new(Some("rules/broken-link"));
    let mut child = mlqa(kb.path())
        .args(["check", "--watch"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut wait_for = |needle: &str| {
        for line in lines.by_ref() {
            if line.unwrap().contains(needle) {
                return true;
            }
        }
        false
    };
    assert!(wait_for("Found 1 error"));
    let fixed = kb.read("alpha/first.md").replace("secnd.md", "second.md");
    kb.write("alpha/first.md", fixed);
    let seen = wait_for("All checks passed.");
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(seen, "the change was not picked up");
}

#[test]
fn coverage_badge_is_an_svg_with_the_figure() {
    let kb = FixtureKb::new(Some("rules/missing-answer"));
    let out = run(kb.path(), &["coverage", "--format", "badge"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("coverage_badge", stdout(&out));
    let full = stdout(&run(&repo(), &["coverage", "--format", "badge"]));
    assert!(full.contains(">84/84 (100%)</text>") && full.contains("#4c1"), "{full}");
}

#[test]
fn fixes_never_write_outside_the_kb() {
    let kb = FixtureKb::new(Some("rules/missing-answer"));
    let spec = kb.read("spec.yaml").replace("id: fourth", "id: ../../../evil");
    kb.write("spec.yaml", spec);
    let out = run(kb.path(), &["check", "--fix", "--unsafe-fixes"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let parent = kb.path().parent().unwrap();
    assert!(!parent.join("evil.md").exists() && !kb.path().join("evil.md").exists());
    let report = stdout(&run(kb.path(), &["check", "--format", "json"]));
    assert!(report.contains("\"rule\": \"schema-violation\""), "the bad id is reported: {report}");
}
