//! `mlqa quiz`: spaced-repetition practice (SM-2). Due questions come first, then new ones in
//! a seeded order; each answer's grade schedules its next review. Progress lives in the user's
//! data folder (`$XDG_DATA_HOME/mlqa/progress.json`), never in the KB.
//!
//! For tests and scripts, `MLQA_NOW` (Unix seconds) fixes the clock.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::cli::QuizArgs;
use crate::terminal::{escape, use_color};
use crate::{Failure, Outcome, kb, render};

const DAY: i64 = 86_400;

/// One question's review state (SuperMemo 2).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Card {
    /// Successful reviews in a row.
    pub reps: u32,
    pub interval_days: u32,
    pub ease: f64,
    /// When it is next due (Unix seconds).
    pub due: i64,
}

impl Default for Card {
    fn default() -> Self {
        Self { reps: 0, interval_days: 0, ease: 2.5, due: 0 }
    }
}

/// How well the user knew the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grade {
    Again,
    Hard,
    Good,
    Easy,
}

impl Card {
    /// SM-2: quality q is 1 (again), 3 (hard), 4 (good), 5 (easy). A lapse restarts the
    /// repetitions; the ease moves by 0.1 − (5−q)(0.08 + (5−q)·0.02), never below 1.3.
    pub fn review(&mut self, grade: Grade, now: i64) {
        let q: f64 = match grade {
            Grade::Again => 1.0,
            Grade::Hard => 3.0,
            Grade::Good => 4.0,
            Grade::Easy => 5.0,
        };
        if grade == Grade::Again {
            self.reps = 0;
            self.interval_days = 1;
        } else {
            self.interval_days = match self.reps {
                0 => 1,
                1 => 6,
                _ => (f64::from(self.interval_days) * self.ease).round() as u32,
            };
            self.reps += 1;
        }
        self.ease = (self.ease + 0.1 - (5.0 - q) * (0.08 + (5.0 - q) * 0.02)).max(1.3);
        self.due = now + i64::from(self.interval_days) * DAY;
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Progress {
    version: u32,
    cards: BTreeMap<String, Card>,
}

fn progress_path() -> Result<PathBuf, Failure> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .ok_or_else(|| Failure::usage("neither XDG_DATA_HOME nor HOME is set: nowhere to keep quiz progress"))?;
    Ok(base.join("mlqa/progress.json"))
}

fn now() -> i64 {
    std::env::var("MLQA_NOW").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    })
}

/// A small seeded shuffle (xorshift), so a session's order can be replayed.
fn shuffle<T>(items: &mut [T], mut seed: u64) {
    seed |= 1;
    for i in (1..items.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        items.swap(i, (seed % (i as u64 + 1)) as usize);
    }
}

pub fn run(args: &QuizArgs) -> Result<Outcome, Failure> {
    let kb = kb::open_for_reading(args.kb.kb.as_deref())?;
    let ws = &kb.ws;
    kb::check_category(ws, args.category.as_deref())?;
    let path = progress_path()?;
    let mut progress: Progress = match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text)
            .map_err(|e| Failure::usage(format!("{}: {e}; move it away to start over", path.display())))?,
        Err(_) => Progress { version: 1, cards: BTreeMap::new() },
    };
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
                "a" | "again" | "1" => Grade::Again,
                "h" | "hard" | "2" => Grade::Hard,
                "g" | "good" | "3" => Grade::Good,
                "e" | "easy" | "4" => Grade::Easy,
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
            let card = progress.cards.entry((*id).to_owned()).or_default();
            card.review(grade, now);
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
    let text = serde_json::to_string_pretty(&progress).map_err(|e| Failure::usage(e.to_string()))?;
    mlqa_core::fix::write_atomic(&path, &text, false)
        .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
    let _ = writeln!(out, "\nReviewed {reviewed}; progress saved to {}.", path.display());
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sm2_intervals_and_ease() {
        let mut c = Card::default();
        c.review(Grade::Good, 0);
        assert_eq!((c.reps, c.interval_days, c.due), (1, 1, DAY));
        c.review(Grade::Good, DAY);
        assert_eq!(c.interval_days, 6);
        c.review(Grade::Easy, 7 * DAY);
        assert_eq!(c.interval_days, 15, "6 × 2.5: the interval uses the ease from before this review");
        assert!((c.ease - 2.6).abs() < 1e-9);
        c.review(Grade::Again, 22 * DAY);
        assert_eq!((c.reps, c.interval_days), (0, 1));
        assert!((c.ease - 2.06).abs() < 1e-9, "a lapse costs 0.54 of ease: {}", c.ease);
        for _ in 0..20 {
            c.review(Grade::Hard, 0);
        }
        assert!(c.ease >= 1.3);
    }
}
