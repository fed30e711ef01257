//! A real editor end to end: headless Neovim, configured by `editors/neovim`, opens an answer
//! with a broken link, receives mlqa-lsp's diagnostic, applies the quick fix and saves.

use std::process::Command;

use mlqa_tests::{FixtureKb, bin, repo};

#[test]
fn neovim_receives_the_diagnostic_and_applies_the_quick_fix() {
    if Command::new("nvim").arg("--version").output().is_err() {
        // .ci/run installs Debian's neovim; a machine without it cannot run this test.
        println!("SKIPPED: nvim is not installed (apt-get install neovim)");
        return;
    }
    let kb = FixtureKb::new(Some("rules/broken-link"));
    let file = kb.path().join("alpha/first.md");
    let result = kb.path().join("nvim-result.txt");
    let out = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", repo().join("tests/editors/nvim_quickfix.lua").display()))
        .env("MLQA_NVIM_RTP", repo().join("editors/neovim"))
        .env("MLQA_LSP", bin("mlqa-lsp"))
        .env("MLQA_FILE", &file)
        .env("MLQA_RESULT", &result)
        .env("XDG_STATE_HOME", kb.path())
        .env("XDG_DATA_HOME", kb.path())
        .current_dir(kb.path())
        .output()
        .expect("nvim runs");
    let report = std::fs::read_to_string(&result)
        .unwrap_or_else(|_| panic!("nvim wrote no result: {}", String::from_utf8_lossy(&out.stderr)));
    assert!(report.contains("code=broken-link\n"), "{report}");
    assert!(report.contains("line=15\n"), "{report}");
    assert!(report.contains("action=Link to second.md"), "{report}");
    assert!(report.ends_with("status=fixed\n"), "{report}");
    let text = kb.read("alpha/first.md");
    assert!(text.contains("[the second answer](second.md#example)"), "{text}");
    assert_eq!(
        text,
        std::fs::read_to_string(repo().join("tests/fixtures/base/alpha/first.md")).unwrap(),
        "only the link changed"
    );
}
