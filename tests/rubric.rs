//! The key points discriminate: the benchmark behind docs/RUBRIC.md. Each question's rubric grades
//! (a) its own KB answer, (b) that answer's short answer alone, (c) the answers to the other
//! questions of its category, and (d) learner-style answers that a person graded by hand
//! (`bench/rubric/*.yaml`), and the patterns' grades are compared with the person's.
//!
//! `cargo test --release --test rubric -- --nocapture` prints the table. The assertions are the
//! issue's targets: (a) 100 %, (c) under 25 %, agreement with the human grades at least 85 % on
//! (d); and at least 80 % on (e), a held-out set no pattern was tuned on.
//!
//! Also here: the JavaScript form of every pattern (the site's self-check) grades every text as
//! the Rust form does, checked in Node when it is installed.

use std::collections::BTreeMap;
use std::process::Command;

use mlqa_core::Workspace;
use mlqa_core::document::QuestionEntry;
use mlqa_tests::repo;
use serde_json::Value;

fn kb() -> Workspace {
    Workspace::load(&repo().join("kb")).expect("kb/ loads")
}

/// An answer's graded text (after its H1), and its short answer's text.
fn texts<'a>(ws: &'a Workspace, q: &QuestionEntry) -> (&'a str, &'a str) {
    let answer = ws.answers_for(&q.id.value).next().expect("every question is answered");
    let text = &ws.source(&answer.path).expect("its text").text;
    let sections = answer.md.sections(text.len());
    let short = sections.iter().find(|s| s.heading.text == "Short answer").expect("a short answer");
    (&text[answer.graded_start()..], &text[short.body.start..short.body.end])
}

fn score(q: &QuestionEntry, text: &str) -> f64 {
    let marks = q.rubric.grade(text);
    marks.iter().filter(|m| m.found.is_some()).count() as f64 / marks.len() as f64
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len().max(1) as f64
}

/// A set of learner answers with a person's grades: (question, kind, text, point name -> met).
fn learner_set(file: &str) -> Vec<(String, String, String, BTreeMap<String, bool>)> {
    let text = std::fs::read_to_string(repo().join("bench/rubric").join(file)).expect("the learner set");
    let doc: Value = serde_saphyr::from_str(&text).expect("YAML");
    doc["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .map(|a| {
            let human = a["human"]
                .as_object()
                .expect("human grades")
                .iter()
                .map(|(k, v)| (k.clone(), v.as_bool().expect("true or false")))
                .collect();
            let s = |k: &str| a[k].as_str().unwrap_or_else(|| panic!("{k} of {a}")).to_owned();
            (s("question"), s("kind"), s("text"), human)
        })
        .collect()
}

/// Agreement of the patterns with the person: (points agreed, points, credited wrongly, missed).
fn agreement(ws: &Workspace, set: &[(String, String, String, BTreeMap<String, bool>)]) -> (usize, usize, usize, usize) {
    let (mut agreed, mut total, mut false_credit, mut missed) = (0, 0, 0, 0);
    for (question, _, text, human) in set {
        let q = ws.question(question).unwrap_or_else(|| panic!("{question} is a question"));
        let marks = q.rubric.grade(text);
        assert_eq!(marks.len(), human.len(), "{question}: the person graded every key point");
        for m in &marks {
            let person = *human.get(&m.point.name).unwrap_or_else(|| panic!("{question}: `{}` graded", m.point.name));
            let pattern = m.found.is_some();
            total += 1;
            match (pattern, person) {
                (a, b) if a == b => agreed += 1,
                (true, false) => false_credit += 1,
                _ => missed += 1,
            }
        }
    }
    (agreed, total, false_credit, missed)
}

#[test]
fn the_rubric_discriminates() {
    let ws = kb();
    let questions: Vec<&QuestionEntry> = ws.questions().collect();
    let (mut own, mut short, mut other) = (Vec::new(), Vec::new(), Vec::new());
    for q in &questions {
        let (body, short_answer) = texts(&ws, q);
        own.push(score(q, body));
        short.push(score(q, short_answer));
        for o in questions.iter().filter(|o| o.category == q.category && o.id.value != q.id.value) {
            other.push(score(q, texts(&ws, o).0));
        }
    }
    println!("set                                          texts   mean score");
    println!("(a) each KB answer, own rubric               {:>5}   {:>6.1} %", own.len(), 100.0 * mean(&own));
    println!("(b) its short answer alone                   {:>5}   {:>6.1} %", short.len(), 100.0 * mean(&short));
    println!("(c) another answer of the same category      {:>5}   {:>6.1} %", other.len(), 100.0 * mean(&other));
    let mut agreements = Vec::new();
    for (file, label) in
        [("learner-answers.yaml", "(d) learner answers"), ("held-out.yaml", "(e) held-out learner answers")]
    {
        let set = learner_set(file);
        let mut by_kind: BTreeMap<&str, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
        for (question, kind, text, human) in &set {
            let q = ws.question(question).expect("a question");
            let person = human.values().filter(|&&v| v).count() as f64 / human.len() as f64;
            let entry = by_kind.entry(kind.as_str()).or_default();
            entry.0.push(score(q, text));
            entry.1.push(person);
        }
        for (kind, (pattern, person)) in &by_kind {
            println!(
                "{label:<29}{kind:>8}       {:>5}   {:>6.1} %  (the person: {:.1} %)",
                pattern.len(),
                100.0 * mean(pattern),
                100.0 * mean(person)
            );
        }
        let (agreed, total, false_credit, missed) = agreement(&ws, &set);
        let share = agreed as f64 / total as f64;
        println!(
            "{label}: agreement with the person on {agreed}/{total} key points = {:.1} % \
             ({false_credit} credited that the person did not, {missed} missed)",
            100.0 * share
        );
        agreements.push((label, share));
    }
    assert!(own.iter().all(|&s| s == 1.0), "(a) every KB answer meets its own rubric");
    assert!(mean(&other) < 0.25, "(c) answers to other questions score {:.1} %", 100.0 * mean(&other));
    // The issue's aim, on its set (d); some pattern authors saw (d) while writing, so the held-out
    // set (e), which nobody tuned on, is the honest figure and is guarded against getting worse.
    let floors = [0.85, 0.80];
    for ((label, share), floor) in agreements.into_iter().zip(floors) {
        assert!(share >= floor, "{label}: agreement {:.1} % is under {:.0} %", 100.0 * share, 100.0 * floor);
    }
}

/// Texts that probe where engines differ: non-ASCII letters that fold to ASCII ones, line
/// separators, tabs, CRLF, combining marks, math.
const EDGE_TEXTS: &[&str] = &[
    "ſtochastic Kelvin K naïve café İstanbul ǅ",
    "line one\r\nline two\u{2028}line three\ttabbed\u{000B}vertical",
    "σ² = E[(x − μ)²], √dₖ, ‖w‖₂, θ ← θ − η∇L, O(n²·d)",
    "FP/(TP+FP) TPR=TP/(TP+FN) F1 = 2PR/(P+R) k-NN k_NN 0.5 AUC=0.5",
    "",
];

#[test]
fn the_javascript_form_of_every_pattern_grades_as_the_rust_form() {
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("SKIPPED: node is not installed");
        return;
    }
    let ws = kb();
    let mut texts: Vec<String> = ws.questions().map(|q| texts(&ws, q).0.to_owned()).collect();
    texts.extend(EDGE_TEXTS.iter().map(|t| (*t).to_owned()));
    let mut patterns = Vec::new();
    let mut expected = Vec::new();
    for q in ws.questions() {
        let js: Vec<&str> = q.rubric.forms().filter_map(|(_, f)| f.ok().map(|f| f.js.as_str())).collect();
        for text in &texts {
            let marks = q.rubric.grade(text);
            assert_eq!(marks.len(), js.len());
            expected.extend(marks.iter().map(|m| m.found.is_some()));
        }
        patterns.push(js);
    }
    let input = serde_json::json!({ "patterns": patterns, "texts": texts });
    let script = r#"
        const { patterns, texts } = JSON.parse(require("fs").readFileSync(0, "utf8"));
        const flat = (t) => t.replace(/[\t\n\v\f\r ]+/g, " ");
        const out = [];
        for (const js of patterns) {
            const res = js.map((p) => new RegExp(p, "iu"));
            for (const t of texts) for (const re of res) out.push(re.test(flat(t)));
        }
        process.stdout.write(JSON.stringify(out));
    "#;
    let mut child = Command::new("node")
        .args(["-e", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node runs");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), input.to_string().as_bytes()).expect("write");
    let output = child.wait_with_output().expect("node ends");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let got: Vec<bool> = serde_json::from_slice(&output.stdout).expect("JSON from node");
    assert_eq!(got.len(), expected.len());
    let differ = got.iter().zip(&expected).filter(|(a, b)| a != b).count();
    assert_eq!(differ, 0, "{differ} of {} (pattern, text) gradings differ between Rust and JavaScript", got.len());
    assert!(expected.iter().any(|&m| m) && expected.iter().any(|&m| !m), "both outcomes occur");
}
