//! Full-text search over the KB: BM25 per field, summed with weights (question text above
//! headings, headings above the body; each field saturates on its own, so a word in the
//! question is a bonus that many mentions in a long body cannot drown), English stemming (Snowball, via `rust-stemmers`, the
//! stemmer tantivy uses), and one typo per query word. The index lives in memory and builds in
//! milliseconds for this KB, which suits a CLI that starts cold on every query (an on-disk
//! engine would need its index kept in sync with the files).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use rust_stemmers::{Algorithm, Stemmer};

use crate::text::TextRange;
use crate::workspace::Workspace;

/// Field weights: the question counts three times the body.
const WEIGHTS: [f64; 3] = [3.0, 1.5, 1.0];
const K1: f64 = 1.2;
/// Length normalization per field (questions are all short: little to normalize).
const B: [f64; 3] = [0.3, 0.5, 0.75];
/// A match through a typo counts this much of an exact one.
const FUZZY: f64 = 0.6;

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
    stemmer: Stemmer,
    /// The stems by length in characters: a typo's candidates are one length apart at most.
    by_len: HashMap<usize, Vec<String>>,
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
    /// Every lowercased word of the KB -> its stem.
    pub words: BTreeMap<String, String>,
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
    /// The best matching line of the answer (or the question), and the matched words in it.
    pub snippet: String,
    pub highlights: Vec<TextRange>,
}

impl SearchIndex {
    pub fn build(ws: &Workspace) -> Self {
        Self::build_inner(ws, None)
    }

    /// The index as data, for a search that runs elsewhere (the exported site's script): the
    /// same documents, postings and parameters, and every word of the KB with its stem (the
    /// script has no stemmer: a word that is not in the KB can only match through a typo).
    pub fn export(ws: &Workspace) -> SearchExport {
        let mut words = BTreeMap::new();
        let index = Self::build_inner(ws, Some(&mut words));
        let mut postings: BTreeMap<String, Vec<(usize, f64, f64, f64)>> = BTreeMap::new();
        for (stem, list) in &index.postings {
            postings.insert(stem.clone(), list.iter().map(|(doc, tf)| (*doc, tf[0], tf[1], tf[2])).collect());
        }
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
        }
    }

    fn build_inner(ws: &Workspace, mut words: Option<&mut BTreeMap<String, String>>) -> Self {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut memo: HashMap<String, String> = HashMap::new();
        let mut docs = Vec::new();
        let mut postings: HashMap<String, Vec<(usize, [f64; 3])>> = HashMap::new();
        for q in ws.questions() {
            let question = q.question.as_ref().map_or_else(|| q.id.value.clone(), |t| t.value.clone());
            let answer = ws.answers_for(&q.id.value).next();
            let mut tf: HashMap<String, [f64; 3]> = HashMap::new();
            let mut len = [0.0; 3];
            let mut add = |text: &str, field: Field| {
                let stem_of = |word: &str| {
                    if let Some(stem) = memo.get(word) {
                        return stem.clone();
                    }
                    let stem = stemmer.stem(word).into_owned();
                    memo.insert(word.to_owned(), stem.clone());
                    stem
                };
                for (range, stem) in tokens_with(text, stem_of) {
                    if let Some(words) = words.as_deref_mut() {
                        words.entry(text[range.start..range.end].to_lowercase()).or_insert_with(|| stem.clone());
                    }
                    tf.entry(stem).or_default()[field as usize] += 1.0;
                    len[field as usize] += 1.0;
                }
            };
            add(&question, Field::Question);
            add(&q.id.value.replace('-', " "), Field::Question);
            let mut lines = Vec::new();
            if let Some(a) = answer {
                let source = ws.source(&a.path).expect("answers have text");
                for h in a.md.headings.iter().filter(|h| h.level > 1) {
                    add(&h.text, Field::Heading);
                }
                for p in &a.md.prose {
                    add(source.slice(p.range()), Field::Body);
                }
                for b in &a.md.code_blocks {
                    add(&b.code, Field::Body);
                }
                lines = body_lines(source.slice(TextRange::new(a.body_start, source.text.len())), a.body_start);
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
        for stem in postings.keys() {
            by_len.entry(stem.chars().count()).or_default().push(stem.clone());
        }
        Self { docs, postings, avg_len, stemmer, by_len }
    }

    /// The best `limit` matches of `query`, optionally in one category.
    pub fn search(&self, query: &str, category: Option<&str>, limit: usize) -> Vec<Hit> {
        let terms: Vec<String> = tokens(&self.stemmer, query).into_iter().map(|(_, s)| s).collect();
        let n = self.docs.len() as f64;
        // Dense scores (a query touches a large share of the documents), summed in the same
        // order as before and as the site's script: term, expansion, posting.
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
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(self.docs[a.0].id.cmp(&self.docs[b.0].id)));
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|(doc, score)| {
                // The stems this document matched: postings are sorted by document.
                let stems: Vec<String> = expansions
                    .iter()
                    .filter(|s| {
                        self.postings.get(*s).is_some_and(|l| l.binary_search_by_key(&doc, |(d, _)| *d).is_ok())
                    })
                    .cloned()
                    .collect();
                self.hit(doc, score, &stems)
            })
            .collect()
    }

    /// The stems a query stem matches: itself, and vocabulary stems one edit away (for stems
    /// of five letters or more: shorter ones have too many neighbours), at a discount.
    fn expand(&self, term: &str) -> Vec<(String, f64)> {
        let mut out = Vec::new();
        if self.postings.contains_key(term) {
            out.push((term.to_owned(), 1.0));
        }
        let len = term.chars().count();
        if len >= 5 {
            for stem in (len - 1..=len + 1).filter_map(|l| self.by_len.get(&l)).flatten() {
                if stem != term && within_one_edit(term, stem) {
                    out.push((stem.clone(), FUZZY));
                }
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    fn hit(&self, doc: usize, score: f64, stems: &[String]) -> Hit {
        let d = &self.docs[doc];
        let matches = |text: &str| -> Vec<TextRange> {
            tokens(&self.stemmer, text).into_iter().filter(|(_, s)| stems.contains(s)).map(|(r, _)| r).collect()
        };
        let best = d
            .lines
            .iter()
            .map(|(_, line)| (line, matches(line)))
            .max_by_key(|(_, m)| m.iter().map(|r| r.start).collect::<std::collections::BTreeSet<_>>().len());
        let (snippet, highlights) = match best {
            Some((line, m)) if !m.is_empty() => clip(line, &m),
            _ => (d.question.clone(), matches(&d.question)),
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

/// Lowercased, stemmed words of `text` (stop words skipped), with their byte ranges.
fn tokens(stemmer: &Stemmer, text: &str) -> Vec<(TextRange, String)> {
    tokens_with(text, |word| stemmer.stem(word).into_owned())
}

/// [`tokens`] with the stemming given: the index memoizes it (a KB has a few thousand distinct
/// words and millions of occurrences).
fn tokens_with(text: &str, mut stem: impl FnMut(&str) -> String) -> Vec<(TextRange, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            let word = text[s..i].to_lowercase();
            if !STOP_WORDS.contains(&word.as_str()) {
                out.push((TextRange::new(s, i), stem(&word)));
            }
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
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
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
    fn one_edit() {
        assert!(within_one_edit("regular", "regulr"));
        assert!(within_one_edit("adam", "adma"));
        assert!(within_one_edit("lora", "loras"));
        assert!(!within_one_edit("lora", "lasso"));
        assert!(!within_one_edit("bias", "bais2"));
    }

    #[test]
    fn stems_join_word_forms() {
        let s = Stemmer::create(Algorithm::English);
        let stem = |w: &str| tokens(&s, w)[0].1.clone();
        assert_eq!(stem("regularize"), stem("regularization"));
        assert_eq!(stem("Caches"), stem("cache"));
        assert!(tokens(&s, "what is the").is_empty(), "stop words are not searched");
    }
}
