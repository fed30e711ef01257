//! The IDE answers on the fixture KB: definitions, references, hover, rename, completion, outline.

use std::path::{Path, PathBuf};

use mlqa_core::ide::{self, CompletionKind, OutlineKind, Symbol};
use mlqa_core::workspace::FileContent;
use mlqa_core::{Config, Edit, Workspace};

fn base(path: &str) -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/base").join(path))
        .unwrap()
}

fn ws_with(overrides: &[(&str, &str)]) -> Workspace {
    let config_text = base("mlqa.toml");
    let config = Config::parse(&config_text, Path::new("mlqa.toml")).unwrap();
    let mut files: Vec<(String, FileContent)> =
        ["spec.yaml", "resources.yaml", "alpha/first.md", "alpha/second.md", "beta/third.md"]
            .iter()
            .map(|p| (p.to_string(), FileContent::Text(base(p))))
            .collect();
    for (p, t) in overrides {
        files.retain(|(q, _)| q != p);
        files.push((p.to_string(), FileContent::Text(t.to_string())));
    }
    Workspace::build(PathBuf::from("/kb"), config, files)
}

/// The offset of the first `needle` in `file`, plus `delta`.
fn at(ws: &Workspace, file: &str, needle: &str, delta: usize) -> usize {
    ws.source(file).unwrap().text.find(needle).unwrap_or_else(|| panic!("{needle} in {file}")) + delta
}

fn text_at<'a>(ws: &'a Workspace, file: &str, r: mlqa_core::TextRange) -> &'a str {
    ws.source(file).unwrap().slice(r)
}

#[test]
fn definition_follows_links_ids_and_resources() {
    let ws = ws_with(&[]);
    let link = at(&ws, "alpha/first.md", "second.md#example", 2);
    let defs = ide::definition(&ws, "alpha/first.md", link);
    assert_eq!(defs.len(), 1);
    assert_eq!(defs[0].file, "alpha/second.md");
    assert_eq!(text_at(&ws, "alpha/second.md", defs[0].range), "Example");

    let related = at(&ws, "alpha/first.md", "third]", 1);
    let defs = ide::definition(&ws, "alpha/first.md", related);
    assert_eq!(defs[0].file, "beta/third.md");

    let own_id = at(&ws, "alpha/first.md", "id: first", 5);
    let defs = ide::definition(&ws, "alpha/first.md", own_id);
    assert_eq!(defs[0].file, "spec.yaml", "an answer's own id leads to its spec entry");

    let spec_id = at(&ws, "spec.yaml", "id: third", 5);
    assert_eq!(ide::definition(&ws, "spec.yaml", spec_id)[0].file, "beta/third.md");

    let resource = at(&ws, "alpha/first.md", "[book]", 2);
    let defs = ide::definition(&ws, "alpha/first.md", resource);
    assert_eq!((defs[0].file.as_str(), text_at(&ws, "resources.yaml", defs[0].range)), ("resources.yaml", "book"));
}

#[test]
fn references_find_links_related_lists_topics_and_the_spec() {
    let ws = ws_with(&[]);
    let h1 = at(&ws, "beta/third.md", "# What", 3);
    let refs = ide::references(&ws, "beta/third.md", h1, false);
    let files: Vec<(&str, &str)> = refs.iter().map(|l| (l.file.as_str(), text_at(&ws, &l.file, l.range))).collect();
    assert!(files.contains(&("alpha/first.md", "../beta/third.md")), "{files:?}");
    assert!(files.contains(&("alpha/first.md", "third")));
    assert!(files.contains(&("alpha/second.md", "third")));
    assert!(files.contains(&("resources.yaml", "third")));
    assert!(files.contains(&("spec.yaml", "third")));

    let heading = at(&ws, "alpha/second.md", "## Example", 4);
    let refs = ide::references(&ws, "alpha/second.md", heading, false);
    assert_eq!(refs.len(), 1);
    assert_eq!(text_at(&ws, "alpha/first.md", refs[0].range), "second.md#example");
}

#[test]
fn hover_shows_question_and_short_answer() {
    let ws = ws_with(&[]);
    let link = at(&ws, "alpha/first.md", "second.md#example", 0);
    let (_, text) = ide::hover(&ws, "alpha/first.md", link).unwrap();
    assert!(text.contains("**Why divide by √dₖ in the second question?**"), "{text}");
    assert!(text.contains("keeps the scores at unit variance"));
    let resource = at(&ws, "alpha/second.md", "paper]", 1);
    let (_, text) = ide::hover(&ws, "alpha/second.md", resource).unwrap();
    assert_eq!(text, "**A Paper** (paper)");
    let spec = at(&ws, "spec.yaml", "id: first", 4);
    assert!(ide::hover(&ws, "spec.yaml", spec).unwrap().1.starts_with("answered by `alpha/first.md`"));
}

#[test]
fn an_image_hovers_as_itself_and_leads_to_its_file() {
    let first = base("alpha/first.md").replace(
        "## Pitfalls\n",
        "## Pitfalls\n![Loss against epochs, lowest at 5](figures/loss.svg)\n\n![A missing one](gone.svg)\n\n",
    );
    let second =
        base("alpha/second.md").replace("## Pitfalls\n", "## Pitfalls\n![The same loss curve](figures/loss.svg)\n\n");
    let mut ws = ws_with(&[("alpha/first.md", &first), ("alpha/second.md", &second)]);
    // The SVG is a file of the KB the loader does not read.
    ws = Workspace::build(
        PathBuf::from("/kb dir"),
        ws.config.clone(),
        ["spec.yaml", "resources.yaml", "alpha/first.md", "alpha/second.md", "beta/third.md"]
            .iter()
            .map(|p| (p.to_string(), FileContent::Text(ws.source(p).unwrap().text.clone())))
            .chain([("alpha/figures/loss.svg".to_owned(), FileContent::Unread)])
            .collect(),
    );
    let on_image = at(&ws, "alpha/first.md", "figures/loss.svg", 3);
    let (range, text) = ide::hover(&ws, "alpha/first.md", on_image).expect("a hover");
    assert_eq!(text_at(&ws, "alpha/first.md", range), "figures/loss.svg");
    assert!(text.starts_with("![Loss against epochs, lowest at 5](file:///kb%20dir/alpha/figures/loss.svg)"), "{text}");
    assert!(text.contains("`alpha/figures/loss.svg`"), "{text}");
    let on_alt = at(&ws, "alpha/first.md", "Loss against", 0);
    assert_eq!(ide::hover(&ws, "alpha/first.md", on_alt).map(|(r, _)| r), Some(range));

    let gone = at(&ws, "alpha/first.md", "gone.svg", 0);
    assert_eq!(ide::hover(&ws, "alpha/first.md", gone).unwrap().1, "`alpha/gone.svg` does not exist");
    assert!(ide::definition(&ws, "alpha/first.md", gone).is_empty());

    let defs = ide::definition(&ws, "alpha/first.md", on_image);
    assert_eq!(defs.iter().map(|d| d.file.as_str()).collect::<Vec<_>>(), ["alpha/figures/loss.svg"]);
    let mut refs: Vec<String> =
        ide::references(&ws, "alpha/first.md", on_image, false).into_iter().map(|l| l.file).collect();
    refs.sort();
    assert_eq!(refs, ["alpha/first.md", "alpha/second.md"]);
}

fn apply(ws: &Workspace, edits: &[Edit], file: &str) -> String {
    let mine: Vec<_> = edits
        .iter()
        .filter_map(|e| match e {
            Edit::Replace { file: f, range, text } if f == file => Some((*range, text.clone())),
            _ => None,
        })
        .collect();
    mlqa_core::fix::apply(&ws.source(file).unwrap().text, &mine)
}

#[test]
fn renaming_an_id_moves_the_file_and_rewrites_every_reference() {
    let ws = ws_with(&[]);
    let offset = at(&ws, "beta/third.md", "id: third", 5);
    assert_eq!(ide::prepare_rename(&ws, "beta/third.md", offset).unwrap().1, "third");
    let r = ide::rename(&ws, "beta/third.md", offset, "the-third").unwrap();
    assert_eq!(r.files, vec![("beta/third.md".to_owned(), "beta/the-third.md".to_owned())]);
    assert!(apply(&ws, &r.edits, "spec.yaml").contains("- id: the-third\n"));
    assert!(apply(&ws, &r.edits, "resources.yaml").contains("topics: [the-third]"));
    let first = apply(&ws, &r.edits, "alpha/first.md");
    assert!(first.contains("related: [second, the-third]") && first.contains("(../beta/the-third.md)"), "{first}");
    assert!(apply(&ws, &r.edits, "beta/third.md").contains("id: the-third\n"));
    assert!(ide::rename(&ws, "beta/third.md", offset, "Not An Id").is_err());
    assert!(ide::rename(&ws, "beta/third.md", offset, "first").is_err(), "ids stay unique");
    let h1 = at(&ws, "beta/third.md", "# What", 3);
    assert!(ide::prepare_rename(&ws, "beta/third.md", h1).unwrap_err().to_string().contains("spec.yaml"));
}

#[test]
fn renaming_a_heading_rewrites_links_to_its_anchor() {
    let ws = ws_with(&[]);
    let offset = at(&ws, "alpha/second.md", "## Example", 4);
    let r = ide::rename(&ws, "alpha/second.md", offset, "Worked example").unwrap();
    assert!(apply(&ws, &r.edits, "alpha/second.md").contains("## Worked example\n"));
    assert!(apply(&ws, &r.edits, "alpha/first.md").contains("(second.md#worked-example)"));
}

#[test]
fn moving_a_file_rewrites_links_to_it_and_from_it() {
    let ws = ws_with(&[]);
    let edits = ide::file_moves(&ws, &[("beta/third.md".to_owned(), "alpha/third.md".to_owned())]);
    assert!(apply(&ws, &edits, "alpha/first.md").contains("(third.md)"));
    assert!(apply(&ws, &edits, "beta/third.md").contains("(first.md#short-answer)"), "its own links follow it");
}

#[test]
fn completion_of_ids_links_anchors_and_sections() {
    let first = base("alpha/first.md").replace("related: [second, third]", "related: [second, ]");
    let first =
        first.replace("## Pitfalls\nDo not forget the first pitfall.", "See [x](../beta/third.md#) and [y](\n## ");
    let ws = ws_with(&[("alpha/first.md", &first)]);
    let related = at(&ws, "alpha/first.md", ", ]", 2);
    let labels: Vec<String> = ide::completions(&ws, "alpha/first.md", related).into_iter().map(|c| c.label).collect();
    assert_eq!(labels, ["second", "third"], "every question but the answer's own");
    let anchor = at(&ws, "alpha/first.md", "third.md#)", 9);
    let c = ide::completions(&ws, "alpha/first.md", anchor);
    assert!(c.iter().any(|c| c.label == "pitfalls" && c.kind == CompletionKind::Anchor));
    let path = at(&ws, "alpha/first.md", "[y](", 4);
    let c = ide::completions(&ws, "alpha/first.md", path);
    assert!(c.iter().any(|c| c.label == "../beta/third.md" && c.kind == CompletionKind::File), "{c:?}");
    let section = at(&ws, "alpha/first.md", "\n## \n", 4);
    let c: Vec<String> = ide::completions(&ws, "alpha/first.md", section).into_iter().map(|c| c.label).collect();
    assert_eq!(c, ["Pitfalls"], "the configured section the answer lacks");
}

#[test]
fn outline_nests_headings_and_lists_the_spec() {
    let ws = ws_with(&[]);
    let outline = ide::outline(&ws, "alpha/first.md");
    assert_eq!(outline.len(), 1);
    assert_eq!(
        outline[0].children.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["Short answer", "Explanation", "Example", "Pitfalls", "Follow-ups"]
    );
    let spec = ide::outline(&ws, "spec.yaml");
    assert_eq!(
        spec.iter().map(|c| (c.kind, c.children.len())).collect::<Vec<_>>(),
        [(OutlineKind::Category, 2), (OutlineKind::Category, 1)]
    );
    let found = ide::workspace_symbols(&ws, "√dₖ second");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1.file, "alpha/second.md");
    let lenses = ide::spec_lenses(&ws);
    assert_eq!(lenses[0].title, "2/2 answered (100%)");
    assert_eq!(lenses[1].title, "answered: alpha/first.md · 1/1 key points met");
    assert_eq!(lenses[2].title, "answered: alpha/second.md", "a question without key points");
}

#[test]
fn key_points_show_on_the_spec_as_a_lens_and_a_hover() {
    let spec = base("spec.yaml").replace("match: 'pitfall'", "match: 'pitfalls? (is|are) to skip'").replace(
        "            match: 'third'\n",
        "            match: 'third'\n          - name: \"Explains the gradient\"\n            match: 'gradient'\n",
    );
    let ws = ws_with(&[("spec.yaml", &spec)]);
    let third = ide::spec_lenses(&ws).into_iter().find(|l| l.target.as_deref() == Some("beta/third.md")).unwrap();
    assert_eq!(third.title, "answered: beta/third.md · 2/3 key points met");
    // On a point's pattern or name: where the answer makes it, with its sentence and line.
    let (range, text) = ide::hover(&ws, "spec.yaml", at(&ws, "spec.yaml", "'pitfalls?", 3)).unwrap();
    assert_eq!(text_at(&ws, "spec.yaml", range), "'pitfalls? (is|are) to skip'");
    assert_eq!(
        text,
        "**Key point:** Warns of a pitfall\n\nmet in `beta/third.md` line 24:\n\n> The one pitfall is to skip the example above."
    );
    let (range, text) = ide::hover(&ws, "spec.yaml", at(&ws, "spec.yaml", "Explains the", 1)).unwrap();
    assert_eq!(text_at(&ws, "spec.yaml", range), "\"Explains the gradient\"");
    assert_eq!(
        text,
        "**Key point:** Explains the gradient\n\n**not met** by `beta/third.md`: make this point in the answer"
    );
    // The question's own words in its H1 never make a point.
    let spec = base("spec.yaml").replace("match: 'third'", "match: 'third question'");
    let ws = ws_with(&[("spec.yaml", &spec)]);
    let third = ide::spec_lenses(&ws).into_iter().find(|l| l.target.as_deref() == Some("beta/third.md")).unwrap();
    assert_eq!(third.title, "answered: beta/third.md · 1/2 key points met");
}

#[test]
fn symbols_are_found_at_their_offsets() {
    let ws = ws_with(&[]);
    let offset = at(&ws, "alpha/first.md", "category: alpha", 12);
    assert!(matches!(ide::symbol_at(&ws, "alpha/first.md", offset), Some(Symbol::Category { .. })));
    assert_eq!(ide::symbol_at(&ws, "alpha/first.md", 10_000), None, "past the end is nothing, not a panic");
}

/// A glossary for the fixture KB: `second` explains grouped-query attention; the MAP acronym
/// means two things; one term has no answer.
const GLOSSARY: &str = r#"terms:
  - term: "grouped-query attention"
    acronyms: ["GQA"]
    aliases: ["grouped query attention"]
    definition: "Attention whose query heads share key and value heads in groups."
    answer: second
  - term: "maximum a posteriori"
    acronyms: ["MAP"]
    definition: "The estimate at the posterior's mode."
    answer: third
  - term: "mean average precision"
    acronyms: ["MAP"]
    definition: "Average precision averaged over queries."
  - term: "graphics processing unit"
    acronyms: ["GPU"]
    definition: "A processor of many parallel cores."
"#;

#[test]
fn glossary_terms_hover_complete_and_lead_to_their_answer() {
    let third = base("beta/third.md").replace(
        "It explains the third idea in plain words",
        "It explains GQA, the MAP estimate and grouped query attention on a GPU, and gro",
    );
    let ws = ws_with(&[("glossary.yaml", GLOSSARY), ("beta/third.md", &third)]);
    let file = "beta/third.md";

    let (range, text) = ide::hover(&ws, file, at(&ws, file, "GQA,", 1)).expect("a hover on GQA");
    assert_eq!(text_at(&ws, file, range), "GQA");
    assert!(text.starts_with("**grouped-query attention** (GQA)\n\nAttention whose query heads"), "{text}");
    assert!(text.contains("explained in *Why divide by √dₖ in the second question?* (`alpha/second.md`)"), "{text}");
    let (range, text) = ide::hover(&ws, file, at(&ws, file, "grouped query", 3)).expect("a hover on an alias");
    assert_eq!(text_at(&ws, file, range), "grouped query attention");
    assert!(text.starts_with("**grouped-query attention**"));

    let (_, text) = ide::hover(&ws, file, at(&ws, file, "MAP estimate", 0)).expect("a hover on MAP");
    assert!(
        text.contains("**maximum a posteriori**") && text.contains("**mean average precision**"),
        "both meanings: {text}"
    );

    let defs = ide::definition(&ws, file, at(&ws, file, "GQA,", 0));
    assert_eq!(defs.len(), 1);
    assert_eq!(
        (defs[0].file.as_str(), text_at(&ws, "alpha/second.md", defs[0].range)),
        ("alpha/second.md", "Why divide by √dₖ in the second question?")
    );
    let defs = ide::definition(&ws, file, at(&ws, file, "GPU", 1));
    assert_eq!(defs[0].file, "glossary.yaml", "a term no answer explains leads to its entry");
    assert_eq!(text_at(&ws, "glossary.yaml", defs[0].range), "\"graphics processing unit\"");

    let c = ide::completions(&ws, file, at(&ws, file, "and gro", 7));
    let labels: Vec<&str> = c.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["grouped query attention", "grouped-query attention"]);
    assert!(c.iter().all(|c| c.kind == CompletionKind::Term && text_at(&ws, file, c.range) == "gro"));
    assert!(ide::hover(&ws, file, at(&ws, file, "refers back", 0)).is_none(), "plain prose has no hover");
    let in_front_matter = at(&ws, file, "difficulty", 2);
    assert!(ide::completions(&ws, file, in_front_matter).iter().all(|c| c.kind != CompletionKind::Term));
}
