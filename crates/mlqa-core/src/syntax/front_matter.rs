//! Finding an answer's YAML front matter: a `---` line first, then a `---` (or `...`) line.

use crate::text::TextRange;

/// Where an answer's parts are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// The length of a leading byte-order mark (0 or 3).
    pub bom: usize,
    pub front: FrontMatterState,
    /// Where the Markdown body starts.
    pub body_start: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterState {
    /// The file does not start with `---`.
    Missing,
    /// `---` opens it at `open` but no closing line follows.
    Unclosed { open: TextRange },
    /// The YAML between the two delimiter lines.
    Present { content: TextRange },
}

pub fn split(text: &str) -> Split {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = Lines { text, pos: bom };
    let missing = Split { bom, front: FrontMatterState::Missing, body_start: bom };
    let Some(first) = lines.next() else {
        return missing;
    };
    if text[first.start..first.end].trim_end() != "---" {
        return missing;
    }
    let content_start = lines.pos;
    while let Some(line) = lines.next() {
        let l = text[line.start..line.end].trim_end();
        if l == "---" || l == "..." {
            return Split {
                bom,
                front: FrontMatterState::Present { content: TextRange::new(content_start, line.start) },
                body_start: lines.pos,
            };
        }
    }
    Split { bom, front: FrontMatterState::Unclosed { open: first }, body_start: bom }
}

/// Lines of `text` from `pos`, each without its line ending.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Lines<'_> {
    type Item = TextRange;
    fn next(&mut self) -> Option<TextRange> {
        if self.pos >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.pos..];
        let (len, next) = match rest.find('\n') {
            Some(n) => (n, n + 1),
            None => (rest.len(), rest.len()),
        };
        let line = &rest[..len];
        let line = line.strip_suffix('\r').unwrap_or(line);
        let range = TextRange::new(self.pos, self.pos + line.len());
        self.pos += next;
        Some(range)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_front_matter_with_crlf_and_bom() {
        let text = "\u{feff}---\r\nid: x\r\n---\r\n# Title\r\n";
        let s = split(text);
        assert_eq!(s.bom, 3);
        let FrontMatterState::Present { content } = s.front else { panic!("{s:?}") };
        assert_eq!(&text[content.start..content.end], "id: x\r\n");
        assert_eq!(&text[s.body_start..], "# Title\r\n");
    }

    #[test]
    fn missing_and_unclosed() {
        assert_eq!(split("# Title\n").front, FrontMatterState::Missing);
        assert_eq!(split("").front, FrontMatterState::Missing);
        assert!(matches!(split("---\nid: x\n# Title\n").front, FrontMatterState::Unclosed { .. }));
    }
}
