//! The binary's own help and version. (This integration test also makes `cargo test` build the
//! `mlqa` binary, which the end-to-end tests of the root package run.)

use std::process::Command;

fn mlqa(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mlqa")).args(args).output().expect("mlqa runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn help_lists_every_command_and_the_exit_codes() {
    let (code, text) = mlqa(&["--help"]);
    assert_eq!(code, 0);
    for command in ["check", "lint", "coverage", "rules", "schema", "lsp"] {
        assert!(text.contains(command), "--help does not mention {command}:\n{text}");
    }
    assert!(text.contains("Exit codes: 0 no errors"), "{text}");
}

#[test]
fn version_is_the_package_version_and_the_formats() {
    let (code, text) = mlqa(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(text.trim(), format!("mlqa {} (KB format 1, report format 1)", env!("CARGO_PKG_VERSION")));
}
