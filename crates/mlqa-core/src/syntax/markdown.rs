//! The structure of an answer's Markdown body, from pulldown-cmark's offset iterator: headings
//! with GitHub anchors, links and images with the span of their destination, code blocks,
//! math, prose word counts and HTML comments (for suppressions). Offsets are absolute in the file.

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::slug::Slugger;
use crate::text::TextRange;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markdown {
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub code_blocks: Vec<CodeBlock>,
    /// Runs of prose (outside headings and code blocks) with their word counts.
    pub prose: Vec<Prose>,
    /// `$` signs that open no math (an unbalanced `$` or `$$`).
    pub stray_dollars: Vec<TextRange>,
    /// HTML comments, `<!-- ... -->`, with their text.
    pub comments: Vec<Comment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    /// The heading's text as rendered (markup removed).
    pub text: String,
    /// The whole heading, `## Title` included.
    pub range: TextRange,
    /// The title text after the `#`s.
    pub text_range: TextRange,
    /// GitHub's anchor for it (or its `{#custom-id}`).
    pub anchor: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Link,
    Image,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub kind: LinkKind,
    pub dest: String,
    /// The whole link, `[text](dest)`.
    pub range: TextRange,
    /// The destination inside the link (the whole link when it cannot be told apart).
    pub dest_range: TextRange,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    pub fenced: bool,
    /// The first word of the info string, if any.
    pub lang: Option<String>,
    pub range: TextRange,
    /// Where a language tag goes: right after the opening fence.
    pub info_at: usize,
    pub code: String,
    /// Whether a closing fence ends it (an unclosed fence runs to the end of the file).
    pub closed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prose {
    pub range: TextRange,
    pub words: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub range: TextRange,
    pub text: String,
}

/// Parses `text[start..]` (an answer's body, after its front matter).
pub fn parse(text: &str, start: usize) -> Markdown {
    let body = &text[start..];
    let options = Options::ENABLE_MATH
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut md = Markdown::default();
    let mut slugger = Slugger::default();
    let mut heading: Option<(u8, Option<String>, TextRange, String)> = None;
    let mut code: Option<usize> = None;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = TextRange::from(range).shift(start);
        let is_text = matches!(event, Event::Text(_));
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level as u8, id.map(|s| s.to_string()), range, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, range, title)) = heading.take() {
                    let text_range = heading_text_range(text, range);
                    let anchor = match id {
                        Some(id) => id,
                        None => slugger.anchor(&title),
                    };
                    md.headings.push(Heading { level, text: title.trim().to_owned(), range, text_range, anchor });
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                md.links.push(link(text, LinkKind::Link, link_type, &dest_url, range));
            }
            Event::Start(Tag::Image { link_type, dest_url, .. }) => {
                md.links.push(link(text, LinkKind::Image, link_type, &dest_url, range));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let (fenced, lang) = match &kind {
                    CodeBlockKind::Fenced(info) => {
                        (true, info.split_whitespace().next().map(|s| s.split(',').next().unwrap_or(s).to_owned()))
                    }
                    CodeBlockKind::Indented => (false, None),
                };
                let info_at = if fenced { fence_end(text, range.start) } else { range.start };
                code = Some(md.code_blocks.len());
                let closed = !fenced || is_closed(text, range, info_at);
                md.code_blocks.push(CodeBlock { fenced, lang, range, info_at, code: String::new(), closed });
            }
            Event::End(TagEnd::CodeBlock) => code = None,
            Event::Text(t) | Event::Code(t) => {
                if let Some(i) = code {
                    md.code_blocks[i].code.push_str(&t);
                } else if let Some(h) = heading.as_mut() {
                    h.3.push_str(&t);
                } else {
                    md.prose.push(Prose { range, words: t.split_whitespace().count() as u32 });
                    if is_text {
                        find_stray_dollars(text, range, &mut md.stray_dollars);
                    }
                }
            }
            Event::InlineMath(t) => match heading.as_mut() {
                Some(h) => h.3.push_str(&t),
                None => md.prose.push(Prose { range, words: 1 }),
            },
            Event::Html(t) | Event::InlineHtml(t) if t.trim_start().starts_with("<!--") => {
                let text = t.trim_end();
                let end = (range.start + text.len()).min(range.end);
                md.comments.push(Comment { range: TextRange::new(range.start, end), text: text.to_owned() });
            }
            _ => {}
        }
    }
    md
}

/// The range of a heading's title: after the `#`s and before a closing `#` run or attributes.
fn heading_text_range(text: &str, range: TextRange) -> TextRange {
    let line = &text[range.start..range.end];
    let line_end = line.find(['\n', '\r']).unwrap_or(line.len());
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 {
        // A setext heading: every line but the `===`/`---` underline is the title.
        let body = line.trim_end_matches(['\n', '\r']);
        let end = body.rfind('\n').map_or(line_end, |n| body[..n].trim_end_matches('\r').len());
        return TextRange::new(range.start, range.start + end);
    }
    let after = &line[hashes..line_end];
    let lead = after.len() - after.trim_start().len();
    let title = after.trim();
    let title = title.trim_end_matches('#').trim_end();
    let start = range.start + hashes + lead;
    TextRange::new(start, start + title.len())
}

fn link(text: &str, kind: LinkKind, link_type: LinkType, dest: &str, range: TextRange) -> Link {
    let source = &text[range.start..range.end];
    let dest_range = match link_type {
        LinkType::Inline => source
            .rfind("](")
            .map(|open| {
                let after = &source[open + 2..];
                let lead = after.len() - after.trim_start().len();
                let inner = &after[lead..];
                let inner = inner.strip_prefix('<').map_or(inner, |s| s);
                let offset = range.start + open + 2 + lead + (after[lead..].len() - inner.len());
                let len = inner.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(inner.len().saturating_sub(1));
                TextRange::new(offset, offset + len)
            })
            .unwrap_or(range),
        LinkType::Autolink | LinkType::Email if range.len() >= 2 => TextRange::new(range.start + 1, range.end - 1),
        _ => range,
    };
    Link { kind, dest: dest.to_owned(), range, dest_range }
}

/// Whether a fenced block's last line is a closing fence of the opening fence's character.
fn is_closed(text: &str, range: TextRange, info_at: usize) -> bool {
    let block = &text[range.start..range.end];
    let fence = text[range.start..info_at].trim_start();
    let Some(c) = fence.chars().next() else { return false };
    let mut lines = block.lines();
    lines.next();
    lines.rfind(|l| !l.trim().is_empty()).is_some_and(|last| {
        let last = last.trim();
        last.len() >= fence.len() && last.chars().all(|x| x == c)
    })
}

/// After the opening fence of a fenced code block (where its info string starts).
fn fence_end(text: &str, start: usize) -> usize {
    let line = &text[start..];
    let indent = line.len() - line.trim_start_matches(' ').len();
    let fence = line[indent..].bytes().take_while(|&b| b == b'`' || b == b'~').count();
    start + indent + fence
}

fn find_stray_dollars(text: &str, range: TextRange, out: &mut Vec<TextRange>) {
    let bytes = &text.as_bytes()[range.start..range.end];
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'$' && (i == 0 || bytes[i - 1] != b'\\') {
            // `$$` is one delimiter.
            let len = if bytes.get(i + 1) == Some(&b'$') { 2 } else { 1 };
            out.push(TextRange::new(range.start + i, range.start + i + len));
            i += len;
        } else {
            i += 1;
        }
    }
}

impl Markdown {
    /// The H2 sections: each heading with the range up to the next heading of level 1 or 2.
    pub fn sections(&self, text_len: usize) -> Vec<Section<'_>> {
        let tops: Vec<&Heading> = self.headings.iter().filter(|h| h.level <= 2).collect();
        tops.iter()
            .enumerate()
            .filter(|(_, h)| h.level == 2)
            .map(|(i, h)| {
                let end = tops.get(i + 1).map_or(text_len, |n| n.range.start);
                Section { heading: h, body: TextRange::new(h.range.end, end.max(h.range.end)) }
            })
            .collect()
    }

    pub fn h1(&self) -> Option<&Heading> {
        self.headings.iter().find(|h| h.level == 1)
    }

    /// Prose words inside `range`.
    pub fn words_in(&self, range: TextRange) -> usize {
        self.prose.iter().filter(|p| range.contains(p.range.start)).map(|p| p.words as usize).sum()
    }

    pub fn anchor(&self, anchor: &str) -> Option<&Heading> {
        self.headings.iter().find(|h| h.anchor == anchor)
    }
}

/// An H2 section of an answer.
#[derive(Debug, Clone, Copy)]
pub struct Section<'a> {
    pub heading: &'a Heading,
    /// From the end of the heading to the next H1/H2 (or the end of the file).
    pub body: TextRange,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_links_code_and_math() {
        let text = "---\nx: 1\n---\n# Title\n\n## Short answer\nSee [Adam](../optimization/gd-variants.md#adam) and $x^2$.\n\n```python\nprint(1)\n```\n\n## Example\n```\nraw\n```\nIt costs $5.\n";
        let md = parse(text, 13);
        let anchors: Vec<_> = md.headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(anchors, ["title", "short-answer", "example"]);
        let h = &md.headings[1];
        assert_eq!(&text[h.text_range.start..h.text_range.end], "Short answer");
        let link = &md.links[0];
        assert_eq!(&text[link.dest_range.start..link.dest_range.end], "../optimization/gd-variants.md#adam");
        assert_eq!(md.code_blocks[0].lang.as_deref(), Some("python"));
        assert_eq!(md.code_blocks[0].code, "print(1)\n");
        assert_eq!(md.code_blocks[1].lang, None);
        assert_eq!(&text[md.code_blocks[1].info_at..md.code_blocks[1].info_at + 1], "\n");
        assert_eq!(md.stray_dollars.len(), 1);
        assert_eq!(&text[md.stray_dollars[0].start..md.stray_dollars[0].end], "$");
        let sections = md.sections(text.len());
        assert_eq!(sections.len(), 2);
        assert_eq!(md.words_in(sections[0].body), 5);
    }

    #[test]
    fn setext_titles_span_all_their_lines() {
        let text = "one\ntwo\r\n===\n";
        let md = parse(text, 0);
        let h = &md.headings[0];
        assert_eq!(&text[h.text_range.start..h.text_range.end], "one\ntwo");
    }

    #[test]
    fn custom_ids_and_closed_atx_headings() {
        let md = parse("## Custom {#mine}\n## Closed ##\n", 0);
        assert_eq!(md.headings[0].anchor, "mine");
        assert_eq!(md.headings[1].text, "Closed");
    }
}
