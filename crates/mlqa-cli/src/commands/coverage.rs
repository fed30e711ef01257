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
            let doc = serde_json::json!({"version": crate::version::JSON_VERSION, "answered": coverage.answered(), "questions": coverage.questions(), "percent": total, "categories": categories});
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        CoverageFormat::Human => print!("{}", table(&coverage)),
        CoverageFormat::Badge => print!("{}", badge(&coverage)),
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

/// A flat badge: "mlqa coverage | 84/84 (100%)", green when complete, amber from 80%, red below.
fn badge(c: &Coverage) -> String {
    let label = "mlqa coverage";
    let message = format!("{}/{} ({:.0}%)", c.answered(), c.questions(), c.percent().floor());
    let color = match c.percent() {
        p if p >= 100.0 => "#4c1",
        p if p >= 80.0 => "#dfb317",
        _ => "#e05d44",
    };
    // Verdana 11px averages about 6.5 px per character; 10 px of padding on each side.
    let width = |s: &str| (s.chars().count() as f64 * 6.5 + 10.0).round() as u32;
    let (lw, mw) = (width(label), width(&message));
    let total = lw + mw;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" aria-label="{label}: {message}">
  <title>{label}: {message}</title>
  <linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
  <clipPath id="r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>
  <g clip-path="url(#r)"><rect width="{lw}" height="20" fill="#555"/><rect x="{lw}" width="{mw}" height="20" fill="{color}"/><rect width="{total}" height="20" fill="url(#s)"/></g>
  <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
    <text x="{lx}" y="14">{label}</text>
    <text x="{mx}" y="14">{message}</text>
  </g>
</svg>
"##,
        lx = lw / 2,
        mx = lw + mw / 2,
    )
}
