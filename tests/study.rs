//! Finding, reading and practising answers: search, show, list, quiz, new, the embedded KB.

use std::io::Write;
use std::process::{Command, Stdio};

use mlqa_tests::{FixtureKb, bin, mlqa, repo, run, stderr, stdout};

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
    assert_eq!(
        ids,
        ["kv-cache", "kv-cache-inference"],
        "both KV-cache answers first, the one the glossary names first"
    );
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
fn search_speaks_the_glossary_and_shows_formulas_whole() {
    // The words of a glossary name find the answer that explains it, and math reads as words.
    let out = run(&repo(), &["search", "why scale attention by square root of d_k", "--limit", "3"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("search_attention_scaling", stdout(&out));
    let json: serde_json::Value =
        serde_json::from_slice(&run(&repo(), &["search", "√dₖ", "--format", "json", "--limit", "5"]).stdout).unwrap();
    let hits = json["results"].as_array().unwrap();
    assert_eq!(hits[0]["id"], "attention-scaling", "{json}");
    for hit in hits {
        let snippet = hit["snippet"].as_str().unwrap();
        assert!(!snippet.contains("\\sqrt"), "a simple formula is rendered: {snippet}");
        for h in hit["highlights"].as_array().unwrap() {
            let (start, end) = (h[0].as_u64().unwrap() as usize, h[1].as_u64().unwrap() as usize);
            let marked = &snippet[start..end];
            assert!(
                !marked.contains('$') || (marked.starts_with('$') && marked.ends_with('$')),
                "{marked} splits a formula"
            );
        }
    }
    let ids = |query: &[&str]| -> Vec<String> {
        let mut args = vec!["search", "--format", "json", "--limit", "5", "--"];
        args.extend_from_slice(query);
        let out: serde_json::Value = serde_json::from_slice(&run(&repo(), &args).stdout).unwrap();
        out["results"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_owned()).collect()
    };
    let first = |query: &[&str]| ids(query).into_iter().next().unwrap_or_default();
    assert_eq!(first(&["bfloat16", "versus", "half", "precision"]), "fp16-vs-bf16");
    // "ZeRO" in an answer is the optimizer, not the English word; the question's "Zero Redundancy"
    // still is.
    let zeroing = ids(&["randomly", "zeroing", "neurons", "during", "training"]);
    let rank = |id: &str| zeroing.iter().position(|x| x == id).unwrap_or(usize::MAX);
    assert!(rank("dropout") < rank("zero-stages"), "`zeroing` is not ZeRO: {zeroing:?}");
    assert_eq!(first(&["ZeRO", "stages"]), "zero-stages");
    assert_eq!(first(&["optimiser", "behaviour"]), first(&["optimizer", "behavior"]), "British spellings");
}

#[test]
fn show_renders_simple_math_as_unicode() {
    let out = run(&repo(), &["show", "attention-scaling", "--section", "Short answer", "--color", "never"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!("show_attention_scaling_short", stdout(&out));
    let raw = stdout(&run(&repo(), &["show", "attention-scaling", "--section", "Short answer", "--raw"]));
    assert!(raw.contains("\\sqrt{d_k}"), "--raw keeps the LaTeX: {raw}");
}

#[test]
fn define_finds_a_term_by_any_name_with_a_typo_and_every_meaning() {
    let out = run(&repo(), &["define", "gqa", "--color", "never"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!("define_gqa", stdout(&out));
    let alias = stdout(&run(&repo(), &["define", "Key", "Value", "Cache", "--color", "never"]));
    assert!(alias.starts_with("key-value cache (KV cache, KV)\n"), "{alias}");
    let typo = stdout(&run(&repo(), &["define", "multi-haed", "attention", "--color", "never"]));
    assert!(typo.starts_with("No term is named `multi-haed attention`; the closest is `multi head attention`.\n\nmulti-head attention (MHA)"), "{typo}");
    let map: serde_json::Value =
        serde_json::from_slice(&run(&repo(), &["define", "MAP", "--format", "json"]).stdout).unwrap();
    let terms: Vec<&str> = map["terms"].as_array().unwrap().iter().map(|t| t["term"].as_str().unwrap()).collect();
    assert_eq!(terms.len(), 2, "MAP means two things in the KB: {terms:?}");
    assert_eq!((map["version"].clone(), map["closest_to"].clone()), (serde_json::json!(1), serde_json::Value::Null));
    assert!(map["terms"][0]["path"].as_str().unwrap().ends_with(".md"));
    let unknown = run(&repo(), &["define", "qqqqzzzz"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("no term of the glossary is named `qqqqzzzz`; `mlqa search qqqqzzzz`"),
        "{}",
        stderr(&unknown)
    );
    let kb = FixtureKb::new(None);
    let none = run(kb.path(), &["define", "x"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("this KB has no glossary.yaml"), "{}", stderr(&none));
}

#[test]
fn the_undefined_acronym_fix_scaffolds_an_entry_that_define_then_finds() {
    let kb = FixtureKb::new(Some("rules/undefined-acronym"));
    let fixed = run(kb.path(), &["check", "--fix", "--unsafe-fixes"]);
    assert_eq!(fixed.status.code(), Some(0), "{}", stdout(&fixed));
    let glossary = kb.read("glossary.yaml");
    assert!(glossary.ends_with("  - term: \"(write out what GQA stands for)\"\n    acronyms: [\"GQA\"]\n    definition: \"(one line in your own words)\"\n    # answer: third   (if this answer explains it)\n"), "{glossary}");
    let defined = stdout(&run(kb.path(), &["define", "GQA", "--color", "never"]));
    assert!(defined.starts_with("(write out what GQA stands for) (GQA)\n"), "{defined}");
    // The terms need not be the last block: the entry goes after the last term.
    let kb = FixtureKb::new(Some("rules/undefined-acronym"));
    let glossary = kb.read("glossary.yaml") + "spellings:\n  - { british: centre, american: center }\n";
    kb.write("glossary.yaml", &glossary);
    let fixed = run(kb.path(), &["check", "--fix", "--unsafe-fixes"]);
    assert_eq!(fixed.status.code(), Some(0), "{}", stdout(&fixed));
    let glossary = kb.read("glossary.yaml");
    assert!(
        glossary.ends_with("(if this answer explains it)\nspellings:\n  - { british: centre, american: center }\n"),
        "{glossary}"
    );
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

/// `mlqa COMMAND ARGS` with `input` on stdin, its clock at `now` and its data folder `data`;
/// (exit code, stdout, stderr), the data folder written `<data>`.
fn study(dir: &std::path::Path, data: &std::path::Path, now: i64, input: &str, args: &[&str]) -> (i32, String, String) {
    let mut child = mlqa(dir)
        .args(args)
        .env("XDG_DATA_HOME", data)
        .env("MLQA_NOW", now.to_string())
        .env_remove("VISUAL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let clean = |b: &[u8]| String::from_utf8_lossy(b).replace(&data.display().to_string(), "<data>");
    (out.status.code().unwrap_or(-1), clean(&out.stdout), clean(&out.stderr))
}

fn quiz(dir: &std::path::Path, data: &std::path::Path, now: i64, input: &str, args: &[&str]) -> String {
    let (code, out, err) = study(dir, data, now, input, &[&["quiz"], args].concat());
    assert_eq!(code, 0, "{err}");
    out
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

/// `mlqa practice ARGS` on day 1,000.
fn practice(dir: &std::path::Path, data: &std::path::Path, input: &str, args: &[&str]) -> (i32, String, String) {
    study(dir, data, 1_000 * 86_400, input, &[&["practice"], args].concat())
}

fn cards(data: &std::path::Path) -> serde_json::Value {
    match std::fs::read_to_string(data.join("mlqa/progress.json")) {
        Ok(text) => serde_json::from_str::<serde_json::Value>(&text).unwrap()["cards"].clone(),
        Err(_) => serde_json::Value::Null,
    }
}

#[test]
fn practice_grades_an_answer_point_by_point_and_records_the_suggested_grade() {
    let kb = FixtureKb::new(None);
    let data = tempfile::tempdir().unwrap();
    let answer = kb.path().join("my-answer.txt");
    // Meets "Names the third thing", misses "Warns of a pitfall": 1 of 2 is `hard`.
    std::fs::write(&answer, "It is about the third idea,\nexplained plainly.\n").unwrap();
    let file = answer.to_str().unwrap();
    let (code, json, _) =
        practice(kb.path(), data.path(), "", &["third", "--answer-file", file, "--format", "json", "--no-save"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("practice_json", json);
    assert_eq!(cards(data.path()), serde_json::Value::Null, "--no-save records nothing");
    let (code, human, _) = practice(kb.path(), data.path(), "", &["third", "--answer-file", file, "--color", "never"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("practice_human", human);
    assert_eq!(cards(data.path())["third"]["interval_days"], 1, "recorded like a `hard` in quiz");
    // Typed or pasted on standard input, and `-` for a file on standard input: the same grading.
    let full = "The third idea; the one pitfall is skipping the example.";
    for args in [
        &["third", "--format", "json", "--no-save"][..],
        &["third", "--answer-file", "-", "--format", "json", "--no-save"],
    ] {
        let (code, out, err) = practice(kb.path(), data.path(), full, args);
        assert_eq!(code, 0, "{err}");
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            (doc["grading"]["met"].as_u64(), doc["grading"]["suggested_grade"].as_str()),
            (Some(2), Some("easy"))
        );
    }
}

#[test]
fn practice_takes_the_answer_from_the_editor() {
    let kb = FixtureKb::new(None);
    let data = tempfile::tempdir().unwrap();
    // An "editor" that checks the question is shown in the file, then appends an answer.
    let editor = kb.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\ngrep -q '^# What is the third question?' \"$1\" || exit 3\necho 'A pitfall to avoid.' >> \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut cmd = mlqa(kb.path());
    let out = cmd
        .args(["practice", "third", "--editor", "--format", "json", "--no-save"])
        .env("EDITOR", &editor)
        .env_remove("VISUAL")
        .env("XDG_DATA_HOME", data.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let met: Vec<bool> =
        doc["grading"]["points"].as_array().unwrap().iter().map(|p| p["met"].as_bool().unwrap()).collect();
    assert_eq!(met, [false, true], "the question's own words (a # comment) are not graded");
}

#[test]
fn practice_explains_what_it_cannot_grade() {
    let kb = FixtureKb::new(None);
    let data = tempfile::tempdir().unwrap();
    let (code, _, err) = practice(kb.path(), data.path(), "   \n", &["third"]);
    assert_eq!((code, err.trim()), (2, "error: the answer is empty: nothing to grade"));
    let (code, _, err) = practice(kb.path(), data.path(), "x", &["second"]);
    assert_eq!(code, 2);
    assert!(err.contains("`second` has no key points to grade against: add `key_points` to it in spec.yaml"), "{err}");
    let broken = kb.read("spec.yaml").replace("match: 'first answer'", "match: 'first(?=answer)'");
    std::fs::write(kb.path().join("spec.yaml"), broken).unwrap();
    let (code, _, err) = practice(kb.path(), data.path(), "x", &["first"]);
    assert_eq!(code, 2);
    assert!(err.contains("none of `first`'s key points has a pattern mlqa can use"), "{err}");
    let (code, _, err) = practice(kb.path(), data.path(), "x", &["thrid-question"]);
    assert_eq!(code, 2);
    assert!(err.contains("third"), "an unknown id names the closest: {err}");
    let (code, _, err) = practice(kb.path(), data.path(), "x", &["--category", "gamma"]);
    assert_eq!((code, err.trim()), (2, "error: no category `gamma`; `mlqa list` shows them"));
}

#[test]
fn practice_without_an_id_takes_the_most_overdue_question_then_a_new_one() {
    let kb = FixtureKb::new(None);
    let data = tempfile::tempdir().unwrap();
    let id = |out: &str| {
        serde_json::from_str::<serde_json::Value>(out).unwrap()["grading"]["id"].as_str().unwrap().to_owned()
    };
    // Two questions have key points (`second` has none): a new one is picked, and graded.
    let (_, first, _) = practice(kb.path(), data.path(), "the first answer", &["--format", "json", "--seed", "1"]);
    let first = id(&first);
    assert!(["first", "third"].contains(&first.as_str()), "{first}");
    // Recorded, due in a day: the next run takes the other, still new.
    let (_, second, _) = practice(kb.path(), data.path(), "the first answer", &["--format", "json", "--seed", "1"]);
    assert_ne!(id(&second), first);
    // Two days later both are due at the same time: the first by id.
    let out = mlqa(kb.path())
        .args(["practice", "--format", "json", "--no-save", "--answer-file", "-"])
        .env("XDG_DATA_HOME", data.path())
        .env("MLQA_NOW", (1_002 * 86_400).to_string())
        .stdin(std::fs::File::open(kb.path().join("beta/third.md")).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(id(&stdout(&out)), "first");
    let (_, category, _) =
        practice(kb.path(), data.path(), "third", &["--category", "beta", "--format", "json", "--no-save"]);
    assert_eq!(id(&category), "third");
}

#[test]
fn practice_at_a_terminal_reads_to_ctrl_d_and_asks_before_recording() {
    // A terminal: util-linux `script` runs mlqa on a pseudo-terminal fed from our stdin.
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("SKIPPED: `script` (util-linux) is not installed");
        return;
    }
    let kb = FixtureKb::new(None);
    let data = tempfile::tempdir().unwrap();
    let command = format!("{} practice third --kb {} --color never", bin("mlqa").display(), kb.path().display());
    // The answer, Ctrl-D on a line of its own, then `e` to record `easy` over the suggested `hard`.
    let mut child = Command::new("script")
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .env("XDG_DATA_HOME", data.path())
        .env("MLQA_NOW", (1_000 * 86_400).to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"The third idea.\n\x04e\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Your answer (end with Ctrl-D on a line of its own):"), "{text}");
    assert!(text.contains("Record `hard`? [Enter] yes, or [a]gain [h]ard [g]ood [e]asy, [s]kip:"), "{text}");
    assert!(text.contains("Recorded `easy`: next review in 1 day"), "{text}");
    assert!((cards(data.path())["third"]["ease"].as_f64().unwrap() - 2.6).abs() < 1e-9, "SM-2 `easy`");
}
