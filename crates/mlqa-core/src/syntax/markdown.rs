//! The structure of an answer's Markdown body, from pulldown-cmark's offset iterator: headings
//! with GitHub anchors, links and images with the span of their destination, link-shaped prose
//! that did not become a link, code blocks, math, prose word counts and HTML comments (for
//! suppressions). Offsets are absolute in the file.

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::slug::Slugger;
use crate::syntax::link::{Classified, LinkTarget};
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
    /// `[text](...)` in prose that CommonMark renders as plain text, and why.
    pub malformed_links: Vec<MalformedLink>,
    /// Lines that look like an ordered-list item (`3. ...`) but continue the paragraph above
    /// (an ordered list may interrupt a paragraph only when it starts at 1): from the number
    /// to the end of the line.
    pub swallowed_items: Vec<TextRange>,
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
    /// The link's text, or an image's alt text, as written (empty, at the link's start, when
    /// it has none).
    pub text: TextRange,
    /// What `dest` is and where it points (read through [`Link::to`]).
    classified: Classified,
}

impl Link {
    /// What the destination is and where it points, as worked out when the file was parsed.
    pub fn to(&self) -> LinkTarget<'_> {
        self.classified.view(&self.dest)
    }
}

/// Link-shaped text that did not become a link or image: a `[text](` in prose whose
/// destination, title or closing `)` breaks CommonMark's syntax, so it renders as it was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MalformedLink {
    pub kind: LinkKind,
    /// From the `[` (or `![`) to the `)` meant to close it, else to the end of its line.
    pub range: TextRange,
    pub reason: Malformation,
}

/// Why link-shaped text is not a link, in CommonMark's terms as pulldown-cmark applies them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malformation {
    /// Text that is neither a title nor `)` follows the destination on its line, and a `)`
    /// comes later.
    Space,
    /// ... on the next line.
    LineBreak,
    /// A `(` in the destination without its `)`.
    UnbalancedParentheses,
    /// Parentheses in the destination nested deeper than pulldown-cmark follows (32).
    NestedTooDeep,
    /// An ASCII control character in the destination.
    ControlCharacter,
    /// `<` opens the destination and no `>` closes it on its line.
    UnclosedAngle,
    /// Text between a `<...>` destination and a later `)`.
    TextAfterDestination,
    /// A title whose quote or parenthesis is not closed.
    UnclosedTitle,
    /// Text between the title and a later `)`.
    TextAfterTitle,
    /// No `)` closes it: the paragraph (heading, table cell) ends first, or text follows the
    /// destination and no `)` comes on its line or the next.
    Unclosed,
    /// The link text holds a link, and links do not nest.
    NestedLink,
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
    // Offsets as `u32` (a file mlqa reads is far below 4 GiB): an answer has a run per line or
    // inline span, so this is a third of what a `TextRange` would take.
    start: u32,
    end: u32,
    pub words: u32,
}

impl Prose {
    fn new(range: TextRange, words: usize) -> Self {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self { start: at(range.start), end: at(range.end), words: at(words) }
    }

    pub fn range(&self) -> TextRange {
        TextRange::new(self.start as usize, self.end as usize)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub range: TextRange,
    pub text: String,
}

/// The Markdown an answer is written in: CommonMark with math, tables, footnotes,
/// strikethrough and `{#custom-id}` heading attributes. Whoever renders an answer (the terminal,
/// the site) parses it with these, so that it sees the headings and links the checker saw.
pub const OPTIONS: Options = Options::ENABLE_MATH
    .union(Options::ENABLE_TABLES)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// Parses `text[start..]` (an answer's body, after its front matter); `path` is the file's,
/// relative to the KB root, against which relative links are resolved.
pub fn parse(path: &str, text: &str, start: usize) -> Markdown {
    let body = &text[start..];
    let mut md = Markdown::default();
    let mut slugger = Slugger::default();
    let mut heading: Option<(u8, Option<String>, TextRange, String)> = None;
    let mut code: Option<usize> = None;
    let mut shapes = LinkShapes::new(text, start);
    // The links and images open around the current event, innermost last (their text grows).
    let mut open_links: Vec<usize> = Vec::new();
    // Whether the last event was a soft line break inside a paragraph.
    let (mut in_paragraph, mut after_break) = (0usize, false);
    for (event, range) in Parser::new_ext(body, OPTIONS).into_offset_iter() {
        let range = TextRange::from(range).shift(start);
        shapes.event(&event, range);
        let is_text = matches!(event, Event::Text(_));
        if let (Some(&i), Event::Text(_) | Event::Code(_) | Event::InlineMath(_)) = (open_links.last(), &event) {
            let link = &mut md.links[i];
            link.text = if link.text.is_empty() { range } else { TextRange::new(link.text.start, range.end) };
        }
        if after_break
            && is_text
            && in_paragraph > 0
            && let Some(item) = swallowed_item(text, range.start)
        {
            md.swallowed_items.push(item);
        }
        after_break = in_paragraph > 0 && matches!(event, Event::SoftBreak);
        match event {
            Event::Start(Tag::Paragraph) => in_paragraph += 1,
            Event::End(TagEnd::Paragraph) => in_paragraph = in_paragraph.saturating_sub(1),
            Event::End(TagEnd::Link | TagEnd::Image) => {
                open_links.pop();
            }
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
                open_links.push(md.links.len());
                md.links.push(link(path, text, LinkKind::Link, link_type, &dest_url, range));
            }
            Event::Start(Tag::Image { link_type, dest_url, .. }) => {
                open_links.push(md.links.len());
                md.links.push(link(path, text, LinkKind::Image, link_type, &dest_url, range));
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
                    md.prose.push(Prose::new(range, crate::text::count_words(&t)));
                    if is_text {
                        find_stray_dollars(text, range, &mut md.stray_dollars);
                    }
                }
            }
            Event::InlineMath(t) => match heading.as_mut() {
                Some(h) => h.3.push_str(&t),
                None => md.prose.push(Prose::new(range, 1)),
            },
            Event::Html(t) | Event::InlineHtml(t) if t.trim_start().starts_with("<!--") => {
                let text = t.trim_end();
                let end = (range.start + text.len()).min(range.end);
                md.comments.push(Comment { range: TextRange::new(range.start, end), text: text.to_owned() });
            }
            _ => {}
        }
    }
    md.malformed_links = shapes.found;
    md
}

/// The range of a heading's title: after the `#`s and before a closing `#` run or attributes.
fn heading_text_range(text: &str, range: TextRange) -> TextRange {
    let line = &text[range.start..range.end];
    let line_end = line.find(['\n', '\r']).unwrap_or(line.len());
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 {
        // A setext heading: every line but the `===`/`---` underline is the title (a line ends
        // at `\n`, `\r\n` or a lone `\r`).
        let body = line.trim_end_matches(['\n', '\r']);
        let end = body.rfind(['\n', '\r']).map_or(line_end, |n| body[..n].trim_end_matches('\r').len());
        return TextRange::new(range.start, range.start + end);
    }
    let after = &line[hashes..line_end];
    let lead = after.len() - after.trim_start().len();
    let title = after.trim();
    let title = title.trim_end_matches('#').trim_end();
    let start = range.start + hashes + lead;
    TextRange::new(start, start + title.len())
}

fn link(path: &str, text: &str, kind: LinkKind, link_type: LinkType, dest: &str, range: TextRange) -> Link {
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
    let text = TextRange::empty(range.start);
    Link { kind, dest: dest.to_owned(), range, dest_range, text, classified: Classified::of(path, dest) }
}

/// The line at `at` (the first text after a soft break in a paragraph) when it reads as an
/// ordered-list item: indented by at most three spaces, up to nine digits, `.` or `)`, then a
/// space or the end of the line.
fn swallowed_item(text: &str, at: usize) -> Option<TextRange> {
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    // Only text that starts its line is a marker; four spaces or more (or a tab) would make it
    // code once freed by a blank line, so such a line is left alone.
    let indent = &text[line_start..at];
    if indent.len() > 3 || !indent.bytes().all(|b| b == b' ') {
        return None;
    }
    let rest = &text[at..];
    let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = line.as_bytes().get(digits).copied();
    let after = line.as_bytes().get(digits + 1).copied();
    let is_item =
        (1..=9).contains(&digits) && matches!(marker, Some(b'.' | b')')) && matches!(after, None | Some(b' ' | b'\t'));
    is_item.then(|| TextRange::new(at, at + line.trim_end().len()))
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
    let mut from = 0;
    while let Some(n) = memchr::memchr(b'$', &bytes[from..]) {
        let i = from + n;
        if i == 0 || bytes[i - 1] != b'\\' {
            // `$$` is one delimiter.
            let len = if bytes.get(i + 1) == Some(&b'$') { 2 } else { 1 };
            out.push(TextRange::new(range.start + i, range.start + i + len));
            from = i + len;
        } else {
            from = i + 1;
        }
    }
}

/// How far past a `](` the syntax is followed (destination, title, closing `)`): a longer
/// candidate is left unreported rather than scanned.
const LOOKAHEAD: usize = 4096;

/// Finds link-shaped prose that did not become a link, in the same pass as the outline. Every
/// `](` of the body is found first (`memmem`); only one that falls in prose text (not code,
/// math, HTML or a parsed link, whose `](` is not text) is a candidate. Its `[` is found by
/// matching the brackets of the block's prose text up to it, each byte once, and only in blocks
/// that have a candidate. The syntax after it is then read as pulldown-cmark reads an inline
/// link, to say why it failed. A body without `](` costs one `memmem` scan.
struct LinkShapes<'a> {
    text: &'a str,
    start: usize,
    /// The body's `](`s not yet reached, relative to `start`.
    pairs: std::iter::Peekable<memchr::memmem::FindIter<'a, 'static>>,
    /// Ends of the open blocks, innermost last.
    blocks: Vec<usize>,
    /// Depth in parsed links and images: their text is not prose to check.
    in_link: usize,
    in_code: bool,
    /// Depth in block quotes: their `>` markers start each line of a paragraph.
    in_quote: usize,
    /// The prose text of the current block, the first not fully bracket-matched, and the offset
    /// before which brackets are matched.
    texts: Vec<TextRange>,
    next_text: usize,
    matched: usize,
    /// Unmatched `[` of the current block.
    openers: Vec<usize>,
    /// Where the last link parsed in the current block starts: a `[` before it cannot open a link.
    last_link: Option<usize>,
    /// Bytes the candidates may still scan past their `](` (linear work on hostile input).
    budget: usize,
    found: Vec<MalformedLink>,
}

impl<'a> LinkShapes<'a> {
    fn new(text: &'a str, start: usize) -> Self {
        let body = &text.as_bytes()[start..];
        Self {
            text,
            start,
            pairs: memchr::memmem::find_iter(body, b"](").peekable(),
            blocks: Vec::new(),
            in_link: 0,
            in_code: false,
            in_quote: 0,
            texts: Vec::new(),
            next_text: 0,
            matched: 0,
            openers: Vec::new(),
            last_link: None,
            budget: body.len() + LOOKAHEAD,
            found: Vec::new(),
        }
    }

    fn event(&mut self, event: &Event<'_>, range: TextRange) {
        if self.pairs.peek().is_none() {
            return;
        }
        match event {
            Event::Start(Tag::Link { link_type, .. }) => {
                // An autolink (`<https://...>`) does not close brackets: it leaves a `[` open.
                if !matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    self.last_link = Some(range.start);
                }
                self.in_link += 1;
            }
            Event::Start(Tag::Image { .. }) => self.in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => self.in_link = self.in_link.saturating_sub(1),
            Event::Start(tag) if !is_inline(tag) => {
                self.in_quote += usize::from(matches!(tag, Tag::BlockQuote(_)));
                self.blocks.push(range.end);
                self.in_code = matches!(tag, Tag::CodeBlock(_));
                self.new_block();
            }
            Event::End(tag) if !is_inline_end(*tag) => {
                self.in_quote -= usize::from(matches!(tag, TagEnd::BlockQuote(_)) && self.in_quote > 0);
                self.blocks.pop();
                self.in_code = false;
                self.new_block();
            }
            Event::Text(_) if self.in_link == 0 && !self.in_code => self.prose(range),
            _ => {}
        }
    }

    fn new_block(&mut self) {
        self.texts.clear();
        self.next_text = 0;
        self.matched = 0;
        self.openers.clear();
        self.last_link = None;
    }

    fn prose(&mut self, range: TextRange) {
        // A `](` before this text was not in prose.
        while self.pairs.next_if(|&p| self.start + p < range.start).is_some() {}
        if self.pairs.peek().is_none() {
            return;
        }
        self.texts.push(range);
        while let Some(p) = self.pairs.next_if(|&p| self.start + p < range.end) {
            self.candidate(self.start + p);
        }
    }

    /// A `]` at `close`, followed by `(`, in prose.
    fn candidate(&mut self, close: usize) {
        let bytes = self.text.as_bytes();
        if escaped(bytes, close) {
            return;
        }
        self.match_brackets(close);
        self.matched = close + 1;
        let Some(open) = self.openers.pop() else {
            return;
        };
        if self.budget == 0 {
            return;
        }
        let (kind, from) = if open > self.start && bytes[open - 1] == b'!' && !escaped(bytes, open - 1) {
            (LinkKind::Image, open - 1)
        } else {
            (LinkKind::Link, open)
        };
        let block_end = self.blocks.last().copied().unwrap_or(bytes.len()).min(bytes.len());
        let mut limit = block_end.min(close + 2 + LOOKAHEAD);
        while !self.text.is_char_boundary(limit) {
            limit -= 1;
        }
        let paren = close + 1;
        if limit <= paren {
            return;
        }
        let (reason, reached) = scan_inline_link(bytes, paren, limit, limit < block_end, self.in_quote > 0);
        let nested = kind == LinkKind::Link && self.last_link.is_some_and(|l| l > open);
        let (end, closed) = shape_end(bytes, paren, limit);
        self.budget = self.budget.saturating_sub(reached.max(end) - close);
        use Malformation::*;
        let reason = match reason {
            // Text after the destination and no `)` after it: the `)` is missing, not misplaced.
            Some(Space | LineBreak | TextAfterDestination | TextAfterTitle) if !closed => Unclosed,
            Some(reason) => reason,
            None if nested => NestedLink,
            None => return,
        };
        self.found.push(MalformedLink { kind, range: TextRange::new(from, end), reason });
    }

    /// Matches the brackets of the block's prose text before `upto`, each byte once.
    fn match_brackets(&mut self, upto: usize) {
        let bytes = self.text.as_bytes();
        while let Some(&r) = self.texts.get(self.next_text) {
            let from = r.start.max(self.matched);
            let to = r.end.min(upto);
            if from < to {
                for i in memchr::memchr2_iter(b'[', b']', &bytes[from..to]) {
                    let i = from + i;
                    if escaped(bytes, i) {
                        continue;
                    }
                    if bytes[i] == b'[' {
                        self.openers.push(i);
                    } else {
                        self.openers.pop();
                    }
                }
            }
            if r.end > upto {
                break;
            }
            self.next_text += 1;
        }
        self.matched = upto;
    }
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Whether the byte at `i` is backslash-escaped (an odd run of `\` before it).
fn escaped(bytes: &[u8], i: usize) -> bool {
    bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// Reads what follows `](` as pulldown-cmark's `scan_inline_link` does (destination, optional
/// title, `)`, with at most one line break between them), within `bytes[..limit]`. Returns why
/// it is not an inline link (`None` when it is one, or when `capped` and the limit came first),
/// and how far it read.
fn scan_inline_link(
    bytes: &[u8],
    paren: usize,
    limit: usize,
    capped: bool,
    quoted: bool,
) -> (Option<Malformation>, usize) {
    use Malformation::*;
    let at_limit = |reason| if capped { None } else { Some(reason) };
    let separator = |i: &mut usize| separator(bytes, i, limit, quoted);
    let mut i = paren + 1;
    separator(&mut i);
    let angle = i < limit && bytes[i] == b'<';
    if angle {
        i += 1;
        loop {
            if i >= limit {
                return (at_limit(UnclosedAngle), i);
            }
            match bytes[i] {
                b'\n' | b'\r' | b'<' => return (Some(UnclosedAngle), i),
                b'>' => break,
                b'\\' if i + 1 < limit && bytes[i + 1].is_ascii_punctuation() => i += 1,
                _ => {}
            }
            i += 1;
        }
        i += 1;
    } else {
        let mut depth = 0usize;
        while i < limit {
            match bytes[i] {
                0..=0x20 => break,
                b'(' if depth > 32 => return (Some(NestedTooDeep), i),
                b'(' => depth += 1,
                b')' if depth == 0 => break,
                b')' => depth -= 1,
                b'\\' if i + 1 < limit && bytes[i + 1].is_ascii_punctuation() => i += 1,
                _ => {}
            }
            i += 1;
        }
        if depth > 0 {
            return (if i < limit { Some(UnbalancedParentheses) } else { at_limit(UnbalancedParentheses) }, i);
        }
        if i < limit && bytes[i] < 0x20 && !matches!(bytes[i], b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            return (Some(ControlCharacter), i);
        }
    }
    let crossed = separator(&mut i);
    if i >= limit {
        return (at_limit(Unclosed), i);
    }
    let open = bytes[i];
    if !matches!(open, b'"' | b'\'' | b'(') {
        let reason = match open {
            b')' => return (None, i + 1),
            _ if crossed => LineBreak,
            _ if angle => TextAfterDestination,
            _ => Space,
        };
        return (Some(reason), i);
    }
    let close = if open == b'(' { b')' } else { open };
    i += 1;
    loop {
        if i >= limit {
            return (at_limit(UnclosedTitle), i);
        }
        match bytes[i] {
            b if b == close => break,
            b if b == open => return (Some(UnclosedTitle), i),
            b'\\' if i + 1 < limit && bytes[i + 1].is_ascii_punctuation() => i += 1,
            _ => {}
        }
        i += 1;
    }
    i += 1;
    separator(&mut i);
    match bytes.get(i) {
        _ if i >= limit => (at_limit(Unclosed), i),
        Some(b')') => (None, i + 1),
        _ => (Some(TextAfterTitle), i),
    }
}

/// Skips spaces and tabs, at most one line break, and the next line's indentation (and its `>`
/// markers, in a block quote). Whether it crossed a line break.
fn separator(bytes: &[u8], i: &mut usize, limit: usize, quoted: bool) -> bool {
    let blank = |b: u8| matches!(b, b' ' | b'\t' | 0x0b | 0x0c);
    while *i < limit && blank(bytes[*i]) {
        *i += 1;
    }
    if *i >= limit || !matches!(bytes[*i], b'\n' | b'\r') {
        return false;
    }
    *i += if bytes[*i] == b'\r' && bytes.get(*i + 1) == Some(&b'\n') { 2 } else { 1 };
    while *i < limit && (blank(bytes[*i]) || (quoted && bytes[*i] == b'>')) {
        *i += 1;
    }
    true
}

/// Where link-shaped text ends: after the `)` that balances the `(` at `paren` on its line or the
/// next, else at the end of its line (trailing spaces left out); and whether a `)` was found.
fn shape_end(bytes: &[u8], paren: usize, limit: usize) -> (usize, bool) {
    let mut depth = 0usize;
    let mut line_end = None;
    let mut i = paren;
    while i < limit {
        match bytes[i] {
            b'\\' if i + 1 < limit && bytes[i + 1].is_ascii_punctuation() => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return (i + 1, true);
                }
            }
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {}
            b'\n' | b'\r' if line_end.is_some() => break,
            b'\n' | b'\r' => line_end = Some(i),
            _ => {}
        }
        i += 1;
    }
    let end = line_end.unwrap_or(limit.min(i));
    (paren + 1 + bytes[paren + 1..end].iter().rposition(|b| !b.is_ascii_whitespace()).map_or(0, |n| n + 1), false)
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
        self.prose.iter().filter(|p| range.contains(p.range().start)).map(|p| p.words as usize).sum()
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
        let md = parse("a/x.md", text, 13);
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
        let md = parse("a/x.md", text, 0);
        let h = &md.headings[0];
        assert_eq!(&text[h.text_range.start..h.text_range.end], "one\ntwo");
        // A lone CR ends a line too (found by `safe_fixes_are_idempotent_and_local`).
        let text = "TODO ---\n!\r=\r\n";
        let h = &parse("a/x.md", text, 0).headings[0];
        assert_eq!(&text[h.text_range.start..h.text_range.end], "TODO ---\n!");
    }

    fn malformed(text: &str) -> Vec<(&str, Malformation)> {
        parse("a/x.md", text, 0).malformed_links.iter().map(|m| (&text[m.range.start..m.range.end], m.reason)).collect()
    }

    #[test]
    fn link_shaped_text_that_is_not_a_link_and_why() {
        use Malformation::*;
        let cases = [
            ("See [x](htps//exa mple.com) now.", "[x](htps//exa mple.com)", Space),
            ("[x](a\nb) c", "[x](a\nb)", LineBreak),
            ("> [x](a\n> b)", "[x](a\n> b)", LineBreak),
            ("[x](a\n\t> b)", "[x](a\n\t> b)", LineBreak),
            ("[x](a(b c)", "[x](a(b c)", UnbalancedParentheses),
            (
                "[x](https://en.wikipedia.org/wiki/Bias_(statistics) and more",
                "[x](https://en.wikipedia.org/wiki/Bias_(statistics) and more",
                Unclosed,
            ),
            ("[x](a\n\nb)", "[x](a", Unclosed),
            ("[x](https://e.org/Bias_(statistics)\nmore text", "[x](https://e.org/Bias_(statistics)", Unclosed),
            ("[x](<a b) c", "[x](<a b)", UnclosedAngle),
            ("[x](<a> b)", "[x](<a> b)", TextAfterDestination),
            ("[x](a \"t) c", "[x](a \"t)", UnclosedTitle),
            ("[x](a \"t\" j", "[x](a \"t\" j", Unclosed),
            ("[x](a b c", "[x](a b c", Unclosed),
            ("[x](a \"t\" j)", "[x](a \"t\" j)", TextAfterTitle),
            ("[x](a\u{1}b)", "[x](a\u{1}b)", ControlCharacter),
            ("[a [b](c) d](e)", "[a [b](c) d](e)", NestedLink),
            ("![a](b c)", "![a](b c)", Space),
            ("# T [x](a b)", "[x](a b)", Space),
            ("| a | [x](a b) |\n|---|---|\n| 1 | 2 |", "[x](a b)", Space),
            ("- [x](a b)\n- y", "[x](a b)", Space),
            ("a [b] c [d *e*](f g)", "[d *e*](f g)", Space),
        ];
        for (text, shape, reason) in cases {
            assert_eq!(malformed(text), [(shape, reason)], "{text:?}");
        }
        let deep = format!("[x](a{}b{})", "(".repeat(34), ")".repeat(34));
        assert_eq!(malformed(&deep)[0].1, NestedTooDeep);
        let md = parse("a/x.md", "![a](b c)", 0);
        assert_eq!(md.malformed_links[0].kind, LinkKind::Image);
    }

    #[test]
    fn links_code_math_comments_and_plain_brackets_are_not_malformed_links() {
        for text in [
            "[x](a) [y](<a b>) [z](a \"t\") [w](a\n\"t\") [v](a(b)c) [u]()",
            "> [x](\n> a) and [y](b\n> \"t\")",
            "a `[x](a b)` c",
            "```\n[x](a b)\n```",
            "    [x](a b)",
            "x $[a](b c)$ y",
            "$$\n[a](b c)\n$$",
            "<!-- [x](a b) -->",
            "a <!-- [x](a\nb c) --> d",
            "<div>\n[x](a b)\n</div>",
            "[[x](a b)](c)",
            "![a [b](c d) e](f)",
            "\\[x](a b) and \\[x\\](a b)",
            "a] (b c) and x](y z)",
            "[ref](a b)\n\n[ref]: /u",
            "[a <https://x.org> b](c)",
        ] {
            assert_eq!(malformed(text), [], "{text:?}");
        }
    }

    #[test]
    fn malformed_links_have_absolute_ranges_on_char_boundaries() {
        let text = "---\nid: x\n---\nSee [x](a b).\n";
        let m = parse("a/x.md", text, 14).malformed_links[0];
        assert_eq!(&text[m.range.start..m.range.end], "[x](a b)");
        // Candidates that read past the lookahead are left out, and ranges stay on characters.
        let long = format!("[x](a{}", "é".repeat(3000));
        for m in parse("a/x.md", &long, 0).malformed_links {
            assert!(long.is_char_boundary(m.range.end));
        }
        // Each `](` here reads to the lookahead; the budget stops that after a few (no hang).
        let hostile = "[a](".repeat(20_000);
        assert!(parse("a/x.md", &hostile, 0).malformed_links.len() < 20_000);
    }

    #[test]
    fn custom_ids_and_closed_atx_headings() {
        let md = parse("a/x.md", "## Custom {#mine}\n## Closed ##\n", 0);
        assert_eq!(md.headings[0].anchor, "mine");
        assert_eq!(md.headings[1].text, "Closed");
    }
}
