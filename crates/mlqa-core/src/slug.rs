//! Heading anchors, following GitHub's slug rules so that an anchor that works here works there.

use foldhash::HashMap;

/// GitHub's slug of a heading's text: lowercase; letters, digits, marks, `-`, `_` and spaces
/// kept; everything else dropped; each space becomes `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_ascii() {
            match c {
                ' ' => slug.push('-'),
                '-' | '_' => slug.push(c),
                _ if c.is_ascii_alphanumeric() => slug.push(c.to_ascii_lowercase()),
                _ => {}
            }
        } else if c.is_alphanumeric() || is_mark(c) {
            slug.extend(c.to_lowercase());
        }
    }
    slug
}

/// Combining marks (kept by GitHub, e.g. in Devanagari or decomposed accents).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Assigns unique anchors to a document's headings in order: repeats get `-1`, `-2`, ...
#[derive(Debug, Default)]
pub struct Slugger {
    seen: HashMap<String, usize>,
}

impl Slugger {
    pub fn anchor(&mut self, text: &str) -> String {
        let base = slugify(text);
        if !self.seen.contains_key(&base) {
            // The common case: a heading's first use of its slug.
            self.seen.insert(base.clone(), 0);
            return base;
        }
        let mut candidate = base.clone();
        while self.seen.contains_key(&candidate) {
            let count = self.seen.entry(base.clone()).or_insert(0);
            *count += 1;
            candidate = format!("{base}-{count}");
        }
        self.seen.insert(candidate.clone(), 0);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_slugs() {
        assert_eq!(slugify("Short answer"), "short-answer");
        assert_eq!(slugify("Follow-ups"), "follow-ups");
        assert_eq!(slugify("Why divide by √dₖ?"), "why-divide-by-dₖ");
        assert_eq!(slugify("L1 vs. L2 (sparsity)"), "l1-vs-l2-sparsity");
        assert_eq!(slugify("FP16 & BF16"), "fp16--bf16");
        assert_eq!(slugify("snake_case stays"), "snake_case-stays");
    }

    #[test]
    fn repeats_are_numbered() {
        let mut s = Slugger::default();
        assert_eq!(s.anchor("Example"), "example");
        assert_eq!(s.anchor("Example"), "example-1");
        assert_eq!(s.anchor("Example"), "example-2");
        assert_eq!(s.anchor("Example 1"), "example-1-1");
    }
}
