use foldhash::{HashMap, HashMapExt};

use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Item;
use crate::rules::links::removal_range;
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "duplicate-reference",
    family: Family::Links,
    default_level: RuleLevel::Warn,
    fix: FixAvailability::Safe,
    summary: "the same id twice in `related`, `resources` or `tags`",
    explanation: r#"## What it does
Reports an id that appears a second time in one of an answer's front matter lists.

## Why is this bad?
It adds nothing and inflates counts such as `too-few-links`; it is usually left over from a
merge.

## Example
```yaml
related: [regularization, l1-vs-l2, regularization]
```

## Fix
Safe: removes the repeat.
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    let meta = &ctx.answer.meta;
    for (field, items) in [("related", &meta.related), ("resources", &meta.resources), ("tags", &meta.tags)] {
        report(ctx, field, items, out);
    }
}

fn report(ctx: &AnswerCtx<'_>, field: &str, items: &[Item], out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Item> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        match seen.get(item.value.as_str()) {
            Some(first) => {
                let range = removal_range(ctx.text(), items, i);
                out.push(
                    Diagnostic::new(
                        Rule::DuplicateReference,
                        ctx.path(),
                        item.range,
                        format!("`{}` is already in `{field}`", item.value),
                    )
                    .with_related(ctx.path(), first.range, "first listed here")
                    .with_fix(Fix::safe("Remove the repeat", vec![Edit::delete(ctx.path(), range)])),
                );
            }
            None => {
                seen.insert(&item.value, item);
            }
        }
    }
}
