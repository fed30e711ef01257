use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::text::TextRange;

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "swallowed-list-item",
    family: Family::Completeness,
    default_level: RuleLevel::Error,
    fix: FixAvailability::Safe,
    summary: "a numbered item that renders as part of the paragraph above it",
    explanation: r#"## What it does
Reports a line that reads as an ordered-list item (`3. Diagnostics ...`) but continues the
paragraph before it, so Markdown renders it as running text.

## Why is this bad?
CommonMark lets an ordered list interrupt a paragraph only when it starts at 1. The usual way
in: a display formula or a paragraph between items 2 and 3 that is not indented under item 2.
It ends the list, and item 3 then joins the next paragraph. The page loses an item, and nothing
in the source looks wrong.

## Example
```markdown
2. Choosing a threshold: the iso-cost slope is

$$ s = c_{FP}(1-\pi) / (c_{FN}\pi) $$

so costly misses favour a low threshold.
3. Diagnostics: ...
```
Indent the formula and the paragraph by three spaces, under item 2, to keep one list.

## Fix
Safe: inserts a blank line before the item, which makes it a list item again (numbered as
written). Indenting the blocks above under the previous item, to keep one list, is the better
repair when they belong to it.
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    for &item in &ctx.answer.md.swallowed_items {
        let line_start = text[..item.start].rfind('\n').map_or(0, |n| n + 1);
        let number = &text[item.start..item.end];
        let number = &number[..number.find(['.', ')']).map_or(number.len(), |n| n + 1)];
        out.push(
            Diagnostic::new(
                Rule::SwallowedListItem,
                ctx.path(),
                TextRange::new(item.start, item.start + number.len()),
                format!("`{number}` renders as text of the paragraph above, not as a list item"),
            )
            .with_help("leave a blank line before it, or indent the blocks above it under the previous item")
            .with_fix(Fix::safe(
                "Insert a blank line before the item",
                vec![Edit::insert(ctx.path(), line_start, "\n")],
            )),
        );
    }
}
