use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::{Check, Family, FixAvailability, Rule, RuleMeta};
use crate::workspace::{GLOSSARY_FILE, Workspace};

pub(crate) const CHECK: Check = Check::Workspace(check);

pub const META: RuleMeta = RuleMeta {
    name: "unknown-term-answer",
    family: Family::Links,
    default_level: RuleLevel::Error,
    fix: FixAvailability::Unsafe,
    summary: "a glossary term whose `answer` is not a question of the spec",
    explanation: r#"## What it does
Reports a term of `glossary.yaml` whose `answer` names no question of `spec.yaml`.

## Why is this bad?
`answer` is where a reader goes to learn the term: go-to-definition in an editor, the link on
the glossary page and the boost a search gives the term's answer. An id that names nothing sends
them nowhere.

## Example
```yaml
  - term: "key-value cache"
    definition: "..."
    answer: kv-cach
```

## Fix
Unsafe: replaces the id with the closest question id. Or remove `answer` when no answer explains
the term.
"#,
};

fn check(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    let Some(glossary) = ws.glossary() else { return };
    if ws.spec().is_none() {
        return;
    }
    for t in &glossary.terms {
        let Some(answer) = &t.answer else { continue };
        if ws.question(&answer.value).is_some() {
            continue;
        }
        let mut d = Diagnostic::new(
            Rule::UnknownTermAnswer,
            GLOSSARY_FILE,
            answer.range,
            format!("`{}` is not a question id: term `{}` has no answer there", answer.value, t.term.value),
        );
        d = match ws.question_candidates().closest(&answer.value) {
            Some(near) => d.with_help(format!("did you mean `{near}`?")).with_fix(Fix::unsafe_(
                format!("Replace with `{near}`"),
                vec![Edit::replace(GLOSSARY_FILE, answer.range, near)],
            )),
            None => d.with_help("name the question whose answer explains the term, or remove `answer`"),
        };
        out.push(d);
    }
}
