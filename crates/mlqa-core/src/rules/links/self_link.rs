use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::links::removal_range;
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::syntax::link::{LinkTarget, Resolved};
use crate::syntax::markdown::LinkKind;

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "self-link",
    family: Family::Links,
    default_level: RuleLevel::Warn,
    fix: FixAvailability::Safe,
    summary: "an answer that links to itself by path, or lists itself in `related`",
    explanation: r#"## What it does
Reports a link from an answer to its own file by path (`../fundamentals/bias-variance.md#x`
inside `fundamentals/bias-variance.md`), and an answer that lists its own id in `related`.

## Why is this bad?
A same-file link written as a path reloads the page on most hosts and breaks when the file is
moved; an answer related to itself adds nothing to the reader's path through the KB.

## Fix
Safe: rewrites the link to `#anchor`, or removes the id from `related`.
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    for link in ctx.answer.md.links.iter().filter(|l| l.kind == LinkKind::Link) {
        let LinkTarget::Path { fragment, resolved: Some(Resolved::Inside(target)), .. } = link.to() else {
            continue;
        };
        if target != ctx.path() {
            continue;
        }
        let mut d =
            Diagnostic::new(Rule::SelfLink, ctx.path(), link.dest_range, "this link points to the answer it is in");
        if let Some(f) = fragment.filter(|f| !f.is_empty()) {
            d = d.with_help(format!("write it as `#{f}`")).with_fix(Fix::safe(
                format!("Use #{f}"),
                vec![Edit::replace(ctx.path(), link.dest_range, format!("#{f}"))],
            ));
        } else {
            d = d.with_help("link to a heading of this answer with `#anchor`, or to another answer");
        }
        out.push(d);
    }
    let related = &ctx.answer.meta.related;
    for (i, item) in related.iter().enumerate() {
        if item.value == ctx.answer.id() {
            let range = removal_range(ctx.text(), related, i);
            out.push(
                Diagnostic::new(Rule::SelfLink, ctx.path(), item.range, "an answer cannot be related to itself")
                    .with_fix(Fix::safe("Remove it from `related`", vec![Edit::delete(ctx.path(), range)])),
            );
        }
    }
}
