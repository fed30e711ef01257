use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::completeness::{headline, same_section};
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::syntax::markdown;

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "missing-section",
    family: Family::Completeness,
    default_level: RuleLevel::Error,
    fix: FixAvailability::Safe,
    summary: "an answer without one of the sections `mlqa.toml` requires",
    explanation: r#"## What it does
Checks that every section listed in `[answers] sections` of `mlqa.toml` is an H2 heading of the
answer (case-insensitive), and reports each one that is not.

## Why is this bad?
The sections are the shape of a complete answer: the short answer an interviewer wants first,
the explanation, a worked example, the traps, the follow-ups. Readers, the quiz and exports rely
on finding them.

## Fix
Safe: inserts an empty `## Section` heading where the configured order puts it; then write it
(`empty-section` reports it until you do).
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    let sections = ctx.answer.md.sections(ctx.text().len());
    let required = &ctx.config().sections;
    for (i, name) in required.iter().enumerate() {
        if sections.iter().any(|s| same_section(&s.heading.text, name)) {
            continue;
        }
        // Insert before the first later required section that exists, else at the end.
        let next =
            required[i + 1..].iter().find_map(|later| sections.iter().find(|s| same_section(&s.heading.text, later)));
        let text = ctx.text();
        let (at, insert) = match next {
            Some(s) => (s.heading.range.start, format!("## {name}\n\n")),
            None => {
                let sep = if text.ends_with('\n') { "\n" } else { "\n\n" };
                (text.len(), format!("{sep}## {name}\n"))
            }
        };
        let d = Diagnostic::new(
            Rule::MissingSection,
            ctx.path(),
            headline(ctx),
            format!("the answer has no `## {name}` section"),
        );
        // A heading inserted inside an unclosed code block would be code, not a section.
        let in_open_code =
            ctx.answer.md.code_blocks.iter().any(|b| !b.closed && at > b.range.start && at <= b.range.end);
        // Nor would one inside an HTML block or comment that runs to the end (`<?`, `<!--`): a
        // safe fix must do what it says, so it is tried on the text first (only when it fires).
        let takes = || {
            let fixed = format!("{}{insert}{}", &text[..at], &text[at..]);
            markdown::parse(ctx.path(), &fixed, ctx.answer.body_start)
                .headings
                .iter()
                .any(|h| same_section(&h.text, name))
        };
        out.push(if in_open_code {
            d.with_help("a code block runs to the end of the file: close its fence, then add the section")
        } else if !takes() {
            d.with_help(
                "the file ends inside HTML that is never closed (a comment or block): close it, then add the section",
            )
        } else {
            d.with_help(format!("the sections, in order: {}", required.join(", ")))
                .with_fix(Fix::safe(format!("Insert `## {name}`"), vec![Edit::insert(ctx.path(), at, insert)]))
        });
    }
}
