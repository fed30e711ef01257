use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::syntax::markdown::{LinkKind, Malformation};

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "malformed-link",
    family: Family::Links,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "link-shaped text that Markdown does not parse as a link",
    explanation: r#"## What it does
Reports `[text](...)` or `![alt](...)` in prose that CommonMark does not turn into a link or
an image, and says why: a space or a line break in the destination, a `(` in it without its
`)` (or parentheses nested more than 32 deep), a control character in it, a `<` that opens it
with no `>` on the same line, a title that is not closed or is followed by more text, no `)`
to close it, or link text that holds another link (links do not nest). Code spans, code
blocks, math, HTML and comments are not looked at, nor is text that did become a link or a
reference. `[text] (...)`, with a space before the `(`, is ordinary prose as often as a
mistake and is not reported.

## Why is this bad?
The text is shown as typed, brackets and all, and there is no link: `broken-link`,
`broken-anchor` and `invalid-url` have nothing to check, so the reference is dead without
anyone being told.

## Example
```markdown
See [the paper](https://arxiv.org/abs/1706.03762 v5) for details.
```

## Fix
None automatic, because every repair guesses what the author meant. A space may be a typo
(`exa mple.com`), belong to a file name (`%20`) or start prose that was never meant as a link;
a missing `)` may belong at the end of the line or earlier. Percent-encoding the space, for
instance, would turn dead text into a live link to a place that may not exist. Correct the
destination, or escape the bracket (`\[`) if the text is not meant to be a link.
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    for shape in &ctx.answer.md.malformed_links {
        let what = match shape.kind {
            LinkKind::Link => "a link",
            LinkKind::Image => "an image",
        };
        let (why, help) = words(shape.reason);
        out.push(
            Diagnostic::new(Rule::MalformedLink, ctx.path(), shape.range, format!("not {what}: {why}"))
                .with_help(format!("{help}; write `\\[` if it is not meant as {what}")),
        );
    }
}

fn words(reason: Malformation) -> (&'static str, &'static str) {
    match reason {
        Malformation::Space => {
            ("its destination contains a space", "remove the space, or write it as `%20` if the path has one")
        }
        Malformation::LineBreak => ("its destination is broken across lines", "keep the destination on one line"),
        Malformation::UnbalancedParentheses => {
            ("its destination has a `(` without a `)`", "close the parenthesis, or write it as `%28`")
        }
        Malformation::NestedTooDeep => {
            ("its destination nests parentheses more than 32 deep", "write the inner parentheses as `%28` and `%29`")
        }
        Malformation::ControlCharacter => {
            ("its destination contains a control character", "remove the control character")
        }
        Malformation::UnclosedAngle => {
            ("the `<` that opens its destination has no `>` on the same line", "close the destination with `>`")
        }
        Malformation::TextAfterDestination => {
            ("text follows its `<...>` destination before the `)`", "end the link with `)` right after the `>`")
        }
        Malformation::UnclosedTitle => {
            ("its title is not closed", "close the title with the quote (or parenthesis) it opens with")
        }
        Malformation::TextAfterTitle => {
            ("text follows its title before the `)`", "end the link with `)` right after the title")
        }
        Malformation::Unclosed => ("no `)` closes it", "end the link with `)`"),
        Malformation::NestedLink => {
            ("its text holds another link, and links do not nest", "move the inner link out of the link text")
        }
    }
}
