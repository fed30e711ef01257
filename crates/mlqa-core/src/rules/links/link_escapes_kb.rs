use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::syntax::link::{LinkTarget, Resolved};

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "link-escapes-kb",
    family: Family::Links,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "a link or image path that leaves the KB root or is absolute",
    explanation: r#"## What it does
Reports relative links and images whose path, resolved against the answer's folder, leaves the
KB root (`../../../etc/passwd`), and absolute paths (`/etc/passwd`, `C:\...`). The target is
never read or even looked up.

## Why is this bad?
Such a link works on no Git host and in no exported site: it points into the author's machine.
It can also be a way to make tools read files they should not.

## Fix
None automatic: link to a file inside the KB, or use an `https://` URL.
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    for link in &ctx.answer.md.links {
        let LinkTarget::Path { path, resolved: Some(Resolved::Escapes), .. } = link.to() else {
            continue;
        };
        out.push(
            Diagnostic::new(
                Rule::LinkEscapesKb,
                ctx.path(),
                link.dest_range,
                format!("`{path}` points outside the KB"),
            )
            .with_help("link to a file inside the KB (relative to this answer), or to an https:// URL"),
        );
    }
}
