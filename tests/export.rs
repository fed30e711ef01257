//! `mlqa export json|html`: the document matches its schema and the KB; the site's pages link
//! to each other as the Markdown does; an export never overwrites a folder it did not write.
//! The site in a real browser: tests/site.rs.

use std::collections::BTreeSet;
use std::path::Path;

use mlqa_tests::{FixtureKb, repo, run, stderr, stdout};
use serde_json::Value;

fn export_json(dir: &Path) -> Value {
    let out = run(dir, &["export", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON")
}

#[test]
fn the_json_export_of_the_shipped_kb_matches_its_schema_and_the_kb() {
    let doc = export_json(&repo());
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("schemas/export.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(doc["version"], mlqa_core::export::EXPORT_VERSION, "the document says its shape's version");

    let questions: Vec<&Value> =
        doc["categories"].as_array().unwrap().iter().flat_map(|c| c["questions"].as_array().unwrap()).collect();
    assert_eq!(questions.len(), 84);
    assert_eq!(doc["categories"].as_array().unwrap().len(), 11);
    let resources: mlqa_core::model::Resources =
        serde_saphyr::from_str(&std::fs::read_to_string(repo().join("kb/resources.yaml")).unwrap()).unwrap();
    assert!(resources.resources.len() > 16, "the seed's 16 and the primary sources");
    assert_eq!(doc["resources"].as_array().unwrap().len(), resources.resources.len());
    for q in &questions {
        let a = &q["answer"];
        let headings: Vec<&str> =
            a["sections"].as_array().unwrap().iter().map(|s| s["heading"].as_str().unwrap()).collect();
        assert_eq!(headings, ["Short answer", "Explanation", "Example", "Pitfalls", "Follow-ups"], "{}", q["id"]);
        assert_eq!(a["title"], q["question"], "the H1 is the spec's question");
        let short = a["sections"][0]["markdown"].as_str().unwrap();
        assert!(!short.is_empty() && !short.starts_with('#'), "{short}");
    }
    // Backlinks agree with the links: every answer linked from X is linked from X's Markdown.
    let by_id = |id: &str| questions.iter().find(|q| q["id"] == id).unwrap()["answer"].clone();
    for q in &questions {
        for from in q["answer"]["linked_from"].as_array().unwrap() {
            let from = by_id(from.as_str().unwrap());
            let text: String =
                from["sections"].as_array().unwrap().iter().map(|s| s["markdown"].as_str().unwrap()).collect();
            let file = q["answer"]["path"].as_str().unwrap().rsplit('/').next().unwrap();
            assert!(text.contains(file), "{} does not link to {file}", from["path"]);
        }
    }
    // Resources list who cites them.
    let cited: usize =
        doc["resources"].as_array().unwrap().iter().map(|r| r["cited_by"].as_array().unwrap().len()).sum();
    let citing: usize = questions.iter().map(|q| q["answer"]["resources"].as_array().unwrap().len()).sum();
    assert_eq!(cited, citing);
}

#[test]
fn the_json_export_keeps_unanswered_questions_without_an_answer() {
    let kb = FixtureKb::new(None);
    std::fs::remove_file(kb.path().join("beta/third.md")).unwrap();
    let doc = export_json(kb.path());
    let third = &doc["categories"][1]["questions"][0];
    assert_eq!(third["id"], "third");
    assert_eq!(third["answer"], Value::Null);
    assert_eq!(
        third["key_points"],
        serde_json::json!([
            {"name": "Names the third thing", "match": "third", "js": "third"},
            {"name": "Warns of a pitfall", "match": "pitfall", "js": "pitfall"},
        ])
    );
}

/// Every relative `href` of every page of `site`, as (page, href).
fn internal_links(site: &Path) -> Vec<(String, String)> {
    attribute_values(site, r#"href="([^"]*)""#)
}

/// Every `<img src>` of every page of `site` that is not a URL, as (page, src).
fn image_sources(site: &Path) -> Vec<(String, String)> {
    attribute_values(site, r#"<img src="([^"]*)""#)
}

/// The first group of `pattern` wherever it matches in the pages of `site`, as (page, value),
/// URLs (values with a `:`) left out.
fn attribute_values(site: &Path, pattern: &str) -> Vec<(String, String)> {
    let pattern = regex::Regex::new(pattern).unwrap();
    let mut out = Vec::new();
    let mut stack = vec![site.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let page = path.strip_prefix(site).unwrap().to_string_lossy().into_owned();
                let text = std::fs::read_to_string(&path).unwrap();
                out.extend(
                    pattern
                        .captures_iter(&text)
                        .map(|c| (page.clone(), c[1].to_owned()))
                        .filter(|(_, v)| !v.contains(':')),
                );
            }
        }
    }
    out
}

#[test]
fn the_site_of_a_fixture_kb_links_like_the_repository() {
    let kb = FixtureKb::new(None);
    let out_dir = tempfile::tempdir().unwrap();
    let site = out_dir.path().join("site");
    let out = run(kb.path(), &["export", "html", "--out", site.to_str().unwrap()]);
    if stderr(&out).contains("built without the site's assets") {
        eprintln!("SKIPPED: this mlqa has no site assets (run `npm ci --prefix site`, then cargo test)");
        return;
    }
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = std::fs::read_to_string(site.join("alpha/first.html")).unwrap();
    // The Markdown's links, anchors kept; headings with the anchors links are checked against.
    assert!(page.contains(r#"<a href="second.html#example">the second answer</a>"#), "{page}");
    assert!(page.contains(r#"<a href="../beta/third.html">the third answer</a>"#), "{page}");
    assert!(page.contains(r##"<a href="#pitfalls">pitfalls</a>"##), "{page}");
    assert!(page.contains(r#"<h2 id="short-answer">Short answer</h2>"#), "{page}");
    assert!(page.contains(r#"<span class="math math-inline">x^2</span>"#), "{page}");
    assert!(page.contains(r#"<code class="language-python">"#), "{page}");
    // Backlinks: second.md and third.md link to first.md.
    let backlinks = &page[page.find("Linked from").expect("a backlinks section")..];
    assert!(backlinks.contains("../alpha/second.html") && backlinks.contains("../beta/third.html"), "{backlinks}");
    let resource = std::fs::read_to_string(site.join("resources/book.html")).unwrap();
    assert!(resource.contains("Cited by") && resource.contains("../alpha/first.html"), "{resource}");
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("3/3 questions answered (100%)"), "{index}");
    let search = std::fs::read_to_string(site.join("assets/search-index.js")).unwrap();
    assert!(search.starts_with("window.MLQA_SEARCH = {"), "{}", &search[..80]);

    // Every internal link resolves to a file of the site, and its fragment to an id there.
    let mut broken = BTreeSet::new();
    for (page, href) in internal_links(&site) {
        let (path, fragment) = href.split_once('#').map_or((href.as_str(), None), |(p, f)| (p, Some(f)));
        let path = path.split('?').next().unwrap();
        let base = site.join(&page);
        let target = if path.is_empty() { base.clone() } else { base.parent().unwrap().join(path) };
        let ok = target.is_file()
            && fragment.is_none_or(|f| std::fs::read_to_string(&target).unwrap().contains(&format!("id=\"{f}\"")));
        if !ok {
            broken.insert(format!("{page} -> {href}"));
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn an_export_replaces_its_own_folder_and_refuses_any_other() {
    let kb = FixtureKb::new(None);
    let out_dir = tempfile::tempdir().unwrap();
    let site = out_dir.path().join("site");
    let first = run(kb.path(), &["export", "html", "--out", site.to_str().unwrap()]);
    if stderr(&first).contains("built without the site's assets") {
        eprintln!("SKIPPED: this mlqa has no site assets");
        return;
    }
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    // A second export replaces the first: a page of a removed answer goes away.
    std::fs::remove_file(kb.path().join("beta/third.md")).unwrap();
    let second = run(kb.path(), &["export", "html", "--out", site.to_str().unwrap()]);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert!(!site.join("beta/third.html").exists());
    assert!(std::fs::read_to_string(site.join("index.html")).unwrap().contains("no answer yet"));
    // A folder of the user's is never written into.
    let mine = out_dir.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "keep me").unwrap();
    let refused = run(kb.path(), &["export", "html", "--out", mine.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("not empty and was not written by `mlqa export html`"), "{}", stderr(&refused));
    assert_eq!(std::fs::read_dir(&mine).unwrap().count(), 1);
    assert_eq!(std::fs::read_to_string(mine.join("notes.txt")).unwrap(), "keep me");
}

/// Exports the KB in `dir` (or the embedded one, if `dir` has none) to `out` and returns what
/// it printed on stderr; None when this mlqa was built without the site's assets.
fn export_site(dir: &Path, out: &Path) -> Option<String> {
    let export = run(dir, &["export", "html", "--out", out.to_str().unwrap()]);
    if stderr(&export).contains("built without the site's assets") {
        eprintln!("SKIPPED: this mlqa has no site assets (run `npm ci --prefix site`, then cargo test)");
        return None;
    }
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    Some(stderr(&export))
}

#[test]
fn the_site_shows_an_answers_image_and_mermaid_diagram() {
    let kb = FixtureKb::new(Some("figures"));
    let out_dir = tempfile::tempdir().unwrap();
    let site = out_dir.path().join("site");
    if export_site(kb.path(), &site).is_none() {
        return;
    }
    // The image is copied where the page looks for it, byte for byte; the <img> keeps its alt.
    let copied = std::fs::read(site.join("alpha/figures/curve.svg")).expect("the image is in the site");
    assert_eq!(copied, std::fs::read(kb.path().join("alpha/figures/curve.svg")).unwrap());
    let page = std::fs::read_to_string(site.join("alpha/first.html")).unwrap();
    assert!(
        page.contains(
            r#"<img src="figures/curve.svg" alt="The curve y = x squared rising from 0 to 1 over x from 0 to 1" />"#
        ),
        "{page}"
    );
    // The Mermaid block is its source in <pre class="mermaid"> (not code for highlight.js), and
    // only a page with a diagram loads Mermaid.
    assert!(page.contains("<pre class=\"mermaid\">flowchart LR\n  accTitle: From one to two\n"), "{page}");
    assert!(page.contains("A[Item one] --&gt; B[Item two] --&gt; C{Answer}\n</pre>"), "{page}");
    assert!(!page.contains("language-mermaid"), "{page}");
    assert!(page.contains(r#"<script src="../assets/mermaid/mermaid.min.js"></script>"#), "{page}");
    assert!(page.contains(r#"<script src="../assets/diagrams.js"></script>"#), "{page}");
    let second = std::fs::read_to_string(site.join("alpha/second.html")).unwrap();
    assert!(!second.contains("mermaid"), "{second}");
    for asset in ["assets/mermaid/mermaid.min.js", "assets/mermaid/LICENSE", "assets/diagrams.js"] {
        assert!(site.join(asset).is_file(), "{asset} is missing");
    }
}

#[test]
fn an_image_that_is_missing_or_leaves_the_kb_is_not_copied_and_the_export_goes_on() {
    let kb = FixtureKb::new(Some("figures"));
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path().join("secret.svg"), kb.path().join("alpha/figures/link.svg")).unwrap();
    let second = kb.read("alpha/second.md").replace(
        "## Example\n",
        "## Example\n![A figure not drawn yet](figures/nope.svg) ![A link](figures/link.svg) ![Shared](figures/curve.svg)\n\n",
    );
    assert!(second.contains("nope.svg"), "the fixture's second.md has no Example section");
    kb.write("alpha/second.md", second);
    let check = run(kb.path(), &["check", "--select", "missing-image"]);
    assert!(stdout(&check).contains("image `alpha/figures/nope.svg` does not exist"), "{}", stdout(&check));

    let out_dir = tempfile::tempdir().unwrap();
    let site = out_dir.path().join("site");
    let Some(printed) = export_site(kb.path(), &site) else { return };
    assert!(printed.contains("Wrote 8 pages, 1 image and"), "{printed}");
    #[cfg(unix)]
    assert!(printed.contains("image alpha/figures/link.svg not copied: not a regular file inside the KB"), "{printed}");
    assert!(!printed.contains("nope.svg"), "the missing-image rule reports it, not the export: {printed}");
    let page = std::fs::read_to_string(site.join("alpha/second.html")).unwrap();
    assert!(page.contains(r#"<img src="figures/nope.svg" alt="A figure not drawn yet" />"#), "{page}");
    assert!(!site.join("alpha/figures/nope.svg").exists());
    // A symbolic link is not followed out of the KB.
    assert!(!site.join("alpha/figures/link.svg").exists());
    // An image two answers show is copied once, and still there.
    assert!(site.join("alpha/figures/curve.svg").is_file());
    // Nothing else of the KB is copied: no Markdown, no figure scripts.
    assert!(!site.join("alpha/first.md").exists());
}

#[test]
fn the_site_of_the_embedded_kb_has_every_image_its_pages_show() {
    // A folder with no KB above it: export uses the KB built into the binary.
    let empty = tempfile::tempdir().unwrap();
    let site = empty.path().join("site");
    if export_site(empty.path(), &site).is_none() {
        return;
    }
    let missing: Vec<String> = image_sources(&site)
        .into_iter()
        .filter(|(page, src)| !site.join(page).parent().unwrap().join(src).is_file())
        .map(|(page, src)| format!("{page}: {src}"))
        .collect();
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn the_site_has_a_glossary_page_that_answer_pages_link_to() {
    // The fixture's third answer names GQA, LoRA and GPUs; the glossary defines LoRA (explained
    // by `second`) and GPU.
    let kb = FixtureKb::new(Some("rules/undefined-acronym"));
    let out_dir = tempfile::tempdir().unwrap();
    let site = out_dir.path().join("site");
    if export_site(kb.path(), &site).is_none() {
        return;
    }
    let glossary = std::fs::read_to_string(site.join("glossary.html")).unwrap();
    assert!(
        glossary.contains(r##"<dt id="low-rank-adaptation"><a class="anchor" href="#low-rank-adaptation">low-rank adaptation (LoRA)</a></dt>"##),
        "{glossary}"
    );
    assert!(glossary.contains(r#"<p class="explained">Explained in <a href="alpha/second.html">"#), "{glossary}");
    assert!(glossary.contains(r#"<dt id="graphics-processing-unit">"#) && glossary.contains("2 terms"), "{glossary}");
    let third = std::fs::read_to_string(site.join("beta/third.html")).unwrap();
    let terms = &third[third.find("Terms on this page").expect("a terms section")..];
    let lora = terms.find("../glossary.html#low-rank-adaptation").expect("LoRA links to its entry");
    let gpu = terms.find("../glossary.html#graphics-processing-unit").expect("GPUs link to GPU's entry");
    assert!(lora < gpu, "in the order the answer names them: {terms}");
    assert!(third.contains(r#"<a href="../glossary.html">Glossary</a>"#), "the header links the glossary");
    // Every fragment of those links is an id of the glossary page.
    for (page, href) in internal_links(&site).into_iter().filter(|(_, h)| h.contains("glossary.html#")) {
        let id = href.split_once('#').unwrap().1;
        assert!(glossary.contains(&format!("id=\"{id}\"")), "{page} -> {href}");
    }
    // A KB without a glossary has no glossary page and no link to one.
    let plain = FixtureKb::new(None);
    let plain_site = out_dir.path().join("plain");
    export_site(plain.path(), &plain_site);
    assert!(!plain_site.join("glossary.html").exists());
    assert!(!std::fs::read_to_string(plain_site.join("index.html")).unwrap().contains("glossary.html"));
}
