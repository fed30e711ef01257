//! How text becomes search terms ([`Analyzer`]): words (math included, [`super::words`]), their
//! stems in American spelling, and the glossary's terms wherever one of their names is written.
//!
//! A name is a sequence of parts: a stem for an ordinary word ("cache"), the word itself for an
//! acronym ("KV"), so that "ZeRO" is not "zeroing" and "MAP" is not "mapping". In an answer an
//! acronym part matches only a word written as an acronym, and such a word stands for its term
//! alone (its letters are not also indexed as an English word); in a query, typed in any case,
//! it matches the word in any case, and a multi-word name also matches with one typo per word
//! of five letters or more ("gradient cliping").

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use rust_stemmers::{Algorithm, Stemmer};

use super::words::{Word, words};
use super::{TERM_MARK, is_stop_word, within_one_edit};
use crate::glossary::Lexicon;
use crate::text::TextRange;

/// What is being read: an answer (exact) or a query (forgiving).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Doc,
    Query,
}

/// One term of a text: a word's stem, or a glossary term's token.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Token {
    pub range: TextRange,
    pub term: String,
    /// A word that is part of a glossary name.
    pub in_name: bool,
}

/// One part of a glossary name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Stem(String),
    /// An acronym, lowercased; `cased` when the answers also use its letters as an ordinary
    /// word ("ZeRO" and "zero", "CLIP" and "clip"), so that a query must write it as an acronym.
    Acronym {
        text: String,
        cased: bool,
    },
}

impl Part {
    /// The part as the site's script reads it: a stem; `=` and an acronym typed in any case; `!`
    /// and an acronym that must be typed as one.
    fn key(&self) -> String {
        match self {
            Self::Stem(s) => s.clone(),
            Self::Acronym { text, cased: false } => format!("={text}"),
            Self::Acronym { text, cased: true } => format!("!{text}"),
        }
    }

    /// The key a word looks a name up by in an answer (where an acronym is always cased).
    fn lookup_key(&self) -> String {
        match self {
            Self::Stem(s) => s.clone(),
            Self::Acronym { text, .. } => format!("={text}"),
        }
    }
}

#[derive(Debug, Clone)]
struct Name {
    parts: Vec<Part>,
    /// The term tokens it stands for (an acronym may stand for two terms).
    terms: Vec<String>,
}

pub(super) struct Analyzer {
    stemmer: Stemmer,
    /// British stem -> American stem.
    pub spellings: HashMap<String, String>,
    /// The glossary's names, longest first, then by parts.
    names: Vec<Name>,
    /// The names by the key of their first part (indexes into `names`, in order).
    by_first: HashMap<String, Vec<usize>>,
    /// The acronyms of the names, lowercased.
    acronyms: HashSet<String>,
}

impl Analyzer {
    /// An analyzer of these British and American spellings and this glossary.
    pub fn new<'a>(spellings: impl IntoIterator<Item = (&'a str, &'a str)>, lexicon: &Lexicon) -> Self {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut analyzer = Self {
            stemmer,
            spellings: HashMap::new(),
            names: Vec::new(),
            by_first: HashMap::new(),
            acronyms: HashSet::new(),
        };
        for (british, american) in spellings {
            let (b, a) = (analyzer.stem_word(&british.to_lowercase()), analyzer.stem_word(&american.to_lowercase()));
            if b != a {
                analyzer.spellings.entry(b).or_insert(a);
            }
        }
        let mut by_parts: BTreeMap<Vec<Part>, Vec<String>> = BTreeMap::new();
        for t in lexicon.terms() {
            let token = format!("{TERM_MARK}{}", t.anchor);
            for name in t.names() {
                let parts: Vec<Part> = Self::words(name, &mut |w| analyzer.stem(w))
                    .into_iter()
                    .map(
                        |(w, stem)| {
                            if w.acronym { Part::Acronym { text: w.text, cased: false } } else { Part::Stem(stem) }
                        },
                    )
                    .collect();
                if parts.is_empty() {
                    continue;
                }
                let terms = by_parts.entry(parts).or_default();
                if !terms.contains(&token) {
                    terms.push(token.clone());
                }
            }
        }
        let mut names: Vec<Name> = by_parts.into_iter().map(|(parts, terms)| Name { parts, terms }).collect();
        names.sort_by(|a, b| b.parts.len().cmp(&a.parts.len()).then_with(|| a.parts.cmp(&b.parts)));
        for (i, name) in names.iter().enumerate() {
            analyzer.by_first.entry(name.parts[0].lookup_key()).or_default().push(i);
            for part in &name.parts {
                if let Part::Acronym { text, .. } = part {
                    analyzer.acronyms.insert(text.clone());
                }
            }
        }
        analyzer.names = names;
        analyzer
    }

    /// Marks the acronyms the answers also write as ordinary words (`plain`): a query must type
    /// those as acronyms ("ZeRO", not "zero").
    pub fn settle_cases(&mut self, plain: &HashSet<String>) {
        for part in self.names.iter_mut().flat_map(|n| &mut n.parts) {
            if let Part::Acronym { text, cased } = part {
                *cased = plain.contains(text.as_str());
            }
        }
    }

    fn stem_word(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    /// A word's stem, in American spelling; math words (`d_k`, `n^2`) as they are.
    pub fn stem(&self, word: &str) -> String {
        if word.contains(['_', '^']) {
            return word.to_owned();
        }
        let stem = self.stem_word(word);
        self.spellings.get(&stem).cloned().unwrap_or(stem)
    }

    /// The words of `text`, stop words skipped, each with its stem from `stem`.
    fn words(text: &str, stem: &mut dyn FnMut(&str) -> String) -> Vec<(Word, String)> {
        words(text)
            .into_iter()
            .filter(|w| !is_stop_word(&w.text))
            .map(|w| {
                let s = stem(&w.text);
                (w, s)
            })
            .collect()
    }

    /// [`Self::tokens`] with the stemming given (the index memoizes it); the glossary's acronyms
    /// that `text` writes as ordinary words are added to `plain`, if given.
    pub fn tokens_with(
        &self,
        text: &str,
        side: Side,
        stem: &mut dyn FnMut(&str) -> String,
        plain: Option<&mut HashSet<String>>,
    ) -> Vec<Token> {
        let words = Self::words(text, stem);
        if let Some(plain) = plain {
            for (w, _) in words.iter().filter(|(w, _)| !w.acronym && self.acronyms.contains(&w.text)) {
                plain.insert(w.text.clone());
            }
        }
        let mut in_name = vec![false; words.len()];
        let mut terms = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let Some(name) = self.name_at(&words[i..], side) else {
                i += 1;
                continue;
            };
            let n = name.parts.len();
            let range = TextRange::new(words[i].0.range.start, words[i + n - 1].0.range.end);
            in_name[i..i + n].iter_mut().for_each(|x| *x = true);
            terms.extend(name.terms.iter().map(|t| Token { range, term: t.clone(), in_name: false }));
            i += n;
        }
        let mut out: Vec<Token> = words
            .into_iter()
            .zip(in_name)
            // In an answer, an acronym that names a term stands for the term alone.
            .filter(|((w, _), named)| side == Side::Query || !(w.acronym && *named))
            .map(|((w, stem), named)| Token { range: w.range, term: stem, in_name: named })
            .collect();
        out.extend(terms);
        out
    }

    /// The terms of `text`: its words, and the term token of each glossary name in it (the
    /// longest name wherever two start at the same word).
    pub fn tokens(&self, text: &str, side: Side) -> Vec<Token> {
        self.tokens_with(text, side, &mut |w| self.stem(w), None)
    }

    /// The first name (longest first) that the words starting at `words[0]` spell.
    fn name_at(&self, words: &[(Word, String)], side: Side) -> Option<&Name> {
        match side {
            Side::Doc => {
                // Most words start no name and are not acronyms: one lookup, no allocation.
                let (w, stem) = &words[0];
                let by_stem = self.by_first.get(stem.as_str());
                if !w.acronym {
                    return by_stem?.iter().map(|&i| &self.names[i]).find(|n| matches(n, words, side));
                }
                let mut candidates: Vec<usize> = by_stem.into_iter().flatten().copied().collect();
                let singular = w.text.strip_suffix('s');
                for text in std::iter::once(w.text.as_str()).chain(singular) {
                    candidates.extend(self.by_first.get(&format!("={text}")).into_iter().flatten());
                }
                candidates.sort_unstable();
                candidates.into_iter().map(|i| &self.names[i]).find(|n| matches(n, words, side))
            }
            Side::Query => self.names.iter().find(|n| matches(n, words, side)),
        }
    }

    /// The glossary's names as the site's script reads them: parts by key, and the terms, in
    /// the order they are tried.
    pub fn export_names(&self) -> Vec<(Vec<String>, Vec<String>)> {
        self.names.iter().map(|n| (n.parts.iter().map(Part::key).collect(), n.terms.clone())).collect()
    }
}

/// Whether `words` start with `name`: every part matches, exactly or (in a query, in a name of
/// two parts or more, and for stems of five letters or more) through one typo, and at least
/// one part matches exactly.
fn matches(name: &Name, words: &[(Word, String)], side: Side) -> bool {
    if name.parts.len() > words.len() {
        return false;
    }
    let mut exact = 0;
    for (part, (w, stem)) in name.parts.iter().zip(words) {
        match part {
            Part::Acronym { text, cased } => {
                let same = w.text == *text || w.text.strip_suffix('s') == Some(text.as_str());
                if !same || ((side == Side::Doc || *cased) && !w.acronym) {
                    return false;
                }
                exact += 1;
            }
            Part::Stem(s) if s == stem => exact += 1,
            Part::Stem(s) => {
                let typo = side == Side::Query
                    && name.parts.len() > 1
                    && stem.chars().count() >= 5
                    && within_one_edit(stem, s);
                if !typo {
                    return false;
                }
            }
        }
    }
    exact > 0
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::document::{GlossaryDoc, Item, TermEntry};

    pub(in crate::search) fn analyzer() -> Analyzer {
        let item = |s: &str| Item { value: s.to_owned(), range: TextRange::new(0, 0) };
        let term = |t: &str, acronyms: &[&str], aliases: &[&str]| TermEntry {
            term: item(t),
            acronyms: acronyms.iter().map(|a| item(a)).collect(),
            aliases: aliases.iter().map(|a| item(a)).collect(),
            definition: None,
            answer: None,
        };
        let doc = GlossaryDoc {
            terms: vec![
                term("area under the ROC curve", &["AUC"], &[]),
                term("ROC curve", &["ROC"], &["receiver operating characteristic curve"]),
                term("key-value cache", &["KV cache"], &[]),
                term("zero redundancy optimizer", &["ZeRO"], &[]),
                term("gradient clipping", &[], &[]),
            ],
            ..GlossaryDoc::default()
        };
        Analyzer::new([("normalise", "normalize"), ("behaviour", "behavior")], &Lexicon::new(Some(&doc)))
    }

    fn terms(a: &Analyzer, text: &str, side: Side) -> Vec<String> {
        a.tokens(text, side).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn stems_join_word_forms_and_spellings() {
        let a = analyzer();
        let q = |t| terms(&a, t, Side::Query);
        assert_eq!(q("regularize"), q("regularization"));
        assert_eq!(q("Caches"), q("cache"));
        assert!(q("what is the").is_empty(), "stop words are not searched");
        assert_eq!(q("normalising normalisation behaviour"), q("normalizing normalization behavior"));
        assert_eq!(q("square root of d_k"), ["squar", "root", "d_k"]);
    }

    #[test]
    fn glossary_names_add_their_term_longest_first() {
        let a = analyzer();
        let tokens = a.tokens("the area under the ROC curve, an AUC and a KV cache", Side::Doc);
        let shown: Vec<(String, bool)> = tokens.iter().map(|t| (t.term.clone(), t.in_name)).collect();
        let name = |s: &str| (s.to_owned(), true);
        let term = |s: &str| (s.to_owned(), false);
        assert_eq!(
            shown,
            [
                name("area"),
                name("under"),
                name("curv"),
                name("cach"),
                term("#area-under-the-roc-curve"),
                term("#area-under-the-roc-curve"),
                term("#key-value-cache"),
            ],
            "in an answer, ROC, AUC and KV stand for their terms only"
        );
        assert_eq!(
            terms(&a, "receiver operating characteristic curve", Side::Query).last().map(String::as_str),
            Some("#roc-curve")
        );
    }

    #[test]
    fn acronyms_are_names_not_english_words() {
        let a = analyzer();
        assert_eq!(terms(&a, "ZeRO stage 3", Side::Doc), ["stage", "3", "#zero-redundancy-optimizer"]);
        assert_eq!(terms(&a, "zeroing out weights", Side::Doc), ["zero", "out", "weight"]);
        assert_eq!(terms(&a, "zeroing", Side::Query), ["zero"], "a query's `zeroing` is not ZeRO");
        assert_eq!(terms(&a, "zero stages", Side::Query), ["zero", "stage", "#zero-redundancy-optimizer"]);
        assert_eq!(terms(&a, "kv caches", Side::Query), ["kv", "cach", "#key-value-cache"]);
    }

    #[test]
    fn an_acronym_the_answers_also_use_as_a_word_must_be_typed_as_one() {
        let mut a = analyzer();
        a.settle_cases(&["zero".to_owned()].into_iter().collect());
        assert_eq!(terms(&a, "zero stages", Side::Query), ["zero", "stage"], "`zero` is the word");
        assert_eq!(terms(&a, "ZeRO stages", Side::Query), ["zero", "stage", "#zero-redundancy-optimizer"]);
        assert_eq!(
            terms(&a, "kv cache", Side::Query).last().map(String::as_str),
            Some("#key-value-cache"),
            "`kv` is no word"
        );
    }

    #[test]
    fn a_query_names_a_term_through_one_typo_per_long_word() {
        let a = analyzer();
        assert_eq!(terms(&a, "gradient cliping", Side::Query).last().map(String::as_str), Some("#gradient-clipping"));
        assert!(!terms(&a, "gradient cliping", Side::Doc).iter().any(|t| t.starts_with(TERM_MARK)));
        assert!(
            !terms(&a, "gradiant cliping", Side::Query).iter().any(|t| t.starts_with(TERM_MARK)),
            "one exact part at least"
        );
    }
}
