//! The exported site in a real browser: headless Chromium (Debian's), driven by Playwright
//! (`site/test/e2e.mjs`), from the filesystem with every network request refused. On the
//! shipped KB it checks the index, math on a sample of pages (no console error, no layout
//! shift), search, every internal link of every page, search against `mlqa search`, every
//! figure (images loaded with alt text, Mermaid diagrams drawn), and keeps screenshots in
//! `target/site-screenshot*.png`. On a fixture KB with one image and one Mermaid diagram
//! (`tests/fixtures/figures`) it runs the same checks but search, so that the figure checks
//! run on something whatever the shipped KB holds (screenshots in
//! `target/site-figures-screenshot*.png`).

use std::path::Path;
use std::process::Command;

use mlqa_tests::{FixtureKb, bin, repo, run, stderr, stdout};

fn missing_prerequisite() -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).is_file() {
        return Some(format!("no Chromium at {chromium} (apt-get install chromium, or set CHROMIUM)"));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is not installed".into());
    }
    if !repo().join("site/node_modules/playwright-core").is_dir() {
        return Some("site/node_modules is missing (npm ci --prefix site)".into());
    }
    None
}

/// Exports the KB at `kb` and runs the browser test on the site, with `env` for e2e.mjs;
/// returns its report.
fn export_and_check(kb: &Path, screenshot: &str, env: &[(&str, &str)]) -> String {
    let out_dir = tempfile::tempdir().expect("a temporary folder");
    let site = out_dir.path().join("site");
    let export = run(kb, &["export", "html", "--out", site.to_str().expect("UTF-8 path")]);
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    let screenshot = repo().join("target").join(screenshot);
    let e2e = Command::new("node")
        .arg(repo().join("site/test/e2e.mjs"))
        .arg(&site)
        .arg(&screenshot)
        // Also compare the page's search with `mlqa search` on the same KB.
        .env("MLQA_BIN", bin("mlqa"))
        .env("MLQA_KB", kb)
        .envs(env.iter().copied())
        .current_dir(repo().join("site"))
        .output()
        .expect("node runs");
    println!("{}", stdout(&e2e));
    assert!(e2e.status.success(), "the browser test failed:\n{}\n{}", stdout(&e2e), stderr(&e2e));
    assert!(screenshot.is_file(), "no screenshot at {}", screenshot.display());
    stdout(&e2e)
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("a folder") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a type").is_dir() {
            std::fs::create_dir_all(&target).expect("a folder");
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a copy");
        }
    }
}

#[test]
fn the_exported_site_works_offline_in_chromium() {
    if let Some(why) = missing_prerequisite() {
        // .ci/run installs all three; a machine without them cannot run this test.
        println!("SKIPPED: {why}");
        return;
    }
    // A copy, so that the site and `mlqa search` (check f) read the same KB even while
    // someone edits kb/ during the minutes the test takes.
    let copy = tempfile::tempdir().expect("a temporary folder");
    copy_dir(&repo().join("kb"), copy.path());
    let report = export_and_check(copy.path(), "site-screenshot.png", &[]);
    assert!(report.contains("ok   g. figures"), "{report}");
}

#[test]
fn the_figures_of_a_fixture_kb_render_offline_in_chromium() {
    if let Some(why) = missing_prerequisite() {
        println!("SKIPPED: {why}");
        return;
    }
    let kb = FixtureKb::new(Some("figures"));
    // Three answers; search (c) looks for the shipped KB's answers.
    let report = export_and_check(
        kb.path(),
        "site-figures-screenshot.png",
        &[("MLQA_E2E_ANSWERS", "3"), ("MLQA_E2E_SKIP", "c")],
    );
    // The figure check saw the fixture's figures (it passes on a KB without any, too).
    assert!(
        report.contains("1 of 3 answer pages have figures: 1 images loaded with alt text, 1 Mermaid diagrams drawn"),
        "{report}"
    );
}
