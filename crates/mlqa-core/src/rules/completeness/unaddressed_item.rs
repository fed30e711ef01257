use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::completeness::headline;
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::workspace::SPEC_FILE;

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "unaddressed-item",
    family: Family::Completeness,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "an item that the question enumerates but the answer never names",
    explanation: r#"## What it does
Reads the enumerations in parentheses of the question, such as "(SGD, Momentum, Adam, RMSProp)"
or "(forward calculation, loss function)", and reports each item that the answer's body (below
its H1) never names. Matching ignores case, and treats spaces and hyphens alike; "etc." is not
an item, and a single parenthesised term (an abbreviation such as "(MQA)") is not an enumeration.

## Why is this bad?
When a question lists what it wants, an answer that skips one of them is incomplete by the
question's own terms, and that is the first thing an interviewer notices.

## Fix
None automatic: address the item by name.
"#,
};

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(question) = ctx.question.and_then(|q| q.question.as_ref()) else {
        return;
    };
    let md = &ctx.answer.md;
    let start = md.h1().map_or(ctx.answer.body_start, |h| h.range.end);
    let body = ctx.text()[start..].to_lowercase();
    let missing: Vec<String> =
        enumerated_items(&question.value).into_iter().filter(|item| !mentions(&body, item)).collect();
    if !missing.is_empty() {
        out.push(
            Diagnostic::new(
                Rule::UnaddressedItem,
                ctx.path(),
                headline(ctx),
                format!(
                    "the question lists {} but the answer never names it",
                    missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
                ),
            )
            .with_related(SPEC_FILE, question.range, "the question")
            .with_help("address each item the question enumerates, by name"),
        );
    }
}

/// The items of the question's parenthesised enumerations (two or more items each).
pub fn enumerated_items(question: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut rest = question;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        let inner = &rest[open + 1..open + close];
        let parts: Vec<String> = inner
            .split(',')
            .flat_map(|p| p.split(" and "))
            .map(|p| p.trim().trim_start_matches("and ").trim_start_matches("or ").trim().to_owned())
            .filter(|p| !p.is_empty() && !p.eq_ignore_ascii_case("etc.") && !p.eq_ignore_ascii_case("etc"))
            .collect();
        if parts.len() >= 2 {
            items.extend(parts);
        }
        rest = &rest[open + close + 1..];
    }
    items
}

/// Whether `body` (lowercased) names `item`, with spaces and hyphens interchangeable.
fn mentions(body: &str, item: &str) -> bool {
    let norm = |s: &str| s.to_lowercase().replace('-', " ");
    let needle = norm(item);
    norm(body).contains(&needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_of_enumerations() {
        assert_eq!(
            enumerated_items("What are common variants of gradient descent (SGD, Momentum, Adam, RMSProp)?"),
            ["SGD", "Momentum", "Adam", "RMSProp"]
        );
        assert_eq!(
            enumerated_items("What is logistic regression? (forward calculation, loss function)"),
            ["forward calculation", "loss function"]
        );
        assert_eq!(enumerated_items("(ReLU, sigmoid, tanh, GELU, etc.)"), ["ReLU", "sigmoid", "tanh", "GELU"]);
        assert!(enumerated_items("What is Multi-Query Attention (MQA)?").is_empty());
    }

    #[test]
    fn mentions_ignore_case_and_hyphens() {
        assert!(mentions("the forward-calculation is", "forward calculation"));
        assert!(!mentions("adam and sgd", "RMSProp"));
    }
}
