//! Byte ranges into a file's text, and line/column conversion.

use serde::Serialize;

/// A half-open byte range `start..end` into a file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct TextRange {
    pub start: usize,
    pub end: usize,
}

impl TextRange {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    pub const fn empty(at: usize) -> Self {
        Self { start: at, end: at }
    }
    pub const fn len(self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }
    pub const fn shift(self, by: usize) -> Self {
        Self { start: self.start + by, end: self.end + by }
    }
    pub const fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    /// Whether `offset` lies inside or at the end of the range (for cursor positions).
    pub const fn touches(self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }
    pub fn cover(self, other: Self) -> Self {
        Self { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

impl From<std::ops::Range<usize>> for TextRange {
    fn from(r: std::ops::Range<usize>) -> Self {
        Self::new(r.start, r.end)
    }
}

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// The start offset of every line of a text, for offset <-> line/column conversion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self { line_starts, len: text.len() }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line that holds `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// The byte range of 0-based `line`, without its line ending.
    pub fn line_range(&self, line: usize, text: &str) -> TextRange {
        let start = self.line_starts.get(line).copied().unwrap_or(self.len);
        let mut end = self.line_starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        TextRange::new(start, end)
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(self.len)
    }

    /// The 1-based line and character column of `offset` in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = text.get(start..offset).map_or(0, |s| s.chars().count());
        LineCol { line: line as u32 + 1, column: column as u32 + 1 }
    }

    /// The byte offset of a 1-based line and character column (clamped to the line).
    pub fn offset(&self, text: &str, at: LineCol) -> usize {
        let line = (at.line.max(1) - 1) as usize;
        let range = self.line_range(line.min(self.line_count() - 1), text);
        let mut offset = range.start;
        for (n, (i, _)) in text[range.start..range.end].char_indices().enumerate() {
            if n + 1 == at.column.max(1) as usize {
                return range.start + i;
            }
            offset = range.end;
        }
        offset
    }
}

/// How many words `text` has: `text.split_whitespace().count()`, on bytes. Every Unicode white
/// space outside ASCII starts with one of four bytes (U+0085 and U+00A0: 0xC2; U+1680: 0xE1;
/// U+2000 to U+205F: 0xE2; U+3000: 0xE3), so a text without them (nearly all prose) is counted
/// by comparing neighbouring bytes, which the compiler vectorises; only a text with them is
/// decoded.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    // memchr's vector search for the lead bytes, then zipped slices the compiler vectorises.
    if memchr::memchr3(0xC2, 0xE1, 0xE2, bytes).is_some() || memchr::memchr(0xE3, bytes).is_some() {
        return text.split_whitespace().count();
    }
    let Some(&first) = bytes.first() else { return 0 };
    // A word starts at a byte that is not white space after one that is.
    let starts: usize = bytes
        .chunks(1 << 16)
        .zip(bytes.chunks(1 << 16).skip(1).map(Some).chain([None]))
        .map(|(chunk, next)| {
            let inner: u32 =
                chunk.iter().zip(&chunk[1..]).map(|(&a, &b)| u32::from(is_ascii_space(a) & !is_ascii_space(b))).sum();
            let across = next.map_or(0, |n| u32::from(is_ascii_space(chunk[chunk.len() - 1]) & !is_ascii_space(n[0])));
            (inner + across) as usize
        })
        .sum();
    starts + usize::from(!is_ascii_space(first))
}

/// `char::is_whitespace` on ASCII: \t, \n, \x0b, \x0c, \r and the space.
fn is_ascii_space(b: u8) -> bool {
    b == b' ' || b.wrapping_sub(b'\t') < 5
}

/// The largest char boundary at or before `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ab\n√dₖ x\r\nlast";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), LineCol { line: 2, column: 5 });
        assert_eq!(index.line_col(text, text.len()), LineCol { line: 3, column: 5 });
        assert_eq!(index.offset(text, LineCol { line: 2, column: 5 }), x);
        assert_eq!(index.line_range(1, text), TextRange::new(3, text.find('\r').unwrap()));
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            " ",
            "one",
            " two  words ",
            "tab\tand\nnewline\x0bvt\x0cff\r\ncr",
            "no\u{a0}break\u{2003}em\u{3000}ideographic",
            "√ x ₖ\u{85}next",
            "zero\u{200b}width is not white space",
            "\u{feff}bom",
            "\u{1680}ogham\u{2028}line\u{2029}para\u{202f}narrow\u{205f}math",
            "é£\u{e9}\u{10348}\u{2060}joiner \u{e000}",
            &"word ".repeat(13),
            &"a b\tc  ".repeat(40),
            &format!("{}x y", " ".repeat(63)),
            &format!("{}x y", "z".repeat(64)),
            &format!("{}\u{3000}x", "a ".repeat(40)),
            &format!("{}\u{a0}x\u{85}", "a ".repeat(32)),
            // Across the 64 KiB blocks the count is summed in.
            &"a ".repeat(40_000),
            &format!("{}x", " ".repeat(65_536)),
            &format!("{} y", "x".repeat(65_535)),
            &format!("{}y", "x".repeat(65_536)),
        ] {
            assert_eq!(count_words(text), text.split_whitespace().count(), "{text:?}");
        }
    }

    #[test]
    fn offsets_inside_a_character_are_floored() {
        let text = "√x";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 1), LineCol { line: 1, column: 1 });
    }
}
