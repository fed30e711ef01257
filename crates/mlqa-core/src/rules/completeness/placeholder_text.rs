use std::sync::LazyLock;

use regex::Regex;

use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::text::TextRange;

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "placeholder-text",
    family: Family::Completeness,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "TODO, TBD, FIXME or lorem ipsum left in an answer",
    explanation: r#"## What it does
Reports `TODO`, `TBD`, `FIXME` and `XXX` (as upper-case words) and "lorem ipsum" (any case) in
an answer's prose and headings. Code blocks and inline code are not searched.

## Why is this bad?
A placeholder is an unfinished answer shipped as a finished one; readers cannot tell which parts
to trust.

## Fix
None automatic: write the missing part, or remove the marker.
"#,
};

static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(TODO|TBD|FIXME|XXX)\b|(?i:lorem ipsum)").expect("valid"));

/// The markers without word boundaries: a file this finds nowhere has none in any of its
/// prose runs, so they are not searched one by one (nearly every answer).
static ANYWHERE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"TODO|TBD|FIXME|XXX|(?i:lorem ipsum)").expect("valid"));

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    if !ANYWHERE.is_match(&ctx.source.text) {
        return;
    }
    let md = &ctx.answer.md;
    let ranges = md.prose.iter().map(|p| p.range()).chain(md.headings.iter().map(|h| h.text_range));
    for range in ranges {
        let text = ctx.source.slice(range);
        if text.starts_with('`') {
            continue;
        }
        for m in PLACEHOLDER.find_iter(text) {
            let at = TextRange::new(range.start + m.start(), range.start + m.end());
            out.push(
                Diagnostic::new(
                    Rule::PlaceholderText,
                    ctx.path(),
                    at,
                    format!("placeholder `{}` in the answer", m.as_str()),
                )
                .with_help("write the missing part, or remove the marker"),
            );
        }
    }
}
