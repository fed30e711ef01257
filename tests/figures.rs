//! The KB's figures: every committed SVG is what its script draws (`kb/figures.py --check`,
//! Matplotlib pinned in `kb/requirements.txt`), every figure is shown by an answer, and enough
//! answers have one.

use std::collections::BTreeSet;
use std::process::Command;

use mlqa_core::Workspace;
use mlqa_core::syntax::markdown::LinkKind;
use mlqa_tests::repo;

/// Answers that show a figure: an image, or a Mermaid diagram.
fn answers_with_figures(ws: &Workspace) -> BTreeSet<String> {
    ws.answers()
        .filter(|a| {
            a.md.links.iter().any(|l| l.kind == LinkKind::Image)
                || a.md.code_blocks.iter().any(|b| b.lang.as_deref() == Some("mermaid"))
        })
        .map(|a| a.path.clone())
        .collect()
}

#[test]
fn every_committed_figure_is_what_its_script_draws() {
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let probe = Command::new(&python).args(["-c", "import matplotlib, numpy"]).output();
    assert!(
        probe.is_ok_and(|o| o.status.success()),
        "{python} with Matplotlib and NumPy draws the KB's figures: `pip install -r kb/requirements.txt` (.ci/run does)"
    );
    let out = Command::new(&python)
        .arg(repo().join("kb/figures.py"))
        .arg("--check")
        .env("PYTHONHASHSEED", "0")
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "kb/figures.py --check failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_figure_is_shown_and_enough_answers_have_one() {
    let kb = repo().join("kb");
    let ws = Workspace::load(&kb).expect("the KB loads");
    let shown: BTreeSet<String> = ws
        .answers()
        .flat_map(|a| a.md.links.iter().filter(|l| l.kind == LinkKind::Image))
        .filter_map(|l| l.to().inside().map(str::to_owned))
        .collect();
    let mut unshown = Vec::new();
    for category in std::fs::read_dir(&kb).expect("kb/").flatten() {
        let Ok(figures) = std::fs::read_dir(category.path().join("figures")) else { continue };
        for svg in figures.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "svg")) {
            let rel = svg.strip_prefix(&kb).unwrap().to_string_lossy().replace('\\', "/");
            if !shown.contains(&rel) {
                unshown.push(rel);
            }
        }
    }
    assert!(unshown.is_empty(), "figures no answer shows (embed them or delete them and their scripts): {unshown:?}");
    let with = answers_with_figures(&ws);
    assert!(with.len() >= 30, "{} answers have a figure; the KB promises at least 30: {with:?}", with.len());
}
