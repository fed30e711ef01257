//! Properties that hold for any text: parsing and every rule return without panicking, every
//! diagnostic range lies inside its file and on character boundaries, and applying the safe
//! fixes is idempotent and never touches text outside its edits.

use std::path::{Path, PathBuf};

use mlqa_core::fix::{apply, fix_all, plan};
use mlqa_core::workspace::FileContent;
use mlqa_core::{Config, Selection, Workspace, check};
use proptest::prelude::*;

fn base(path: &str) -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/base").join(path))
        .unwrap()
}

fn workspace(first: &str) -> Workspace {
    let config = Config::parse(&base("mlqa.toml"), Path::new("mlqa.toml")).unwrap();
    let mut files: Vec<(String, FileContent)> = ["spec.yaml", "resources.yaml", "alpha/second.md", "beta/third.md"]
        .iter()
        .map(|p| (p.to_string(), FileContent::Text(base(p))))
        .collect();
    files.push(("alpha/first.md".into(), FileContent::Text(first.to_owned())));
    Workspace::build(PathBuf::from("/kb"), config, files)
}

/// Pieces that exercise the parsers: front matter, headings, links, math, code, comments,
/// CRLF, non-ASCII, and arbitrary characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_owned()),
        Just("id: first\ncategory: alpha\ndifficulty: core\n".to_owned()),
        Just("related: [second, third, second]\n".to_owned()),
        Just("tags: [a, a]\n".to_owned()),
        Just("# What is the first question (one, two)?\n".to_owned()),
        Just("## Short answer\n".to_owned()),
        Just("## Example\n".to_owned()),
        Just("[x](second.md#examp)".to_owned()),
        Just("[y](http://e.org)".to_owned()),
        Just("[z](first.md#pitfalls)".to_owned()),
        Just("$x^2$ $$".to_owned()),
        Just("```\ncode\n```\n".to_owned()),
        Just("<!-- mlqa-disable-next-line nothing -->\n".to_owned()),
        Just("TODO ".to_owned()),
        Just("\r\n".to_owned()),
        Just("√dₖ 中文 😀 ".to_owned()),
        "[^\u{0}]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// A link destination classified once reads back as classifying it again would say.
    #[test]
    fn classified_links_read_back_as_classify_says(dest in "[a-z:/#?.%2 é]{0,16}") {
        use mlqa_core::syntax::link::{Classified, LinkTarget, Target, classify, resolve};
        let view = Classified::of("a/here.md", &dest);
        let view = view.view(&dest);
        let expected = match classify(&dest) {
            Target::Fragment(f) => LinkTarget::Fragment(f),
            Target::Url { scheme } => LinkTarget::Url { scheme },
            Target::Path { path, fragment } => {
                let resolved = (!path.is_empty()).then(|| resolve("a/here.md", path));
                prop_assert_eq!(view, LinkTarget::Path { path, fragment, resolved: resolved.as_ref() });
                return Ok(());
            }
        };
        prop_assert_eq!(view, expected);
    }

    /// The word counter reads bytes; `split_whitespace` decodes characters: same count.
    #[test]
    fn words_are_counted_as_split_whitespace_counts_them(
        text in concat_of(
            &[
                " ", "\t", "\n", "\r\n", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{1680}", "\u{2003}", "\u{2028}",
                "\u{3000}", "word", "√dₖ", "±", "—", "\u{200b}", "中文", "😀",
            ],
            30,
        ),
        ascii in "[a-c \t\n\r\u{b}\u{c}]{0,300}",
    ) {
        prop_assert_eq!(mlqa_core::text::count_words(&ascii), ascii.split_whitespace().count());
        prop_assert_eq!(mlqa_core::text::count_words(&text), text.split_whitespace().count());
    }

    #[test]
    fn diagnostics_are_in_bounds_and_on_char_boundaries(first in text()) {
        let ws = workspace(&first);
        for d in check(&ws, &Selection::default()) {
            let Some(source) = ws.source(&d.file) else { continue };
            let t = &source.text;
            prop_assert!(d.range.start <= d.range.end && d.range.end <= t.len(), "{d:?} in {} bytes", t.len());
            prop_assert!(t.is_char_boundary(d.range.start) && t.is_char_boundary(d.range.end), "{d:?}");
            for r in &d.related {
                let rt = &ws.source(&r.file).expect("related files have text").text;
                prop_assert!(r.range.end <= rt.len() && rt.is_char_boundary(r.range.start) && rt.is_char_boundary(r.range.end));
            }
        }
    }

    #[test]
    fn fixes_in_memory_end_where_fixes_through_the_files_do(first in text()) {
        // Through the files: plan, apply, build the workspace again from the new texts.
        let mut text = first.clone();
        for _ in 0..10 {
            let p = plan(&check(&workspace(&text), &Selection::default()), false);
            let Some(edits) = p.edits.get("alpha/first.md") else { break };
            text = apply(&text, edits);
        }
        // In memory: one workspace, edited in place.
        let mut ws = workspace(&first);
        let fixed = fix_all(&mut ws, false, 10, |ws| check(ws, &Selection::default()));
        let in_memory = fixed.edited.get("alpha/first.md").cloned().unwrap_or(first.clone());
        prop_assert_eq!(&in_memory, &text);
        if fixed.edited.contains_key("alpha/first.md") {
            // The workspace holds what would be written (a file shown with its NUL bytes replaced
            // is never parsed, so never fixed).
            prop_assert_eq!(&ws.source("alpha/first.md").map(|s| s.text.clone()), &Some(text.clone()));
        }
        prop_assert!(fixed.edited.keys().all(|f| f == "alpha/first.md"), "{:?}", fixed.edited.keys());
    }

    #[test]
    fn safe_fixes_are_idempotent_and_local(first in text()) {
        let mut text = first.clone();
        // Apply safe fixes until none is left (as `mlqa check --fix` does, at most 10 passes).
        for _ in 0..10 {
            let ws = workspace(&text);
            let p = plan(&check(&ws, &Selection::default()), false);
            let Some(edits) = p.edits.get("alpha/first.md") else { break };
            let next = apply(&text, edits);
            // Text outside the edited ranges is kept, in order.
            let mut sorted = edits.clone();
            sorted.sort_by_key(|(r, _)| r.start);
            let mut expected = String::new();
            let mut pos = 0;
            for (r, new) in &sorted {
                expected.push_str(&text[pos..r.start]);
                expected.push_str(new);
                pos = r.end;
            }
            expected.push_str(&text[pos..]);
            prop_assert_eq!(&next, &expected);
            text = next;
        }
        let ws = workspace(&text);
        let again = plan(&check(&ws, &Selection::default()), false);
        prop_assert!(!again.edits.contains_key("alpha/first.md"), "a fixed file has no safe fix left: {:?}", again.edits);
    }
}

/// Up to `max` of `pieces`, concatenated in any order.
fn concat_of(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..max).prop_map(|v| v.concat())
}

/// What may follow `[x](`: the characters CommonMark's inline-link syntax turns on.
fn link_tail() -> impl Strategy<Value = String> {
    concat_of(
        &[
            "a", "b", " ", "\n", "(", ")", "\"", "'", "<", ">", "\\", "\t", "\u{1}", "\n\n", "> ", "[", "]", "`", "$",
            "*", "!",
        ],
        14,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// `[x](...)` is either a link (pulldown-cmark's verdict) or reported as malformed with a
    /// reason, never both and never neither.
    #[test]
    fn link_shaped_text_is_a_link_or_has_a_reason(tail in link_tail()) {
        let text = format!("[x]({tail}");
        let md = mlqa_core::syntax::markdown::parse("a/x.md", &text, 0);
        let link = md.links.iter().any(|l| l.range.start == 0);
        let malformed: Vec<_> = md.malformed_links.iter().filter(|m| m.range.start == 0).collect();
        prop_assert!(link == malformed.is_empty(), "{text:?}: link {link}, malformed {malformed:?}");
    }
}

/// Prose with brackets, links, code, math and escapes in any order.
fn bracket_prose() -> impl Strategy<Value = String> {
    concat_of(
        &["a", " ", "\n", "[", "]", "](", "(", ")", "`", "$", "!", "\\", "<", ">", "[l](u)", "\n\n", "- ", "# "],
        30,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// A malformed link starts at an unescaped `[` (or `![`), outside every parsed link.
    #[test]
    fn malformed_links_start_at_a_bracket_and_respect_links(text in bracket_prose()) {
        let md = mlqa_core::syntax::markdown::parse("a/x.md", &text, 0);
        for m in &md.malformed_links {
            let shape = &text[m.range.start..m.range.end];
            prop_assert!(shape.starts_with('[') || shape.starts_with("!["), "{text:?}: {shape:?}");
            let backslashes = text[..m.range.start].bytes().rev().take_while(|&b| b == b'\\').count();
            prop_assert!(backslashes % 2 == 0, "{text:?}: {shape:?} is escaped");
            for l in &md.links {
                prop_assert!(!l.range.contains(m.range.start), "{text:?}: {shape:?} in {:?}", l.range);
            }
        }
    }
}

/// Pieces YAML treats specially: comments, quotes, flow and block syntax, indentation, tabs,
/// CR, escapes, numbers, booleans, null, anchors, aliases, tags, block scalars, controls.
const YAML_NOISE: &[&str] = &[
    " ",
    "#",
    " #c",
    "'",
    "\"",
    ":",
    ": ",
    ",",
    "[",
    "]",
    "{",
    "}",
    "-",
    "- ",
    "\t",
    "\r",
    "\n",
    "\n  ",
    "1",
    "0x1",
    "yes",
    "no",
    "null",
    "~",
    "&a ",
    "*a",
    "!t ",
    "|",
    ">",
    "?",
    "%",
    "@",
    "é",
    "A",
    "id",
    "tags: ",
    "\\",
    "\\n",
    "  ",
    "    ",
    "questions:",
    "id: x",
    "''",
    "\u{1}",
];

/// Front matter lines in the canonical form and near it: every piece YAML treats specially
/// (quotes, comments, flow and block syntax, tabs, CR, numbers, booleans, anchors, tags).
fn front_matter_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        4 => Just("id: alpha\n"),
        4 => Just("category: b-2\n"),
        4 => Just("difficulty: core\n"),
        2 => Just("tags: [x, y-1]\n"),
        2 => Just("related: [ second ,third ]\n"),
        2 => Just("resources: []\n"),
        1 => Just("\n"),
        1 => Just("  \n"),
        // Kebab-case words YAML reads as something else.
        1 => Just("id: 12\n"),
        1 => Just("tags: [on, 1e3]\n"),
        1 => Just("category: null\n"),
        1 => Just("related: [true, 0o7]\n"),
        1 => Just("tags: [3d-parallelism, 1e-3, 2024-01-02, 0x1f, 2d]\n"),
    ];
    let noise = prop::sample::select(YAML_NOISE);
    with_insertions(prop::collection::vec(line, 0..8).prop_map(|lines| lines.concat()), noise)
}

/// `text` with up to two pieces of `noise` inserted anywhere (on character boundaries).
fn with_insertions(
    text: impl Strategy<Value = String>,
    noise: impl Strategy<Value = &'static str>,
) -> impl Strategy<Value = String> {
    (text, prop::collection::vec((any::<prop::sample::Index>(), noise), 0..3)).prop_map(|(mut text, noise)| {
        for (at, piece) in noise {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            text.insert_str(i, piece);
        }
        text
    })
}

/// What the canonical reader makes of `yaml` is what serde-saphyr makes of it, when it makes
/// anything.
fn agrees<T: std::fmt::Debug + serde::de::DeserializeOwned>(
    yaml: &str,
    canonical: fn(&str) -> Option<T>,
    budget: mlqa_core::syntax::yaml::Budget,
) -> Result<(), TestCaseError> {
    let Some(fast) = canonical(yaml) else { return Ok(()) };
    let slow = mlqa_core::syntax::yaml::parse_typed::<T>(yaml, mlqa_core::TextRange::new(0, yaml.len()), budget);
    prop_assert_eq!(Some(format!("{fast:?}")), slow.map(|s| format!("{s:?}")), "{:?}", yaml);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20000, ..ProptestConfig::default() })]

    /// Whatever the canonical reader accepts, serde-saphyr reads to the same values at the same
    /// ranges; on the canonical form itself, it accepts.
    #[test]
    fn the_canonical_reader_agrees_with_serde_saphyr(yaml in front_matter_text()) {
        agrees(&yaml, mlqa_core::syntax::canonical::front_matter, mlqa_core::syntax::yaml::Budget::FrontMatter)?;
    }
}

/// Paragraph lines and ordered-list markers, in any order.
fn list_prose() -> impl Strategy<Value = String> {
    concat_of(&["a b\n", "3. c\n", "1. d\n", "2) e\n", "\n", "$$\nx\n$$\n", "   ", "- f\n", "10.\n", "`4. g`\n"], 12)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// A line reported as a swallowed list item is, per pulldown-cmark, inside a paragraph and
    /// not the start of an item; and a blank line before it makes it one.
    #[test]
    fn a_swallowed_item_is_in_a_paragraph_and_a_blank_line_frees_it(text in list_prose()) {
        use pulldown_cmark::{Event, Parser, Tag};
        let md = mlqa_core::syntax::markdown::parse("a/x.md", &text, 0);
        let items: Vec<usize> = Parser::new_ext(&text, mlqa_core::syntax::markdown::OPTIONS)
            .into_offset_iter()
            .filter_map(|(e, r)| matches!(e, Event::Start(Tag::Item)).then_some(r.start))
            .collect();
        for s in &md.swallowed_items {
            prop_assert!(!items.contains(&s.start), "{text:?}: {s:?} starts an item");
            let line_start = text[..s.start].rfind('\n').map_or(0, |n| n + 1);
            let freed = format!("{}\n{}", &text[..line_start], &text[line_start..]);
            // The item starts on that line (at its indentation or its marker), one byte later.
            let starts = Parser::new_ext(&freed, mlqa_core::syntax::markdown::OPTIONS)
                .into_offset_iter()
                .any(|(e, r)| matches!(e, Event::Start(Tag::Item)) && (line_start + 1..=s.start + 1).contains(&r.start));
            prop_assert!(starts, "{freed:?}: the blank line does not make {s:?} an item");
        }
    }
}

/// Spec lines in the canonical layout and near it.
fn spec_text() -> impl Strategy<Value = String> {
    let question = prop_oneof![
        Just("      - id: q-1\n        question: \"Why? it's: so\"\n        covers: ['a|b', \"c\", 'd''e']\n"),
        Just("      - id: q-2\n        question: 'Two ''quoted'' √dₖ'\n"),
        Just("      - question: \"Key first\"\n        id: q-3\n        covers: []\n"),
        Just("      - id: q-4\n        question: Plain words here\n        covers: [ 'x' , 'y' ]\n"),
    ];
    let category = (prop::collection::vec(question, 1..4), any::<bool>()).prop_map(|(qs, title_first)| {
        let head =
            if title_first { "  - title: \"Cat A\"\n    id: cat-a\n" } else { "  - id: cat-a\n    title: Cat A\n" };
        format!("{head}    questions:\n{}", qs.concat())
    });
    let doc = (prop::collection::vec(category, 1..3), any::<bool>()).prop_map(|(cats, comment)| {
        let top = if comment { "# a comment\ntitle: ML Q&A\n\ncategories:\n" } else { "title: \"T\"\ncategories:\n" };
        format!("{top}{}", cats.concat())
    });
    let noise = prop::sample::select(YAML_NOISE);
    with_insertions(doc, noise)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20000, ..ProptestConfig::default() })]

    /// Whatever the canonical reader accepts of a spec, serde-saphyr reads to the same values at
    /// the same ranges.
    #[test]
    fn the_canonical_spec_reader_agrees_with_serde_saphyr(yaml in spec_text()) {
        agrees(&yaml, mlqa_core::syntax::canonical::spec, mlqa_core::syntax::yaml::Budget::Document)?;
    }
}
