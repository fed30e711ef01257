//! Embeds the repository's `kb/` in the binary, so that `search`, `show`, `list` and `quiz`
//! work from anywhere after `cargo install` alone. Without a `kb/` (a packaged crate), the
//! embedded KB is empty and those commands say so.

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let kb = manifest.join("../../kb");
    println!("cargo:rerun-if-changed={}", kb.display());
    let mut files = Vec::new();
    if kb.is_dir() {
        collect(&kb, &kb, &mut files);
    }
    files.sort();
    let mut out = String::from(
        "/// The KB embedded at build time: (path relative to the KB root, contents).\npub static FILES: &[(&str, &str)] = &[\n",
    );
    for (rel, abs) in &files {
        println!("cargo:rerun-if-changed={}", abs.display());
        writeln!(out, "    ({rel:?}, include_str!({:?})),", abs.display().to_string()).expect("writing to a String");
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("embedded_kb.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(root, &path, out);
        } else if name.ends_with(".md") || name.ends_with(".yaml") || name.ends_with(".toml") {
            let rel = path.strip_prefix(root).expect("below the root").to_string_lossy().replace('\\', "/");
            out.push((rel, std::fs::canonicalize(&path).unwrap_or(path)));
        }
    }
}
