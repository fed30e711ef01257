//! `mlqa quiz`: spaced-repetition practice (SM-2). Due questions come first, then new ones in
//! a seeded order; each answer's grade schedules its next review. Progress lives in the user's
//! data folder (`$XDG_DATA_HOME/mlqa/progress.json`), never in the KB.
//!
//! For tests and scripts, `MLQA_NOW` (Unix seconds) fixes the clock.

use std::io::{BufRead, Write};

use crate::cli::QuizArgs;
use crate::commands::progress::{Grade, Progress, now, shuffle};
use crate::terminal::{escape, use_color};
use crate::{Failure, Outcome, kb, render};

pub fn run(args: &QuizArgs) -> Result<Outcome, Failure> {
    let kb = kb::open_for_reading(args.kb.kb.as_deref())?;
    let ws = &kb.ws;
    kb::check_category(ws, args.category.as_deref())?;
    let mut progress = Progress::load()?;
    let now = now();
    let answered: Vec<&str> = ws
        .questions()
        .filter(|q| args.category.as_ref().is_none_or(|c| *c == q.category))
        .filter(|q| ws.answers_for(&q.id.value).next().is_some())
        .map(|q| q.id.value.as_str())
        .collect();
    let mut due: Vec<(&str, i64)> = answered
        .iter()
        .filter_map(|id| progress.cards.get(*id).filter(|c| c.due <= now).map(|c| (*id, c.due)))
        .collect();
    due.sort_by_key(|&(id, at)| (at, id));
    let mut fresh: Vec<&str> = answered.iter().copied().filter(|id| !progress.cards.contains_key(*id)).collect();
    shuffle(&mut fresh, args.seed.unwrap_or(now as u64));
    let session: Vec<&str> = due.into_iter().map(|(id, _)| id).chain(fresh).take(args.count).collect();
    let mut out = std::io::stdout().lock();
    if session.is_empty() {
        let next = progress.cards.values().map(|c| c.due).filter(|&d| d > now).min();
        let when = next.map_or_else(
            || "nothing scheduled".to_owned(),
            |d| format!("the next review is due in {} h", (d - now + 3599) / 3600),
        );
        let _ = writeln!(out, "Nothing to review now; {when}.");
        return Ok(Outcome::Clean);
    }
    let color = use_color(crate::cli::ColorChoice::Auto);
    let mut input = std::io::stdin().lock();
    let mut line = String::new();
    let mut read = |line: &mut String| -> bool {
        line.clear();
        matches!(input.read_line(line), Ok(n) if n > 0)
    };
    let mut reviewed = 0;
    'questions: for (i, id) in session.iter().enumerate() {
        let Some(answer) = ws.answers_for(id).next() else { continue };
        let Some(source) = ws.source(&answer.path) else { continue };
        let question = ws.question(id).and_then(|q| q.question.as_ref()).map_or(*id, |t| t.value.as_str());
        let _ = write!(
            out,
            "\n[{}/{}] {}\n{}\n(press Enter for the short answer) ",
            i + 1,
            session.len(),
            answer.folder.as_deref().unwrap_or(""),
            escape(question)
        );
        let _ = out.flush();
        if !read(&mut line) {
            break;
        }
        let short = mlqa_core::ide::short_answer(ws, answer).unwrap_or_default();
        let _ = writeln!(out, "\n{}\n", render::markdown(&short, color, &|_| None));
        loop {
            let _ = write!(out, "How well did you know it? [a]gain [h]ard [g]ood [e]asy, [f]ull answer, [q]uit: ");
            let _ = out.flush();
            if !read(&mut line) {
                break 'questions;
            }
            let grade = match line.trim().to_lowercase().as_str() {
                word if let Some(grade) = Grade::parse(word) => grade,
                "f" | "full" => {
                    let body = source.slice(mlqa_core::TextRange::new(answer.body_start, source.text.len()));
                    let _ = writeln!(out, "\n{}\n", render::markdown(body, color, &|_| None));
                    continue;
                }
                "q" | "quit" => break 'questions,
                other => {
                    let _ = writeln!(out, "`{}`? Type a, h, g, e, f or q.", escape(other));
                    continue;
                }
            };
            let card = progress.review(id, grade, now);
            reviewed += 1;
            let _ = writeln!(
                out,
                "Next review in {} day{}.",
                card.interval_days,
                if card.interval_days == 1 { "" } else { "s" }
            );
            break;
        }
    }
    let path = progress.save()?;
    let _ = writeln!(out, "\nReviewed {reviewed}; progress saved to {}.", path.display());
    Ok(Outcome::Clean)
}
