//! Code lenses: coverage shown on `spec.yaml`, per category and per question (with how many of
//! its key points the answer meets).

use crate::text::TextRange;
use crate::workspace::Workspace;

/// A code lens of `spec.yaml`: a title at a range, and the answer it opens, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lens {
    pub range: TextRange,
    pub title: String,
    pub target: Option<String>,
}

/// Coverage on `spec.yaml`: per category (answered / total) and per question (answered, with the
/// key points its answer meets, or missing).
pub fn spec_lenses(ws: &Workspace) -> Vec<Lens> {
    let mut out = Vec::new();
    for c in ws.spec().into_iter().flat_map(|s| &s.categories) {
        let answered = c.questions.iter().filter(|q| ws.answers_for(&q.id.value).next().is_some()).count();
        out.push(Lens {
            range: c.id.range,
            title: format!(
                "{answered}/{} answered ({:.0}%)",
                c.questions.len(),
                crate::coverage::percent(answered, c.questions.len())
            ),
            target: None,
        });
        for q in &c.questions {
            let answer = ws.answers_for(&q.id.value).next();
            out.push(Lens {
                range: q.id.range,
                title: match answer {
                    Some(a) => match super::points_in_answer(ws, q) {
                        Some((_, points)) if !points.is_empty() => {
                            let met = points.iter().filter(|p| p.found.is_some()).count();
                            format!("answered: {} · {met}/{} key points met", a.path, points.len())
                        }
                        _ => format!("answered: {}", a.path),
                    },
                    None => format!("missing: {}", Workspace::expected_path(q)),
                },
                target: answer.map(|a| a.path.clone()),
            });
        }
    }
    out
}
