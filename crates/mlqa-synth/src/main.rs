//! `mlqa-synth`: write a synthetic KB to a folder (see `mlqa_synth::Options`).

use std::path::PathBuf;
use std::process::ExitCode;

use mlqa_synth::{Options, generate};

const USAGE: &str = "\
mlqa-synth: write a synthetic mlqa knowledge base, deterministic for a seed.

Usage: mlqa-synth --out DIR [--answers N] [--seed S] [--faults F]

  --out DIR      folder to write (created; must be empty or missing)
  --answers N    number of answers (default 1000)
  --seed S       seed of the generator (default 1)
  --faults F     fraction of answers that carry one planted fault, 0 to 1 (default 0)

The KB is clean under `mlqa check` when --faults is 0. With faults, the planted ones are listed
in DIR/faults.tsv (path, rule) so that a test can compare them with what mlqa reports.";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut options = Options::default();
    let mut out: Option<PathBuf> = None;
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            println!("{USAGE}");
            return Ok(());
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value\n\n{USAGE}"))?;
        let bad = |what: &str| format!("{flag} {value}: {what}");
        match flag.as_str() {
            "--out" => out = Some(PathBuf::from(&value)),
            "--answers" => options.answers = value.parse().map_err(|_| bad("expected a whole number"))?,
            "--seed" => options.seed = value.parse().map_err(|_| bad("expected a whole number"))?,
            "--faults" => {
                options.faults = value.parse().map_err(|_| bad("expected a number from 0 to 1"))?;
                if !(0.0..=1.0).contains(&options.faults) {
                    return Err(bad("expected a number from 0 to 1"));
                }
            }
            _ => return Err(format!("unknown flag {flag}\n\n{USAGE}")),
        }
    }
    let out = out.ok_or_else(|| format!("--out DIR is required\n\n{USAGE}"))?;
    if out.read_dir().is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(format!("{} is not empty: give a new folder", out.display()));
    }
    let kb = generate(&options);
    kb.write_to(&out).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    eprintln!(
        "wrote {} answers ({} bytes, {} planted faults) to {}",
        options.answers,
        kb.bytes(),
        kb.faults.len(),
        out.display()
    );
    Ok(())
}
