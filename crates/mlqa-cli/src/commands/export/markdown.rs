//! An answer's Markdown as HTML for the site: pulldown-cmark's renderer, with four changes.
//! Links to answers (`../x/y.md#anchor`) point at their pages (`../x/y.html#anchor`), so links
//! work on the site exactly as in the repository; headings carry the anchors the checker gave
//! them (the core's document: one source of truth for slugs); math is left as TeX in `.math`
//! elements for KaTeX; a ```` ```mermaid ```` block becomes `<pre class="mermaid">` with its
//! source, which the page's diagrams.js draws (and highlight.js, which only looks at
//! `pre code.language-*`, leaves alone). Images stay as written: the export copies their files
//! to the same place in the site.

use mlqa_core::syntax::markdown::OPTIONS;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd, html};

/// The class of the element that holds a Mermaid diagram's source on a page.
pub const MERMAID_CLASS: &str = "mermaid";

/// `markdown` (an answer's body, without its front matter) as HTML; `anchors` are its headings'
/// anchors in order, as the core's document of the answer has them.
pub fn to_html<'a>(markdown: &str, anchors: impl IntoIterator<Item = &'a str>) -> String {
    let mut anchors = anchors.into_iter();
    // The source of the ```mermaid block being read, if inside one.
    let mut mermaid: Option<String> = None;
    let events = Parser::new_ext(markdown, OPTIONS).filter_map(|event| {
        if let Some(source) = &mut mermaid {
            return match event {
                Event::End(TagEnd::CodeBlock) => {
                    let source = mermaid.take().unwrap_or_default();
                    Some(Event::Html(format!("<pre class=\"{MERMAID_CLASS}\">{}</pre>\n", escape(&source)).into()))
                }
                Event::Text(text) => {
                    source.push_str(&text);
                    None
                }
                _ => None,
            };
        }
        Some(match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next().is_some_and(|lang| lang.eq_ignore_ascii_case("mermaid")) =>
            {
                mermaid = Some(String::new());
                return None;
            }
            Event::InlineMath(tex) => Event::Html(math("span", "math math-inline", &tex).into()),
            Event::DisplayMath(tex) => Event::Html(math("div", "math math-display", &tex).into()),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                Event::Start(Tag::Link { link_type, dest_url: site_link(dest_url), title, id })
            }
            // Parsed with the same options as the core's, so the headings come in the same order.
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let id = anchors.next().map(|a| CowStr::from(a.to_owned())).or(id);
                Event::Start(Tag::Heading { level, id, classes, attrs })
            }
            other => other,
        })
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// The text of `markdown` as a reader sees it (for summaries): no markup; math kept as `$TeX$`
/// for the page's script to typeset.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(markdown, OPTIONS) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                out.push('$');
                out.push_str(&t);
                out.push('$');
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn math(element: &str, class: &str, tex: &str) -> String {
    format!("<{element} class=\"{class}\">{}</{element}>", escape(tex))
}

/// A link as the site needs it: a relative link to a `.md` file becomes one to its page.
fn site_link(dest: CowStr<'_>) -> CowStr<'_> {
    if dest.contains(':') || dest.starts_with("//") || dest.starts_with('#') {
        return dest;
    }
    let (path, fragment) = dest.split_once('#').map_or((dest.as_ref(), None), |(p, f)| (p, Some(f)));
    match path.strip_suffix(".md") {
        Some(stem) => {
            let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
            format!("{stem}.html{fragment}").into()
        }
        None => dest,
    }
}

/// Text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_answers_point_at_their_pages_with_the_anchor() {
        let html = to_html("See [a](../x/y.md#why-it-holds), [b](z.md), [c](#local), [d](https://e.org/a.md).", []);
        assert!(html.contains(r#"href="../x/y.html#why-it-holds""#), "{html}");
        assert!(html.contains(r#"href="z.html""#), "{html}");
        assert!(html.contains(r##"href="#local""##), "{html}");
        assert!(html.contains(r#"href="https://e.org/a.md""#), "{html}");
    }

    #[test]
    fn headings_get_the_anchors_links_are_checked_against() {
        let text = "# Q?\n\n## Short answer\n\n## Why `x` > y?\n\n## Short answer\n\n## Custom {#mine}\n";
        let doc = mlqa_core::syntax::markdown::parse("a/x.md", text, 0);
        let html = to_html(text, doc.headings.iter().map(|h| h.anchor.as_str()));
        assert!(html.contains(r#"<h2 id="short-answer">Short answer</h2>"#), "{html}");
        assert!(html.contains(r#"<h2 id="why-x--y">"#), "{html}");
        assert!(html.contains(r#"<h2 id="short-answer-1">"#), "{html}");
        assert!(html.contains(r#"<h2 id="mine">Custom</h2>"#), "{html}");
    }

    #[test]
    fn math_is_kept_as_escaped_tex_for_katex() {
        let html = to_html("Inline $a<b$ and\n\n$$\n\\frac{1}{2} & x\n$$\n", []);
        assert!(html.contains(r#"<span class="math math-inline">a&lt;b</span>"#), "{html}");
        assert!(html.contains(r#"<div class="math math-display">"#) && html.contains(r"\frac{1}{2} &amp; x"), "{html}");
    }

    #[test]
    fn a_mermaid_block_is_its_escaped_source_for_mermaid_and_images_keep_their_alt() {
        let text = "![A *bold* curve](figures/c.svg \"t\")\n\n```mermaid\nflowchart LR\n  A --> B\n  accTitle: <T> & more\n```\n\n```python\nprint(1)\n```\n";
        let html = to_html(text, []);
        assert!(html.contains(r#"<img src="figures/c.svg" alt="A bold curve" title="t" />"#), "{html}");
        assert!(
            html.contains(
                "<pre class=\"mermaid\">flowchart LR\n  A --&gt; B\n  accTitle: &lt;T&gt; &amp; more\n</pre>\n"
            ),
            "{html}"
        );
        assert!(html.contains(r#"<pre><code class="language-python">print(1)"#), "{html}");
        assert!(!html.contains("language-mermaid"), "{html}");
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            plain_text("It **is** `x` and [a link](y.md) with $k$.\nNext."),
            "It is x and a link with $k$. Next."
        );
    }
}
