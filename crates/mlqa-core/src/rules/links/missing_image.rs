use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};

use crate::syntax::markdown::LinkKind;

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "missing-image",
    family: Family::Links,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "an image whose file is not in the KB",
    explanation: r#"## What it does
Reports a Markdown image (`![alt](path)`) whose relative path does not resolve to a file of the
KB.

## Why is this bad?
The reader sees a broken-image icon, or nothing, where the author meant a figure to carry the
explanation.

## Fix
None automatic: add the image to the KB at that path, or correct the path.
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    for image in ctx.answer.md.links.iter().filter(|l| l.kind == LinkKind::Image) {
        let Some(target) = image.to().inside() else {
            continue;
        };
        if ctx.ws.file_exists(target) {
            continue;
        }
        out.push(
            Diagnostic::new(
                Rule::MissingImage,
                ctx.path(),
                image.dest_range,
                format!("image `{target}` does not exist"),
            )
            .with_help("add the image to the KB at this path, or fix the path"),
        );
    }
}
