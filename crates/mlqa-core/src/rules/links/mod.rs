//! Links, ids and resources that resolve.

use crate::document::Item;
use crate::text::TextRange;

pub mod broken_anchor;
pub mod broken_link;
pub mod duplicate_reference;
pub mod invalid_url;
pub mod link_escapes_kb;
pub mod malformed_link;
pub mod missing_image;
pub mod self_link;
pub mod unknown_related;
pub mod unknown_resource;
pub mod unknown_topic;

/// What a link destination is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// `#anchor` in the same file.
    Fragment(&'a str),
    /// A relative path, with its `#fragment` if any.
    Path { path: &'a str, fragment: Option<&'a str> },
    /// Anything with a scheme (`https:`, `javascript:`), or protocol-relative (`//host`).
    Url { scheme: &'a str },
}

pub fn classify(dest: &str) -> Target<'_> {
    if let Some(fragment) = dest.strip_prefix('#') {
        return Target::Fragment(fragment);
    }
    if dest.starts_with("//") {
        return Target::Url { scheme: "" };
    }
    let scheme_len = dest.find(':').filter(|&n| {
        n > 0
            && dest[..n]
                .bytes()
                .enumerate()
                .all(|(i, b)| b.is_ascii_alphabetic() || (i > 0 && (b.is_ascii_digit() || b"+-.".contains(&b))))
    });
    // `C:/x` is a Windows drive path, not a URL scheme: `link-escapes-kb` reports it.
    if let Some(n) = scheme_len.filter(|&n| n > 1) {
        return Target::Url { scheme: &dest[..n] };
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    Target::Path { path, fragment }
}

/// The range to delete to remove `items[index]` from a YAML sequence, flow (`[a, b]`) or block.
pub(crate) fn removal_range(text: &str, items: &[Item], index: usize) -> TextRange {
    let item = items[index].range;
    let line_start = text[..item.start].rfind('\n').map_or(0, |n| n + 1);
    let before = text[line_start..item.start].trim();
    if before == "-" {
        let line_end = text[item.end..].find('\n').map_or(text.len(), |n| item.end + n + 1);
        return TextRange::new(line_start, line_end);
    }
    if index > 0 {
        TextRange::new(items[index - 1].range.end, item.end)
    } else if let Some(next) = items.get(1) {
        TextRange::new(item.start, next.range.start)
    } else {
        item
    }
}

/// A relative path from the folder of `from` to `to` (both relative to the KB root).
pub fn relative_path(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut out: Vec<&str> = vec![".."; from_dir.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_classified() {
        assert_eq!(classify("#pitfalls"), Target::Fragment("pitfalls"));
        assert_eq!(classify("../a/b.md#x"), Target::Path { path: "../a/b.md", fragment: Some("x") });
        assert_eq!(classify("b.md"), Target::Path { path: "b.md", fragment: None });
        assert_eq!(classify("https://x.org/a"), Target::Url { scheme: "https" });
        assert_eq!(classify("javascript:alert(1)"), Target::Url { scheme: "javascript" });
        assert_eq!(classify("//evil.example"), Target::Url { scheme: "" });
        assert_eq!(classify("C:/Windows/win.ini"), Target::Path { path: "C:/Windows/win.ini", fragment: None });
    }

    #[test]
    fn relative_paths() {
        assert_eq!(relative_path("a/b.md", "c/d.md"), "../c/d.md");
        assert_eq!(relative_path("a/b.md", "a/d.md"), "d.md");
    }

    #[test]
    fn removal_of_flow_and_block_items() {
        let text = "related: [a, b, c]\n";
        let item = |s: &str| {
            let start = text.find(&format!("{s},")).or_else(|| text.find(&format!("{s}]"))).unwrap();
            Item { value: s.into(), range: TextRange::new(start, start + s.len()) }
        };
        let items = [item("a"), item("b"), item("c")];
        let cut = |i| {
            let r = removal_range(text, &items, i);
            format!("{}{}", &text[..r.start], &text[r.end..])
        };
        assert_eq!(cut(0), "related: [b, c]\n");
        assert_eq!(cut(1), "related: [a, c]\n");
        assert_eq!(cut(2), "related: [a, b]\n");
        let block = "related:\n  - a\n  - b\n";
        let items = [
            Item { value: "a".into(), range: TextRange::new(13, 14) },
            Item { value: "b".into(), range: TextRange::new(19, 20) },
        ];
        let r = removal_range(block, &items, 1);
        assert_eq!(format!("{}{}", &block[..r.start], &block[r.end..]), "related:\n  - a\n");
    }
}
