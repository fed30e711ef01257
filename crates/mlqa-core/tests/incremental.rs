//! After any sequence of edits, the incrementally maintained diagnostics equal a from-scratch
//! check of the same texts, the checker reports exactly the files whose diagnostics changed, and
//! the reverse link index patched per edit equals one built from scratch.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use mlqa_core::check::Incremental;
use mlqa_core::document::AnswerDoc;
use mlqa_core::workspace::FileContent;
use mlqa_core::{Config, Diagnostic, Selection, Workspace, check};

/// A small deterministic generator (xorshift64*), so failures replay.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SNIPPETS: &[&str] = &[
    "[x](second.md#example)",
    "[y](../beta/third.md#pitfalls)",
    "[z](../alpha/first.md#nope)",
    "](secnd.md)",
    "\n## Example\n",
    "\n## Pitfalls\n",
    "\n# What is the third question?\n",
    "$",
    "$x$",
    "TODO ",
    "related: [first, second]\n",
    "resources: [book, nope]\n",
    "---\n",
    "\n```\ncode\n```\n",
    "<!-- mlqa-disable-next-line placeholder-text -->\n",
    "√dₖ ",
    "word ",
    "\n",
    "first answer two pitfall third ",
];

fn base_files() -> BTreeMap<String, String> {
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/base");
    let mut files = BTreeMap::new();
    for rel in ["spec.yaml", "resources.yaml", "alpha/first.md", "alpha/second.md", "beta/third.md"] {
        files.insert(rel.to_owned(), std::fs::read_to_string(base.join(rel)).unwrap());
    }
    files
}

fn per_file(diags: &[Diagnostic]) -> BTreeMap<String, Vec<Diagnostic>> {
    let mut out: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for d in diags {
        out.entry(d.file.clone()).or_default().push(d.clone());
    }
    out
}

fn config() -> Config {
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/base/mlqa.toml");
    Config::parse(&std::fs::read_to_string(&base).unwrap(), &base).unwrap()
}

fn fresh(files: &BTreeMap<String, String>) -> Workspace {
    let list = files.iter().map(|(p, t)| (p.clone(), FileContent::Text(t.clone()))).collect();
    Workspace::build(Path::new("/kb").to_owned(), config(), list)
}

/// Cuts `text` at a char boundary near `at`.
fn boundary(text: &str, at: usize) -> usize {
    mlqa_core::text::floor_char_boundary(text, at)
}

#[test]
fn incremental_diagnostics_equal_a_fresh_check_after_random_edits() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut files = base_files();
    let template = files["alpha/second.md"].clone();
    let mut ws = fresh(&files);
    let mut inc = Incremental::new(&ws);
    let selection = Selection::default();
    for step in 0..2000 {
        let paths: Vec<String> = files.keys().cloned().collect();
        let path = rng.pick(&paths).clone();
        let op = rng.below(10);
        let changed = match op {
            // Create a new answer, sometimes one the spec lists.
            0 => {
                let name = *rng.pick(&["alpha/fourth.md", "beta/first.md", "alpha/secnd.md", "beta/new.md"]);
                let text = template.replace("id: second", "id: x");
                files.insert(name.to_owned(), text);
                name.to_owned()
            }
            // Delete a file (never the last answer, so the test keeps exercising links).
            1 if files.len() > 4 => {
                files.remove(&path);
                path
            }
            // Delete a range.
            2 | 3 => {
                let text = files.get_mut(&path).unwrap();
                let a = boundary(text, rng.below(text.len() + 1));
                let b = boundary(text, (a + rng.below(40)).min(text.len()));
                text.replace_range(a..b.max(a), "");
                path
            }
            // Insert a snippet.
            _ => {
                let snippet = *rng.pick(SNIPPETS);
                let text = files.get_mut(&path).unwrap();
                let at = boundary(text, rng.below(text.len() + 1));
                text.insert_str(at, snippet);
                path
            }
        };
        match files.get(&changed) {
            Some(text) => ws.set_file(&changed, FileContent::Text(text.clone())),
            None => ws.remove_file(&changed),
        }
        let before = per_file(&inc.all());
        let reported = inc.update(&ws, std::slice::from_ref(&changed));
        let got = inc.diagnostics(&ws, &selection);
        let scratch = fresh(&files);
        let want = check(&scratch, &selection);
        assert_eq!(got, want, "step {step}: after changing {changed}");
        // The files reported changed are exactly those whose diagnostics changed.
        let after = per_file(&got);
        let differ: Vec<String> = before
            .keys()
            .chain(after.keys())
            .filter(|f| before.get(*f) != after.get(*f))
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(reported, differ, "step {step}: files reported changed after changing {changed}");
        // The reverse indexes, patched edit by edit, are the ones built from scratch.
        type Keys = fn(&AnswerDoc) -> Vec<&str>;
        type Index = for<'w> fn(&'w Workspace, &str) -> Vec<&'w str>;
        let keys = |of: Keys| -> BTreeSet<String> {
            scratch.answers().chain(ws.answers()).flat_map(of).map(str::to_owned).collect()
        };
        let indexes: [(&str, Keys, Index); 4] = [
            ("who links to", |a| a.targets.iter().map(String::as_str).collect(), |w, k| w.linked_from(k).collect()),
            (
                "who lists in related",
                |a| a.meta.related.iter().map(|i| i.value.as_str()).collect(),
                |w, k| w.related_by(k).collect(),
            ),
            (
                "who cites",
                |a| a.meta.resources.iter().map(|i| i.value.as_str()).collect(),
                |w, k| w.cited_by(k).collect(),
            ),
            ("which answers claim", |a| vec![a.id()], |w, k| w.answers_for(k).map(|a| a.path.as_str()).collect()),
        ];
        for (what, of, index) in indexes {
            for key in keys(of) {
                assert_eq!(
                    index(&ws, &key),
                    index(&scratch, &key),
                    "step {step}: {what} {key}, after changing {changed}"
                );
            }
        }
    }
}
