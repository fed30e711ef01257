//! A strict third-party LSP client end to end: the pytest suite of `tests/strict_client`, where
//! pytest-lsp (pygls and lsprotocol) decodes every message of the real `mlqa-lsp` against the
//! specification's types, drives every capability the server advertises, and checks each result
//! against the client's declared capabilities.

use std::process::Command;

use mlqa_tests::{bin, repo};

#[test]
fn a_strict_third_party_client_drives_every_capability() {
    let probe = Command::new("python3").args(["-c", "import pytest_lsp"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        // .ci/run installs tests/strict_client/requirements.txt; without it this cannot run.
        println!(
            "SKIPPED: pytest-lsp is not installed (python3 -m pip install -r tests/strict_client/requirements.txt)"
        );
        return;
    }
    let out = Command::new("python3")
        .args(["-m", "pytest", "tests/strict_client", "-q", "-p", "no:cacheprovider"])
        .env("MLQA_LSP", bin("mlqa-lsp"))
        // No __pycache__ in the source tree.
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .current_dir(repo())
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the strict client's suite failed ({}):\n{stdout}\n{stderr}", out.status);
    // A run that collected nothing must not pass (pytest exits 5 then; be explicit anyway).
    assert!(stdout.contains(" passed"), "no test ran:\n{stdout}\n{stderr}");
    println!("{stdout}");
}
