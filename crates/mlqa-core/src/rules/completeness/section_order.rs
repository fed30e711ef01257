use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::completeness::same_section;
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "section-order",
    family: Family::Completeness,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "the required sections are not in the configured order",
    explanation: r#"## What it does
Reports a required section that comes before one that `[answers] sections` puts ahead of it.
Sections that are not required may stand anywhere.

## Why is this bad?
Every answer reads the same way: the short answer first, follow-ups last. A reader (or the quiz,
which shows the short answer first) relies on that order.

## Fix
None automatic: move the section (cut and paste the heading and its text).
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    let required = &ctx.config().sections;
    let mut top: Option<usize> = None;
    for s in ctx.answer.md.sections(ctx.text().len()) {
        let Some(rank) = required.iter().position(|r| same_section(&s.heading.text, r)) else {
            continue;
        };
        match top {
            Some(t) if rank < t => out.push(
                Diagnostic::new(
                    Rule::SectionOrder,
                    ctx.path(),
                    s.heading.text_range,
                    format!("`{}` comes after `{}`", s.heading.text, required[t]),
                )
                .with_help(format!("the sections, in order: {}", required.join(", "))),
            ),
            _ => top = Some(rank),
        }
    }
}
