//! `mlqa define TERM`: a glossary term's definition, its other names and the answer that
//! explains it. Forgives case, hyphens and a typo; a shared acronym gives every meaning.

use mlqa_core::glossary::TermInfo;
use mlqa_core::workspace::GLOSSARY_FILE;

use crate::cli::{DefineArgs, ListFormat};
use crate::terminal::{escape, use_color};
use crate::{Failure, Outcome, kb};

pub fn run(args: &DefineArgs) -> Result<Outcome, Failure> {
    let kb = kb::open_for_reading(args.kb.kb.as_deref())?;
    let ws = &kb.ws;
    if ws.glossary().is_none() {
        return Err(Failure::usage(format!(
            "this KB has no {GLOSSARY_FILE}: add one beside spec.yaml (schemas/glossary.schema.json says what it holds)"
        )));
    }
    let name = args.term.join(" ");
    let lexicon = ws.lexicon();
    let Some((terms, guess)) = lexicon.lookup(&name) else {
        return Err(Failure::usage(format!(
            "no term of the glossary is named `{name}`; `mlqa search {name}` looks through the answers"
        )));
    };
    // Where each term is explained: the answer's path and question.
    let explained = |t: &TermInfo| {
        let id = t.answer.as_deref()?;
        let a = ws.answers_for(id).next()?;
        Some((id.to_owned(), kb.paths.display(&a.path), a.md.h1().map_or(id, |h| h.text.as_str()).to_owned()))
    };
    if args.format == ListFormat::Json {
        let rows: Vec<_> = terms
            .iter()
            .map(|t| {
                let answer = explained(t);
                serde_json::json!({
                    "term": t.term, "acronyms": t.acronyms, "aliases": t.aliases, "definition": t.definition,
                    "anchor": t.anchor, "answer": t.answer,
                    "path": answer.as_ref().map(|a| &a.1), "question": answer.as_ref().map(|a| &a.2),
                })
            })
            .collect();
        let mut doc = crate::version::versioned("terms", rows.into());
        doc["query"] = name.clone().into();
        doc["closest_to"] = guess.map(str::to_owned).into();
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        return Ok(Outcome::Clean);
    }
    let color = use_color(args.color);
    let paint = |code: &str, s: &str| if color { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_owned() };
    let mut out = String::new();
    if let Some(near) = guess {
        out.push_str(&paint(
            "2",
            &format!("No term is named `{}`; the closest is `{}`.\n\n", escape(&name), escape(near)),
        ));
    }
    for (i, t) in terms.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let head = paint("1", &escape(&t.label()));
        out.push_str(&format!("{head}\n  {}\n", escape(&t.definition)));
        if !t.aliases.is_empty() {
            out.push_str(&format!("  {} {}\n", paint("2", "also:"), escape(&t.aliases.join(", "))));
        }
        match explained(t) {
            Some((id, path, question)) => out.push_str(&format!(
                "  {} {} ({})\n  {}\n",
                paint("2", "explained in:"),
                escape(&question),
                paint("36", &escape(&path)),
                paint("2", &format!("mlqa show {id}"))
            )),
            None => out.push_str(&format!("  {}\n", paint("2", "no answer explains it yet"))),
        }
    }
    print!("{out}");
    Ok(Outcome::Clean)
}
