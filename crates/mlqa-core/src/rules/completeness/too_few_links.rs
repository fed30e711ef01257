use foldhash::HashSet;

use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::completeness::headline;
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "too-few-links",
    family: Family::Completeness,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "an answer that lists fewer related answers than `min-related`",
    explanation: r#"## What it does
Counts the distinct ids in an answer's `related` list, other than its own, and reports an
answer with fewer than `[answers] min-related` (2 by default).

## Why is this bad?
No interview answer stands alone: the follow-ups lead to neighbouring questions, and `related`
is how a reader (and the quiz, and the site's "see also") gets there.

## Fix
None automatic: add the ids of the answers this one builds on or leads to
(the language server completes them).
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    // Without readable front matter, other rules already report the answer.
    if ctx.answer.front.as_ref().is_none_or(|f| !f.readable) {
        return;
    }
    let own = ctx.answer.id();
    let related: HashSet<&str> =
        ctx.answer.meta.related.iter().map(|i| i.value.as_str()).filter(|id| *id != own).collect();
    let min = ctx.config().min_related;
    if related.len() < min {
        let range = ctx
            .answer
            .front
            .as_ref()
            .and_then(|f| f.spans(ctx.text()).get("/related"))
            .map_or(headline(ctx), |s| s.key_or_value());
        out.push(
            Diagnostic::new(
                Rule::TooFewLinks,
                ctx.path(),
                range,
                format!(
                    "the answer lists {} related {}, fewer than {min}",
                    related.len(),
                    if related.len() == 1 { "answer" } else { "answers" }
                ),
            )
            .with_help("add the ids of answers this one builds on or leads to in `related: [...]`"),
        );
    }
}
