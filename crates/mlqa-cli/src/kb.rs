//! Finding and loading the KB, and showing its paths relative to where the user stands.

use std::path::{Path, PathBuf};

use mlqa_core::Workspace;
use mlqa_core::config::{self, CONFIG_FILE};

use crate::Failure;

/// The KB root: `--kb DIR` (the folder of mlqa.toml, or a folder with `kb/mlqa.toml`), else
/// found upward from the current directory.
pub fn locate(kb: Option<&Path>) -> Result<PathBuf, Failure> {
    match kb {
        Some(dir) => {
            if dir.join(CONFIG_FILE).is_file() {
                Ok(dir.to_owned())
            } else if dir.join("kb").join(CONFIG_FILE).is_file() {
                Ok(dir.join("kb"))
            } else if !dir.exists() {
                Err(Failure::usage(format!("--kb {}: no such folder", dir.display())))
            } else {
                Err(Failure::usage(format!(
                    "--kb {}: no {CONFIG_FILE} there (nor in {}/kb)",
                    dir.display(),
                    dir.display()
                )))
            }
        }
        None => {
            let cwd = std::env::current_dir()
                .map_err(|e| Failure::usage(format!("cannot read the current directory: {e}")))?;
            config::discover(&cwd).ok_or_else(|| {
                Failure::usage(format!(
                    "no {CONFIG_FILE} or kb/{CONFIG_FILE} in {} or any folder above it; run mlqa inside a KB, or pass --kb DIR",
                    cwd.display()
                ))
            })
        }
    }
}

pub fn load(root: &Path) -> Result<Workspace, Failure> {
    Workspace::load(root).map_err(|e| Failure::usage(e.to_string()))
}

/// Turns paths relative to the KB root into paths relative to the current directory.
#[derive(Debug, Clone)]
pub struct Paths {
    prefix: String,
}

impl Paths {
    pub fn new(root: &Path) -> Self {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
        let rel = std::env::current_dir()
            .ok()
            .and_then(|c| std::fs::canonicalize(c).ok())
            .map_or_else(|| root.clone(), |cwd| relative(&cwd, &root));
        let mut prefix = rel.to_string_lossy().replace('\\', "/");
        if !prefix.is_empty() && !prefix.ends_with('/') {
            prefix.push('/');
        }
        Self { prefix }
    }

    pub fn display(&self, file: &str) -> String {
        format!("{}{file}", self.prefix)
    }

    /// A path given on the command line, as a path relative to the KB root (if inside it).
    pub fn to_kb(&self, root: &Path, arg: &Path) -> Option<String> {
        let abs = std::fs::canonicalize(arg).ok()?;
        let root = std::fs::canonicalize(root).ok()?;
        let rel = abs.strip_prefix(&root).ok()?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    }
}

/// `to` relative to `from` (both absolute), with `..` where `to` is not below `from`.
fn relative(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return to.iter().collect();
    }
    let mut out = PathBuf::new();
    for _ in common..from.len() {
        out.push("..");
    }
    for c in &to[common..] {
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_with_dot_dot() {
        assert_eq!(relative(Path::new("/a/kb/x"), Path::new("/a/kb")), PathBuf::from(".."));
        assert_eq!(relative(Path::new("/a"), Path::new("/a/kb")), PathBuf::from("kb"));
        assert_eq!(relative(Path::new("/a/kb"), Path::new("/a/kb")), PathBuf::new());
        assert_eq!(relative(Path::new("/b/c"), Path::new("/a/kb")), PathBuf::from("../../a/kb"));
    }
}
