use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::syntax::link::{LinkTarget, Resolved, relative_path};
use crate::syntax::markdown::LinkKind;

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "broken-link",
    family: Family::Links,
    default_level: RuleLevel::Error,
    fix: FixAvailability::Unsafe,
    summary: "a relative link to a file that does not exist",
    explanation: r#"## What it does
Resolves every relative Markdown link of an answer against the answer's folder and reports those
whose target file (or folder) does not exist in the KB. Nothing outside the KB is looked at.

## Why is this bad?
A reader who follows the link gets a 404 on GitHub and an error in the editor; links are how the
KB connects an answer to what it builds on.

## Example
```markdown
See [Adam](../optimization/gd-variant.md#adam).
```

## Fix
Unsafe: replaces the path with the closest existing answer's, keeping the `#anchor`.
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    for link in ctx.answer.md.links.iter().filter(|l| l.kind == LinkKind::Link) {
        let LinkTarget::Path { path, resolved: Some(Resolved::Inside(target)), .. } = link.to() else {
            continue;
        };
        if ctx.ws.file_exists(target) || is_folder(ctx, target) {
            continue;
        }
        let mut d = Diagnostic::new(
            Rule::BrokenLink,
            ctx.path(),
            link.dest_range,
            format!("link target `{target}` does not exist"),
        );
        let stem = target.rsplit('/').next().unwrap_or(target).trim_end_matches(".md");
        if let Some(near) = ctx.ws.answer_candidates().closest(stem).and_then(|id| ctx.ws.answers_for(id).next()) {
            let new_path = relative_path(ctx.path(), &near.path);
            let source = ctx.source.slice(link.dest_range);
            let replacement = source.replacen(path, &new_path, 1);
            d = d.with_help(format!("did you mean `{new_path}`?")).with_fix(Fix::unsafe_(
                format!("Link to {new_path}"),
                vec![Edit::replace(ctx.path(), link.dest_range, replacement)],
            ));
        } else {
            d = d.with_help("link to an existing answer, e.g. `../<category>/<id>.md`");
        }
        out.push(d);
    }
}

fn is_folder(ctx: &AnswerCtx<'_>, target: &str) -> bool {
    target.is_empty() || ctx.ws.is_folder(target)
}
