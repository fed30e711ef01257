//! `mlqa coverage`: answered questions per category, and a gate on the total.

use mlqa_core::coverage::{Coverage, percent};

use crate::cli::{CoverageArgs, CoverageFormat};
use crate::{Failure, Outcome, kb};

pub fn run(args: &CoverageArgs) -> Result<Outcome, Failure> {
    let root = kb::locate(args.kb.kb.as_deref())?;
    let ws = kb::load(&root)?;
    let coverage = Coverage::of(&ws);
    let total = coverage.percent();
    match args.format {
        CoverageFormat::Json => {
            let categories: Vec<_> = coverage
                .categories
                .iter()
                .map(|c| serde_json::json!({"id": c.id, "title": c.title, "answered": c.answered, "questions": c.questions, "missing": c.missing}))
                .collect();
            let doc = serde_json::json!({"answered": coverage.answered(), "questions": coverage.questions(), "percent": total, "categories": categories});
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        CoverageFormat::Human => print!("{}", table(&coverage)),
    }
    match args.fail_under {
        Some(min) if total < min => {
            eprintln!("coverage {total:.1}% is under --fail-under {min}%");
            Ok(Outcome::Problems)
        }
        _ => Ok(Outcome::Clean),
    }
}

fn table(c: &Coverage) -> String {
    let width = c.categories.iter().map(|c| c.title.chars().count()).max().unwrap_or(8).max(8);
    let mut out = format!("{:<width$}  {:>8}  {:>6}\n", "Category", "Answered", "%");
    for cat in &c.categories {
        let title = crate::terminal::escape(&cat.title);
        out.push_str(&format!(
            "{title:<width$}  {:>8}  {:>5.1}%\n",
            format!("{}/{}", cat.answered, cat.questions),
            percent(cat.answered, cat.questions)
        ));
        for id in &cat.missing {
            out.push_str(&format!("  missing: {id}\n"));
        }
    }
    out.push_str(&format!(
        "{:<width$}  {:>8}  {:>5.1}%\n",
        "Total",
        format!("{}/{}", c.answered(), c.questions()),
        c.percent()
    ));
    out
}
