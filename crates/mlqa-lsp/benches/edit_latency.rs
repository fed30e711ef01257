//! Edit to fresh diagnostics in the real server, over stdio, in a 10,000-answer synthetic KB:
//! the time from writing a `didChange` to reading the `publishDiagnostics` it causes, measured
//! from this separate process. Three kinds of edit, each toggling a fault so that every edit
//! changes what is published:
//! - `prose`: a `TODO` typed into an answer (a file-local fault, the common keystroke);
//! - `link`: a broken link typed into it (file-local, but it changes the link graph, so the
//!   workspace rules run again);
//! - `cross`: a heading renamed in another answer that the first one links to with `#anchor`
//!   (a cross-file fault: the publish timed is the *linking* answer's).
//!
//! Prints the median, p90, p99 and maximum over the edits (a percentile needs its own loop:
//! divan reports medians and means), and the time to load the KB. `cargo bench -p mlqa-lsp
//! [-- ANSWERS EDITS]`.

use std::process::Command;
use std::time::{Duration, Instant};

use mlqa_synth::{Options, generate};
use mlqa_tests::LspClient;
use serde_json::json;

fn main() {
    // `cargo bench` passes `--bench`; numbers after it choose the size.
    let numbers: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let answers = numbers.first().copied().unwrap_or(10_000);
    let edits = numbers.get(1).copied().unwrap_or(500);

    let dir = tempfile_dir(answers);
    let kb = generate(&Options { answers, seed: 1, faults: 0.05 });
    kb.write_to(&dir).expect("write the synthetic KB");
    let (rel, text) = kb.files.iter().find(|(p, _)| p.ends_with(".md")).expect("an answer").clone();
    let root = format!("file://{}", dir.display());
    let uri = format!("{root}/{rel}");

    let mut client = LspClient::spawn(Command::new(env!("CARGO_BIN_EXE_mlqa-lsp")), &dir);
    let started = Instant::now();
    client.request(
        "initialize",
        json!({"capabilities": {"general": {"positionEncodings": ["utf-8"]}}, "workspaceFolders": [{"uri": root, "name": "kb"}]}),
    );
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    // The KB is loaded when a request that needs it is answered.
    client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}}));
    let load = started.elapsed();
    let mut version = 1;

    // The answer the first one links to with an anchor, and that heading renamed.
    let (target_rel, target_text, renamed) = anchored_target(&kb.files, &rel, &text);
    let target_uri = format!("{root}/{target_rel}");
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": target_uri, "languageId": "markdown", "version": 1, "text": target_text}}),
    );

    // Two kinds of edit, each toggling a fault so that every edit changes what is published:
    // a `TODO` typed into the prose (most keystrokes), and a broken link (changes the link
    // graph, so the workspace rules run again).
    let mut report = Vec::new();
    for (kind, edited, clean, faulty) in [
        ("prose", &uri, &text, format!("{text}\nTODO: one more example.\n")),
        ("link", &uri, &text, format!("{text}\nSee [the note](no-such-note.md).\n")),
        ("cross", &target_uri, &target_text, renamed.clone()),
    ] {
        let mut samples = Vec::with_capacity(edits);
        for i in 0..edits {
            version += 1;
            let body = if i % 2 == 0 { &faulty } else { clean };
            let sent = Instant::now();
            client.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": edited, "version": version}, "contentChanges": [{"text": body}]}),
            );
            // The first answer's diagnostics: its own fault, or the anchor it links to gone.
            let diagnostics = client.next_publish(&uri);
            samples.push(sent.elapsed());
            assert_eq!(diagnostics.is_empty(), i % 2 == 1, "{kind} edit {i}: {diagnostics:?}");
        }
        report.push((kind, samples));
    }
    client.stop();
    let _ = std::fs::remove_dir_all(&dir);

    let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1e3);
    println!("server edit -> publishDiagnostics, {answers} answers, {edits} edits each (KB loaded in {})", ms(load));
    for (kind, mut samples) in report {
        samples.sort();
        let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
        println!("  {kind:<5}  median {}  p90 {}  p99 {}  max {}", ms(at(0.5)), ms(at(0.9)), ms(at(0.99)), ms(at(1.0)));
    }
}

/// The first answer that `rel` (with `text`) links to with a `#fragment` in its own folder, its
/// text, and its text with the heading of that fragment renamed.
fn anchored_target(files: &[(String, String)], rel: &str, text: &str) -> (String, String, String) {
    let folder = rel.rsplit_once('/').map_or("", |(f, _)| f);
    for (at, _) in text.match_indices("](") {
        let rest = &text[at + 2..];
        let Some(end) = rest.find(')') else { continue };
        let Some((name, fragment)) = rest[..end].split_once('#') else { continue };
        if name.is_empty() || name.contains('/') {
            continue;
        }
        let target = format!("{folder}/{name}");
        let Some((_, target_text)) = files.iter().find(|(p, _)| *p == target) else { continue };
        let title = fragment.replace('-', " ");
        let heading = target_text
            .lines()
            .find(|l| l.starts_with('#') && l.trim_start_matches('#').trim().eq_ignore_ascii_case(&title));
        if let Some(heading) = heading {
            let renamed = target_text.replacen(heading, &format!("{heading} (renamed)"), 1);
            return (target, target_text.clone(), renamed);
        }
    }
    panic!("{rel} links to no heading of an answer in its folder");
}

fn tempfile_dir(answers: usize) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("mlqa-bench-lsp-{answers}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}
