//! One version everywhere a release names it: the workspace (`mlqa --version`), the VS Code
//! extension, the wheel the pre-commit hooks install, the action's default, and CHANGELOG.md.

use mlqa_tests::repo;

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_package_carries_the_workspace_version() {
    let version = env!("CARGO_PKG_VERSION");

    let extension: serde_json::Value = serde_json::from_str(&read("editors/vscode/package.json")).unwrap();
    assert_eq!(extension["version"], version, "editors/vscode/package.json");

    let hooks = read("pyproject.toml");
    assert!(hooks.contains(&format!("version = \"{version}\"")), "pyproject.toml's version is not {version}");
    assert!(hooks.contains(&format!("\"mlqa-cli=={version}\"")), "pyproject.toml does not pin mlqa-cli=={version}");

    let action = read("action.yml");
    assert!(action.contains(&format!("default: '{version}'")), "action.yml's version input is not {version}");

    let changelog = read("CHANGELOG.md");
    assert!(changelog.contains(&format!("## {version}")), "CHANGELOG.md has no section for {version}");
}

#[test]
fn the_pre_commit_hooks_install_themselves() {
    let hooks = read(".pre-commit-hooks.yaml");
    let languages: Vec<&str> = hooks.lines().filter_map(|l| l.trim().strip_prefix("language: ")).collect();
    // `system` would need mlqa installed beforehand; `python` installs the mlqa-cli wheel.
    assert_eq!(languages, ["python", "python"], "{hooks}");
}
