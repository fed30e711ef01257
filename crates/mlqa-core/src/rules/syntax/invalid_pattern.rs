use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::{Check, Family, FixAvailability, Rule, RuleMeta};
use crate::text::TextRange;
use crate::workspace::{SPEC_FILE, Workspace};

pub(crate) const CHECK: Check = Check::Workspace(check);

pub const META: RuleMeta = RuleMeta {
    name: "invalid-pattern",
    family: Family::Syntax,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "a key point's `match` pattern that is not in the regex subset Rust and browsers agree on",
    explanation: r#"## What it does
Parses the `match` pattern of every key point in `spec.yaml` (and each deprecated `covers`
pattern) and reports the ones that do not compile, that use syntax outside the subset Rust's
`regex` and JavaScript's `RegExp` agree on, or that match an empty text.

The subset: literal characters; `.`; classes `[...]` with ranges and `^`; `\b`, `\d`, `\w`, `\s`
(ASCII, in both engines); escaped punctuation; `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` (up to 1000,
lazy or greedy); groups `(...)` and `(?:...)`; `|`; `^` and `$`. Matching is case-insensitive.
Not in it: lookaround and backreferences (Rust has neither), named groups, inline flags such as
`(?i)`, Unicode classes (`\pL`), POSIX classes, classes inside classes or class operations,
hex and octal escapes.

## Why is this bad?
A pattern that does not compile, or that a browser reads differently, checks nothing or grades
differently: `uncovered-facet` would pass every answer on that point, and the site's self-check
would disagree with `mlqa practice`. A pattern that matches an empty text is met by any answer.

## Example
```yaml
key_points:
  - name: "Bias-variance trade-off"
    match: '(?i)trade-(off'
```

## Fix
None automatic: drop the inline flag (matching is already case-insensitive) and close or escape
the parenthesis: `trade-?off`.
"#,
};

fn check(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    for q in ws.questions() {
        for (point, error) in q.rubric.errors() {
            let whose = if point.is_from_covers() {
                "`covers` pattern".to_owned()
            } else {
                format!("key point \"{}\": pattern", point.name)
            };
            out.push(
                Diagnostic::new(
                    Rule::InvalidPattern,
                    SPEC_FILE,
                    construct_range(ws, point.pattern_range, &point.pattern, &error.span),
                    format!("{whose} `{}`: {}", point.pattern, error.message),
                )
                .with_help(
                    "use the subset `mlqa rules invalid-pattern` lists (no lookaround, backreferences, \
                     named groups or inline flags); matching is already case-insensitive",
                ),
            );
        }
    }
}

/// The construct's own range in `spec.yaml` when the pattern is written there verbatim between
/// its quotes (no `''` escape), else the whole pattern.
fn construct_range(ws: &Workspace, quoted: TextRange, pattern: &str, span: &std::ops::Range<usize>) -> TextRange {
    let inner = TextRange::new(quoted.start + 1, quoted.end.saturating_sub(1).max(quoted.start + 1));
    let verbatim = ws.source(SPEC_FILE).is_some_and(|s| s.slice(inner) == pattern);
    if verbatim && span.start < span.end && span.end <= pattern.len() {
        TextRange::new(inner.start + span.start, inner.start + span.end)
    } else {
        quoted
    }
}
