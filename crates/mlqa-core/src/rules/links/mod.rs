//! Links, ids and resources that resolve.

use crate::document::Item;
use crate::text::TextRange;

pub mod broken_anchor;
pub mod broken_link;
pub mod duplicate_alias;
pub mod duplicate_reference;
pub mod invalid_url;
pub mod link_escapes_kb;
pub mod malformed_link;
pub mod missing_image;
pub mod self_link;
pub mod unknown_related;
pub mod unknown_resource;
pub mod unknown_term_answer;
pub mod unknown_topic;

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

#[cfg(test)]
mod tests {
    use super::*;

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
