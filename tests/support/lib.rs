//! Helpers of the end-to-end tests: the built binaries, fixture KBs in temporary folders, and
//! running `mlqa` in them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A binary of the workspace, built by `cargo test` beside the test executables.
pub fn bin(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the test knows its own path");
    let dir = exe.parent().and_then(Path::parent).expect("tests run from target/<profile>/deps");
    let path = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.is_file(),
        "{} is not built: run the tests with `cargo test` from the repository root",
        path.display()
    );
    path
}

/// A command running `mlqa` in `dir`, with colour off and a clean environment for it.
pub fn mlqa(dir: &Path) -> Command {
    let mut cmd = Command::new(bin("mlqa"));
    cmd.current_dir(dir).env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    cmd
}

/// Runs `mlqa ARGS` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    mlqa(dir).args(args).output().expect("mlqa runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A KB in a temporary folder: `tests/fixtures/base`, overlaid with the files of
/// `tests/fixtures/<overlay>` (except `_expect` and `_delete`; `_delete` lists base files to remove).
pub struct FixtureKb {
    pub dir: tempfile::TempDir,
}

impl FixtureKb {
    pub fn new(overlay: Option<&str>) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let fixtures = repo().join("tests/fixtures");
        copy_tree(&fixtures.join("base"), dir.path());
        if let Some(overlay) = overlay {
            let src = fixtures.join(overlay);
            assert!(src.is_dir(), "no fixture {}", src.display());
            copy_tree(&src, dir.path());
            for name in ["_expect", "_delete"] {
                let _ = std::fs::remove_file(dir.path().join(name));
            }
            if let Ok(list) = std::fs::read_to_string(src.join("_delete")) {
                for line in list.lines().filter(|l| !l.trim().is_empty()) {
                    std::fs::remove_file(dir.path().join(line.trim())).expect("_delete names a base file");
                }
            }
        }
        Self { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
        std::fs::write(path, contents).expect("written");
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).expect("readable")
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("fixture folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            std::fs::create_dir_all(&target).expect("folder");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
