//! The glossary's lookup tables ([`Lexicon`]): a term by any of its names, the term written at a
//! place in an answer, the closest term to a misspelt name, and whether an acronym is defined.
//! Built once per glossary from `glossary.yaml` (the workspace keeps it with its indexes).
//! What the glossary does to search is in [`crate::search`]; its rules in `rules/`.

use std::collections::{HashMap, HashSet};

use crate::document::GlossaryDoc;
use crate::suggest::Candidates;
use crate::text::TextRange;

/// One term, as the IDE features and the CLI show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermInfo {
    pub term: String,
    /// The term's anchor on the site's glossary page (`glossary.html#<anchor>`).
    pub anchor: String,
    pub acronyms: Vec<String>,
    pub aliases: Vec<String>,
    pub definition: String,
    /// The question whose answer explains it.
    pub answer: Option<String>,
    /// Where the term's entry is in `glossary.yaml`.
    pub range: TextRange,
}

impl TermInfo {
    /// The term and its acronyms, as shown: `grouped-query attention (GQA)`.
    pub fn label(&self) -> String {
        let acronyms: Vec<&str> = self.acronyms.iter().map(String::as_str).filter(|a| *a != self.term).collect();
        if acronyms.is_empty() { self.term.clone() } else { format!("{} ({})", self.term, acronyms.join(", ")) }
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str())
            .chain(self.acronyms.iter().map(String::as_str))
            .chain(self.aliases.iter().map(String::as_str))
    }
}

/// A name of a term, as words: how it is found in a text.
#[derive(Debug, Clone)]
struct Name {
    /// Its words, lowercased unless the name is an acronym (matched as written).
    words: Vec<String>,
    /// What stands between each word and the next ([`separator`]).
    seps: Vec<Option<String>>,
    /// Whether the words must match case and all (an acronym: "MAP" is not "map").
    exact_case: bool,
    term: usize,
}

/// The glossary's lookup tables; empty for a KB without a glossary.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    terms: Vec<TermInfo>,
    /// A normalised name ([`key`]) -> the terms that use it (two for a shared acronym).
    by_key: HashMap<String, Vec<usize>>,
    /// The names by their first word (lowercased): where a name may start in a text.
    by_first: HashMap<String, Vec<Name>>,
    /// Every word of every name, as written: an acronym in an answer is defined when it is one.
    words: HashSet<String>,
    candidates: Candidates,
}

impl Lexicon {
    pub fn new(glossary: Option<&GlossaryDoc>) -> Self {
        let mut lexicon = Self::default();
        let Some(glossary) = glossary else { return lexicon };
        let mut anchors = crate::slug::Slugger::default();
        for entry in &glossary.terms {
            let t = lexicon.terms.len();
            let info = TermInfo {
                term: entry.term.value.clone(),
                anchor: anchors.anchor(&entry.term.value),
                acronyms: entry.acronyms.iter().map(|a| a.value.clone()).collect(),
                aliases: entry.aliases.iter().map(|a| a.value.clone()).collect(),
                definition: entry.definition.as_ref().map(|d| d.value.clone()).unwrap_or_default(),
                answer: entry.answer.as_ref().map(|a| a.value.clone()),
                range: entry.term.range,
            };
            for name in info.names() {
                let terms = lexicon.by_key.entry(key(name)).or_default();
                if !terms.contains(&t) {
                    terms.push(t);
                }
                let exact_case = is_acronym_name(name);
                let found: Vec<(TextRange, &str)> = words(name).collect();
                let parts: Vec<String> =
                    found.iter().map(|(_, w)| if exact_case { (*w).to_owned() } else { w.to_lowercase() }).collect();
                let seps = found.windows(2).map(|p| separator(&name[p[0].0.end..p[1].0.start])).collect();
                lexicon.words.extend(found.iter().map(|(_, w)| (*w).to_owned()));
                if let Some(first) = parts.first() {
                    let first = first.to_lowercase();
                    lexicon.by_first.entry(first).or_default().push(Name { words: parts, seps, exact_case, term: t });
                }
            }
            lexicon.terms.push(info);
        }
        // Longest names first: "multi-head attention" before "attention".
        for names in lexicon.by_first.values_mut() {
            names.sort_by_key(|n| std::cmp::Reverse(n.words.len()));
        }
        lexicon.candidates = Candidates::new(lexicon.by_key.keys().map(String::as_str));
        lexicon
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn terms(&self) -> &[TermInfo] {
        &self.terms
    }

    /// The terms named `name`, or the closest name to it when it is a typo away (then the name
    /// it was taken for is given too).
    pub fn lookup(&self, name: &str) -> Option<(Vec<&TermInfo>, Option<&str>)> {
        let (terms, guess) = match self.by_key.get_key_value(&key(name)) {
            Some((_, terms)) => (terms, None),
            None => {
                let near = self.candidates.closest(&key(name))?;
                (&self.by_key[near], Some(near))
            }
        };
        Some((terms.iter().map(|&t| &self.terms[t]).collect(), guess))
    }

    /// Whether an acronym written in an answer ("GPUs", "FSDP2", "BF16") is defined: the word, or
    /// it without a plural `s`, or without a version number, is a word of some term's name.
    pub fn defines_acronym(&self, word: &str) -> bool {
        let singular = word.strip_suffix('s').filter(|w| is_acronym(w));
        let unversioned = word.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end_matches(['-', '.']);
        self.words.contains(word)
            || singular.is_some_and(|w| self.words.contains(w))
            || (unversioned.len() >= 2 && self.words.contains(unversioned))
    }

    /// The terms named in `text`, longest name first at each place, with their ranges: names
    /// match whole words, acronyms with their case, other names in any case, a last word also
    /// in the plural. A name two terms share (an acronym with two meanings) gives both.
    pub fn find_in(&self, text: &str) -> Vec<(Vec<&TermInfo>, TextRange)> {
        let tokens: Vec<(TextRange, &str)> = words(text).collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            // The names that may start here: by this word, or by it without a plural `s`.
            let first = tokens[i].1.to_lowercase();
            let mut names: Vec<&Name> = self.by_first.get(&first).into_iter().flatten().collect();
            if let Some(singular) = first.strip_suffix('s') {
                names.extend(self.by_first.get(singular).into_iter().flatten());
                names.sort_by_key(|n| std::cmp::Reverse(n.words.len()));
            }
            let found = names.iter().copied().find(|n| {
                n.words.len() <= tokens.len() - i
                    && n.words.iter().enumerate().all(|(k, w)| {
                        let last = k + 1 == n.words.len();
                        word_matches(tokens[i + k].1, w, n.exact_case, last)
                    })
                    // Between a multi-word name's words, what the name has there: spaces,
                    // hyphens, slashes or commas for spaces ("Q, K, and V", "key-value"); any
                    // other punctuation as written, spaces aside ("Newton's", "TP/(TP+FP)").
                    && n.seps.iter().enumerate().all(|(k, sep)| {
                        separator(&text[tokens[i + k].0.end..tokens[i + k + 1].0.start]) == *sep
                    })
            });
            match found {
                Some(n) => {
                    let range = TextRange::new(tokens[i].0.start, tokens[i + n.words.len() - 1].0.end);
                    let mut terms: Vec<&TermInfo> = Vec::new();
                    for m in names.iter().filter(|m| m.words == n.words && m.exact_case == n.exact_case) {
                        if !terms.iter().any(|t| std::ptr::eq(*t, &self.terms[m.term])) {
                            terms.push(&self.terms[m.term]);
                        }
                    }
                    out.push((terms, range));
                    i += n.words.len();
                }
                None => i += 1,
            }
        }
        out
    }

    /// The terms named at byte `offset` of `text` (a line, say), and the name's range.
    pub fn at(&self, text: &str, offset: usize) -> Option<(Vec<&TermInfo>, TextRange)> {
        self.find_in(text).into_iter().find(|(_, r)| r.start <= offset && offset <= r.end)
    }

    /// The terms whose names start with `prefix` (case aside), each once, by name.
    pub fn starting_with(&self, prefix: &str) -> Vec<(&str, &TermInfo)> {
        let prefix = prefix.to_lowercase();
        let mut out: Vec<(&str, &TermInfo)> = self
            .terms
            .iter()
            .flat_map(|t| t.names().map(move |n| (n, t)))
            .filter(|(n, _)| n.to_lowercase().starts_with(&prefix))
            .collect();
        out.sort_by(|a, b| a.0.cmp(b.0));
        out.dedup_by(|a, b| a.0 == b.0);
        out
    }
}

/// What separates two words of a name, as compared: `None` for spaces, hyphens, slashes and
/// commas (one the other), else the punctuation without its spaces, `’` as `'`.
fn separator(between: &str) -> Option<String> {
    let kept: String =
        between.chars().filter(|c| !c.is_whitespace()).map(|c| if c == '’' { '\'' } else { c }).collect();
    (!kept.chars().all(|c| matches!(c, '-' | '/' | ',' | '_'))).then_some(kept)
}

fn word_matches(token: &str, name_word: &str, exact_case: bool, last: bool) -> bool {
    let same = |t: &str| if exact_case { t == name_word } else { t.to_lowercase() == name_word };
    same(token) || (last && token.strip_suffix('s').is_some_and(same))
}

/// A name as a lookup key: lowercased, hyphens, underscores and runs of spaces as one space.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for part in name.split(|c: char| c.is_whitespace() || c == '-' || c == '_').filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&part.to_lowercase());
    }
    out
}

/// The words of `text` (maximal runs of letters and digits), with their ranges.
pub fn words(text: &str) -> impl Iterator<Item = (TextRange, &str)> {
    let mut start = None;
    text.char_indices().chain(std::iter::once((text.len(), ' '))).filter_map(move |(i, c)| {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            None
        } else {
            start.take().map(|s| (TextRange::new(s, i), &text[s..i]))
        }
    })
}

/// Whether a word reads as an acronym: it starts with a capital, has two capitals or more, and
/// no more small letters than capitals ("AUC", "BF16", "LoRA", "GPUs"; not "PyTorch", "McNemar").
pub fn is_acronym(word: &str) -> bool {
    if !word.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    let upper = word.chars().filter(char::is_ascii_uppercase).count();
    let lower = word.chars().filter(char::is_ascii_lowercase).count();
    word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && upper >= 2
        && upper >= lower
        && word.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Whether a name is written as an acronym (every word that has letters is one): matched with
/// its case.
fn is_acronym_name(name: &str) -> bool {
    let mut any = false;
    for (_, w) in words(name) {
        if w.chars().any(char::is_alphabetic) {
            if !is_acronym(w) {
                return false;
            }
            any = true;
        }
    }
    any
}

/// The stretches of a heading's Markdown outside its inline code and math, with their offsets:
/// what is prose in it (`Why $QK^T$ is scaled` is `Why ` and ` is scaled`).
pub fn prose_of_heading(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut inside: Option<u8> = None;
    for (i, b) in text.bytes().enumerate() {
        match (inside, b) {
            (None, b'`' | b'$') => {
                out.push((start, &text[start..i]));
                inside = Some(b);
            }
            (Some(open), _) if b == open => {
                inside = None;
                start = i + 1;
            }
            _ => {}
        }
    }
    if inside.is_none() {
        out.push((start, &text[start..]));
    }
    out.retain(|(_, s)| !s.is_empty());
    out
}

/// The acronyms of a stretch of prose, with their ranges.
pub fn acronyms(text: &str) -> impl Iterator<Item = (TextRange, &str)> {
    // Most prose has none: an acronym needs two capitals in one run of ASCII letters and
    // digits, which one pass over the bytes rules out before any word is read.
    let mut capitals = 0;
    let possible = text.bytes().any(|b| {
        capitals = if b.is_ascii_uppercase() {
            capitals + 1
        } else if b.is_ascii_alphanumeric() {
            capitals
        } else {
            0
        };
        capitals >= 2
    });
    words(if possible { text } else { "" }).filter(|(_, w)| is_acronym(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Item, TermEntry};

    fn item(s: &str) -> Item {
        Item { value: s.to_owned(), range: TextRange::new(0, 0) }
    }

    fn lexicon() -> Lexicon {
        let term = |t: &str, acronyms: &[&str], aliases: &[&str], answer: &str| TermEntry {
            term: item(t),
            acronyms: acronyms.iter().map(|a| item(a)).collect(),
            aliases: aliases.iter().map(|a| item(a)).collect(),
            definition: Some(item(&format!("what {t} is"))),
            answer: Some(item(answer)),
        };
        let doc = GlossaryDoc {
            terms: vec![
                term("key-value cache", &["KV cache"], &["key value cache"], "kv-cache"),
                term("attention", &[], &[], "self-attention"),
                term("multi-head attention", &["MHA"], &[], "multi-head-attention"),
                term("maximum a posteriori", &["MAP"], &[], "mle-vs-map"),
                term("fully sharded data parallel", &["FSDP", "FSDP2"], &[], "fsdp"),
                term("mean average precision", &["MAP"], &[], "ranking-metrics"),
            ],
            ..GlossaryDoc::default()
        };
        Lexicon::new(Some(&doc))
    }

    #[test]
    fn names_are_found_longest_first_with_acronyms_case_sensitive() {
        let lx = lexicon();
        let text = "The KV cache grows; multi-head attention, not attention alone; map it to MAP, two MHAs.";
        let found: Vec<(&str, &str)> =
            lx.find_in(text).iter().map(|(t, r)| (t[0].term.as_str(), &text[r.start..r.end])).collect();
        assert_eq!(
            found,
            [
                ("key-value cache", "KV cache"),
                ("multi-head attention", "multi-head attention"),
                ("attention", "attention"),
                ("maximum a posteriori", "MAP"),
                ("multi-head attention", "MHAs")
            ]
        );
        assert_eq!(lx.at(text, 5).map(|(t, _)| t[0].term.as_str()), Some("key-value cache"));
        assert!(lx.at(text, 0).is_none());
    }

    #[test]
    fn names_with_punctuation_match_as_written() {
        let item = |s: &str| Item { value: s.to_owned(), range: TextRange::new(0, 0) };
        let doc = GlossaryDoc {
            terms: vec![
                TermEntry {
                    term: item("Newton's method"),
                    acronyms: vec![],
                    aliases: vec![],
                    definition: None,
                    answer: None,
                },
                TermEntry {
                    term: item("precision"),
                    acronyms: vec![],
                    aliases: vec![item("TP/(TP+FP)")],
                    definition: None,
                    answer: None,
                },
            ],
            ..GlossaryDoc::default()
        };
        let lx = Lexicon::new(Some(&doc));
        let named = |text: &str| lx.find_in(text).into_iter().map(|(t, _)| t[0].term.clone()).collect::<Vec<_>>();
        assert_eq!(named("Newton's method and Newton’s method"), ["Newton's method", "Newton's method"]);
        assert_eq!(named("Newton. Method"), Vec::<String>::new());
        assert_eq!(named("TP / (TP + FP)"), ["precision"]);
        assert_eq!(named("TP, TP, FP"), Vec::<String>::new());
    }

    #[test]
    fn a_headings_prose_leaves_out_its_code_and_math() {
        let parts: Vec<(usize, &str)> = prose_of_heading("Why $QK^T$ is `NCCL` slow");
        assert_eq!(parts, [(0, "Why "), (10, " is "), (20, " slow")]);
        assert_eq!(prose_of_heading("`code` only"), [(6, " only")]);
        assert_eq!(prose_of_heading("unclosed `code"), [(0, "unclosed ")]);
    }

    #[test]
    fn a_shared_acronym_names_both_terms() {
        let lx = lexicon();
        let (terms, _) = lx.at("the MAP estimate", 5).unwrap();
        let names: Vec<&str> = terms.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(names, ["maximum a posteriori", "mean average precision"]);
    }

    #[test]
    fn lookups_forgive_case_hyphens_and_typos() {
        let lx = lexicon();
        let first = |name: &str| lx.lookup(name).filter(|(_, guess)| guess.is_none()).map(|(t, _)| t[0]);
        assert_eq!(first("Key Value  Cache").map(|t| t.answer.as_deref()), Some(Some("kv-cache")));
        assert_eq!(first("mha").map(|t| t.term.as_str()), Some("multi-head attention"));
        let (t, guessed) = lx.lookup("multi-haed attention").unwrap();
        assert_eq!((t[0].term.as_str(), guessed), ("multi-head attention", Some("multi head attention")));
        let (t, guessed) = lx.lookup("map").unwrap();
        assert_eq!((t.len(), guessed), (2, None), "both meanings of MAP");
        assert!(lx.lookup("gradient boosting").is_none());
        assert_eq!(lx.starting_with("mu").len(), 1);
    }

    #[test]
    fn acronyms_are_recognised_and_their_forms_defined() {
        let found: Vec<&str> =
            acronyms("GPUs run BF16 and LoRA; PyTorch, McNemar, ImageNet, NaN, I and OK.").map(|(_, w)| w).collect();
        assert_eq!(found, ["GPUs", "BF16", "LoRA", "NaN", "OK"]);
        assert_eq!(acronyms("Plain prose, PyTorch and McNemar.").count(), 0);
        assert_eq!(acronyms("A GPU’s memory").map(|(_, w)| w).collect::<Vec<_>>(), ["GPU"]);
        let lx = lexicon();
        for defined in ["MHA", "MHAs", "FSDP2", "FSDP3", "KV", "MAP"] {
            assert!(lx.defines_acronym(defined), "{defined}");
        }
        for undefined in ["GPU", "GQA", "MAPE"] {
            assert!(!lx.defines_acronym(undefined), "{undefined}");
        }
    }
}
