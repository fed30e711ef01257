//! Embeds the repository's `kb/` in the binary, so that `search`, `show`, `list` and `quiz`
//! work from anywhere after `cargo install` alone, and its images (SVG, PNG, ...), so that
//! `export html` of the embedded KB shows its figures. Without a `kb/` (a packaged crate), the
//! embedded KB is empty and those commands say so.
//!
//! Also embeds the static site's assets listed in `site/assets.txt` (our styles and scripts,
//! and KaTeX, highlight.js and Mermaid from `site/node_modules`, installed by
//! `npm ci --prefix site`), so that `mlqa export html` writes a site that needs no network. When a listed file is
//! missing, the binary is built without them and `export html` says how to get them.

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let kb = manifest.join("../../kb");
    println!("cargo:rerun-if-changed={}", kb.display());
    let mut files = Vec::new();
    let mut images = Vec::new();
    if kb.is_dir() {
        collect(&kb, &kb, &mut files, &mut images);
    }
    files.sort();
    images.sort();
    let mut out = String::from(
        "/// The KB embedded at build time: (path relative to the KB root, contents).\npub static FILES: &[(&str, &str)] = &[\n",
    );
    for (rel, abs) in &files {
        println!("cargo:rerun-if-changed={}", abs.display());
        writeln!(out, "    ({rel:?}, include_str!({:?})),", abs.display().to_string()).expect("writing to a String");
    }
    out.push_str("];\n");
    out.push_str(
        "/// The KB's images embedded at build time: (path relative to the KB root, bytes).\npub static IMAGES: &[(&str, &[u8])] = &[\n",
    );
    for (rel, abs) in &images {
        println!("cargo:rerun-if-changed={}", abs.display());
        writeln!(out, "    ({rel:?}, include_bytes!({:?})),", abs.display().to_string()).expect("writing to a String");
    }
    out.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it"));
    std::fs::write(out_dir.join("embedded_kb.rs"), out).expect("OUT_DIR is writable");
    std::fs::write(out_dir.join("site_assets.rs"), site_assets(&manifest.join("../../site")))
        .expect("OUT_DIR is writable");
}

/// `SITE_ASSETS`: Ok(every (path in the site, bytes)) or Err(the first file that is missing).
fn site_assets(site: &Path) -> String {
    let list = site.join("assets.txt");
    println!("cargo:rerun-if-changed={}", list.display());
    // npm ci rewrites this file: a fresh install is a reason to look again.
    println!("cargo:rerun-if-changed={}", site.join("node_modules/.package-lock.json").display());
    let Ok(text) = std::fs::read_to_string(&list) else {
        return format!(
            "pub static SITE_ASSETS: Result<&[(&str, &[u8])], &str> = Err({:?});\n",
            list.display().to_string()
        );
    };
    let mut entries = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let mut columns = line.split_whitespace();
        let (Some(from), Some(to)) = (columns.next(), columns.next()) else { continue };
        let path = site.join(from);
        println!("cargo:rerun-if-changed={}", path.display());
        let Ok(path) = std::fs::canonicalize(&path) else {
            return format!(
                "pub static SITE_ASSETS: Result<&[(&str, &[u8])], &str> = Err({:?});\n",
                site.join(from).display().to_string()
            );
        };
        writeln!(entries, "    ({to:?}, include_bytes!({:?})),", path.display().to_string())
            .expect("writing to a String");
    }
    format!("pub static SITE_ASSETS: Result<&[(&str, &[u8])], &str> = Ok(&[\n{entries}]);\n")
}

/// The images a page of the KB may show (`![alt](figures/x.svg)`), embedded for `export html`.
const IMAGE_EXTENSIONS: &[&str] = &["svg", "png", "jpg", "jpeg", "gif", "webp"];

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>, images: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(root, &path, out, images);
        } else if name.ends_with(".md") || name.ends_with(".yaml") || name.ends_with(".toml") {
            let rel = path.strip_prefix(root).expect("below the root").to_string_lossy().replace('\\', "/");
            out.push((rel, std::fs::canonicalize(&path).unwrap_or(path)));
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
            && !entry.file_type().is_ok_and(|t| t.is_symlink())
        {
            let rel = path.strip_prefix(root).expect("below the root").to_string_lossy().replace('\\', "/");
            images.push((rel, std::fs::canonicalize(&path).unwrap_or(path)));
        }
    }
}
