use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "empty-section",
    family: Family::Completeness,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "an H2 section with nothing in it",
    explanation: r#"## What it does
Reports an H2 section with no prose, code or math before the next H1 or H2 (subsection headings
alone do not count).

## Why is this bad?
An empty section promises content that is not there: the reader who jumps to "Example" finds
nothing.

## Fix
None automatic: write the section, or remove the heading if it is not required.
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    let md = &ctx.answer.md;
    for s in md.sections(ctx.text().len()) {
        let has_prose = md.prose.iter().any(|p| s.body.contains(p.range().start) && p.words > 0);
        let has_code = md.code_blocks.iter().any(|c| s.body.contains(c.range.start));
        if !has_prose && !has_code {
            out.push(
                Diagnostic::new(
                    Rule::EmptySection,
                    ctx.path(),
                    s.heading.text_range,
                    format!("section `{}` is empty", s.heading.text),
                )
                .with_help("write it, or remove the heading"),
            );
        }
    }
}
