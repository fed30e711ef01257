//! The pages of the static site, built from the KB's export document: an index by category
//! with coverage, a page per answer (with related answers, resources, backlinks and the
//! glossary terms it uses), a page per resource, the glossary (an anchor per term), and a
//! search page over an index the export writes.

use std::collections::{BTreeMap, BTreeSet};

use mlqa_core::export::{AnswerExport, KbExport, QuestionExport};
use mlqa_core::glossary::{Lexicon, TermInfo, prose_of_heading};
use mlqa_core::search::SearchIndex;
use mlqa_core::syntax::markdown::LinkKind;
use mlqa_core::workspace::Workspace;

use super::markdown::{MERMAID_CLASS, escape, plain_text, to_html};

/// Every page of the site: (path in the site, contents). Assets are added by the caller.
pub fn pages(ws: &Workspace, kb: &KbExport) -> Vec<(String, Vec<u8>)> {
    let site = Site::new(kb, ws.lexicon());
    let mut out = vec![
        ("index.html".to_owned(), site.index().into_bytes()),
        ("search.html".to_owned(), site.search_page().into_bytes()),
        ("resources/index.html".to_owned(), site.resources_index().into_bytes()),
        ("assets/search-index.js".to_owned(), site.search_index(ws).into_bytes()),
    ];
    if !site.lexicon.is_empty() {
        out.push(("glossary.html".to_owned(), site.glossary().into_bytes()));
    }
    for q in kb.categories.iter().flat_map(|c| &c.questions) {
        if let Some(a) = &q.answer {
            // The body as the core read it, with the anchors the core gave its headings.
            let html = ws
                .answer_at(&a.path)
                .and_then(|doc| {
                    let body = &ws.source(&a.path)?.text.get(doc.body_start..)?;
                    Some(to_html(body, doc.md.headings.iter().map(|h| h.anchor.as_str())))
                })
                .unwrap_or_default();
            let terms = ws.answer_at(&a.path).map(|doc| terms_in(ws, doc)).unwrap_or_default();
            out.push((page_path(&a.path), site.answer(q, a, &html, &terms).into_bytes()));
        }
    }
    for r in &kb.resources {
        out.push((format!("resources/{}.html", r.id), site.resource(r).into_bytes()));
    }
    out
}

/// The files (paths relative to the KB root, which are also their paths in the site) of the
/// images the exported answers show: every `![alt](path)` whose path resolves inside the KB,
/// whether or not the file exists (the caller copies those that do).
pub fn images(ws: &Workspace, kb: &KbExport) -> BTreeSet<String> {
    kb.categories
        .iter()
        .flat_map(|c| &c.questions)
        .filter_map(|q| ws.answer_at(&q.answer.as_ref()?.path))
        .flat_map(|doc| &doc.md.links)
        .filter(|link| link.kind == LinkKind::Image)
        .filter_map(|link| link.to().inside().map(str::to_owned))
        .collect()
}

/// `alpha/first.md` -> `alpha/first.html`.
fn page_path(answer: &str) -> String {
    format!("{}.html", answer.strip_suffix(".md").unwrap_or(answer))
}

/// Relative prefix from a page to the site's root.
fn root_of(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// The glossary terms an answer names in its prose and headings, in the order it first names
/// them, each once.
fn terms_in<'a>(ws: &'a Workspace, doc: &mlqa_core::document::AnswerDoc) -> Vec<&'a TermInfo> {
    let Some(source) = ws.source(&doc.path) else { return Vec::new() };
    let mut found: Vec<(usize, &TermInfo)> = Vec::new();
    let mut scan = |start: usize, text: &str| {
        for (terms, r) in ws.lexicon().find_in(text) {
            found.extend(terms.into_iter().map(|t| (start + r.start, t)));
        }
    };
    // Prose runs are text, inline code or math, whole; a heading's code and math are cut out.
    for range in doc.md.prose.iter().map(|p| p.range()) {
        let text = source.slice(range);
        if !text.starts_with(['`', '$']) {
            scan(range.start, text);
        }
    }
    for h in doc.md.headings.iter().filter(|h| h.level > 1) {
        for (at, part) in prose_of_heading(source.slice(h.text_range)) {
            scan(h.text_range.start + at, part);
        }
    }
    found.sort_by_key(|(at, _)| *at);
    let mut seen = BTreeSet::new();
    found.into_iter().map(|(_, t)| t).filter(|t| seen.insert(t.anchor.as_str())).collect()
}

struct Site<'a> {
    kb: &'a KbExport,
    lexicon: &'a Lexicon,
    /// answer id -> (question, page path)
    answers: BTreeMap<&'a str, (&'a str, String)>,
    categories: BTreeMap<&'a str, &'a str>,
}

impl<'a> Site<'a> {
    fn new(kb: &'a KbExport, lexicon: &'a Lexicon) -> Self {
        let answers = kb
            .categories
            .iter()
            .flat_map(|c| &c.questions)
            .filter_map(|q| q.answer.as_ref().map(|a| (q.id.as_str(), (q.question.as_str(), page_path(&a.path)))))
            .collect();
        let categories = kb.categories.iter().map(|c| (c.id.as_str(), c.title.as_str())).collect();
        Self { kb, lexicon, answers, categories }
    }

    fn page(&self, path: &str, title: &str, class: &str, main: &str, scripts: &str) -> String {
        let root = root_of(path);
        let kb_title = escape(&self.kb.title);
        let page_title =
            if title == self.kb.title { kb_title.clone() } else { format!("{} · {kb_title}", escape(title)) };
        let glossary_link = if self.lexicon.is_empty() {
            String::new()
        } else {
            format!("<a href=\"{root}glossary.html\">Glossary</a> ")
        };
        format!(
            r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{page_title}</title>
<link rel="stylesheet" href="{root}assets/katex/katex.min.css">
<link rel="stylesheet" href="{root}assets/hljs/github.min.css" media="(prefers-color-scheme: light)">
<link rel="stylesheet" href="{root}assets/hljs/github-dark.min.css" media="(prefers-color-scheme: dark)">
<link rel="stylesheet" href="{root}assets/style.css">
</head>
<body>
<header class="site-header"><a class="home" href="{root}index.html">{kb_title}</a><nav>{glossary_link}<a href="{root}resources/index.html">Resources</a></nav>
<form class="search-form" action="{root}search.html" method="get" role="search"><input type="search" name="q" placeholder="Search answers" aria-label="Search answers"></form></header>
<main class="page {class}">
{main}
</main>
<footer class="site-footer">Exported by <code>mlqa export html</code>. Every link, formula and search works offline.</footer>
<script src="{root}assets/katex/katex.min.js"></script>
<script src="{root}assets/hljs/highlight.min.js"></script>
<script src="{root}assets/math.js"></script>
{scripts}</body>
</html>
"#
        )
    }

    fn index(&self) -> String {
        let total: usize = self.kb.categories.iter().map(|c| c.questions.len()).sum();
        let answered = self.answers.len();
        let pct = if total == 0 { 100.0 } else { 100.0 * answered as f64 / total as f64 };
        let mut main = format!(
            "<h1>{}</h1>\n<p class=\"coverage\">{answered}/{total} questions answered ({pct:.0}%)</p>\n",
            escape(&self.kb.title)
        );
        for c in &self.kb.categories {
            let done = c.questions.iter().filter(|q| q.answer.is_some()).count();
            main.push_str(&format!(
                "<section class=\"category\" id=\"cat-{}\"><h2>{} <span class=\"count\">{done}/{}</span></h2>\n<ol class=\"questions\">\n",
                escape(&c.id),
                escape(&c.title),
                c.questions.len()
            ));
            for q in &c.questions {
                main.push_str(&match &q.answer {
                    Some(a) => format!(
                        "<li class=\"question answered\"><a href=\"{}\">{}</a> {}</li>\n",
                        escape(&page_path(&a.path)),
                        escape(&q.question),
                        difficulty(a)
                    ),
                    None => format!(
                        "<li class=\"question missing\">{} <span class=\"missing-note\">no answer yet</span></li>\n",
                        escape(&q.question)
                    ),
                });
            }
            main.push_str("</ol></section>\n");
        }
        self.page("index.html", &self.kb.title, "index", &main, "")
    }

    /// An answer's page around `body_html`, its Markdown body rendered.
    fn answer(&self, q: &QuestionExport, a: &AnswerExport, body_html: &str, terms: &[&TermInfo]) -> String {
        let path = page_path(&a.path);
        let root = root_of(&path);
        let category = a.path.split('/').next().unwrap_or_default();
        let category_title = self.categories.get(category).copied().unwrap_or(category);
        let tags: String = a.tags.iter().map(|t| format!(" <span class=\"tag\">{}</span>", escape(t))).collect();
        // The self-check goes right under the question; the rest of the answer can be hidden.
        let (title, rest) = match body_html.find("</h1>") {
            Some(i) => body_html.split_at(i + "</h1>".len()),
            None => ("", body_html),
        };
        let mut main = format!(
            "<nav class=\"breadcrumbs\"><a href=\"{root}index.html\">Index</a> › <a href=\"{root}index.html#cat-{}\">{}</a></nav>\n<article class=\"answer\" id=\"top\">\n<p class=\"meta\">{}{tags}</p>\n{title}\n{}<div class=\"answer-body\">{rest}</div>\n",
            escape(category),
            escape(category_title),
            difficulty(a),
            self_check(q),
        );
        main.push_str("<aside class=\"answer-links\">\n");
        let answer_list = |ids: &[String]| -> String {
            ids.iter()
                .filter_map(|id| self.answers.get(id.as_str()))
                .map(|(question, page)| format!("<li><a href=\"{root}{}\">{}</a></li>", escape(page), escape(question)))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let related = answer_list(&a.related);
        if !related.is_empty() {
            main.push_str(&format!(
                "<section class=\"related\"><h2>Related answers</h2><ul>\n{related}\n</ul></section>\n"
            ));
        }
        let resources: Vec<String> = a
            .resources
            .iter()
            .filter_map(|id| self.kb.resources.iter().find(|r| &r.id == id))
            .map(|r| {
                format!(
                    "<li><a href=\"{root}resources/{}.html\">{}</a> <span class=\"kind\">{}</span></li>",
                    escape(&r.id),
                    escape(&r.title),
                    escape(r.kind.as_deref().unwrap_or_default())
                )
            })
            .collect();
        if !resources.is_empty() {
            main.push_str(&format!(
                "<section class=\"resources\"><h2>Learning resources</h2><ul>\n{}\n</ul></section>\n",
                resources.join("\n")
            ));
        }
        if !terms.is_empty() {
            let items: Vec<String> = terms
                .iter()
                .map(|t| {
                    format!(
                        "<li><a href=\"{root}glossary.html#{}\" title=\"{}\">{}</a></li>",
                        escape(&t.anchor),
                        escape(&t.definition),
                        escape(&t.label())
                    )
                })
                .collect();
            main.push_str(&format!(
                "<section class=\"terms\"><h2>Terms on this page</h2><ul>\n{}\n</ul></section>\n",
                items.join("\n")
            ));
        }
        let backlinks = answer_list(&a.linked_from);
        if !backlinks.is_empty() {
            main.push_str(&format!(
                "<section class=\"backlinks\"><h2>Linked from</h2><ul>\n{backlinks}\n</ul></section>\n"
            ));
        }
        main.push_str("</aside>\n</article>");
        // Mermaid (3.5 MB) only where there is a diagram to draw.
        let mut scripts = if body_html.contains(&format!("<pre class=\"{MERMAID_CLASS}\">")) {
            format!(
                "<script src=\"{root}assets/mermaid/mermaid.min.js\"></script>\n<script src=\"{root}assets/diagrams.js\"></script>\n"
            )
        } else {
            String::new()
        };
        if q.key_points.iter().any(|p| p.js.is_some()) {
            scripts.push_str(&format!("<script src=\"{root}assets/self-check.js\"></script>\n"));
        }
        self.page(&path, &q.question, "answer", &main, &scripts)
    }

    /// The glossary: every term under an anchor of its own, alphabetically, with its names, its
    /// definition and the answer that explains it.
    fn glossary(&self) -> String {
        let mut terms: Vec<&TermInfo> = self.lexicon.terms().iter().collect();
        terms.sort_by_cached_key(|t| (t.term.to_lowercase(), t.anchor.clone()));
        let mut main = format!(
            "<h1>Glossary</h1>\n<p class=\"meta\">{} terms, with the answer that explains each.</p>\n<dl class=\"glossary\">\n",
            terms.len()
        );
        for t in terms {
            main.push_str(&format!(
                "<dt id=\"{}\"><a class=\"anchor\" href=\"#{0}\">{}</a></dt>\n<dd><p>{}</p>",
                escape(&t.anchor),
                escape(&t.label()),
                escape(&t.definition)
            ));
            if !t.aliases.is_empty() {
                main.push_str(&format!("<p class=\"aliases\">Also: {}</p>", escape(&t.aliases.join(", "))));
            }
            if let Some((question, page)) = t.answer.as_deref().and_then(|id| self.answers.get(id)) {
                main.push_str(&format!(
                    "<p class=\"explained\">Explained in <a href=\"{}\">{}</a></p>",
                    escape(page),
                    escape(question)
                ));
            }
            main.push_str("</dd>\n");
        }
        main.push_str("</dl>");
        self.page("glossary.html", "Glossary", "glossary", &main, "")
    }

    fn resources_index(&self) -> String {
        let mut main = String::from("<h1>Learning resources</h1>\n<ul class=\"resource-list\">\n");
        for r in &self.kb.resources {
            main.push_str(&format!(
                "<li><a href=\"{}.html\">{}</a> <span class=\"kind\">{}</span> <span class=\"count\">cited by {}</span></li>\n",
                escape(&r.id),
                escape(&r.title),
                escape(r.kind.as_deref().unwrap_or_default()),
                r.cited_by.len()
            ));
        }
        main.push_str("</ul>");
        self.page("resources/index.html", "Learning resources", "resources", &main, "")
    }

    fn resource(&self, r: &mlqa_core::export::ResourceExport) -> String {
        let path = format!("resources/{}.html", r.id);
        let mut main = format!(
            "<h1>{}</h1>\n<p class=\"meta\"><span class=\"kind\">{}</span> <span class=\"group\">{}</span></p>\n",
            escape(&r.title),
            escape(r.kind.as_deref().unwrap_or_default()),
            escape(r.group.as_deref().unwrap_or_default())
        );
        if let Some(summary) = &r.summary {
            main.push_str(&format!("<p class=\"summary\">{}</p>\n", escape(summary)));
        }
        if let Some(url) = &r.url {
            main.push_str(&format!("<p class=\"url\"><a href=\"{0}\" rel=\"noopener\">{0}</a></p>\n", escape(url)));
        }
        main.push_str("<section class=\"cited-by\"><h2>Cited by</h2><ul>\n");
        for id in &r.cited_by {
            if let Some((question, page)) = self.answers.get(id.as_str()) {
                main.push_str(&format!("<li><a href=\"../{}\">{}</a></li>\n", escape(page), escape(question)));
            }
        }
        main.push_str("</ul></section>");
        self.page(&path, &r.title, "resource", &main, "")
    }

    fn search_page(&self) -> String {
        let main = "<h1>Search</h1>\n<form class=\"search-page-form\" role=\"search\"><input id=\"q\" type=\"search\" name=\"q\" autofocus aria-label=\"Search answers\"></form>\n<p id=\"search-status\" aria-live=\"polite\"></p>\n<ol id=\"results\" class=\"results\"></ol>";
        let scripts = "<script src=\"assets/search-index.js\"></script>\n<script src=\"assets/module-shim.js\"></script>\n<script src=\"assets/porter2/wink-porter2-stemmer.js\"></script>\n<script src=\"assets/search.js\"></script>\n";
        self.page("search.html", "Search", "search", main, scripts)
    }

    /// `window.MLQA_SEARCH`: the index of `mlqa search` (same fields, weights and stems), with
    /// each document's page, category title and short answer for the results list.
    fn search_index(&self, ws: &Workspace) -> String {
        let mut index = SearchIndex::export(ws);
        let summaries: BTreeMap<&str, String> = self
            .kb
            .categories
            .iter()
            .flat_map(|c| &c.questions)
            .filter_map(|q| {
                let a = q.answer.as_ref()?;
                let short = a.sections.first()?;
                Some((q.id.as_str(), plain_text(&short.markdown)))
            })
            .collect();
        for doc in &mut index.docs {
            doc.url = self.answers.get(doc.id.as_str()).map(|(_, page)| page.clone());
            doc.category_title = self.categories.get(doc.category.as_str()).map(|t| (*t).to_owned());
            doc.summary = summaries.get(doc.id.as_str()).cloned().unwrap_or_default();
        }
        // `</` cannot end the script early: JSON allows `<\/` for `</`.
        let json = serde_json::to_string(&index).expect("the index serializes").replace("</", "<\\/");
        format!("window.MLQA_SEARCH = {json};\n")
    }
}

/// The self-check box of a question with key points: a text area graded in the page against
/// the points (`assets/self-check.js`), which get their JavaScript patterns as JSON.
fn self_check(q: &QuestionExport) -> String {
    let points: Vec<_> = q.key_points.iter().filter(|p| p.js.is_some()).collect();
    if points.is_empty() {
        return String::new();
    }
    let data: Vec<_> = points.iter().map(|p| serde_json::json!({ "name": p.name, "js": p.js })).collect();
    // `</` cannot end the script early: JSON allows `<\/` for `</`.
    let json = serde_json::to_string(&data).unwrap_or_default().replace("</", "<\\/");
    format!(
        "<section class=\"self-check\" aria-label=\"Self-check\">\n<details>\n<summary>Answer it yourself first</summary>\n\
<p>Write your answer; it is checked against the {} key points an interviewer listens for. The answer below stays hidden until you check.</p>\n\
<textarea rows=\"7\" aria-label=\"Your answer\" spellcheck=\"true\"></textarea>\n\
<p class=\"self-check-actions\"><button type=\"button\" class=\"self-check-grade\">Check my answer</button> \
<button type=\"button\" class=\"self-check-reveal\">Just show the answer</button></p>\n\
<div class=\"self-check-result\" aria-live=\"polite\"></div>\n</details>\n\
<script type=\"application/json\" id=\"mlqa-key-points\">{json}</script>\n</section>\n",
        points.len()
    )
}

fn difficulty(a: &AnswerExport) -> String {
    a.difficulty
        .as_deref()
        .map(|d| format!("<span class=\"difficulty difficulty-{0}\">{0}</span>", escape(d)))
        .unwrap_or_default()
}
