//! `--watch`: re-run when a file of the KB changes, by polling modification times (no extra
//! dependency, no platform quirks), handing over which files changed so that only they are
//! read again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use std::time::{Duration, SystemTime};

use crate::{Failure, Outcome};

const POLL: Duration = Duration::from_millis(250);

/// Runs `once(None)`, then `once(Some(paths))` after each change, with the files that changed,
/// appeared or disappeared (absolute paths).
pub fn run(
    watched: &Path,
    mut once: impl FnMut(Option<&[PathBuf]>) -> Result<Outcome, Failure>,
) -> Result<Outcome, Failure> {
    let mut last = snapshot(watched);
    let mut changed: Option<Vec<PathBuf>> = None;
    loop {
        match once(changed.as_deref()) {
            Ok(_) => {}
            Err(e) => eprintln!("error: {}", crate::terminal::escape(&e.message)),
        }
        eprintln!("[watching {} for changes; Ctrl-C to stop]", watched.display());
        loop {
            std::thread::sleep(POLL);
            let now = snapshot(watched);
            if now != last {
                changed =
                    Some(now.keys().chain(last.keys()).filter(|p| now.get(*p) != last.get(*p)).cloned().collect());
                last = now;
                break;
            }
        }
    }
}

fn snapshot(root: &Path) -> BTreeMap<PathBuf, (SystemTime, u64)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![(root.to_path_buf(), 0)];
    while let Some((dir, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() && depth < 32 {
                stack.push((entry.path(), depth + 1));
            } else if meta.is_file() {
                out.insert(entry.path(), (meta.modified().unwrap_or(SystemTime::UNIX_EPOCH), meta.len()));
            }
        }
    }
    out
}
