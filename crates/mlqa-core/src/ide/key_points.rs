//! Key points in the KB: where an answer makes each point of its question's rubric. The code
//! lens and hover on `spec.yaml`, `mlqa practice` (the KB's sentence for a point a learner
//! missed) and `uncovered-facet` read an answer the same way: its text after the H1, so the
//! question's own words never count as making a point.

use crate::document::{AnswerDoc, QuestionEntry};
use crate::rubric::{KeyPoint, sentence_around};
use crate::text::TextRange;
use crate::workspace::Workspace;

/// One key point and where the answer makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointInAnswer<'a> {
    pub point: &'a KeyPoint,
    /// The first match, in the answer file.
    pub found: Option<TextRange>,
    /// The sentence around it.
    pub sentence: Option<String>,
}

/// The question's answer, and where it makes each valid key point.
pub fn points_in_answer<'a>(
    ws: &'a Workspace,
    question: &'a QuestionEntry,
) -> Option<(&'a AnswerDoc, Vec<PointInAnswer<'a>>)> {
    let answer = ws.answers_for(&question.id.value).next()?;
    let text = &ws.source(&answer.path)?.text;
    let start = answer.graded_start().min(text.len());
    let graded = &text[start..];
    let points = question
        .rubric
        .grade(graded)
        .into_iter()
        .map(|m| PointInAnswer {
            point: m.point,
            found: m.found.as_ref().map(|r| TextRange::new(start + r.start, start + r.end)),
            sentence: m.found.map(|r| sentence_around(graded, r)),
        })
        .collect();
    Some((answer, points))
}

/// The key point whose name or pattern in `spec.yaml` contains `offset`.
pub fn key_point_at(ws: &Workspace, offset: usize) -> Option<(&QuestionEntry, &KeyPoint, TextRange)> {
    ws.questions().find_map(|q| {
        q.rubric.points().iter().find_map(|p| {
            let mut ranges = p.name_range.into_iter().chain([p.pattern_range]);
            let at = ranges.find(|r| r.start <= offset && offset <= r.end)?;
            Some((q, p, at))
        })
    })
}
