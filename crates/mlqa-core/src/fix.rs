//! Applying fixes: choosing non-overlapping edits, applying them to texts, and writing files
//! atomically (a temporary file renamed over the old one), never overwriting on create.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::text::TextRange;
use crate::workspace::{FileContent, Workspace};

/// The changes to make to the KB's files, by path relative to the root.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilePlan {
    pub edits: BTreeMap<String, Vec<(TextRange, String)>>,
    pub creates: BTreeMap<String, String>,
    /// How many fixes were taken.
    pub fixes: usize,
}

/// Picks the fixes to apply: those allowed by `unsafe_fixes`, in diagnostic order, skipping a
/// fix whenever one of its edits overlaps an edit already taken (it is retried on the next pass).
pub fn plan(diagnostics: &[Diagnostic], unsafe_fixes: bool) -> FilePlan {
    let mut plan = FilePlan::default();
    for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
        if fix.applicability == Applicability::Unsafe && !unsafe_fixes {
            continue;
        }
        let clashes = fix.edits.iter().any(|e| match e {
            Edit::Replace { file, range, .. } => {
                plan.edits.get(file).is_some_and(|taken| taken.iter().any(|(r, _)| overlaps(*r, *range)))
                    || plan.creates.contains_key(file)
            }
            Edit::Create { file, .. } => plan.creates.contains_key(file) || plan.edits.contains_key(file),
        });
        if clashes {
            continue;
        }
        for e in &fix.edits {
            match e {
                Edit::Replace { file, range, text } => {
                    plan.edits.entry(file.clone()).or_default().push((*range, text.clone()))
                }
                Edit::Create { file, contents } => {
                    plan.creates.insert(file.clone(), contents.clone());
                }
            }
        }
        plan.fixes += 1;
    }
    plan
}

/// What [`fix_all`] did: how many fixes it applied, and the files to write (each once, with its
/// final text) and to create.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fixed {
    pub fixes: usize,
    pub edited: BTreeMap<String, String>,
    pub created: BTreeMap<String, String>,
}

/// Applies fixes in memory until none is left or `max_passes` ran: each pass plans the fixes of
/// `diagnostics(ws)` and applies them to the workspace, so the next pass sees their effect
/// without any file being read or written. The caller writes [`Fixed`] once.
pub fn fix_all(
    ws: &mut Workspace,
    unsafe_fixes: bool,
    max_passes: usize,
    diagnostics: impl Fn(&Workspace) -> Vec<Diagnostic>,
) -> Fixed {
    let mut fixed = Fixed::default();
    for _ in 0..max_passes {
        let plan = plan(&diagnostics(ws), unsafe_fixes);
        if plan.fixes == 0 {
            break;
        }
        for (file, edits) in &plan.edits {
            let Some(source) = ws.source(file) else { continue };
            let new = apply(&source.text, edits);
            ws.set_file(file, FileContent::Text(new.clone()));
            if fixed.created.contains_key(file) {
                fixed.created.insert(file.clone(), new);
            } else {
                fixed.edited.insert(file.clone(), new);
            }
        }
        for (file, contents) in &plan.creates {
            // Never over a file that exists, read or not (as writing with `create_new` refuses).
            if !ws.file_exists(file) {
                ws.set_file(file, FileContent::Text(contents.clone()));
                fixed.created.insert(file.clone(), contents.clone());
            }
        }
        fixed.fixes += plan.fixes;
    }
    fixed
}

/// Two edits clash if they overlap, or are insertions at the same place (order unknown).
fn overlaps(a: TextRange, b: TextRange) -> bool {
    (a.start < b.end && b.start < a.end)
        || (a.start == b.start)
        || (a.is_empty() && b.touches(a.start) && b.start < a.start && a.start < b.end)
}

/// Applies non-overlapping edits to `text`. Ranges outside the text or inside a character are
/// clamped to it, so a stale edit can garble only its own range, never panic.
pub fn apply(text: &str, edits: &[(TextRange, String)]) -> String {
    let mut sorted: Vec<&(TextRange, String)> = edits.iter().collect();
    sorted.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (range, new) in sorted {
        let start = crate::text::floor_char_boundary(text, range.start).max(pos);
        let end = crate::text::floor_char_boundary(text, range.end).max(start);
        out.push_str(&text[pos..start]);
        out.push_str(new);
        pos = end;
    }
    out.push_str(&text[pos..]);
    out
}

/// Writes `contents` to `path` through a temporary file in the same folder and a rename, so a
/// crash leaves either the old file or the new one. With `create_new`, refuses an existing file.
pub fn write_atomic(path: &Path, contents: &str, create_new: bool) -> std::io::Result<()> {
    write_with(path, contents, create_new, |tmp, path| {
        if create_new {
            // hard_link fails if the target exists, unlike rename: no race with another writer.
            std::fs::hard_link(tmp, path)?;
            std::fs::remove_file(tmp)
        } else {
            std::fs::rename(tmp, path)
        }
    })
}

/// The steps of [`write_atomic`], with the final commit (the rename) given by the caller, so
/// tests can make it fail the way a crash at that moment would.
fn write_with(
    path: &Path,
    contents: &str,
    create_new: bool,
    commit: impl FnOnce(&Path, &Path) -> std::io::Result<()>,
) -> std::io::Result<()> {
    if create_new && path.symlink_metadata().is_ok() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} already exists", path.display()),
        ));
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.mlqa-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        commit(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_order_and_clamp() {
        let text = "abc √ def";
        let edits = vec![
            (TextRange::new(0, 1), "A".to_owned()),
            (TextRange::new(8, 8), "!".to_owned()),
            (TextRange::new(5, 6), "".to_owned()),
        ];
        // The edit inside `√` is clamped to its start.
        assert_eq!(apply(text, &edits), "Abc √ !def");
        assert_eq!(apply("ab", &[(TextRange::new(5, 9), "x".to_owned())]), "abx");
    }

    #[test]
    fn atomic_create_never_overwrites() {
        let dir = std::env::temp_dir().join(format!("mlqa-fix-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("a.md");
        write_atomic(&path, "one", true).unwrap();
        assert!(write_atomic(&path, "two", true).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        write_atomic(&path, "three", false).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "three");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary file left");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_crash_before_the_rename_leaves_the_old_file_intact() {
        let dir = std::env::temp_dir().join(format!("mlqa-crash-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("answer.md");
        write_atomic(&path, "the old answer", false).unwrap();
        let crash = |_: &Path, _: &Path| Err(std::io::Error::other("killed before the rename"));
        assert!(write_with(&path, "half of the new", false, crash).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "the old answer");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "the temporary file is cleaned up");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// `root/rel` when `rel` is a plain relative path (no `..`, no root, no drive): edits are never
/// written outside the KB, whatever a diagnostic says.
pub fn safe_join(root: &Path, rel: &str) -> Option<std::path::PathBuf> {
    let rel_path = Path::new(rel);
    let plain = !rel.is_empty() && rel_path.components().all(|c| matches!(c, std::path::Component::Normal(_)));
    plain.then(|| root.join(rel_path))
}

#[cfg(test)]
mod safe_join_tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths() {
        let root = Path::new("/kb");
        assert_eq!(safe_join(root, "a/b.md"), Some(Path::new("/kb/a/b.md").to_path_buf()));
        assert_eq!(safe_join(root, "../x.md"), None);
        assert_eq!(safe_join(root, "/etc/passwd"), None);
        assert_eq!(safe_join(root, ""), None);
    }
}
