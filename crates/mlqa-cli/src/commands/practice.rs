//! `mlqa practice`: the learner answers a question in their own words, and the answer is graded
//! point by point against the question's key points; the score suggests an SM-2 grade, kept in
//! the same progress file as `mlqa quiz`.

use std::io::{IsTerminal, Read, Write};
use std::path::Path;

use mlqa_core::Workspace;
use mlqa_core::document::QuestionEntry;
use serde::Serialize;

use crate::cli::{PracticeArgs, PracticeFormat};
use crate::commands::progress::{Grade, Progress, now, shuffle};
use crate::terminal::{escape, use_color};
use crate::{Failure, Outcome, kb};

/// The grading of one answer: what `--format json` prints.
#[derive(Debug, Serialize)]
struct Grading {
    id: String,
    category: String,
    question: String,
    met: usize,
    total: usize,
    points: Vec<PointGrade>,
    suggested_grade: &'static str,
    /// The grade recorded, if any (`--no-save`, or skipped at the prompt: none).
    recorded: Option<&'static str>,
    /// When the question is next due, in days, once recorded.
    next_review_days: Option<u32>,
}

#[derive(Debug, Serialize)]
struct PointGrade {
    name: String,
    met: bool,
    /// What of the learner's answer makes the point.
    evidence: Option<String>,
    /// For a missed point: the KB answer's sentence that makes it.
    kb_sentence: Option<String>,
}

pub fn run(args: &PracticeArgs) -> Result<Outcome, Failure> {
    let kb = kb::open_for_reading(args.kb.kb.as_deref())?;
    let ws = &kb.ws;
    kb::check_category(ws, args.category.as_deref())?;
    let mut progress = Progress::load()?;
    let now = now();
    let question = pick(ws, args, &progress, now)?;
    let (_, in_kb) = mlqa_core::ide::points_in_answer(ws, question)
        .ok_or_else(|| Failure::usage(format!("`{}` has no answer in the KB yet", question.id.value)))?;
    if question.rubric.is_empty() {
        return Err(Failure::usage(format!(
            "`{}` has no key points to grade against: add `key_points` to it in spec.yaml",
            question.id.value
        )));
    }
    if in_kb.is_empty() {
        return Err(Failure::usage(format!(
            "none of `{}`'s key points has a pattern mlqa can use: `mlqa check` reports them (invalid-pattern)",
            question.id.value
        )));
    }
    let text = question.question.as_ref().map_or(question.id.value.as_str(), |q| q.value.as_str());
    let human = args.format == PracticeFormat::Human;
    let answer = match &args.answer_file {
        Some(path) => read_file(path)?,
        None => {
            if human {
                println!("{} · {}\n", question.category, escape(text));
            }
            if args.editor { from_editor(text)? } else { from_prompt(human)? }
        }
    };
    if answer.trim().is_empty() {
        return Err(Failure::usage("the answer is empty: nothing to grade"));
    }
    let marks = question.rubric.grade(&answer);
    let points: Vec<PointGrade> = marks
        .iter()
        .zip(&in_kb)
        .map(|(mark, kb)| PointGrade {
            name: mark.point.name.clone(),
            met: mark.found.is_some(),
            evidence: mark.found.clone().map(|r| mlqa_core::rubric::sentence_around(&answer, r)),
            kb_sentence: if mark.found.is_some() { None } else { kb.sentence.clone() },
        })
        .collect();
    let met = points.iter().filter(|p| p.met).count();
    let suggested = Grade::from_score(met, points.len());
    let mut grading = Grading {
        id: question.id.value.clone(),
        category: question.category.clone(),
        question: text.to_owned(),
        met,
        total: points.len(),
        points,
        suggested_grade: suggested.name(),
        recorded: None,
        next_review_days: None,
    };
    let color = use_color(args.color);
    if human {
        print!("{}", report(&grading, color));
    }
    // Interactive: the learner may take the suggestion, change it, or skip; otherwise it stands.
    let grade = if args.no_save {
        None
    } else if args.answer_file.is_none() && human && std::io::stdin().is_terminal() {
        confirm(suggested)
    } else {
        Some(suggested)
    };
    if let Some(grade) = grade {
        let days = progress.review(&grading.id, grade, now).interval_days;
        let path = progress.save()?;
        grading.recorded = Some(grade.name());
        grading.next_review_days = Some(days);
        if human {
            let s = if days == 1 { "" } else { "s" };
            println!("Recorded `{}`: next review in {days} day{s} ({}).", grade.name(), path.display());
        }
    }
    if !human {
        let doc = crate::version::versioned("grading", serde_json::to_value(&grading).unwrap_or_default());
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    }
    Ok(Outcome::Clean)
}

/// The question asked for, else the most overdue in the schedule, else a new one (seeded).
fn pick<'a>(
    ws: &'a Workspace,
    args: &PracticeArgs,
    progress: &Progress,
    now: i64,
) -> Result<&'a QuestionEntry, Failure> {
    if !args.question.is_empty() {
        let answer = super::show::find(ws, &args.question.join(" "))?;
        return ws
            .question(answer.id())
            .ok_or_else(|| Failure::usage(format!("`{}` is not a question of spec.yaml", answer.id())));
    }
    let candidates: Vec<&QuestionEntry> = ws
        .questions()
        .filter(|q| args.category.as_ref().is_none_or(|c| *c == q.category))
        .filter(|q| !q.rubric.is_empty() && ws.answers_for(&q.id.value).next().is_some())
        .collect();
    let due = candidates
        .iter()
        .filter_map(|q| progress.cards.get(&q.id.value).filter(|c| c.due <= now).map(|c| (c.due, *q)))
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.value.cmp(&b.1.id.value)));
    if let Some((_, q)) = due {
        return Ok(q);
    }
    let mut fresh: Vec<&QuestionEntry> =
        candidates.iter().copied().filter(|q| !progress.cards.contains_key(&q.id.value)).collect();
    shuffle(&mut fresh, args.seed.unwrap_or(now as u64));
    fresh.first().or(candidates.first()).copied().ok_or_else(|| {
        Failure::usage("no answered question with key points to practise here; `mlqa list` shows the questions")
    })
}

fn read_file(path: &Path) -> Result<String, Failure> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| Failure::usage(format!("standard input: {e}")))?;
        return Ok(text);
    }
    std::fs::read_to_string(path).map_err(|e| Failure::usage(format!("{}: {e}", path.display())))
}

/// Reads the answer typed or pasted, up to end of input (Ctrl-D).
fn from_prompt(human: bool) -> Result<String, Failure> {
    if human && std::io::stdin().is_terminal() {
        println!("Your answer (end with Ctrl-D on a line of its own):");
    }
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).map_err(|e| Failure::usage(format!("standard input: {e}")))?;
    Ok(text)
}

/// Opens $VISUAL or $EDITOR on a scratch file that starts with the question as `#` comments.
fn from_editor(question: &str) -> Result<String, Failure> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|e| !e.trim().is_empty()))
        .ok_or_else(|| Failure::usage("--editor needs $VISUAL or $EDITOR; or pass --answer-file FILE"))?;
    let path = std::env::temp_dir().join(format!("mlqa-practice-{}.md", std::process::id()));
    let header = format!("# {question}\n# Write your answer below; lines starting with # are ignored.\n\n");
    std::fs::write(&path, header).map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
    // `$EDITOR` may carry arguments (`code --wait`): run it through the shell, the file quoted.
    let quoted = format!("'{}'", path.display().to_string().replace('\'', r"'\''"));
    let status = std::process::Command::new("sh").arg("-c").arg(format!("{editor} {quoted}")).status();
    let text = std::fs::read_to_string(&path);
    let _ = std::fs::remove_file(&path);
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => return Err(Failure::usage(format!("`{editor}` exited with {s}; nothing graded"))),
        Err(e) => return Err(Failure::usage(format!("cannot run `{editor}`: {e}"))),
    }
    let text = text.map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
    Ok(text.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n"))
}

fn confirm(suggested: Grade) -> Option<Grade> {
    let mut out = std::io::stdout();
    let mut line = String::new();
    loop {
        let _ = write!(out, "Record `{}`? [Enter] yes, or [a]gain [h]ard [g]ood [e]asy, [s]kip: ", suggested.name());
        let _ = out.flush();
        line.clear();
        if std::io::stdin().read_line(&mut line).map_or(true, |n| n == 0) {
            return None;
        }
        match line.trim() {
            "" => return Some(suggested),
            "s" | "skip" => return None,
            word => match Grade::parse(word) {
                Some(g) => return Some(g),
                None => println!("`{}`? Type a, h, g, e or s, or press Enter.", escape(word)),
            },
        }
    }
}

fn report(g: &Grading, color: bool) -> String {
    let paint = |code: &str, s: &str| if color { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_owned() };
    let mut out = format!("\n{} · {}\n\n", paint("36", &g.id), paint("1", &escape(&g.question)));
    for p in &g.points {
        if p.met {
            out.push_str(&format!("  {} {}\n", paint("32", "✓"), escape(&p.name)));
        } else {
            out.push_str(&format!("  {} {}\n", paint("31", "✗"), escape(&p.name)));
            if let Some(s) = &p.kb_sentence {
                let rendered = crate::render::markdown(s, color, &|_| None);
                out.push_str(&format!("      {} {}\n", paint("2", "KB:"), rendered.trim()));
            }
        }
    }
    let percent = mlqa_core::coverage::percent(g.met, g.total);
    out.push_str(&format!(
        "\nScore {}/{} ({percent:.0}%) · suggested grade: {}\n",
        g.met,
        g.total,
        paint("1", g.suggested_grade)
    ));
    out
}
