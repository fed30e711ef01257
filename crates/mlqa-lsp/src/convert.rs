//! Between LSP and the core: positions (UTF-8 or UTF-16 code units, as negotiated) and byte
//! offsets; `file://` URIs and paths relative to the KB root.

use std::path::{Path, PathBuf};

use mlqa_core::TextRange;
use mlqa_core::document::Source;
use tower_lsp_server::ls_types::{Position, Range, Uri};

/// The position encoding agreed with the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

/// The LSP position of a byte offset.
pub fn position(source: &Source, offset: usize, encoding: Encoding) -> Position {
    let text = &source.text;
    let offset = mlqa_core::text::floor_char_boundary(text, offset);
    let line = source.lines().line_of(offset);
    let start = source.lines().line_start(line);
    let prefix = &text[start..offset];
    let character = match encoding {
        Encoding::Utf8 => prefix.len(),
        Encoding::Utf16 => prefix.encode_utf16().count(),
    };
    Position { line: line as u32, character: character as u32 }
}

pub fn range(source: &Source, range: TextRange, encoding: Encoding) -> Range {
    Range { start: position(source, range.start, encoding), end: position(source, range.end, encoding) }
}

/// The byte offset of an LSP position. Positions past the end of a line clamp to its end, and
/// past the last line to the end of the text, as the specification asks; a position inside a
/// character moves to its start.
pub fn offset(source: &Source, pos: Position, encoding: Encoding) -> usize {
    let text = &source.text;
    let line = pos.line as usize;
    if line >= source.lines().line_count() {
        return text.len();
    }
    let span = source.lines().line_range(line, text);
    let target = pos.character as usize;
    let mut units = 0usize;
    for (i, c) in text[span.start..span.end].char_indices() {
        let len = match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
        if units >= target || units + len > target {
            return span.start + i;
        }
        units += len;
    }
    span.end
}

/// The byte offset of an LSP position in a plain text (for applying edits before parsing).
pub fn offset_in(text: &str, pos: Position, encoding: Encoding) -> usize {
    let source = Source::new("", text);
    offset(&source, pos, encoding)
}

/// The KB-relative path of a `file://` URI, if it is inside `root`.
pub fn kb_path(root: &Path, uri: &Uri) -> Option<String> {
    let path = uri.to_file_path()?;
    let rel = path.strip_prefix(root).ok()?;
    let rel = rel.to_str()?.replace('\\', "/");
    (!rel.is_empty()).then_some(rel)
}

pub fn uri(root: &Path, rel: &str) -> Option<Uri> {
    Uri::from_file_path(root.join(rel))
}

pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_positions_round_trip_on_non_ascii_text() {
        let source = Source::new("a.md", "# √dₖ 中文 😀 x\nnext");
        let x = source.text.find('x').unwrap();
        let p16 = position(&source, x, Encoding::Utf16);
        assert_eq!(p16, Position { line: 0, character: 12 }, "the emoji is two UTF-16 units");
        assert_eq!(offset(&source, p16, Encoding::Utf16), x);
        let p8 = position(&source, x, Encoding::Utf8);
        assert_eq!(p8.character as usize, x);
        assert_eq!(offset(&source, p8, Encoding::Utf8), x);
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let source = Source::new("a.md", "ab\ncd");
        assert_eq!(offset(&source, Position { line: 0, character: 99 }, Encoding::Utf16), 2);
        assert_eq!(offset(&source, Position { line: 9, character: 0 }, Encoding::Utf16), 5);
        // Inside the surrogate pair of an emoji: its start.
        let source = Source::new("a.md", "😀z");
        assert_eq!(offset(&source, Position { line: 0, character: 1 }, Encoding::Utf16), 0);
    }
}
