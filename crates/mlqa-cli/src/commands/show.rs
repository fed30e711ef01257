//! `mlqa show ID|WORDS`: an answer rendered for the terminal, paged when it is long.

use std::io::{IsTerminal, Write};

use mlqa_core::document::AnswerDoc;
use mlqa_core::search::SearchIndex;
use mlqa_core::syntax::markdown::LinkKind;

use crate::cli::ShowArgs;
use crate::terminal::{escape, use_color};
use crate::{Failure, Outcome, kb, render};

pub fn run(args: &ShowArgs) -> Result<Outcome, Failure> {
    let kb = kb::open_for_reading(args.kb.kb.as_deref())?;
    let ws = &kb.ws;
    let query = args.query.join(" ");
    let answer = find(ws, &query)?;
    let source = ws.source(&answer.path).ok_or_else(|| Failure::usage(format!("{} cannot be read", answer.path)))?;
    let body_range = match &args.section {
        None => mlqa_core::TextRange::new(answer.body_start, source.text.len()),
        Some(name) => {
            let sections = answer.md.sections(source.text.len());
            let s = sections.iter().find(|s| s.heading.text.eq_ignore_ascii_case(name)).ok_or_else(|| {
                let names: Vec<&str> = sections.iter().map(|s| s.heading.text.as_str()).collect();
                Failure::usage(format!("`{}` has no section `{name}`; its sections: {}", answer.id(), names.join(", ")))
            })?;
            mlqa_core::TextRange::new(s.heading.range.start, s.body.end)
        }
    };
    let markdown = source.slice(body_range);
    let color = use_color(args.color);
    let text = if args.raw {
        escape(markdown)
    } else {
        let header = format!("{} / {}", answer.folder.as_deref().unwrap_or(""), answer.id());
        let header = if color { format!("\x1b[2m{header}\x1b[0m") } else { header };
        // A figure's file, as a path the reader can open (the KB's own, when it is on disk).
        let image_path = |dest: &str| {
            let image = answer.md.links.iter().find(|l| l.kind == LinkKind::Image && l.dest == dest)?;
            image.to().inside().map(|p| kb.paths.display(p))
        };
        format!("{header}\n\n{}\n", render::markdown(markdown, color, &image_path))
    };
    page(&text, args.no_pager);
    Ok(Outcome::Clean)
}

/// The answer with this id, else the best search match for the words; an unknown id lists the
/// closest matches instead of guessing.
pub(crate) fn find<'a>(ws: &'a mlqa_core::Workspace, query: &str) -> Result<&'a AnswerDoc, Failure> {
    if let Some(a) = ws.answers_for(query.trim()).next() {
        return Ok(a);
    }
    let hits = SearchIndex::build(ws).search(query, None, 5);
    let single_word_id = !query.contains(' ') && query.contains('-');
    match hits.first() {
        Some(best) if !single_word_id && (hits.len() == 1 || best.score > 1.5 * hits[1].score) => {
            ws.answers_for(&best.id).next().ok_or_else(|| Failure::usage(format!("`{}` has no answer yet", best.id)))
        }
        _ => {
            let list: Vec<String> = hits.iter().map(|h| format!("  {}  {}", h.id, escape(&h.question))).collect();
            Err(Failure::usage(if list.is_empty() {
                format!("no answer matches `{query}`; `mlqa list` shows every id")
            } else {
                format!("`{query}` is ambiguous or unknown; the closest answers:\n{}", list.join("\n"))
            }))
        }
    }
}

/// Prints `text`, through `$PAGER` (default `less -R`) when stdout is a terminal and the
/// text is longer than the screen.
fn page(text: &str, no_pager: bool) {
    let stdout = std::io::stdout();
    let tall = terminal_size::terminal_size().is_some_and(|(_, h)| text.lines().count() + 1 > h.0 as usize);
    if !no_pager && stdout.is_terminal() && tall {
        let pager = std::env::var("PAGER").ok().filter(|p| !p.trim().is_empty()).unwrap_or_else(|| "less -R".into());
        let mut parts = pager.split_whitespace();
        if let Some(program) = parts.next()
            && let Ok(mut child) =
                std::process::Command::new(program).args(parts).stdin(std::process::Stdio::piped()).spawn()
        {
            if let Some(mut stdin) = child.stdin.take() {
                let _ = stdin.write_all(text.as_bytes());
            }
            let _ = child.wait();
            return;
        }
    }
    let _ = stdout.lock().write_all(text.as_bytes());
}
