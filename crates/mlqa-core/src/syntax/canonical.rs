//! The front matter in its canonical form, read without a YAML parser.
//!
//! Every answer's front matter is six lines of `key: value` or `key: [a, b]` with kebab-case
//! values: the form `mlqa new` writes. Read by serde-saphyr it costs about 20 µs, a third of a
//! 10,000-answer check; this reader takes that one form, and nothing else, in a single pass.
//! Anything outside it (a comment, quotes, a block list, a tab, a repeated or unknown key, a
//! value YAML could read as something other than a string) makes it answer `None`, and the
//! caller reads the text with serde-saphyr as before, so the subset decides speed, never
//! meaning. Tests hold it to serde-saphyr's values and ranges on canonical inputs, on random
//! mutations of them (whatever this reader accepts, serde-saphyr reads the same), and on every
//! answer of the shipped and synthetic KBs.

use crate::model::{Difficulty, FrontMatter, Id, Spanned, Tag, Text, is_kebab};
use crate::text::TextRange;

/// Reads `yaml` (a front matter's content, between its `---` lines) when it is canonical;
/// ranges are relative to `yaml`, as serde-saphyr gives them.
pub fn front_matter(yaml: &str) -> Option<FrontMatter> {
    let mut id = None;
    let mut category = None;
    let mut difficulty = None;
    let (mut tags, mut related, mut resources) = (None, None, None);
    let mut at = 0;
    for line in yaml.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.strip_suffix('\n').unwrap_or(line);
        if body.bytes().all(|b| b == b' ') {
            continue;
        }
        let (key, rest) = body.split_once(':')?;
        // `key:value` is one plain scalar in YAML, not a pair.
        let value_at = start + key.len() + 1;
        let value = rest.strip_prefix(' ')?;
        let value_at = value_at + 1;
        match key {
            "id" => set(&mut id, scalar(value, value_at)?)?,
            "category" => set(&mut category, scalar(value, value_at)?)?,
            "difficulty" => {
                let s = scalar(value, value_at)?;
                let d = Difficulty::ALL.into_iter().find(|d| d.name() == s.value.0)?;
                set(&mut difficulty, Spanned { value: d, range: s.range })?;
            }
            "tags" => set(&mut tags, list(value, value_at)?.into_iter().map(|s| s.map(Tag)).collect())?,
            "related" => set(&mut related, list(value, value_at)?.into_iter().map(|s| s.map(Id)).collect())?,
            "resources" => set(&mut resources, list(value, value_at)?.into_iter().map(|s| s.map(Id)).collect())?,
            _ => return None,
        }
    }
    Some(FrontMatter {
        id: id?,
        category: category?,
        difficulty: difficulty?,
        tags: tags.unwrap_or_default(),
        related: related.unwrap_or_default(),
        resources: resources.unwrap_or_default(),
    })
}

/// Fills `slot` once: a repeated key is not canonical.
fn set<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    slot.is_none().then(|| *slot = Some(value))
}

/// A kebab-case plain scalar that YAML reads as that string, with trailing spaces allowed.
fn scalar(value: &str, at: usize) -> Option<Spanned<Text>> {
    let word = value.trim_end_matches(' ');
    is_plain_string(word).then(|| Spanned { value: Text(word.to_owned()), range: TextRange::new(at, at + word.len()) })
}

/// `[a, b, c]` on one line (spaces around items and commas allowed, `[]` empty).
fn list(value: &str, at: usize) -> Option<Vec<Spanned<Text>>> {
    let inner = value.trim_end_matches(' ').strip_prefix('[')?.strip_suffix(']')?;
    let at = at + 1;
    if inner.bytes().all(|b| b == b' ') {
        return Some(Vec::new());
    }
    let mut items = Vec::new();
    let mut offset = 0;
    for part in inner.split(',') {
        let lead = part.len() - part.trim_start_matches(' ').len();
        let word = part.trim_matches(' ');
        // `[a, ]` and `[, a]`: YAML's rules for empty entries are not this reader's business.
        if !is_plain_string(word) {
            return None;
        }
        let start = at + offset + lead;
        items.push(Spanned { value: Text(word.to_owned()), range: TextRange::new(start, start + word.len()) });
        offset += part.len() + 1;
    }
    Some(items)
}

/// A kebab-case word that YAML resolves to a string: not a word YAML 1.1 or 1.2 reads as a
/// boolean or null, and, when it starts with a digit, holding a letter no number or date
/// written in `[0-9a-z-]` can hold (those use digits, `-`, and `e`, `o`, `x`, `b`, `a`-`f`):
/// `3d-parallelism` is a string, `1e-3`, `0x1f` and `2024-01-02` are left to serde-saphyr.
fn is_plain_string(word: &str) -> bool {
    const RESERVED: &[&str] = &["true", "false", "null", "yes", "no", "on", "off", "y", "n"];
    let numeric_looking = word.starts_with(|c: char| c.is_ascii_digit())
        && !word.bytes().any(|b| matches!(b, b'g'..=b'n' | b'p'..=b'w' | b'y' | b'z'));
    is_kebab(word) && !numeric_looking && !RESERVED.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::{Budget, parse_typed};

    fn both(yaml: &str) -> (Option<String>, Option<String>) {
        let fast = front_matter(yaml).map(|f| format!("{f:?}"));
        let slow = parse_typed::<FrontMatter>(yaml, TextRange::new(0, yaml.len()), Budget::FrontMatter)
            .map(|f| format!("{f:?}"));
        (fast, slow)
    }

    #[test]
    fn the_canonical_form_reads_as_serde_saphyr_reads_it() {
        let yaml = "id: l1-vs-l2\ncategory: fundamentals\ndifficulty: core\ntags: [regularization, sparsity]\nrelated: [ridge-vs-lasso , bias-variance]\nresources: []\n";
        let (fast, slow) = both(yaml);
        assert!(fast.is_some());
        assert_eq!(fast, slow);
        // Keys in any order, blank lines, lists absent, trailing spaces.
        let yaml = "\ncategory: a  \n\nid: b\ndifficulty: advanced\nrelated: [ c ]  \n";
        let (fast, slow) = both(yaml);
        assert!(fast.is_some());
        assert_eq!(fast, slow);
    }

    #[test]
    fn anything_else_is_left_to_serde_saphyr() {
        for yaml in [
            "id: a # note\ncategory: b\ndifficulty: core\n",
            "id: 'a'\ncategory: b\ndifficulty: core\n",
            "id: a\ncategory: b\ndifficulty: core\ntags:\n  - x\n",
            "id: a\nid: a\ncategory: b\ndifficulty: core\n",
            "id: a\ncategory: b\ndifficulty: core\nextra: c\n",
            "id: 1e3\ncategory: b\ndifficulty: core\n",
            "id: a\ncategory: b\ndifficulty: core\ntags: [yes, no]\n",
            "id: a\ncategory: b\ndifficulty: hard\n",
            "id: a\ncategory: b\n",
            "id:a\ncategory: b\ndifficulty: core\n",
            "id: a\r\ncategory: b\r\ndifficulty: core\r\n",
            "id: a\ncategory: b\ndifficulty: core\ntags: [a,, b]\n",
            " id: a\ncategory: b\ndifficulty: core\n",
            "id: a\ncategory: b\ndifficulty: core\ntags: [a]]\n",
        ] {
            assert_eq!(front_matter(yaml).map(|f| format!("{f:?}")), None, "{yaml}");
        }
    }
}
