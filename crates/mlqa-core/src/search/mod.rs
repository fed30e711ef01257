//! Full-text search over the KB: BM25 per field, summed with weights (question text above
//! headings, headings above the body; each field saturates on its own, so a word in the
//! question is a bonus that many mentions in a long body cannot drown), English stemming
//! (Snowball, via `rust-stemmers`, the stemmer tantivy uses), and one typo per query word. The
//! index lives in memory and builds in milliseconds for this KB, which suits a CLI that starts
//! cold on every query (an on-disk engine would need its index kept in sync with the files).
//!
//! The glossary ([`crate::glossary`]) makes it speak the KB's vocabulary. Text is read by
//! [`Analyzer`]:
//! - words are runs of letters and digits; math reads as words too: `d_k`, `d_{k}` and `dₖ` are
//!   the one word `d_k`, and `√` and `\sqrt` are `sqrt`;
//! - a British spelling's stem is its American form's (`normalise` is `normalize`);
//! - wherever a glossary name is written ("KV cache", "key-value cache"), the text also holds
//!   the term itself, a term token (`#key-value-cache`), so a query in any of its names meets an
//!   answer written in any other; in a query, a name stands for its term alone;
//! - the answer that defines a term holds its token in its question ([`DEFINES`] times): a query
//!   that names the term finds its defining answer first.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use serde::Serialize;

mod analyzer;
mod words;

use analyzer::{Analyzer, Side};

use crate::text::TextRange;
use crate::workspace::Workspace;

/// Field weights: the question counts three times the body.
const WEIGHTS: [f64; 3] = [3.0, 1.5, 1.0];
const K1: f64 = 1.2;
/// Length normalization per field (questions are all short: little to normalize).
const B: [f64; 3] = [0.3, 0.5, 0.75];
/// A match through a typo counts this much of an exact one.
const FUZZY: f64 = 0.6;
/// How many times a term's defining answer holds the term's token in its question field.
const DEFINES: f64 = 1.0;
/// What a term token starts with: no word does.
const TERM_MARK: char = '#';

/// Whether a lowercased word is a stop word: a binary search of [`STOP_WORDS`], which is sorted.
fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// The words a search skips, sorted (the site's script gets them with the index).
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "do", "does", "for", "from", "how", "in", "is", "it", "of", "on",
    "or", "the", "to", "vs", "what", "when", "which", "why", "with",
];

#[derive(Debug, Clone, Copy)]
enum Field {
    Question = 0,
    Heading = 1,
    Body = 2,
}

struct Doc {
    id: String,
    category: String,
    question: String,
    /// The answer's path, if it is answered.
    path: Option<String>,
    /// Tokens per field.
    len: [f64; 3],
    /// Searchable lines of the body (for snippets), with their byte ranges in the answer.
    lines: Vec<(TextRange, String)>,
}

/// A search index over a workspace's questions and answers.
pub struct SearchIndex {
    docs: Vec<Doc>,
    /// stem -> (doc, term frequency per field)
    postings: HashMap<String, Vec<(usize, [f64; 3])>>,
    avg_len: [f64; 3],
    analyzer: Analyzer,
    /// The stems by length in characters: a typo's candidates are one length apart at most.
    by_len: HashMap<usize, Vec<String>>,
    /// Each document's place in the order of ids: ties in score are broken by id, and
    /// synthetic or templated answers tie by the thousand.
    id_order: Vec<u32>,
}

/// [`SearchIndex::export`]: what a script needs to rank results exactly as `mlqa search` does.
#[derive(Debug, Clone, Serialize)]
pub struct SearchExport {
    /// Per field: question, headings, body.
    pub weights: [f64; 3],
    pub k1: f64,
    pub b: [f64; 3],
    /// What a match through a typo counts.
    pub fuzzy: f64,
    pub stop_words: Vec<&'static str>,
    pub avg_len: [f64; 3],
    pub docs: Vec<ExportDoc>,
    /// stem -> [(doc, tf question, tf headings, tf body)]
    pub postings: BTreeMap<String, Vec<(usize, f64, f64, f64)>>,
    /// Every lowercased word of the KB -> its stem (British spellings already American).
    pub words: BTreeMap<String, String>,
    /// British stem -> American stem.
    pub spellings: BTreeMap<String, String>,
    /// The glossary's names, in the order they are tried (longest first): each as its parts (a
    /// stem, or `=` and an acronym) and the term tokens it stands for.
    pub names: Vec<(Vec<String>, Vec<String>)>,
}

/// A document of [`SearchExport`]; the site fills `url`, `category_title` and `summary`.
#[derive(Debug, Clone, Serialize)]
pub struct ExportDoc {
    pub id: String,
    pub category: String,
    pub category_title: Option<String>,
    pub question: String,
    pub url: Option<String>,
    pub summary: String,
    pub len: [f64; 3],
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: String,
    pub category: String,
    pub question: String,
    pub path: Option<String>,
    pub score: f64,
    /// The best matching line of the answer (or the question), its math rendered as Unicode,
    /// and the matched words in it (a formula is matched whole).
    pub snippet: String,
    pub highlights: Vec<TextRange>,
}

impl SearchIndex {
    pub fn build(ws: &Workspace) -> Self {
        Self::build_inner(ws, None)
    }

    /// The index as data, for a search that runs elsewhere (the exported site's script): the
    /// same documents, postings and parameters, every word of the KB with its stem (the script
    /// has no stemmer of its own for those), the spellings and the glossary's names.
    pub fn export(ws: &Workspace) -> SearchExport {
        let mut words = BTreeMap::new();
        let index = Self::build_inner(ws, Some(&mut words));
        let mut postings: BTreeMap<String, Vec<(usize, f64, f64, f64)>> = BTreeMap::new();
        for (stem, list) in &index.postings {
            postings.insert(stem.clone(), list.iter().map(|(doc, tf)| (*doc, tf[0], tf[1], tf[2])).collect());
        }
        let names = index.analyzer.export_names();
        SearchExport {
            weights: WEIGHTS,
            k1: K1,
            b: B,
            fuzzy: FUZZY,
            stop_words: STOP_WORDS.to_vec(),
            avg_len: index.avg_len,
            docs: index
                .docs
                .iter()
                .map(|d| ExportDoc {
                    id: d.id.clone(),
                    category: d.category.clone(),
                    category_title: None,
                    question: d.question.clone(),
                    url: None,
                    summary: String::new(),
                    len: d.len,
                })
                .collect(),
            postings,
            words,
            spellings: index.analyzer.spellings.iter().map(|(b, a)| (b.clone(), a.clone())).collect(),
            names,
        }
    }

    fn build_inner(ws: &Workspace, mut words: Option<&mut BTreeMap<String, String>>) -> Self {
        let spellings =
            ws.glossary().into_iter().flat_map(|g| &g.spellings).map(|(b, a)| (b.value.as_str(), a.value.as_str()));
        let mut analyzer = Analyzer::new(spellings, ws.lexicon());
        // The glossary's acronyms the answers also write as ordinary words.
        let mut plain = HashSet::new();
        let mut memo: HashMap<String, String> = HashMap::new();
        let mut docs = Vec::new();
        let mut postings: HashMap<String, Vec<(usize, [f64; 3])>> = HashMap::new();
        // The defining answer of each term token.
        let mut defines: HashMap<&str, Vec<String>> = HashMap::new();
        for t in ws.lexicon().terms() {
            if let Some(answer) = &t.answer {
                defines.entry(answer.as_str()).or_default().push(format!("{TERM_MARK}{}", t.anchor));
            }
        }
        for q in ws.questions() {
            let question = q.question.as_ref().map_or_else(|| q.id.value.clone(), |t| t.value.clone());
            let answer = ws.answers_for(&q.id.value).next();
            let mut tf: HashMap<String, [f64; 3]> = HashMap::new();
            let mut len = [0.0; 3];
            let mut add = |text: &str, field: Field, observe: bool| {
                let mut stem_of = |word: &str| {
                    if let Some(stem) = memo.get(word) {
                        return stem.clone();
                    }
                    let stem = analyzer.stem(word);
                    memo.insert(word.to_owned(), stem.clone());
                    if let Some(words) = words.as_deref_mut() {
                        words.insert(word.to_owned(), stem.clone());
                    }
                    stem
                };
                let plain = if observe { Some(&mut plain) } else { None };
                for token in analyzer.tokens_with(text, Side::Doc, &mut stem_of, plain) {
                    tf.entry(token.term).or_default()[field as usize] += 1.0;
                    len[field as usize] += 1.0;
                }
            };
            add(&question, Field::Question, true);
            // An id is lower case throughout: its acronyms ("mqa-gqa-tradeoff") are not words.
            add(&q.id.value.replace('-', " "), Field::Question, false);
            let mut lines = Vec::new();
            if let Some(a) = answer {
                let source = ws.source(&a.path).expect("answers have text");
                for h in a.md.headings.iter().filter(|h| h.level > 1) {
                    add(&h.text, Field::Heading, true);
                }
                for p in &a.md.prose {
                    // Math and inline code are not English: `$tp$` does not make TP a word.
                    let text = source.slice(p.range());
                    add(text, Field::Body, !text.starts_with(['$', '`']));
                }
                for b in &a.md.code_blocks {
                    add(&b.code, Field::Body, false);
                }
                lines = body_lines(source.slice(TextRange::new(a.body_start, source.text.len())), a.body_start);
            }
            for token in defines.get(q.id.value.as_str()).into_iter().flatten() {
                tf.entry(token.clone()).or_default()[Field::Question as usize] += DEFINES;
            }
            let doc = docs.len();
            for (stem, f) in tf {
                postings.entry(stem).or_default().push((doc, f));
            }
            docs.push(Doc {
                id: q.id.value.clone(),
                category: q.category.clone(),
                question,
                path: answer.map(|a| a.path.clone()),
                len,
                lines,
            });
        }
        let count = docs.len().max(1) as f64;
        let avg_len = [0, 1, 2].map(|f| (docs.iter().map(|d: &Doc| d.len[f]).sum::<f64>() / count).max(1.0));
        let mut by_len: HashMap<usize, Vec<String>> = HashMap::new();
        for stem in postings.keys().filter(|s| !s.starts_with(TERM_MARK)) {
            by_len.entry(stem.chars().count()).or_default().push(stem.clone());
        }
        analyzer.settle_cases(&plain);
        let mut by_id: Vec<usize> = (0..docs.len()).collect();
        by_id.sort_by(|&a, &b| docs[a].id.cmp(&docs[b].id));
        let mut id_order = vec![0; docs.len()];
        for (rank, doc) in by_id.into_iter().enumerate() {
            id_order[doc] = u32::try_from(rank).unwrap_or(u32::MAX);
        }
        Self { docs, postings, avg_len, analyzer, by_len, id_order }
    }

    /// The query's terms, in order: its words, each glossary name among them as the term it
    /// names (the name's words are not searched on their own: "area under the ROC curve" is
    /// about AUC, not about areas and curves).
    fn query_terms(&self, query: &str) -> Vec<String> {
        let mut tokens: Vec<_> = self.analyzer.tokens(query, Side::Query).into_iter().filter(|t| !t.in_name).collect();
        // Term tokens come last from the analyzer; in the query's order, the site's script sums
        // the scores in the same order.
        tokens.sort_by_key(|t| t.range.start);
        tokens.into_iter().map(|t| t.term).collect()
    }

    /// The best `limit` matches of `query`, optionally in one category.
    pub fn search(&self, query: &str, category: Option<&str>, limit: usize) -> Vec<Hit> {
        let terms = self.query_terms(query);
        let n = self.docs.len() as f64;
        // Dense scores (a query touches a large share of the documents), summed in the same
        // order as the site's script: term, expansion, posting.
        let mut scores = vec![0.0_f64; self.docs.len()];
        let mut touched: Vec<usize> = Vec::new();
        let mut expansions: Vec<String> = Vec::new();
        for term in &terms {
            for (stem, factor) in self.expand(term) {
                let Some(list) = self.postings.get(&stem) else { continue };
                let idf = ((n - list.len() as f64 + 0.5) / (list.len() as f64 + 0.5) + 1.0).ln();
                for &(doc, tf) in list {
                    let fields: f64 = (0..3)
                        .map(|f| {
                            let norm = K1 * (1.0 - B[f] + B[f] * self.docs[doc].len[f] / self.avg_len[f]);
                            WEIGHTS[f] * tf[f] * (K1 + 1.0) / (tf[f] + norm)
                        })
                        .sum();
                    if scores[doc] == 0.0 {
                        touched.push(doc);
                    }
                    scores[doc] += factor * idf * fields;
                }
                expansions.push(stem);
            }
        }
        touched.sort_unstable();
        touched.dedup();
        let mut ranked: Vec<(usize, f64)> = touched
            .into_iter()
            .filter(|doc| category.is_none_or(|c| self.docs[*doc].category == c))
            .map(|doc| (doc, scores[doc]))
            .collect();
        // The best `limit` only are sorted: a common word touches most of 10,000 answers.
        let order =
            |a: &(usize, f64), b: &(usize, f64)| b.1.total_cmp(&a.1).then(self.id_order[a.0].cmp(&self.id_order[b.0]));
        if limit < ranked.len() {
            ranked.select_nth_unstable_by(limit, order);
            ranked.truncate(limit);
        }
        ranked.sort_by(order);
        ranked
            .into_iter()
            .map(|(doc, score)| {
                // The stems this document matched: postings are sorted by document.
                let stems: HashSet<&str> = expansions
                    .iter()
                    .filter(|s| {
                        self.postings.get(*s).is_some_and(|l| l.binary_search_by_key(&doc, |(d, _)| *d).is_ok())
                    })
                    .map(String::as_str)
                    .collect();
                self.hit(doc, score, &stems)
            })
            .collect()
    }

    /// The stems a query stem matches: itself, and vocabulary stems one edit away (for stems
    /// of five letters or more: shorter ones have too many neighbours), at a discount. A term
    /// token matches only itself.
    fn expand(&self, term: &str) -> Vec<(String, f64)> {
        let mut out = Vec::new();
        if self.postings.contains_key(term) {
            out.push((term.to_owned(), 1.0));
        }
        let len = term.chars().count();
        if len >= 5 && !term.starts_with(TERM_MARK) {
            for stem in (len - 1..=len + 1).filter_map(|l| self.by_len.get(&l)).flatten() {
                if stem != term && within_one_edit(term, stem) {
                    out.push((stem.clone(), FUZZY));
                }
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    fn hit(&self, doc: usize, score: f64, stems: &HashSet<&str>) -> Hit {
        let d = &self.docs[doc];
        // The answer's lines repeat their words: each is stemmed once.
        let memo: std::cell::RefCell<HashMap<String, String>> = std::cell::RefCell::default();
        let mut stem = |w: &str| -> String {
            if let Some(s) = memo.borrow().get(w) {
                return s.clone();
            }
            let s = self.analyzer.stem(w);
            memo.borrow_mut().insert(w.to_owned(), s.clone());
            s
        };
        let mut matches = |text: &str, formulas: &[TextRange]| -> Vec<TextRange> {
            let ranges = self
                .analyzer
                .tokens_with(text, Side::Doc, &mut stem, None)
                .into_iter()
                .filter(|t| stems.contains(t.term.as_str()))
                .map(|t| t.range)
                .collect();
            whole(ranges, formulas)
        };
        let best = d
            .lines
            .iter()
            .map(|(_, line)| {
                let (text, formulas) = crate::latex::render_line(line);
                let m = matches(&text, &formulas);
                (text, m)
            })
            .max_by_key(|(_, m)| m.len());
        let (snippet, highlights) = match best {
            Some((line, m)) if !m.is_empty() => clip(&line, &m),
            _ => (d.question.clone(), matches(&d.question, &[])),
        };
        Hit {
            id: d.id.clone(),
            category: d.category.clone(),
            question: d.question.clone(),
            path: d.path.clone(),
            score,
            snippet,
            highlights,
        }
    }
}

/// Highlights as shown: a match inside a formula takes the whole formula, and overlapping or
/// repeated ranges (a name's words and its term) are one, in order.
fn whole(mut ranges: Vec<TextRange>, formulas: &[TextRange]) -> Vec<TextRange> {
    for r in &mut ranges {
        if let Some(f) = formulas.iter().find(|f| f.start <= r.start && r.end <= f.end) {
            *r = *f;
        }
    }
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<TextRange> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The Markdown body's lines worth showing: prose, not fences, headings or front matter.
fn body_lines(body: &str, base: usize) -> Vec<(TextRange, String)> {
    let mut out = Vec::new();
    let mut offset = base;
    let mut in_code = false;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_code = !in_code;
        } else if !in_code && !trimmed.is_empty() && !trimmed.starts_with('#') && trimmed != "$$" {
            out.push((TextRange::new(offset, offset + line.len()), plain(trimmed)));
        }
        offset += line.len();
    }
    out
}

/// A Markdown line as a reader sees it: link text without its target, no emphasis markers.
fn plain(line: &str) -> String {
    static LINK: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"!?\[([^\]]*)\]\([^)]*\)").expect("valid"));
    LINK.replace_all(line, "$1").replace("**", "").replace('`', "")
}

/// Up to ~160 characters of `line` around its first match, with match ranges re-based.
fn clip(line: &str, matches: &[TextRange]) -> (String, Vec<TextRange>) {
    const WIDTH: usize = 160;
    let first = matches.first().map_or(0, |r| r.start);
    let mut start = crate::text::floor_char_boundary(line, first.saturating_sub(40));
    if start > 0 {
        start = line[start..].find(' ').map_or(start, |n| start + n + 1);
    }
    let mut end = crate::text::floor_char_boundary(line, (start + WIDTH).min(line.len()));
    if end < line.len() {
        end = line[..end].rfind(' ').filter(|&n| n > start).unwrap_or(end);
    }
    let mut text = String::new();
    let mut shift = start as isize;
    if start > 0 {
        text.push_str("… ");
        shift -= "… ".len() as isize;
    }
    text.push_str(&line[start..end]);
    if end < line.len() {
        text.push_str(" …");
    }
    let highlights = matches
        .iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| TextRange::new((r.start as isize - shift) as usize, (r.end as isize - shift) as usize))
        .collect();
    (text, highlights)
}

/// Whether two words are at most one insertion, deletion, substitution or transposition apart.
fn within_one_edit(a: &str, b: &str) -> bool {
    // Stems are nearly all ASCII, where a byte is a character: no copy.
    if a.is_ascii() && b.is_ascii() {
        return one_edit(a.as_bytes(), b.as_bytes());
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    one_edit(&a, &b)
}

fn one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match (ra.len(), rb.len()) {
        (x, y) if x == y => {
            ra.len() <= 1
                || ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        (x, y) if x + 1 == y => ra == &rb[1..],
        (x, y) if y + 1 == x => &ra[1..] == rb,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_their_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stop_word("the") && is_stop_word("with") && !is_stop_word("attention"));
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit("regular", "regulr"));
        assert!(within_one_edit("adam", "adma"));
        assert!(within_one_edit("lora", "loras"));
        assert!(!within_one_edit("lora", "lasso"));
        assert!(!within_one_edit("bias", "bais2"));
    }

    #[test]
    fn a_formula_is_highlighted_whole() {
        let (line, formulas) = crate::latex::render_line(r"scale by $1/\sqrt{d_k}$ here");
        assert_eq!(line, "scale by 1/√d_k here");
        let a = analyzer::tests::analyzer();
        let ranges: Vec<TextRange> = a
            .tokens(&line, Side::Doc)
            .into_iter()
            .filter(|t| t.term == "d_k" || t.term == "sqrt" || t.term == "scale")
            .map(|t| t.range)
            .collect();
        let shown: Vec<&str> = whole(ranges, &formulas).iter().map(|r| &line[r.start..r.end]).collect();
        assert_eq!(shown, ["scale", "1/√d_k"]);
    }
}
