//! How much of the spec is answered, per category and overall.

use crate::workspace::Workspace;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryCoverage {
    pub id: String,
    pub title: String,
    pub answered: usize,
    pub questions: usize,
    /// Ids of the questions without an answer.
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub categories: Vec<CategoryCoverage>,
}

impl Coverage {
    pub fn of(ws: &Workspace) -> Self {
        let categories = ws
            .spec()
            .into_iter()
            .flat_map(|s| &s.categories)
            .map(|c| {
                let missing: Vec<String> = c
                    .questions
                    .iter()
                    .filter(|q| ws.answers_for(&q.id.value).next().is_none())
                    .map(|q| q.id.value.clone())
                    .collect();
                CategoryCoverage {
                    id: c.id.value.clone(),
                    title: c.title.as_ref().map_or_else(|| c.id.value.clone(), |t| t.value.clone()),
                    answered: c.questions.len() - missing.len(),
                    questions: c.questions.len(),
                    missing,
                }
            })
            .collect();
        Self { categories }
    }

    pub fn answered(&self) -> usize {
        self.categories.iter().map(|c| c.answered).sum()
    }

    pub fn questions(&self) -> usize {
        self.categories.iter().map(|c| c.questions).sum()
    }

    /// Answered questions in percent (100 for an empty spec).
    pub fn percent(&self) -> f64 {
        percent(self.answered(), self.questions())
    }
}

pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 { 100.0 } else { part as f64 * 100.0 / whole as f64 }
}
