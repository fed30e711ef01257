use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::scaffold;
use crate::rules::{Check, Family, FixAvailability, Rule, RuleMeta};
use crate::workspace::{SPEC_FILE, Workspace};

pub(crate) const CHECK: Check = Check::Workspace(check);

pub const META: RuleMeta = RuleMeta {
    name: "missing-answer",
    family: Family::Coverage,
    default_level: RuleLevel::Error,
    fix: FixAvailability::Unsafe,
    summary: "a spec question with no answer file",
    explanation: r#"## What it does
Reports each question of `spec.yaml` that no answer file claims, on the question's `id` in the
spec. An answer is for the question named by its file name. A file at the expected path that
cannot be read (not UTF-8, too large) is reported by its own rule instead.

## Why is this bad?
The spec is the contract of the KB: a listed question without an answer is a gap that learners
will hit. `mlqa coverage` shows the same gaps as a percentage.

## Fix
Unsafe: creates `<category>/<id>.md` with the front matter, the question as its H1 and the
configured sections, empty, for you to write. It never overwrites a file that exists.
"#,
};

fn check(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    for q in ws.questions() {
        let path = Workspace::expected_path(q);
        // An answer file that exists but cannot be read is reported by its own diagnostic.
        if ws.answers_for(&q.id.value).next().is_some() || ws.file_exists(&path) {
            continue;
        }
        let title = q.question.as_ref().map_or("", |i| i.value.as_str());
        let d = Diagnostic::new(
            Rule::MissingAnswer,
            SPEC_FILE,
            q.id.range,
            format!("question `{}` has no answer", q.id.value),
        )
        .with_help(format!("write {path}"));
        // Only a well-formed id names a file to create (`schema-violation` reports the others).
        let fix = is_id(&q.id.value) && is_id(&q.category);
        out.push(if fix {
            let contents = scaffold(&q.id.value, &q.category, title, &ws.config.answers.sections);
            d.with_fix(Fix::unsafe_(format!("Create {path}"), vec![Edit::Create { file: path.clone(), contents }]))
        } else {
            d
        });
    }
}

/// A kebab-case id: lowercase letters and digits, single dashes between them.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}
