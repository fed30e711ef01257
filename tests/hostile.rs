//! Hostile KBs: every case is one clear diagnostic of the expected rule, the rest of the KB is
//! still checked (a broken link planted in another answer is always reported too), the exit
//! code is right, and memory stays bounded (peak RSS, from GNU time; wall-clock time is not
//! asserted, only guarded against hangs).

use std::collections::BTreeSet;
use std::process::Command;

use mlqa_tests::{FixtureKb, LspClient, bin, repo};
use serde_json::json;

/// Peak memory allowed for checking a small KB with one hostile file (a debug build needs
/// about 25 MB; reading the 50 MB file whole would exceed this).
const MAX_RSS_KB: u64 = 45_000;

enum Content {
    File(&'static str),
    Bytes(Vec<u8>),
    Sparse(u64),
    Symlink(&'static str),
}

/// A KB with generous limits, `alpha/first.md` replaced by the hostile content, and a broken
/// link planted in `beta/third.md` so that "the rest of the KB is checked" is observable.
fn hostile_kb(content: Content, at: &str) -> FixtureKb {
    let kb = FixtureKb::new(None);
    let config = kb
        .read("mlqa.toml")
        .replace("max-file-bytes = 4096", "max-file-bytes = 1048576")
        .replace("max-words = 200", "max-words = 1000000");
    kb.write("mlqa.toml", config);
    let third = kb.read("beta/third.md").replace("(../alpha/first.md#short-answer)", "(../alpha/gone.md)");
    kb.write("beta/third.md", third);
    let path = kb.path().join(at);
    let _ = std::fs::remove_file(&path);
    match content {
        Content::File(name) => {
            std::fs::copy(repo().join("tests/hostile").join(name), &path).unwrap();
        }
        Content::Bytes(b) => std::fs::write(&path, b).unwrap(),
        Content::Sparse(len) => std::fs::File::create(&path).unwrap().set_len(len).unwrap(),
        Content::Symlink(target) => std::os::unix::fs::symlink(target, &path).unwrap(),
    }
    kb
}

struct Outcome {
    code: Option<i32>,
    rules: BTreeSet<String>,
    max_rss_kb: u64,
    stdout: Vec<u8>,
}

fn check(kb: &FixtureKb) -> Outcome {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M", "timeout", "120"])
        .arg(bin("mlqa"))
        .args(["check", "--format", "json"])
        .current_dir(kb.path())
        .output()
        .expect("GNU time runs (.ci/run installs it)");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("no JSON report ({e}): {}", String::from_utf8_lossy(&out.stderr));
    });
    let rules =
        report["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap().to_owned()).collect();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let max_rss_kb = stderr.lines().last().and_then(|l| l.trim().parse().ok()).expect("a peak RSS figure");
    let human = Command::new(bin("mlqa")).args(["check"]).env("NO_COLOR", "1").current_dir(kb.path()).output().unwrap();
    Outcome { code: out.status.code(), rules, max_rss_kb, stdout: human.stdout }
}

fn expect(case: &str, kb: &FixtureKb, rules: &[&str]) {
    let out = check(kb);
    let mut want: BTreeSet<String> = rules.iter().map(|r| r.to_string()).collect();
    want.insert("broken-link".into());
    assert_eq!(out.rules, want, "{case}: rules");
    assert_eq!(out.code, Some(1), "{case}: errors found");
    assert!(out.max_rss_kb < MAX_RSS_KB, "{case}: peak RSS {} KB", out.max_rss_kb);
    assert!(!out.stdout.contains(&0x1b), "{case}: raw escape in the output");
}

/// The committed hostile files and the rules each must produce (besides the planted link).
fn cases() -> Vec<(&'static str, &'static [&'static str])> {
    vec![
        ("invalid-utf8.md", &["invalid-utf8"]),
        ("binary.md", &["invalid-utf8"]),
        ("nul-bytes.md", &["invalid-utf8"]),
        ("alias-bomb.md", &["invalid-yaml"]),
        ("deep-yaml.md", &["invalid-yaml"]),
        ("deep-markdown.md", &[]),
        ("crlf.md", &[]),
        ("bom.md", &[]),
        ("mixed-endings.md", &[]),
        // Emptied, the answer loses the heading another answer links to: that link is broken too.
        ("empty.md", &["missing-front-matter", "broken-anchor"]),
        ("absolute-links.md", &["link-escapes-kb"]),
        ("dotdot-links.md", &["link-escapes-kb"]),
        ("file-url.md", &["invalid-url"]),
        ("javascript-url.md", &["invalid-url"]),
        ("escape-sequence.md", &["question-mismatch"]),
        // Nesting that makes tree-sitter-yaml's scanner overflow its 1,024-byte state and abort
        // the process (crates/mlqa-core/src/syntax/yaml_guard.rs): the fuzzer's front matter
        // (its input as found is fuzz/corpus/document/crash-yaml-scanner-abort), then its neighbours.
        // serde-saphyr refuses them all: one invalid-yaml each. Flow nesting pushes nothing.
        ("yaml-scanner-abort.md", &["invalid-yaml"]),
        ("deep-block-sequence-line.md", &["invalid-yaml"]),
        ("deep-block-sequence-ladder.md", &["invalid-yaml"]),
        ("deep-mapping-ladder.md", &["invalid-yaml"]),
        ("deep-complex-keys.md", &["invalid-yaml"]),
        ("deep-flow-mapping.md", &["invalid-yaml"]),
    ]
}

#[test]
fn every_committed_hostile_file_is_a_case() {
    // So that each goes through `mlqa check` and the server below, not only through the fuzzer.
    let listed: BTreeSet<&str> = cases().into_iter().map(|(file, _)| file).collect();
    for entry in std::fs::read_dir(repo().join("tests/hostile")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(name == "README.md" || listed.contains(name.as_str()), "tests/hostile/{name} is not in cases()");
    }
}

#[test]
fn hostile_files_are_one_diagnostic_each() {
    for (file, rules) in cases() {
        let kb = hostile_kb(Content::File(file), "alpha/first.md");
        expect(file, &kb, rules);
    }
}

#[test]
fn generated_hostile_files() {
    // 50 MB: refused by its size before it is read (sparse, so the test writes nothing).
    let kb = hostile_kb(Content::Sparse(50 * 1024 * 1024), "alpha/first.md");
    expect("50 MB file", &kb, &["file-too-large"]);

    let base = std::fs::read_to_string(repo().join("tests/fixtures/base/alpha/first.md")).unwrap();
    let headings: String = (0..10_000).map(|i| format!("### Heading {}\n", i % 7)).collect();
    let many = base.replace("## Follow-ups", &format!("{headings}\n## Follow-ups"));
    let kb = hostile_kb(Content::Bytes(many.into_bytes()), "alpha/first.md");
    expect("10,000 headings", &kb, &[]);

    let long = base.replace("Do not forget the first pitfall.", &format!("Do not forget {}.", "x".repeat(100_000)));
    let kb = hostile_kb(Content::Bytes(long.into_bytes()), "alpha/first.md");
    expect("100,000-character line", &kb, &[]);

    // Symbolic links are never followed: not out of the KB, not around a loop.
    let kb = hostile_kb(Content::Symlink("/etc/passwd"), "alpha/leak.md");
    expect("link to /etc/passwd", &kb, &["symlink-not-followed"]);
    let kb = hostile_kb(Content::Symlink(".."), "alpha/loop");
    expect("symlink loop", &kb, &["symlink-not-followed"]);
    let kb = hostile_kb(Content::Symlink("/"), "outside");
    expect("link to the file system root", &kb, &["symlink-not-followed"]);
}

#[test]
fn the_server_reports_hostile_files_and_keeps_serving() {
    for (file, rules) in cases() {
        let kb = hostile_kb(Content::File(file), "alpha/first.md");
        let mut client = LspClient::start(kb.path());
        let root = format!("file://{}", std::fs::canonicalize(kb.path()).unwrap().display());
        client.request("initialize", json!({"capabilities": {}, "workspaceFolders": [{"uri": root, "name": "kb"}]}));
        client.notify("initialized", json!({}));
        let third = format!("{root}/beta/third.md");
        let diags = client.wait_diagnostics(|d| d.contains_key(&third));
        let mut got: BTreeSet<String> =
            diags.values().flatten().map(|d| d["code"].as_str().unwrap_or_default().to_owned()).collect();
        got.remove("broken-link");
        let want: BTreeSet<String> = rules.iter().map(|r| r.to_string()).collect();
        assert_eq!(got, want, "{file}: the server reports what the CLI does");
        // Typing the hostile text into an open document is handled too.
        let first = format!("{root}/alpha/first.md");
        let text =
            String::from_utf8_lossy(&std::fs::read(repo().join("tests/hostile").join(file)).unwrap()).into_owned();
        client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": first, "languageId": "markdown", "version": 1, "text": text}}),
        );
        let hover = client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": first}, "position": {"line": 3, "character": 2}}),
        );
        assert!(hover.get("error").is_none(), "{file}: {hover}");
        assert!(client.stop().success(), "{file}");
    }
}
