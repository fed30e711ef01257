use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::suggest::closest;
use crate::syntax::link::{LinkTarget, Resolved};
use crate::syntax::markdown::LinkKind;
use crate::text::TextRange;

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "broken-anchor",
    family: Family::Links,
    default_level: RuleLevel::Error,
    fix: FixAvailability::Unsafe,
    summary: "a link to a `#heading` that the target answer does not have",
    explanation: r#"## What it does
Checks the `#fragment` of every link to an answer (or to a heading of the same answer) against
the target's headings, with anchors made by GitHub's rules: lowercase, punctuation dropped,
spaces to `-`, repeated headings numbered `-1`, `-2`; `{#custom-id}` attributes are honoured.

## Why is this bad?
The link still opens the file, but at the top, so the reader lands far from the point the author
wanted to make. Renaming a heading silently breaks every link to it.

## Example
```markdown
[bias correction](../optimization/gd-variants.md#bias-corection)
```

## Fix
Unsafe: replaces the fragment with the closest existing anchor of the target.
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    for link in ctx.answer.md.links.iter().filter(|l| l.kind == LinkKind::Link) {
        let (target_path, fragment) = match link.to() {
            LinkTarget::Fragment(f) => (ctx.path(), f),
            LinkTarget::Path { fragment: Some(f), resolved: None, .. } => (ctx.path(), f),
            LinkTarget::Path { fragment: Some(f), resolved: Some(Resolved::Inside(p)), .. } => (p.as_str(), f),
            _ => continue,
        };
        if fragment.is_empty() {
            continue;
        }
        let Some(target) = ctx.ws.answer_at(target_path) else {
            continue;
        };
        if target.md.anchor(fragment).is_some() {
            continue;
        }
        let source = ctx.source.slice(link.dest_range);
        let frag_range = source
            .rfind('#')
            .map_or(link.dest_range, |n| TextRange::new(link.dest_range.start + n + 1, link.dest_range.end));
        let mut d = Diagnostic::new(
            Rule::BrokenAnchor,
            ctx.path(),
            frag_range,
            format!("`{target_path}` has no heading with anchor `#{fragment}`"),
        );
        let anchors: Vec<&str> = target.md.headings.iter().map(|h| h.anchor.as_str()).collect();
        d = match closest(fragment, anchors.iter().copied()) {
            Some(near) => d
                .with_help(format!("did you mean `#{near}`?"))
                .with_fix(Fix::unsafe_(format!("Link to #{near}"), vec![Edit::replace(ctx.path(), frag_range, near)])),
            None => d.with_help(format!(
                "its anchors are: {}",
                anchors.iter().map(|a| format!("#{a}")).collect::<Vec<_>>().join(", ")
            )),
        };
        out.push(d);
    }
}
