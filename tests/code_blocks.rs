//! Every ```python block of the shipped KB runs as it stands (standard library and NumPy).

use std::path::PathBuf;
use std::process::Command;
use std::sync::Mutex;

use mlqa_core::Workspace;
use mlqa_tests::repo;

struct Block {
    file: String,
    line: u32,
    code: String,
}

fn python_blocks() -> Vec<Block> {
    let ws = Workspace::load(&repo().join("kb")).expect("the KB loads");
    let mut blocks = Vec::new();
    for answer in ws.answers() {
        let source = ws.source(&answer.path).expect("answers have text");
        for block in answer.md.code_blocks.iter().filter(|b| b.lang.as_deref() == Some("python")) {
            let line = source.lines().line_col(&source.text, block.range.start).line;
            blocks.push(Block { file: answer.path.clone(), line, code: block.code.clone() });
        }
    }
    blocks
}

fn python() -> PathBuf {
    let python = PathBuf::from(std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned()));
    let probe = Command::new(&python).args(["-c", "import numpy"]).output();
    match probe {
        Ok(out) if out.status.success() => python,
        _ => panic!(
            "{} with NumPy is needed to run the KB's code blocks: `pip install -r kb/requirements.txt` (.ci/run does)",
            python.display()
        ),
    }
}

#[test]
fn every_python_block_runs() {
    let python = python();
    let blocks = python_blocks();
    assert!(blocks.len() >= 40, "only {} python blocks found", blocks.len());
    let failures = Mutex::new(Vec::new());
    let next = Mutex::new(blocks.iter());
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                while let Some(block) = { next.lock().unwrap().next() } {
                    let out = Command::new(&python)
                        .args(["-I", "-c", &block.code])
                        .env("PYTHONHASHSEED", "0")
                        .output()
                        .expect("python runs");
                    if !out.status.success() {
                        let err = String::from_utf8_lossy(&out.stderr);
                        failures.lock().unwrap().push(format!("kb/{}:{}\n{}", block.file, block.line, err.trim_end()));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} python blocks failed:\n\n{}",
        failures.len(),
        blocks.len(),
        failures.join("\n\n")
    );
}
