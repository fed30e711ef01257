//! Markdown for a terminal: headings, emphasis, lists, code blocks (Python keywords, strings,
//! numbers and comments coloured), simple math in Unicode (`\sqrt{d_k}` is `√d_k`; a formula
//! with anything more stays LaTeX), a figure as its alt text and the path of its file. Text from
//! the KB is escaped.

use mlqa_core::latex;
use mlqa_core::syntax::markdown::OPTIONS;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::terminal::escape;

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }
}

/// Renders `text`; `image_path` says where an image's file is, for the reader to open (`None`:
/// its destination as written).
pub fn markdown(text: &str, color: bool, image_path: &dyn Fn(&str) -> Option<String>) -> String {
    let style = Style { color };
    let mut out = String::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut code: Option<(String, String)> = None;
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut quote = 0usize;
    let mut link_dest: Vec<String> = Vec::new();
    let mut spans: Vec<&'static str> = Vec::new();
    let push = |out: &mut String, heading: &mut Option<(HeadingLevel, String)>, s: &str| match heading {
        Some((_, h)) => h.push_str(s),
        None => out.push_str(s),
    };
    for event in Parser::new_ext(text, OPTIONS) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, h)) = heading.take() {
                    let styled = match level {
                        HeadingLevel::H1 => style.paint("1;4", &h),
                        HeadingLevel::H2 => style.paint("1;36", &h),
                        _ => style.paint("1", &h),
                    };
                    let marker = if color { String::new() } else { format!("{} ", "#".repeat(level as usize)) };
                    out.push_str(&format!("{marker}{styled}\n\n"));
                }
            }
            Event::Start(Tag::Paragraph) if quote > 0 => {
                out.push_str(&"│ ".repeat(quote));
            }
            Event::End(TagEnd::Paragraph) => out.push_str(if lists.is_empty() { "\n\n" } else { "\n" }),
            Event::Start(Tag::BlockQuote(_)) => quote += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote = quote.saturating_sub(1),
            Event::Start(Tag::List(start)) => {
                if !lists.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                if lists.is_empty() {
                    out.push('\n');
                }
            }
            Event::Start(Tag::Item) => {
                let depth = lists.len().saturating_sub(1);
                let bullet = match lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}.", *n - 1)
                    }
                    _ => "•".to_owned(),
                };
                out.push_str(&format!("{}{bullet} ", "  ".repeat(depth)));
            }
            Event::End(TagEnd::Item) if !out.ends_with('\n') => {
                out.push('\n');
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_owned(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, body)) = code.take() {
                    if !lang.is_empty() {
                        out.push_str(&format!("    {}\n", style.paint("2", &lang)));
                    }
                    for line in escape(&body).lines() {
                        let shown = if lang == "python" { highlight_python(line, &style) } else { line.to_owned() };
                        out.push_str(&format!("    {shown}\n"));
                    }
                    out.push('\n');
                }
            }
            Event::Start(Tag::Emphasis) => spans.push("3"),
            Event::Start(Tag::Strong) => spans.push("1"),
            Event::Start(Tag::Strikethrough) => spans.push("9"),
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {
                spans.pop();
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let path = image_path(&dest_url).unwrap_or_else(|| dest_url.to_string());
                link_dest.push(path);
                push(&mut out, &mut heading, &style.paint("1", "[figure: "));
            }
            Event::End(TagEnd::Image) => {
                if let Some(path) = link_dest.pop() {
                    let note =
                        format!("{} {}", style.paint("1", "]"), style.paint("2", &format!("({})", escape(&path))));
                    push(&mut out, &mut heading, &note);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => link_dest.push(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                if let Some(dest) = link_dest.pop() {
                    let note = style.paint("2", &format!(" <{}>", escape(&dest)));
                    push(&mut out, &mut heading, &note);
                }
            }
            Event::Start(Tag::TableRow | Tag::TableHead) => out.push_str("| "),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => out.push('\n'),
            Event::End(TagEnd::TableCell) => out.push_str(" | "),
            Event::End(TagEnd::Table) => out.push('\n'),
            Event::Text(t) => match code.as_mut() {
                Some((_, body)) => body.push_str(&t),
                None => {
                    let t = escape(&t);
                    let styled = spans.iter().fold(t, |acc, s| style.paint(s, &acc));
                    push(&mut out, &mut heading, &styled);
                }
            },
            Event::Code(t) => {
                let s = style.paint("33", &escape(&t));
                push(&mut out, &mut heading, &if color { s } else { format!("`{s}`") });
            }
            Event::InlineMath(t) => {
                let shown = latex::to_unicode(&t).unwrap_or_else(|| format!("${t}$"));
                push(&mut out, &mut heading, &style.paint("35", &escape(&shown)));
            }
            Event::DisplayMath(t) => {
                let shown = latex::to_unicode(t.trim()).unwrap_or_else(|| t.trim().to_owned());
                out.push_str(&format!("\n    {}\n", style.paint("35", &escape(&shown))));
            }
            Event::SoftBreak => push(&mut out, &mut heading, " "),
            Event::HardBreak => out.push('\n'),
            Event::Rule => out.push_str("────────\n\n"),
            _ => {}
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

const PY_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "break", "class", "continue", "def", "del", "elif", "else",
    "except", "for", "from", "if", "import", "in", "is", "lambda", "not", "or", "pass", "raise", "return", "try",
    "while", "with", "yield",
];

/// Colours one line of Python: keywords, strings, numbers, comments.
fn highlight_python(line: &str, style: &Style) -> String {
    if !style.color {
        return line.to_owned();
    }
    let mut out = String::new();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c == '#' {
            out.push_str(&style.paint("2", &line[at..]));
            break;
        }
        if c == '"' || c == '\'' {
            let end = chars[i + 1..].iter().position(|&(_, d)| d == c).map_or(chars.len(), |p| i + 1 + p + 1);
            let stop = chars.get(end).map_or(line.len(), |&(o, _)| o);
            out.push_str(&style.paint("32", &line[at..stop]));
            i = end;
            continue;
        }
        if c.is_alphanumeric() || c == '_' {
            let end =
                chars[i..].iter().position(|&(_, d)| !(d.is_alphanumeric() || d == '_')).map_or(chars.len(), |p| i + p);
            let stop = chars.get(end).map_or(line.len(), |&(o, _)| o);
            let word = &line[at..stop];
            if PY_KEYWORDS.contains(&word) {
                out.push_str(&style.paint("35", word));
            } else if word.starts_with(|d: char| d.is_ascii_digit()) {
                out.push_str(&style.paint("33", word));
            } else {
                out.push_str(word);
            }
            i = end;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_is_its_alt_text_and_the_path_of_its_file() {
        let text = "Before.\n\n![Loss against epochs](figures/loss.svg)\n\nAfter [a link](x.md).\n";
        let out = markdown(text, false, &|dest| Some(format!("kb/alpha/{dest}")));
        assert_eq!(
            out,
            "Before.\n\n[figure: Loss against epochs] (kb/alpha/figures/loss.svg)\n\nAfter a link <x.md>.\n"
        );
        let as_written = markdown(text, false, &|_| None);
        assert!(as_written.contains("[figure: Loss against epochs] (figures/loss.svg)"), "{as_written}");
    }

    #[test]
    fn plain_rendering_keeps_structure() {
        let text = "# Q\n\n## Short answer\nSome *x* and `y` with $a^2$.\n\n- one\n- two\n\n```python\nprint(1)\n```\n";
        let out = markdown(text, false, &|_| None);
        assert_eq!(
            out,
            "# Q\n\n## Short answer\n\nSome x and `y` with a².\n\n• one\n• two\n\n    python\n    print(1)\n"
        );
    }

    #[test]
    fn simple_math_renders_and_the_rest_stays_latex() {
        let text =
            "Scale by $1/\\sqrt{d_k}$ and $\\begin{cases}x\\end{cases}$.\n\n$$\nS = QK^\\top / \\sqrt{d_k}\n$$\n";
        let out = markdown(text, false, &|_| None);
        assert_eq!(out, "Scale by 1/√d_k and $\\begin{cases}x\\end{cases}$.\n\n\n    S = QKᵀ / √d_k\n");
    }

    #[test]
    fn colour_marks_python() {
        let out = highlight_python("for i in range(3):  # loop", &Style { color: true });
        assert!(out.contains("\x1b[35mfor\x1b[0m") && out.contains("\x1b[2m# loop\x1b[0m"), "{out:?}");
    }
}
