use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "unbalanced-math",
    family: Family::Completeness,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "a `$` or `$$` that opens or closes no formula",
    explanation: r#"## What it does
Reports each `$` in prose that is not part of an inline (`$...$`) or display (`$$...$$`)
formula as Markdown parsers with math support read it: an unclosed formula, a closing `$` after
a space, or a literal dollar sign. An escaped `\$` is fine. A display formula whose line
starts with `+`, `-`, `*` or `>` is cut in two: Markdown reads that line as a list or a quote.

## Why is this bad?
On GitHub and in exports, an unbalanced `$` swallows the text up to the next one into a formula,
or shows raw LaTeX to the reader.

## Example
```markdown
The cost is $O(n^2) per layer.
```

## Fix
None automatic: close the formula, or write `\$` for a literal dollar sign.
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    for dollar in &ctx.answer.md.stray_dollars {
        out.push(
            Diagnostic::new(Rule::UnbalancedMath, ctx.path(), *dollar, format!("this `{}` opens or closes no formula", ctx.source.slice(*dollar)))
                .with_help(
                    "close the formula (`$x$`, no space inside the dollars), or write `\\$` for a dollar sign; \
                     inside `$$`, a line that starts with `+`, `-` or `>` ends the paragraph: move the operator up a line",
                ),
        );
    }
}
