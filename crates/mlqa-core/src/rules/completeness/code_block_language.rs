use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::text::TextRange;

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "code-block-language",
    family: Family::Completeness,
    default_level: RuleLevel::Error,
    fix: FixAvailability::Unsafe,
    summary: "a fenced code block without a language tag",
    explanation: r#"## What it does
Reports a fenced code block whose opening fence has no language (```` ``` ```` instead of
```` ```python ````).

## Why is this bad?
The language decides highlighting in every renderer, and whether the KB's test suite runs the
block: `python` blocks must run as they stand, sketches are tagged `text`.

## Fix
Unsafe: tags the block `text`; tag it with its real language if it has one.
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    for block in ctx.answer.md.code_blocks.iter().filter(|b| b.fenced && b.lang.is_none()) {
        let fence = TextRange::new(block.range.start, block.info_at);
        out.push(
            Diagnostic::new(Rule::CodeBlockLanguage, ctx.path(), fence, "this code block has no language tag")
                .with_help("tag it: ```python for code that runs, ```text for a sketch")
                .with_fix(Fix::unsafe_("Tag it `text`", vec![Edit::insert(ctx.path(), block.info_at, "text")])),
        );
    }
}
