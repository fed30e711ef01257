//! `mlqa list`: the spec as a table, with coverage per category.

use mlqa_core::coverage::{Coverage, percent};

use crate::cli::{ListArgs, ListFormat};
use crate::terminal::escape;
use crate::{Failure, Outcome, kb};

pub fn run(args: &ListArgs) -> Result<Outcome, Failure> {
    let kb = kb::open_for_reading(args.kb.kb.as_deref())?;
    let ws = &kb.ws;
    kb::check_category(ws, args.category.as_deref())?;
    let coverage = Coverage::of(ws);
    let keep = |answered: bool| !(args.missing && answered || args.answered && !answered);
    let mut rows = Vec::new();
    let mut out = String::new();
    for cat in ws.spec().into_iter().flat_map(|s| &s.categories) {
        if args.category.as_ref().is_some_and(|c| *c != cat.id.value) {
            continue;
        }
        let cov = coverage.categories.iter().find(|c| c.id == cat.id.value);
        let (done, total) = cov.map_or((0, 0), |c| (c.answered, c.questions));
        let title = cat.title.as_ref().map_or(cat.id.value.as_str(), |t| t.value.as_str());
        out.push_str(&format!("{} ({done}/{total}, {:.0}%)\n", escape(title), percent(done, total)));
        for q in &cat.questions {
            let answer = ws.answers_for(&q.id.value).next();
            if !keep(answer.is_some()) {
                continue;
            }
            let text = q.question.as_ref().map_or("", |t| t.value.as_str());
            out.push_str(&format!(
                "  {} {:<36} {}\n",
                if answer.is_some() { "✓" } else { "✗" },
                q.id.value,
                escape(text)
            ));
            rows.push(serde_json::json!({
                "id": q.id.value, "category": cat.id.value, "question": text,
                "answered": answer.is_some(), "path": answer.map(|a| kb.paths.display(&a.path)),
            }));
        }
    }
    if args.format == ListFormat::Json {
        let doc = crate::version::versioned("questions", rows.into());
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    } else {
        out.push_str(&format!(
            "\n{}/{} questions answered ({:.1}%)\n",
            coverage.answered(),
            coverage.questions(),
            coverage.percent()
        ));
        print!("{out}");
    }
    Ok(Outcome::Clean)
}
