//! The exported site of the shipped KB in a real browser: headless Chromium (Debian's), driven
//! by Playwright (`site/test/e2e.mjs`), from the filesystem with every network request refused.
//! It checks the index, math on a sample of pages (no console error, no layout shift), search,
//! every internal link of every page, search against `mlqa search`, and keeps screenshots in
//! `target/site-screenshot*.png`.

use std::path::Path;
use std::process::Command;

use mlqa_tests::{bin, repo, run, stderr, stdout};

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

#[test]
fn the_exported_site_works_offline_in_chromium() {
    if let Some(why) = missing_prerequisite() {
        // .ci/run installs all three; a machine without them cannot run this test.
        println!("SKIPPED: {why}");
        return;
    }
    let out_dir = tempfile::tempdir().expect("a temporary folder");
    let site = out_dir.path().join("site");
    let export = run(&repo(), &["export", "html", "--out", site.to_str().expect("UTF-8 path")]);
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    let screenshot = repo().join("target/site-screenshot.png");
    let e2e = Command::new("node")
        .arg(repo().join("site/test/e2e.mjs"))
        .arg(&site)
        .arg(&screenshot)
        // Also compare the page's search with `mlqa search` on the same KB.
        .env("MLQA_BIN", bin("mlqa"))
        .env("MLQA_KB", repo().join("kb"))
        .current_dir(repo().join("site"))
        .output()
        .expect("node runs");
    println!("{}", stdout(&e2e));
    assert!(e2e.status.success(), "the browser test failed:\n{}\n{}", stdout(&e2e), stderr(&e2e));
    assert!(screenshot.is_file(), "no screenshot at {}", screenshot.display());
}
