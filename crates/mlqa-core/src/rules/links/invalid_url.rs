use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::syntax::link::LinkTarget;
use crate::text::TextRange;

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "invalid-url",
    family: Family::Links,
    default_level: RuleLevel::Error,
    fix: FixAvailability::Unsafe,
    summary: "an external link that is not a well-formed https:// URL",
    explanation: r#"## What it does
Reports links and images with a scheme other than `https:` (and `mailto:`): `http:`,
`file:`, `javascript:`, `data:`, protocol-relative `//host`, and `https:` URLs without a host.

## Why is this bad?
Plain `http` links are open to tampering and often redirect or break; `file:` points into the
author's machine; `javascript:` and `data:` links are a way to run code in a reader's browser
when the KB is exported as a site.

## Example
```markdown
[paper](http://arxiv.org/abs/1706.03762)
```

## Fix
Unsafe, for `http:` only: switches to `https:` (check that the site serves it).
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    for link in &ctx.answer.md.links {
        let LinkTarget::Url { scheme } = link.to() else {
            continue;
        };
        let lower = scheme.to_ascii_lowercase();
        let problem = match lower.as_str() {
            "https" => {
                let rest = &link.dest[scheme.len() + 1..];
                let host = rest.strip_prefix("//").map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
                match host {
                    Some(h) if !h.is_empty() && !h.contains(char::is_whitespace) => continue,
                    _ => "an https URL needs a host: `https://host/path`".to_owned(),
                }
            }
            "mailto" => continue,
            "" => "protocol-relative URLs (`//host`) depend on how the page is opened".to_owned(),
            other => format!("`{other}:` links are not allowed; external links use https://"),
        };
        let mut d = Diagnostic::new(Rule::InvalidUrl, ctx.path(), link.dest_range, problem);
        if lower == "http" {
            let scheme_range = TextRange::new(link.dest_range.start, link.dest_range.start + scheme.len());
            if ctx.source.slice(scheme_range).eq_ignore_ascii_case("http") {
                d = d.with_fix(Fix::unsafe_("Use https://", vec![Edit::replace(ctx.path(), scheme_range, "https")]));
            }
        }
        out.push(d);
    }
}
