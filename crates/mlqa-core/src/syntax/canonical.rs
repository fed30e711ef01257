//! Front matter and the spec in their canonical forms, read without a YAML parser.
//!
//! Every answer's front matter is six lines of `key: value` or `key: [a, b]` with kebab-case
//! values: the form `mlqa new` writes. Read by serde-saphyr it costs about 20 µs, a third of a
//! 10,000-answer check; the spec of a 10,000-question KB (1.6 MB of `- id:` / `question: "..."`
//! / `covers: ['...']` entries) costs 0.13 s more. This reader takes those forms, and nothing
//! else, in a single pass.
//! Anything outside it (a comment, quotes, a block list, a tab, a repeated or unknown key, a
//! value YAML could read as something other than a string) makes it answer `None`, and the
//! caller reads the text with serde-saphyr as before, so the subset decides speed, never
//! meaning. Tests hold it to serde-saphyr's values and ranges on canonical inputs, on random
//! mutations of them (whatever this reader accepts, serde-saphyr reads the same), and on every
//! answer of the shipped and synthetic KBs.

use crate::model::{Category, Difficulty, FrontMatter, Id, KeyPoint, Question, Spanned, Spec, Tag, Text, is_kebab};
use crate::text::TextRange;

/// Reads `yaml` (a front matter's content, between its `---` lines) when it is canonical;
/// ranges are relative to `yaml`, as serde-saphyr gives them.
pub fn front_matter(yaml: &str) -> Option<FrontMatter> {
    if has_unusual_characters(yaml) {
        return None;
    }
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

/// Whether `yaml` holds a character this reader leaves to serde-saphyr: a line break other than
/// `\n` (a carriage return breaks a line even inside a comment; NEL, LS and PS did in YAML
/// 1.1), a tab, or a character YAML does not allow anywhere (controls, a byte-order mark, the
/// non-characters).
fn has_unusual_characters(yaml: &str) -> bool {
    let plain_ascii = |b: &u8| b.is_ascii_graphic() || *b == b' ' || *b == b'\n';
    !yaml.as_bytes().iter().all(plain_ascii)
        && yaml.chars().any(|c| {
            (c.is_control() && c != '\n') || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
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

/// Reads `yaml` (all of `spec.yaml`) when it is in the canonical layout: `title:`, then
/// `categories:` with items `  - id:` (keys at four spaces: `title`, `questions`), each question
/// an item `      - id:` (keys at eight spaces: `question`, `covers: ['...', ...]`, `key_points:`
/// with items `          - name:` and keys at twelve spaces: `name`, `match`); full-line
/// comments and blank lines anywhere. Strings are kebab-case words, or quoted on one line
/// without escapes (`"..."` without `\`, `'...'` with `''`); ranges are serde-saphyr's (quotes
/// included; a question's range is empty, at its first key).
pub fn spec(yaml: &str) -> Option<Spec> {
    if has_unusual_characters(yaml) {
        return None;
    }
    let mut title = None;
    let mut seen_categories = false;
    let mut categories: Vec<Category> = Vec::new();
    // The category and question being read, as their optional fields.
    let mut category: Option<CategoryParts> = None;
    let mut question: Option<QuestionParts> = None;
    let mut at = 0;
    for line in yaml.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.strip_suffix('\n').unwrap_or(line);
        let trimmed = body.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = body.len() - trimmed.len();
        // `- key: value` opens an item; its key sits two columns right of the dash.
        let (item, key_indent, pair) = match trimmed.strip_prefix("- ") {
            Some(rest) => (true, indent + 2, rest),
            None => (false, indent, trimmed),
        };
        let key_at = start + key_indent;
        let (key, rest) = pair.split_once(':')?;
        let value_at = key_at + key.len() + 1;
        let (value, value_at) = match rest {
            "" => ("", value_at),
            _ => (rest.strip_prefix(' ')?, value_at + 1),
        };
        match (item, key_indent, key) {
            (false, 0, "title") => set(&mut title, text(value, value_at)?)?,
            (false, 0, "categories") if value.trim_end_matches(' ').is_empty() && !seen_categories => {
                seen_categories = true;
            }
            (true, 4, _) if seen_categories => {
                close_question(&mut category, &mut question)?;
                if let Some(done) = category.take() {
                    categories.push(done.finish()?);
                }
                let mut parts = CategoryParts::default();
                parts.set(key, value, value_at)?;
                category = Some(parts);
            }
            (false, 4, _) => category.as_mut()?.set(key, value, value_at)?,
            (true, 8, _) if category.as_ref()?.in_questions => {
                close_question(&mut category, &mut question)?;
                let mut parts = QuestionParts { start: key_at, ..QuestionParts::default() };
                parts.set(key, value, value_at)?;
                question = Some(parts);
            }
            (false, 8, _) => question.as_mut()?.set(key, value, value_at)?,
            (true, 12, _) => question.as_mut()?.open_point(key, value, value_at)?,
            (false, 12, _) => question.as_mut()?.point.as_mut()?.set(key, value, value_at)?,
            _ => return None,
        }
    }
    close_question(&mut category, &mut question)?;
    categories.push(category?.finish()?);
    Some(Spec { title: title?, categories })
}

#[derive(Default)]
struct CategoryParts {
    id: Option<Spanned<Text>>,
    title: Option<Spanned<Text>>,
    in_questions: bool,
    questions: Vec<Spanned<Question>>,
}

impl CategoryParts {
    fn set(&mut self, key: &str, value: &str, at: usize) -> Option<()> {
        match key {
            "id" => set(&mut self.id, scalar(value, at)?),
            "title" => set(&mut self.title, text(value, at)?),
            "questions" if value.trim_end_matches(' ').is_empty() && !self.in_questions => {
                self.in_questions = true;
                Some(())
            }
            _ => None,
        }
    }

    fn finish(self) -> Option<Category> {
        // `questions:` with no item is null, not an empty list: serde-saphyr decides that.
        (self.in_questions && !self.questions.is_empty()).then_some(())?;
        Some(Category { id: self.id?, title: self.title?, questions: self.questions })
    }
}

#[derive(Default)]
struct QuestionParts {
    start: usize,
    id: Option<Spanned<Text>>,
    question: Option<Spanned<Text>>,
    covers: Option<Vec<Spanned<Text>>>,
    /// `key_points:` (a block list of `- name:` / `match:` mappings, keys at twelve spaces).
    key_points: Option<Vec<KeyPoint>>,
    /// Whether the last key opened `key_points`, so its items may follow.
    in_key_points: bool,
    /// The key point being read.
    point: Option<PointParts>,
}

impl QuestionParts {
    fn set(&mut self, key: &str, value: &str, at: usize) -> Option<()> {
        self.close_point()?;
        self.in_key_points = false;
        match key {
            "id" => set(&mut self.id, scalar(value, at)?),
            "question" => set(&mut self.question, text(value, at)?),
            "covers" => set(&mut self.covers, quoted_list(value, at)?),
            "key_points" if value.trim_end_matches(' ').is_empty() => {
                self.in_key_points = true;
                set(&mut self.key_points, Vec::new())
            }
            _ => None,
        }
    }

    /// A `- key: value` line at twelve spaces: the next key point.
    fn open_point(&mut self, key: &str, value: &str, at: usize) -> Option<()> {
        self.in_key_points.then_some(())?;
        self.close_point()?;
        let mut point = PointParts::default();
        point.set(key, value, at)?;
        self.point = Some(point);
        Some(())
    }

    fn close_point(&mut self) -> Option<()> {
        if let Some(point) = self.point.take() {
            self.key_points.as_mut()?.push(KeyPoint { name: point.name?, pattern: point.pattern? });
        }
        Some(())
    }

    fn finish(mut self) -> Option<Question> {
        self.close_point()?;
        // `key_points:` with no item is null, not an empty list: serde-saphyr decides that.
        if self.key_points.as_ref().is_some_and(Vec::is_empty) {
            return None;
        }
        Some(Question {
            id: self.id?,
            question: self.question?,
            key_points: self.key_points.unwrap_or_default(),
            covers: self.covers.unwrap_or_default(),
        })
    }
}

#[derive(Default)]
struct PointParts {
    name: Option<Spanned<Text>>,
    pattern: Option<Spanned<Text>>,
}

impl PointParts {
    fn set(&mut self, key: &str, value: &str, at: usize) -> Option<()> {
        match key {
            "name" => set(&mut self.name, text(value, at)?),
            "match" => set(&mut self.pattern, text(value, at)?),
            _ => None,
        }
    }
}

/// Ends the question being read, into its category's list.
fn close_question(category: &mut Option<CategoryParts>, question: &mut Option<QuestionParts>) -> Option<()> {
    if let Some(q) = question.take() {
        let range = TextRange::empty(q.start);
        let value = q.finish()?;
        category.as_mut()?.questions.push(Spanned { value, range });
    }
    Some(())
}

/// A string value: one quoted string, or plain words (`ML Q&A`), then only spaces.
fn text(value: &str, at: usize) -> Option<Spanned<Text>> {
    let value = value.trim_end_matches(' ');
    if value.starts_with(['"', '\'']) {
        let (quoted, len) = quoted(value)?;
        return (len == value.len()).then(|| Spanned { value: Text(quoted), range: TextRange::new(at, at + len) });
    }
    is_plain_phrase(value)
        .then(|| Spanned { value: Text(value.to_owned()), range: TextRange::new(at, at + value.len()) })
}

/// Plain words that YAML reads as this very string: a letter first (no indicator, no number),
/// then letters, digits, single spaces and `&._-` (no `:`, `#`, quote or bracket), and not a
/// word YAML reads as a boolean or null.
fn is_plain_phrase(s: &str) -> bool {
    const RESERVED: &[&str] = &["true", "false", "null", "yes", "no", "on", "off", "y", "n"];
    s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b" &._-".contains(&b))
        && !s.contains("  ")
        && !RESERVED.iter().any(|r| r.eq_ignore_ascii_case(s))
}

/// `['...', "...", ...]` on one line: quoted items only (a plain item in a flow list has rules
/// of its own), `[]` empty.
fn quoted_list(value: &str, at: usize) -> Option<Vec<Spanned<Text>>> {
    let inner = value.trim_end_matches(' ').strip_prefix('[')?.strip_suffix(']')?;
    let mut items = Vec::new();
    let mut i = 0;
    let bytes = inner.as_bytes();
    let skip_spaces = |mut i: usize| {
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        i
    };
    i = skip_spaces(i);
    if i == inner.len() {
        return Some(items);
    }
    loop {
        let (text, len) = quoted(&inner[i..])?;
        let start = at + 1 + i;
        items.push(Spanned { value: Text(text), range: TextRange::new(start, start + len) });
        i = skip_spaces(i + len);
        match bytes.get(i) {
            None => return Some(items),
            Some(b',') => i = skip_spaces(i + 1),
            Some(_) => return None,
        }
        if i == inner.len() {
            return None;
        }
    }
}

/// The quoted string at the start of `s` (its first byte is the quote): its value and its
/// length with the quotes. `"..."` without a backslash is its content; `'...'` turns `''` into
/// `'`. A control character, a byte-order mark or a missing closing quote: not canonical.
fn quoted(s: &str) -> Option<(String, usize)> {
    let quote = match s.as_bytes().first() {
        Some(b'"') => '"',
        Some(b'\'') => '\'',
        _ => return None,
    };
    let body = &s[1..];
    let end = match quote {
        '"' => body.find('"')?,
        '\'' => {
            let mut from = 0;
            loop {
                let i = from + body[from..].find('\'')?;
                if body[i + 1..].starts_with('\'') {
                    from = i + 2;
                } else {
                    break i;
                }
            }
        }
        _ => return None,
    };
    let content = &body[..end];
    if content.chars().any(|c| c.is_control() || c == '\u{feff}') || (quote == '"' && content.contains('\\')) {
        return None;
    }
    let value = if quote == '\'' { content.replace("''", "'") } else { content.to_owned() };
    Some((value, end + 2))
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
