//! What `mlqa quiz` and `mlqa practice` remember: one SuperMemo-2 card per question, in the
//! user's data folder (`$XDG_DATA_HOME/mlqa/progress.json`), never in the KB.
//!
//! For tests and scripts, `MLQA_NOW` (Unix seconds) fixes the clock.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::Failure;

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

impl Grade {
    /// `a`/`again`/`1`, `h`/`hard`/`2`, `g`/`good`/`3`, `e`/`easy`/`4`.
    pub fn parse(word: &str) -> Option<Self> {
        Some(match word.trim().to_lowercase().as_str() {
            "a" | "again" | "1" => Grade::Again,
            "h" | "hard" | "2" => Grade::Hard,
            "g" | "good" | "3" => Grade::Good,
            "e" | "easy" | "4" => Grade::Easy,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Grade::Again => "again",
            Grade::Hard => "hard",
            Grade::Good => "good",
            Grade::Easy => "easy",
        }
    }

    /// The grade a rubric score suggests: every point `easy`, at least two thirds `good`, at least
    /// one third `hard`, less `again`.
    pub fn from_score(met: usize, total: usize) -> Self {
        if total == 0 || met >= total {
            Grade::Easy
        } else if 3 * met >= 2 * total {
            Grade::Good
        } else if 3 * met >= total {
            Grade::Hard
        } else {
            Grade::Again
        }
    }
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
pub struct Progress {
    version: u32,
    pub cards: BTreeMap<String, Card>,
    /// Where it was read from and is saved to.
    #[serde(skip)]
    path: PathBuf,
}

impl Progress {
    /// The user's progress file, or a fresh record when there is none yet.
    pub fn load() -> Result<Self, Failure> {
        let path = progress_path()?;
        let mut progress: Progress = match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text)
                .map_err(|e| Failure::usage(format!("{}: {e}; move it away to start over", path.display())))?,
            Err(_) => Progress { version: 1, ..Progress::default() },
        };
        progress.path = path;
        Ok(progress)
    }

    /// Reviews `id`'s card with `grade` at `now`.
    pub fn review(&mut self, id: &str, grade: Grade, now: i64) -> &Card {
        let card = self.cards.entry(id.to_owned()).or_default();
        card.review(grade, now);
        card
    }

    /// Writes the file atomically; returns where.
    pub fn save(&self) -> Result<&PathBuf, Failure> {
        let text = serde_json::to_string_pretty(self).map_err(|e| Failure::usage(e.to_string()))?;
        mlqa_core::fix::write_atomic(&self.path, &text, false)
            .map_err(|e| Failure::usage(format!("{}: {e}", self.path.display())))?;
        Ok(&self.path)
    }
}

fn progress_path() -> Result<PathBuf, Failure> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .ok_or_else(|| Failure::usage("neither XDG_DATA_HOME nor HOME is set: nowhere to keep quiz progress"))?;
    Ok(base.join("mlqa/progress.json"))
}

pub fn now() -> i64 {
    std::env::var("MLQA_NOW").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    })
}

/// A small seeded shuffle (xorshift), so a session's order can be replayed.
pub fn shuffle<T>(items: &mut [T], mut seed: u64) {
    seed |= 1;
    for i in (1..items.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        items.swap(i, (seed % (i as u64 + 1)) as usize);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_suggests_a_grade_by_thirds() {
        let grades: Vec<&str> = (0..=6).map(|met| Grade::from_score(met, 6).name()).collect();
        assert_eq!(grades, ["again", "again", "hard", "hard", "good", "good", "easy"]);
        assert_eq!(Grade::from_score(0, 0), Grade::Easy, "a question without a rubric has nothing to miss");
        assert_eq!(Grade::parse(" G "), Some(Grade::Good));
        assert_eq!(Grade::parse("x"), None);
    }

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
