//! `mlqa search QUERY`: ranked results with the best matching line, matches highlighted.

use mlqa_core::search::{Hit, SearchIndex};

use crate::cli::{ListFormat, SearchArgs};
use crate::terminal::{escape, use_color};
use crate::{Failure, Outcome, kb};

pub fn run(args: &SearchArgs) -> Result<Outcome, Failure> {
    let kb = kb::open_for_reading(args.kb.kb.as_deref())?;
    kb::check_category(&kb.ws, args.category.as_deref())?;
    let index = SearchIndex::build(&kb.ws);
    let query = args.query.join(" ");
    let hits = index.search(&query, args.category.as_deref(), args.limit);
    if args.format == ListFormat::Json {
        let rows: Vec<_> = hits
            .iter()
            .map(|h| {
                serde_json::json!({
                    "id": h.id, "category": h.category, "question": h.question, "score": (h.score * 1000.0).round() / 1000.0,
                    "path": h.path.as_ref().map(|p| kb.paths.display(p)), "snippet": h.snippet,
                    "highlights": h.highlights.iter().map(|r| [r.start, r.end]).collect::<Vec<_>>(),
                })
            })
            .collect();
        let doc = crate::version::versioned("results", rows.into());
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        return Ok(Outcome::Clean);
    }
    if hits.is_empty() {
        println!("No answer matches `{}`.", escape(&query));
        return Ok(Outcome::Clean);
    }
    let color = use_color(args.color);
    for (i, hit) in hits.iter().enumerate() {
        print!("{}", card(i + 1, hit, color));
    }
    Ok(Outcome::Clean)
}

fn card(rank: usize, hit: &Hit, color: bool) -> String {
    let paint = |code: &str, s: &str| if color { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_owned() };
    let mut snippet = String::new();
    let mut pos = 0;
    for r in &hit.highlights {
        snippet.push_str(&escape(&hit.snippet[pos..r.start]));
        let word = escape(&hit.snippet[r.start..r.end]);
        snippet.push_str(&if color { paint("1;33", &word) } else { format!("[{word}]") });
        pos = r.end;
    }
    snippet.push_str(&escape(&hit.snippet[pos..]));
    format!(
        "{rank}. {}\n   {} · {}\n   {snippet}\n\n",
        paint("1", &escape(&hit.question)),
        paint("36", &hit.category),
        paint("2", &hit.id)
    )
}
