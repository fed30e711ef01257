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

/// The root of the embedded KB's workspace (no such folder: its files come from the binary).
pub const EMBEDDED_ROOT: &str = "<embedded>";

/// A KB to read from: the one found on disk, else the one embedded in the binary.
pub struct ReadKb {
    pub ws: Workspace,
    pub paths: Paths,
}

/// For the read-only commands: `--kb DIR`, else the KB found upward, else the embedded one.
pub fn open_for_reading(kb: Option<&Path>) -> Result<ReadKb, Failure> {
    if kb.is_some() || config::discover(&std::env::current_dir().unwrap_or_default()).is_some() {
        let root = locate(kb)?;
        let ws = load(&root)?;
        return Ok(ReadKb { ws, paths: Paths::new(&root) });
    }
    let files = crate::embedded::FILES;
    let config_text = files.iter().find(|(p, _)| *p == CONFIG_FILE).map(|(_, t)| *t).ok_or_else(|| {
        Failure::usage(format!("no {CONFIG_FILE} here or above, and this mlqa was built without a KB; pass --kb DIR"))
    })?;
    let config = mlqa_core::Config::parse(config_text, Path::new("<embedded>/mlqa.toml"))
        .map_err(|e| Failure::usage(e.to_string()))?;
    let list = files
        .iter()
        .filter(|(p, _)| *p != CONFIG_FILE)
        .map(|(p, t)| ((*p).to_owned(), mlqa_core::workspace::FileContent::Text((*t).to_owned())))
        // Images are files of the KB that are never read as text (as on disk): they exist for
        // the link rules, and `export html` copies their bytes from the binary.
        .chain(
            crate::embedded::IMAGES.iter().map(|(p, _)| ((*p).to_owned(), mlqa_core::workspace::FileContent::Unread)),
        )
        .collect();
    let ws = Workspace::build(PathBuf::from(EMBEDDED_ROOT), config, list);
    Ok(ReadKb { ws, paths: Paths { prefix: "kb/".into() } })
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

/// `--category ID` must name a category of the spec.
pub fn check_category(ws: &Workspace, category: Option<&str>) -> Result<(), Failure> {
    match category {
        Some(c) if !ws.has_category(c) => Err(Failure::usage(format!("no category `{c}`; `mlqa list` shows them"))),
        _ => Ok(()),
    }
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
