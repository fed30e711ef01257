use foldhash::{HashSet, HashSetExt};
use std::collections::BTreeMap;

use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::document::{AnswerDoc, Item};
use crate::rules::{Check, Family, FixAvailability, Rule, RuleMeta};
use crate::text::TextRange;
use crate::workspace::Workspace;

pub(crate) const CHECK: Check = Check::Workspace(check);

pub const META: RuleMeta = RuleMeta {
    name: "duplicate-answer",
    family: Family::Coverage,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "two answer files that claim the same question",
    explanation: r#"## What it does
Reports an answer that claims a question another answer already claims:
- the same file name in another folder: every answer after the first (in path order), pointing
  at the first;
- the same front matter `id` under another file name, as when an answer is copied to a new
  name and its front matter left as it was. The copy is the one whose file name is not its
  `id` (the later in path order when both or neither are): it is reported at its `id`,
  pointing at the other file's `id`.

## Why is this bad?
Links, `related` lists and the spec resolve an id to one answer; with two, readers see one of
them and edits go to the other.

## Example
```text
fundamentals/bias-variance.md        id: bias-variance
fundamentals/bias-variance-copy.md   id: bias-variance    <- reported here
```

## Fix
None automatic: merge the two answers into the file the spec expects and delete the other. If
the copy was meant to answer another question, give it that question's `id` instead.
"#,
};

fn check(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    let mut by_stem: BTreeMap<&str, Vec<&AnswerDoc>> = BTreeMap::new();
    for a in ws.answers() {
        by_stem.entry(a.id()).or_default().push(a);
    }
    let mut reported: HashSet<&str> = HashSet::new();
    for (id, answers) in by_stem {
        let Some((first, rest)) = answers.split_first() else {
            continue;
        };
        let first_range = first.meta.id.as_ref().map_or(TextRange::empty(0), |i| i.range);
        for a in rest {
            let range = a.meta.id.as_ref().map_or(TextRange::empty(a.body_start), |i| i.range);
            reported.insert(&a.path);
            out.push(
                Diagnostic::new(
                    Rule::DuplicateAnswer,
                    &a.path,
                    range,
                    format!("`{id}` is already answered by {}", first.path),
                )
                .with_related(&first.path, first_range, "the first answer")
                .with_help("merge the two answers and delete one"),
            );
        }
    }
    same_id_other_name(ws, &reported, out);
}

/// Answers under different file names whose front matter gives the same `id` (a copy saved under
/// a new name), unless the same-file-name check above already reported them.
fn same_id_other_name(ws: &Workspace, reported: &HashSet<&str>, out: &mut Vec<Diagnostic>) {
    // By id, then the answer named after it first; the sort is stable and the answers are in
    // path order, so path order decides between equals.
    let mut claims: Vec<(&str, bool, &AnswerDoc, &Item)> = ws
        .answers()
        .filter_map(|a| a.meta.id.as_ref().map(|id| (id.value.as_str(), a.stem != id.value, a, id)))
        .collect();
    claims.sort_by_key(|&(id, misnamed, ..)| (id, misnamed));
    for group in claims.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        let (id, _, original, original_id) = group[0];
        for &(_, _, copy, copy_id) in &group[1..] {
            if reported.contains(copy.path.as_str()) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    Rule::DuplicateAnswer,
                    &copy.path,
                    copy_id.range,
                    format!("`{id}` is already answered by {}, which has the same `id`", original.path),
                )
                .with_related(&original.path, original_id.range, "the other answer with this `id`")
                .with_help(
                    "merge the two answers and delete one, or give this one the `id` of the question it answers",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::config::Config;
    use crate::workspace::FileContent;

    /// The fixture KB with `extra` files added: the duplicate-answer diagnostics as
    /// (file, text at the range, related file, message).
    fn duplicates(extra: &[(&str, &str)]) -> Vec<(String, String, String, String)> {
        let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/base");
        let read = |p: &str| std::fs::read_to_string(base.join(p)).unwrap();
        let config = Config::parse(&read("mlqa.toml"), Path::new("mlqa.toml")).unwrap();
        let mut files: Vec<(String, String)> = ["spec.yaml", "resources.yaml", "alpha/first.md", "alpha/second.md"]
            .iter()
            .map(|p| (p.to_string(), read(p)))
            .collect();
        files.extend(extra.iter().map(|(p, t)| (p.to_string(), t.to_string())));
        let ws = Workspace::build(
            PathBuf::from("/kb"),
            config,
            files.into_iter().map(|(p, t)| (p, FileContent::Text(t))).collect(),
        );
        let mut out = Vec::new();
        check(&ws, &mut out);
        out.into_iter()
            .map(|d| {
                let text = &ws.source(&d.file).unwrap().text;
                (d.file.clone(), text[d.range.start..d.range.end].to_owned(), d.related[0].file.clone(), d.message)
            })
            .collect()
    }

    fn answer(id: &str) -> String {
        format!("---\nid: {id}\ncategory: alpha\n---\n# Q\n")
    }

    #[test]
    fn a_copy_under_a_new_name_is_reported_at_its_id() {
        let copy = answer("first");
        let got = duplicates(&[("alpha/first-copy.md", &copy)]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            (got[0].0.as_str(), got[0].1.as_str(), got[0].2.as_str()),
            ("alpha/first-copy.md", "first", "alpha/first.md")
        );
    }

    #[test]
    fn with_no_file_named_after_the_id_the_later_one_is_the_copy() {
        let (a, b) = (answer("zed"), answer("zed"));
        let got = duplicates(&[("alpha/y.md", &b), ("alpha/x.md", &a)]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].0.as_str(), got[0].2.as_str()), ("alpha/y.md", "alpha/x.md"));
    }

    #[test]
    fn the_same_file_name_elsewhere_is_reported_once_as_before() {
        let other = answer("first");
        let got = duplicates(&[("beta/first.md", &other)]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "beta/first.md");
        assert_eq!(got[0].3, "`first` is already answered by alpha/first.md");
    }
}
