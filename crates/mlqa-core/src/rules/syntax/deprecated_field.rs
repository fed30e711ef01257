use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::{Check, Family, FixAvailability, Rule, RuleMeta};
use crate::workspace::{SPEC_FILE, Workspace};

pub(crate) const CHECK: Check = Check::Workspace(check);

pub const META: RuleMeta = RuleMeta {
    name: "deprecated-field",
    family: Family::Syntax,
    default_level: RuleLevel::Warn,
    fix: FixAvailability::None,
    summary: "a field mlqa still reads but has replaced: a question's `covers`",
    explanation: r#"## What it does
Reports each question in `spec.yaml` that still lists `covers`, the bare patterns that
`key_points` replaced. They are still read, each as a key point named by its own pattern.

## Why is this bad?
A bare pattern names nothing: `uncovered-facet` can only say that `trade-?off` did not match, and
`mlqa practice` and the site's self-check show the pattern to a learner instead of the point.

## Example
```yaml
covers: ['trade-?off', 'irreducible']
```
Write instead:
```yaml
key_points:
  - name: "Trade-off between bias and variance"
    match: 'trade[- ]?off'
  - name: "Irreducible noise sets the floor"
    match: 'irreducible|noise floor'
```

## Fix
None automatic: a name is yours to write. Move each pattern into a `key_points` item with a
`name`, then delete `covers`.
"#,
};

fn check(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    for q in ws.questions() {
        if let Some(at) = q.covers_at {
            out.push(
                Diagnostic::new(
                    Rule::DeprecatedField,
                    SPEC_FILE,
                    at,
                    format!("question `{}` lists `covers`, which `key_points` replaced", q.id.value),
                )
                .with_help("move each pattern into `key_points` as `- name: \"...\"` with `match: '...'`, then delete `covers`"),
            );
        }
    }
}
