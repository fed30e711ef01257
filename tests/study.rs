//! Finding, reading and practising answers: search, show, list, quiz, new, the embedded KB.

use std::io::Write;
use std::process::Stdio;

use mlqa_tests::{FixtureKb, mlqa, repo, run, stderr, stdout};

#[test]
fn search_ranks_questions_first_and_forgives_forms_and_typos() {
    let out = run(&repo(), &["search", "regularize", "--limit", "3"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("search_regularize", stdout(&out));
    let typo = stdout(&run(&repo(), &["search", "gradiant", "clipping", "--limit", "1"]));
    assert!(typo.contains("What is gradient clipping and why is it used?"), "{typo}");
    let kv: serde_json::Value =
        serde_json::from_slice(&run(&repo(), &["search", "kv cache", "--format", "json", "--limit", "2"]).stdout)
            .unwrap();
    assert_eq!(kv["version"], 1);
    let ids: Vec<&str> = kv["results"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["kv-cache-inference", "kv-cache"], "both KV-cache answers first");
    let only = stdout(&run(&repo(), &["search", "cache", "--category", "transformers", "--format", "json"]));
    assert!(!only.contains("\"llm-inference\""), "--category filters");
    assert_eq!(run(&repo(), &["search", "x", "--category", "nope"]).status.code(), Some(2));
}

#[test]
fn show_renders_an_answer_or_its_section() {
    let out = run(&repo(), &["show", "bias-variance", "--section", "Short answer"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!("show_bias_variance_short", stdout(&out));
    let raw = stdout(&run(&repo(), &["show", "lora", "--raw"]));
    assert!(raw.starts_with("# What is LoRA and how does it work?\n"), "{raw}");
    let words = stdout(&run(&repo(), &["show", "gradient", "clipping", "--section", "Example"]));
    assert!(words.starts_with("optimization / gradient-clipping"), "{words}");
    let ambiguous = run(&repo(), &["show", "kv", "cache"]);
    assert_eq!(ambiguous.status.code(), Some(2));
    assert!(
        stderr(&ambiguous).contains("kv-cache-inference") && stderr(&ambiguous).contains("  kv-cache  "),
        "{}",
        stderr(&ambiguous)
    );
    let typo = run(&repo(), &["show", "bias-varaince"]);
    assert!(stderr(&typo).contains("bias-variance"), "an unknown id lists the closest: {}", stderr(&typo));
    let section = run(&repo(), &["show", "lora", "--section", "Nope"]);
    assert!(stderr(&section).contains("its sections: Short answer, Explanation"), "{}", stderr(&section));
}

#[test]
fn list_shows_coverage_per_category() {
    let out = run(&repo(), &["list", "--category", "rag"]);
    insta::assert_snapshot!("list_rag", stdout(&out));
    let kb = FixtureKb::new(Some("rules/missing-answer"));
    let missing: serde_json::Value =
        serde_json::from_slice(&run(kb.path(), &["list", "--missing", "--format", "json"]).stdout).unwrap();
    assert_eq!(
        missing,
        serde_json::json!({"version": 1, "questions": [{"id": "fourth", "category": "beta", "question": "What is the fourth question?", "answered": false, "path": null}]})
    );
    let answered = stdout(&run(kb.path(), &["list", "--answered"]));
    assert!(answered.contains("✓ first") && !answered.contains("fourth"), "{answered}");
}

#[test]
fn new_scaffolds_from_the_spec_and_never_overwrites() {
    let kb = FixtureKb::new(Some("rules/missing-answer"));
    let out = run(kb.path(), &["new", "fourth"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "created beta/fourth.md\n");
    let text = kb.read("beta/fourth.md");
    assert!(
        text.starts_with("---\nid: fourth\ncategory: beta\n")
            && text.contains("# What is the fourth question?\n\n## Short answer\n")
    );
    kb.write("beta/fourth.md", "mine\n");
    let again = run(kb.path(), &["new", "fourth"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(kb.read("beta/fourth.md"), "mine\n");
    assert!(stderr(&run(kb.path(), &["new", "fourht"])).contains("did you mean `fourth`?"));
}

fn quiz(dir: &std::path::Path, data: &std::path::Path, now: i64, input: &str, args: &[&str]) -> String {
    let mut child = mlqa(dir)
        .arg("quiz")
        .args(args)
        .env("XDG_DATA_HOME", data)
        .env("MLQA_NOW", now.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).replace(&data.display().to_string(), "<data>")
}

#[test]
fn quiz_schedules_reviews_with_sm2_and_keeps_progress_outside_the_kb() {
    let kb = FixtureKb::new(None);
    let data = tempfile::tempdir().unwrap();
    let day = 86_400;
    // Three new questions: good, full answer then again, easy.
    let first = quiz(kb.path(), data.path(), 1_000 * day, "\ng\n\nf\na\n\ne\n", &["--seed", "7", "--count", "3"]);
    insta::assert_snapshot!("quiz_first_session", first);
    let progress: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data.path().join("mlqa/progress.json")).unwrap()).unwrap();
    assert_eq!(progress["cards"].as_object().unwrap().len(), 3);
    assert!(!kb.path().join("progress.json").exists());
    // The same day: nothing due.
    let same_day = quiz(kb.path(), data.path(), 1_000 * day + 60, "", &["--seed", "7"]);
    assert!(same_day.starts_with("Nothing to review now; the next review is due in 24 h."), "{same_day}");
    // A day later all three are due: SM-2's first interval is one day whatever the grade.
    let later = quiz(kb.path(), data.path(), 1_001 * day, "\ng\n\nq\n", &["--seed", "7"]);
    assert!(later.contains("[1/3]") && later.contains("Next review in 6 days."), "{later}");
    assert!(later.contains("Reviewed 1;"), "quitting keeps what was reviewed: {later}");
}

#[test]
fn the_embedded_kb_serves_read_only_commands_anywhere() {
    let nowhere = tempfile::tempdir().unwrap();
    let out = run(nowhere.path(), &["list", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows["questions"].as_array().unwrap().len(), 84);
    assert!(stdout(&run(nowhere.path(), &["search", "dropout", "--limit", "1"])).contains("What is dropout"));
    assert!(
        stdout(&run(nowhere.path(), &["show", "lora", "--section", "Short answer"])).contains("Low-Rank Adaptation")
    );
    assert_eq!(run(nowhere.path(), &["check"]).status.code(), Some(2), "the gate needs a KB on disk");
}

#[test]
fn shell_completions() {
    for shell in ["bash", "zsh", "fish"] {
        let out = run(&repo(), &["completions", shell]);
        assert_eq!(out.status.code(), Some(0));
        assert!(stdout(&out).contains("quiz"), "{shell} completions know the subcommands");
    }
}
