//! Answers with every section, enough substance, and nothing left unfinished.

use crate::rules::AnswerCtx;
use crate::text::TextRange;

pub mod answer_too_long;
pub mod answer_too_short;
pub mod code_block_language;
pub mod empty_section;
pub mod missing_alt_text;
pub mod missing_section;
pub mod missing_sources;
pub mod placeholder_text;
pub mod section_order;
pub mod short_answer_length;
pub mod swallowed_list_item;
pub mod too_few_links;
pub mod unaddressed_item;
pub mod unbalanced_math;
pub mod uncovered_facet;
pub mod undefined_acronym;
pub mod unreachable_answer;

/// Where answer-wide diagnostics go: the H1's text, else the start of the body.
pub(crate) fn headline(ctx: &AnswerCtx<'_>) -> TextRange {
    ctx.answer.md.h1().map_or(TextRange::empty(ctx.answer.body_start), |h| h.text_range)
}

/// Whether a heading names a configured section (case and surrounding space ignored).
pub(crate) fn same_section(heading: &str, section: &str) -> bool {
    heading.trim().eq_ignore_ascii_case(section.trim())
}

/// The prose words of the answer: headings and code blocks excluded, inline math one word.
pub(crate) fn answer_words(ctx: &AnswerCtx<'_>) -> usize {
    ctx.answer.md.prose.iter().map(|p| p.words as usize).sum()
}
