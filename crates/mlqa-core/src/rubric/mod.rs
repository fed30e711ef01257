//! A question's rubric: its named key points, each a [`pattern`] that finds the point in a text.
//!
//! One rubric serves three readers: `uncovered-facet` asks which points an answer of the KB
//! misses ([`Rubric::unmet`], built for speed), `mlqa practice`, the editor and the site ask where
//! each point is met ([`Rubric::grade`]), and `invalid-pattern` asks which patterns are not in the
//! subset ([`Rubric::errors`]). Everything is compiled once, on first use, and kept with the spec:
//! an edit of an answer compiles nothing.
//!
//! Building a regex costs far more than matching a few kilobytes with it, so plain words are
//! matched as lowercase substrings (no regex at all), and the rest as one multi-pattern regex per
//! question without a literal prefilter (a case-insensitive alternation of words expands to
//! literals whose Teddy/Aho-Corasick build costs more than the search it speeds up).

pub mod pattern;

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta::Regex;
use regex_automata::{Input, MatchKind, PatternID, PatternSet};

pub use pattern::{Pattern, PatternError};

use crate::text::TextRange;

/// One point a complete answer makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPoint {
    /// What an interviewer calls it; for a `covers` pattern, the pattern itself.
    pub name: String,
    /// Where the name is in the spec: `None` for a `covers` pattern, which has none.
    pub name_range: Option<TextRange>,
    /// The pattern as written.
    pub pattern: String,
    /// Where the pattern is in the spec (quotes included).
    pub pattern_range: TextRange,
}

impl KeyPoint {
    /// Whether it was read from the deprecated `covers` list.
    pub fn is_from_covers(&self) -> bool {
        self.name_range.is_none()
    }
}

/// How one point fared in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark<'a> {
    pub point: &'a KeyPoint,
    /// Where the text meets it (byte range of the first match), if it does.
    pub found: Option<Range<usize>>,
}

/// A question's key points, compiled on first use.
#[derive(Debug, Clone, Default)]
pub struct Rubric {
    points: Vec<KeyPoint>,
    compiled: OnceLock<Compiled>,
    singles: OnceLock<Vec<Option<regex::Regex>>>,
}

#[derive(Debug, Clone, Default)]
struct Compiled {
    /// Each point's pattern in both spellings, or why it is not in the subset.
    forms: Vec<Result<Pattern, PatternError>>,
    /// Points that are words or a choice of ASCII words (`variance`, `L1|lasso`), as their
    /// lowercased alternatives, with their index: matched as substrings of the lowercased text.
    literals: Vec<(usize, Vec<String>)>,
    /// The other valid points, as one regex.
    regex: Option<Regex>,
    /// For each pattern of `regex`, its point's index.
    index: Vec<usize>,
}

impl Rubric {
    pub fn new(points: Vec<KeyPoint>) -> Self {
        Self { points, compiled: OnceLock::new(), singles: OnceLock::new() }
    }

    pub fn points(&self) -> &[KeyPoint] {
        &self.points
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// Each point's pattern for both engines, or why it has none.
    pub fn forms(&self) -> impl Iterator<Item = (&KeyPoint, Result<&Pattern, &PatternError>)> {
        self.points.iter().zip(&self.compiled().forms).map(|(p, f)| (p, f.as_ref()))
    }

    /// The points whose pattern is not in the subset, with the reason.
    pub fn errors(&self) -> impl Iterator<Item = (&KeyPoint, &PatternError)> {
        self.forms().filter_map(|(p, f)| f.err().map(|e| (p, e)))
    }

    /// The valid points that `text` does not meet, in order.
    pub fn unmet(&self, text: &str) -> Vec<&KeyPoint> {
        let compiled = self.compiled();
        let mut missing: Vec<usize> = Vec::new();
        if !compiled.literals.is_empty() {
            // Case-folded, not flattened: a word between spaces matches across any whitespace.
            let folded = if text.contains(['\u{17F}', '\u{212A}']) { flat(text, true) } else { text.to_lowercase() };
            missing.extend(
                compiled
                    .literals
                    .iter()
                    .filter(|(_, alts)| !alts.iter().any(|a| contains_spaced(&folded, a)))
                    .map(|(i, _)| *i),
            );
        }
        if let Some(regex) = &compiled.regex {
            let text = flat(text, false);
            let mut found = PatternSet::new(regex.pattern_len());
            regex.which_overlapping_matches(&Input::new(&text), &mut found);
            missing.extend(
                compiled
                    .index
                    .iter()
                    .enumerate()
                    .filter(|(pid, _)| !found.contains(PatternID::new_unchecked(*pid)))
                    .map(|(_, &i)| i),
            );
        }
        missing.sort_unstable();
        missing.into_iter().map(|i| &self.points[i]).collect()
    }

    /// Every valid point, with where `text` first meets it.
    pub fn grade(&self, text: &str) -> Vec<Mark<'_>> {
        let flat = Flat::new(text);
        let singles = self.singles.get_or_init(|| {
            self.compiled().forms.iter().map(|f| f.as_ref().ok().and_then(|p| single(&p.rust).ok())).collect()
        });
        self.points
            .iter()
            .zip(singles)
            .filter_map(|(point, re)| {
                re.as_ref().map(|re| Mark { point, found: re.find(&flat.text).map(|m| flat.origin(m.range())) })
            })
            .collect()
    }

    fn compiled(&self) -> &Compiled {
        self.compiled.get_or_init(|| {
            // Words need no parsing: they mean the same in both engines, written as they are.
            let mut forms: Vec<Result<Pattern, PatternError>> = Vec::with_capacity(self.points.len());
            let mut literals = Vec::new();
            let mut others: Vec<usize> = Vec::new();
            for (i, p) in self.points.iter().enumerate() {
                match literal_alternatives(&p.pattern) {
                    Some(alts) => {
                        forms.push(Ok(Pattern { rust: p.pattern.clone(), js: p.pattern.clone() }));
                        literals.push((i, alts));
                    }
                    None => {
                        let form = pattern::translate(&p.pattern);
                        if form.is_ok() {
                            others.push(i);
                        }
                        forms.push(form);
                    }
                }
            }
            let rust: Vec<String> =
                forms.iter().map(|f| f.as_ref().map(|p| p.rust.clone()).unwrap_or_default()).collect();
            let whole = |i: usize| 0..self.points[i].pattern.len();
            // Usually all build together; when not (a pattern too large), find which, one by one.
            let together: Vec<&String> = others.iter().map(|&i| &rust[i]).collect();
            if !others.is_empty() && build(&together).is_err() {
                others.retain(|&i| match build(&[&rust[i]]) {
                    Ok(_) => true,
                    Err(message) => {
                        forms[i] = Err(PatternError { message, span: whole(i) });
                        false
                    }
                });
            }
            let patterns: Vec<&String> = others.iter().map(|&i| &rust[i]).collect();
            let mut regex = if patterns.is_empty() { None } else { build(&patterns).ok() };
            // A pattern that matches an empty text is met by every answer: it checks nothing.
            if let Some(re) = &regex {
                let mut empty = PatternSet::new(re.pattern_len());
                re.which_overlapping_matches(&Input::new(""), &mut empty);
                if !empty.is_empty() {
                    let mut pid = 0;
                    others.retain(|&i| {
                        let matches_empty = empty.contains(PatternID::new_unchecked(pid));
                        pid += 1;
                        if matches_empty {
                            let message = "it matches an empty text, so every answer meets it".to_owned();
                            forms[i] = Err(PatternError { message, span: whole(i) });
                        }
                        !matches_empty
                    });
                    let patterns: Vec<&String> = others.iter().map(|&i| &rust[i]).collect();
                    regex = if patterns.is_empty() { None } else { build(&patterns).ok() };
                }
            }
            Compiled { forms, literals, regex, index: others }
        })
    }
}

/// A text as the patterns see it: each run of ASCII whitespace one space, so that a point is met
/// whether its words are on one line or wrapped (a typed answer is often hard-wrapped). The site
/// does the same (`assets/self-check.js`).
struct Flat {
    text: String,
    /// For each byte of `text`, the offset of the byte it came from.
    from: Vec<usize>,
}

/// Whether `haystack` contains `needle` when each space of `needle` may be any run of ASCII
/// whitespace in `haystack` (what matching the flattened text means), without flattening it.
fn contains_spaced(haystack: &str, needle: &str) -> bool {
    let Some((first, rest)) = needle.split_once(' ') else {
        return haystack.contains(needle);
    };
    let bytes = haystack.as_bytes();
    let mut from = 0;
    while let Some(at) = haystack[from..].find(first) {
        let mut i = from + at + first.len();
        let mut ok = true;
        for word in rest.split(' ') {
            let spaces = bytes[i..].iter().take_while(|&&b| is_space(b)).count();
            if spaces == 0 || !bytes[i + spaces..].starts_with(word.as_bytes()) {
                ok = false;
                break;
            }
            i += spaces + word.len();
        }
        if ok {
            return true;
        }
        from += at + 1;
        while !haystack.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// `text` with each run of ASCII whitespace one space (what [`Flat`] holds, without the offsets),
/// and, if asked, case-folded for the words' substring search: ASCII letters lowercased, and the
/// two letters outside ASCII that a case-insensitive regex matches to ASCII ones (`ſ` and the
/// Kelvin sign) folded to them. Byte by byte: this runs over every answer of a check.
fn flat(text: &str, fold: bool) -> String {
    flatten(text, fold, None)
}

/// The white space the patterns see as one space: ASCII's, vertical tab included (as `\s` in
/// JavaScript's `[\t\n\v\f\r ]`).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// [`flat`], recording in `from` (when given) the original offset of each byte written.
fn flatten(text: &str, fold: bool, mut from: Option<&mut Vec<usize>>) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut in_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let at = i;
        let b = bytes[i];
        i += 1;
        let written = if is_space(b) {
            let first = !in_space;
            in_space = true;
            if first {
                out.push(b' ');
            }
            usize::from(first)
        } else {
            in_space = false;
            if !fold {
                out.push(b);
            } else if b.is_ascii() {
                out.push(b.to_ascii_lowercase());
            } else if bytes[at..].starts_with("\u{212A}".as_bytes()) {
                out.push(b'k');
                i += 2;
            } else if bytes[at..].starts_with("\u{17F}".as_bytes()) {
                out.push(b's');
                i += 1;
            } else {
                out.push(b);
            }
            1
        };
        if let Some(from) = from.as_deref_mut() {
            from.extend(std::iter::repeat_n(at, written));
        }
    }
    // Only ASCII bytes and whole characters were replaced: still UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

impl Flat {
    fn new(original: &str) -> Self {
        let mut from = Vec::with_capacity(original.len());
        let text = flatten(original, false, Some(&mut from));
        Self { text, from }
    }

    /// A range of `text` as a range of the original.
    fn origin(&self, range: Range<usize>) -> Range<usize> {
        let start = self.from.get(range.start).copied().unwrap_or(0);
        let end = if range.end == 0 { start } else { self.from.get(range.end - 1).map_or(start, |&e| e + 1) };
        start..end
    }
}

/// The sentence of `text` around `range`, on one line: from the end of the previous sentence to
/// the end of this one. A line break ends a sentence only before a blank line, a list item, a
/// heading or a table row (a hard-wrapped paragraph is one sentence); a match in a heading gives
/// the heading and the first sentence under it.
pub fn sentence_around(text: &str, range: Range<usize>) -> String {
    let start = sentence_start(text, range.start.min(text.len()));
    let end = sentence_end(text, range.end.min(text.len()).max(start));
    let found = &text[start..end];
    if found.trim_start().starts_with('#') {
        let heading = found.trim_start().trim_start_matches('#').trim();
        let next = text.len() - text[end..].trim_start().len();
        let under = one_line(&text[next..sentence_end(text, next)]);
        return if under.is_empty() { heading.to_owned() } else { format!("{heading}: {under}") };
    }
    one_line(found.trim_start_matches(['-', '*', '+', '>', ' ']))
}

fn one_line(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// The line of `text` that starts at `at`.
fn line_at(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    &rest[..rest.find('\n').unwrap_or(rest.len())]
}

/// Whether a line stands apart: blank, a heading, a list item, a table row or a quote.
fn opens_block(line: &str) -> bool {
    let first = line.trim_start_matches(' ');
    first.trim().is_empty()
        || first.starts_with(['#', '|', '>'])
        || ["- ", "* ", "+ "].iter().any(|m| first.starts_with(m))
        || first.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether the line break at `nl` ends a sentence: the line before it or the one after it stands
/// apart (within a paragraph, a line break is only a wrap).
fn breaks_at(text: &str, nl: usize) -> bool {
    let before = text[..nl].rfind('\n').map_or(0, |i| i + 1);
    opens_block(&text[before..nl]) && !text[before..nl].trim_start().starts_with(['-', '*', '+'])
        || text[before..nl].trim_start().starts_with('#')
        || opens_block(line_at(text, nl + 1))
}

fn sentence_start(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at;
    while i > 0 {
        let c = bytes[i - 1];
        if matches!(c, b' ' | b'\n') && i >= 2 && matches!(bytes[i - 2], b'.' | b'?' | b'!') {
            return i;
        }
        if c == b'\n' && breaks_at(text, i - 1) {
            return i;
        }
        i -= 1;
    }
    0
}

fn sentence_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at;
    while i < bytes.len() {
        let c = bytes[i];
        if matches!(c, b'.' | b'?' | b'!') && bytes.get(i + 1).is_none_or(|n| matches!(n, b' ' | b'\n')) {
            return i + 1;
        }
        if c == b'\n' && breaks_at(text, i) {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

/// `a|b c|d-e`, lowercased, when each alternative is a non-empty run of ASCII characters that
/// match themselves: no regex syntax but `|` between them.
fn literal_alternatives(pattern: &str) -> Option<Vec<String>> {
    let is_meta = |c: char| {
        !c.is_ascii() || matches!(c, '\\' | '.' | '+' | '*' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '^' | '$')
    };
    pattern.split('|').map(|alt| (!alt.is_empty() && !alt.contains(is_meta)).then(|| alt.to_lowercase())).collect()
}

fn build<S: AsRef<str>>(patterns: &[S]) -> Result<Regex, String> {
    let config =
        Regex::config().match_kind(MatchKind::All).auto_prefilter(false).nfa_size_limit(Some(patterns.len() << 20));
    Regex::builder()
        .configure(config)
        .syntax(regex_automata::util::syntax::Config::new().case_insensitive(true))
        .build_many(patterns)
        .map_err(|e| {
            // A syntax error's last line says what is wrong ("error: unclosed group").
            let why = e.syntax_error().map_or_else(|| e.to_string(), ToString::to_string);
            why.lines().last().unwrap_or("invalid").trim().to_owned()
        })
}

fn single(rust: &str) -> Result<regex::Regex, regex::Error> {
    regex::RegexBuilder::new(rust).case_insensitive(true).size_limit(1 << 20).build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rubric(patterns: &[&str]) -> Rubric {
        Rubric::new(
            patterns
                .iter()
                .enumerate()
                .map(|(i, p)| KeyPoint {
                    name: format!("point {i}"),
                    name_range: Some(TextRange::new(i, i)),
                    pattern: (*p).to_owned(),
                    pattern_range: TextRange::new(i, i + 1),
                })
                .collect(),
        )
    }

    fn names(points: Vec<&KeyPoint>) -> Vec<&str> {
        points.into_iter().map(|p| p.pattern.as_str()).collect()
    }

    #[test]
    fn unmet_and_grade_agree_case_insensitively_each_point_on_its_own() {
        let r = rubric(&["trade-?off", "IRREDUCIBLE", "l1|lasso", r"\bbias\b", r"bias.{0,20}variance", "σ²"]);
        for text in ["The tradeoff: BIAS and then variance; Lasso", "irreducible σ² noise, biased", "", "l1"] {
            let graded: Vec<&str> =
                r.grade(text).into_iter().filter(|m| m.found.is_none()).map(|m| m.point.pattern.as_str()).collect();
            assert_eq!(names(r.unmet(text)), graded, "{text}");
        }
        assert_eq!(names(r.unmet("The tradeoff: BIAS and then variance; Lasso")), ["IRREDUCIBLE", "σ²"]);
        let marks = r.grade("x bias y variance");
        assert_eq!(marks[4].found, Some(2..17));
    }

    #[test]
    fn words_found_as_substrings_agree_with_the_regex_on_letters_that_fold_to_ascii() {
        let r = rubric(&["step", "kelvin", "in"]);
        for text in ["ſTEP", "\u{212A}elvin", "İn", "İN", "ınk"] {
            let graded: Vec<&str> =
                r.grade(text).into_iter().filter(|m| m.found.is_none()).map(|m| m.point.pattern.as_str()).collect();
            assert_eq!(names(r.unmet(text)), graded, "{text}");
        }
    }

    #[test]
    fn spaced_words_match_across_any_whitespace() {
        assert!(contains_spaced("a common\n\t pitfall", "common pitfall"));
        assert!(contains_spaced("x weight decay", "weight decay"));
        assert!(!contains_spaced("commonpitfall", "common pitfall"));
        assert!(!contains_spaced("common  pit", "common pitfall"));
        assert!(contains_spaced("common x common pitfall", "common pitfall"), "a later occurrence");
        assert!(contains_spaced("é common  pitfall", "common pitfall"));
        assert!(!contains_spaced("", "a b"));
    }

    #[test]
    fn invalid_points_are_errors_and_neither_met_nor_unmet() {
        let r = rubric(&["first", "trade-(off", "(?=x)", "a*|b", "second"]);
        let errors: Vec<(&str, &str)> = r.errors().map(|(p, e)| (p.pattern.as_str(), e.message.as_str())).collect();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[2].1.contains("empty text"), "{errors:?}");
        assert_eq!(names(r.unmet("nothing")), ["first", "second"]);
        assert_eq!(r.grade("nothing").len(), 2);
    }

    #[test]
    fn a_pattern_too_large_to_build_is_an_error_not_a_panic() {
        let r = rubric(&[r"\w{1000}{1000}", "ok"]);
        assert_eq!(r.errors().count(), 1);
        assert_eq!(names(r.unmet("nothing")), ["ok"]);
    }

    #[test]
    fn wrapped_text_meets_a_point_as_one_line_would_and_ranges_stay_in_the_original() {
        let r = rubric(&[r"bias.{0,20}variance", "trade-?off"]);
        let wrapped = "low bias\n   but high\r\n\tvariance; a trade-\noff";
        assert_eq!(names(r.unmet(wrapped)), ["trade-?off"], "a line break is a space, never a hyphen's join");
        assert_eq!(flat(wrapped, false), Flat::new(wrapped).text);
        assert_eq!(
            flat("A\n\n ſtep \u{212A}\tİ Σ", true),
            "a step k İ Σ",
            "folded as a case-insensitive regex folds to ASCII"
        );
        let marks = r.grade(wrapped);
        assert_eq!(&wrapped[marks[0].found.clone().unwrap()], "bias\n   but high\r\n\tvariance");
        assert_eq!(marks[1].found, None);
    }

    #[test]
    fn sentence_around_a_match() {
        let text = "First one. The variance grows\nwith k. Last\n- a list item with bias here\n\n## Pitfalls\n\nThe one pitfall is\nto skip it. Then more.\n";
        let at = text.find("variance").unwrap();
        assert_eq!(sentence_around(text, at..at + 8), "The variance grows with k.", "a wrapped line goes on");
        let at = text.find("bias").unwrap();
        assert_eq!(sentence_around(text, at..at + 4), "a list item with bias here", "a list item ends it");
        let at = text.find("Pitfalls").unwrap();
        assert_eq!(sentence_around(text, at..at + 8), "Pitfalls: The one pitfall is to skip it.", "a heading");
        let at = text.find("pitfall is").unwrap();
        assert_eq!(sentence_around(text, at..at + 7), "The one pitfall is to skip it.", "under a heading");
        let tight = "## Pitfalls\nThe one pitfall.\n\n## Next\nMore.";
        assert_eq!(sentence_around(tight, 3..11), "Pitfalls: The one pitfall.");
        assert_eq!(sentence_around("no end", 0..2), "no end");
        assert_eq!(sentence_around("", 0..0), "");
    }
}
