//! `mlqa export html --out DIR` (a static site) and `mlqa export json` (one document).

mod markdown;
mod site;

use std::path::{Path, PathBuf};

use mlqa_core::export::export;

use crate::cli::{ExportArgs, ExportWhat};
use crate::{Failure, Outcome, kb};

/// The file that marks a folder as an export of mlqa's, which a later export may replace.
const MARKER: &str = ".mlqa-export";

pub fn run(args: &ExportArgs) -> Result<Outcome, Failure> {
    match &args.what {
        ExportWhat::Json { out, kb } => {
            let kb = kb::open_for_reading(kb.kb.as_deref())?;
            let mut text = serde_json::to_string_pretty(&export(&kb.ws)).expect("the export serializes");
            text.push('\n');
            match out {
                Some(path) => std::fs::write(path, text)
                    .map_err(|e| Failure::usage(format!("cannot write {}: {e}", path.display())))?,
                None => print!("{text}"),
            }
            Ok(Outcome::Clean)
        }
        ExportWhat::Html { out, kb } => {
            let assets = crate::embedded::SITE_ASSETS.map_err(|missing| {
                Failure::usage(format!(
                    "this mlqa was built without the site's assets ({missing} was missing): \
                     run `npm ci --prefix site` in the repository, then build mlqa again"
                ))
            })?;
            let kb = kb::open_for_reading(kb.kb.as_deref())?;
            let document = export(&kb.ws);
            let mut files = site::pages(&kb.ws, &document);
            files.extend(assets.iter().map(|(path, bytes)| ((*path).to_owned(), bytes.to_vec())));
            let images = copy_images(&kb.ws, site::images(&kb.ws, &document), &files);
            let image_count = images.len();
            files.extend(images);
            files.push((
                MARKER.to_owned(),
                b"Written by `mlqa export html`; the next export replaces this folder.\n".to_vec(),
            ));
            write_site(out, &files)?;
            let pages = files.iter().filter(|(p, _)| p.ends_with(".html")).count();
            let others = files.iter().filter(|(p, _)| p.starts_with("assets/")).count();
            let images = match image_count {
                0 => String::new(),
                1 => ", 1 image".to_owned(),
                n => format!(", {n} images"),
            };
            eprintln!(
                "Wrote {pages} pages{images} and {others} assets to {}; open {}.",
                out.display(),
                out.join("index.html").display()
            );
            Ok(Outcome::Clean)
        }
    }
}

/// The files of `images` (paths relative to the KB root, where the pages expect them in the
/// site too), read: from the KB's folder, or from the binary for the embedded KB. An image that
/// is missing (the `missing-image` rule reports it), is a symbolic link or a folder, or lies
/// outside the KB once links are followed is left out, and so is one whose path a page or an
/// asset of the site already has.
fn copy_images(
    ws: &mlqa_core::Workspace,
    images: std::collections::BTreeSet<String>,
    taken: &[(String, Vec<u8>)],
) -> Vec<(String, Vec<u8>)> {
    let taken: std::collections::HashSet<&str> = taken.iter().map(|(p, _)| p.as_str()).collect();
    let embedded = ws.root == Path::new(kb::EMBEDDED_ROOT);
    let root = std::fs::canonicalize(&ws.root).ok();
    let read = |rel: &str| -> Option<Vec<u8>> {
        if embedded {
            return crate::embedded::IMAGES.iter().find(|(p, _)| *p == rel).map(|(_, bytes)| bytes.to_vec());
        }
        let path = ws.root.join(rel);
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if !meta.is_file() {
            return None;
        }
        // A folder of the path may have become a link since the KB was read.
        std::fs::canonicalize(&path).ok()?.starts_with(root.as_ref()?).then_some(())?;
        std::fs::read(&path).ok()
    };
    let mut out = Vec::new();
    for rel in images.into_iter().filter(|rel| ws.file_exists(rel)) {
        match read(&rel) {
            Some(bytes) if !taken.contains(rel.as_str()) => out.push((rel, bytes)),
            Some(_) => eprintln!("warning: image {rel} not copied: the site has a file of its own there"),
            None => eprintln!("warning: image {rel} not copied: not a regular file inside the KB"),
        }
    }
    out
}

/// Writes the site beside `out`, then swaps it in: a reader never sees half a site, a failed
/// export leaves the previous one, and a folder that is not an earlier export is never touched.
fn write_site(out: &Path, files: &[(String, Vec<u8>)]) -> Result<(), Failure> {
    let io =
        |what: &str, path: &Path, e: std::io::Error| Failure::usage(format!("cannot {what} {}: {e}", path.display()));
    let previous = match std::fs::read_dir(out).map(|mut entries| entries.next().is_none()) {
        Ok(true) => false,
        Ok(false) if out.join(MARKER).is_file() => true,
        Ok(false) => {
            return Err(Failure::usage(format!(
                "{} is not empty and was not written by `mlqa export html`: give a new or empty folder",
                out.display()
            )));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(io("read", out, e)),
    };
    let sibling = |suffix: &str| -> PathBuf {
        let name = out.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        out.with_file_name(format!(".{name}.{suffix}-{}", std::process::id()))
    };
    let staging = sibling("new");
    let result = (|| {
        for (rel, bytes) in files {
            let path = staging.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| io("create", parent, e))?;
            }
            std::fs::write(&path, bytes).map_err(|e| io("write", &path, e))?;
        }
        if previous {
            let old = sibling("old");
            std::fs::rename(out, &old).map_err(|e| io("move aside", out, e))?;
            std::fs::rename(&staging, out).map_err(|e| io("write", out, e))?;
            let _ = std::fs::remove_dir_all(&old);
        } else {
            if out.exists() {
                std::fs::remove_dir(out).map_err(|e| io("replace", out, e))?;
            }
            std::fs::rename(&staging, out).map_err(|e| io("write", out, e))?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}
