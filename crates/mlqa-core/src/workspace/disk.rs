//! Reading a KB from disk: the walk of its folders (hidden entries skipped, symlinks never
//! followed) and the reading of each file within the size limit.

use std::io::Read;
use std::path::Path;

use rayon::prelude::*;

/// Deepest folder nesting walked below the KB root.
const MAX_DEPTH: usize = 32;

/// A file of the KB as it was found on disk (or handed over by an editor).
#[derive(Debug, Clone)]
pub enum FileContent {
    Text(String),
    /// Larger than `limits.max-file-bytes`; not read.
    TooLarge {
        bytes: u64,
    },
    /// Not UTF-8; `valid_up_to` is the offset of the first bad byte in `lossy`.
    InvalidUtf8 {
        lossy: String,
        valid_up_to: usize,
    },
    /// Exists, but is not a file mlqa reads (an image, ...).
    Unread,
    /// A symbolic link: never followed, so never read.
    Symlink,
    /// Could not be read.
    Error(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EntryKind {
    File,
    Symlink,
}

/// The files below `dir`, sorted by path; folders are walked in parallel (a KB is mostly one
/// folder per category).
pub(super) fn walk(root: &Path, dir: &Path, depth: usize) -> std::io::Result<Vec<(String, EntryKind)>> {
    if depth > MAX_DEPTH {
        return Ok(Vec::new());
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    let found: Vec<std::io::Result<Vec<(String, EntryKind)>>> = entries
        .into_par_iter()
        .map(|entry| {
            let name = entry.file_name();
            let Some(name) = name.to_str().filter(|n| !n.starts_with('.')) else { return Ok(Vec::new()) };
            let Ok(kind) = entry.file_type() else { return Ok(Vec::new()) };
            let path = dir.join(name);
            let rel = || path.strip_prefix(root).ok().and_then(|p| p.to_str()).map(|p| p.replace('\\', "/"));
            Ok(if kind.is_symlink() {
                rel().map(|rel| (rel, EntryKind::Symlink)).into_iter().collect()
            } else if kind.is_dir() {
                walk(root, &path, depth + 1)?
            } else if kind.is_file() {
                rel().map(|rel| (rel, EntryKind::File)).into_iter().collect()
            } else {
                Vec::new()
            })
        })
        .collect();
    let mut out = Vec::new();
    for f in found {
        out.extend(f?);
    }
    Ok(out)
}

/// Reads one file of the KB the way loading does (size limit first, symlinks not followed);
/// `None` when it no longer exists.
pub fn read_file(path: &Path, limit: u64) -> Option<FileContent> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    let kind = if meta.file_type().is_symlink() { EntryKind::Symlink } else { EntryKind::File };
    meta.is_dir().then_some(()).map_or(Some(read(path, kind, limit)), |()| None)
}

pub(super) fn read(path: &Path, kind: EntryKind, limit: u64) -> FileContent {
    let rel = path.to_string_lossy();
    let checked = rel.ends_with(".md") || rel.ends_with(".yaml");
    if kind == EntryKind::Symlink {
        return FileContent::Symlink;
    }
    if !checked {
        return FileContent::Unread;
    }
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return FileContent::Error(e.to_string()),
    };
    let size = file.metadata().map_or(0, |m| m.len());
    if size > limit {
        return FileContent::TooLarge { bytes: size };
    }
    // Room for the whole file and one byte more, so that it is read in one call and the next
    // one sees its end (no probing read, no reallocation).
    let mut bytes = Vec::with_capacity(size as usize + 1);
    // Bounded even if the file grows after its size was read.
    if let Err(e) = file.take(limit + 1).read_to_end(&mut bytes) {
        return FileContent::Error(e.to_string());
    }
    if bytes.len() as u64 > limit {
        return FileContent::TooLarge { bytes: bytes.len() as u64 };
    }
    match String::from_utf8(bytes) {
        Ok(text) => FileContent::Text(text),
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            FileContent::InvalidUtf8 { lossy: String::from_utf8_lossy(e.as_bytes()).into_owned(), valid_up_to }
        }
    }
}
