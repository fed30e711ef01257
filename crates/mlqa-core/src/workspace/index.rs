//! The indexes over the store: ids to questions, answers and resources, and the reverse ones
//! (who links to a file, who lists an id in `related`, who cites a resource). Built when the
//! set of answers, the spec or the resources change; patched when an answer is edited in place.

use std::sync::OnceLock;

use foldhash::HashMap;

use super::store::{FileId, Store};
use crate::document::{AnswerDoc, ResourcesDoc, SpecDoc};
use crate::suggest::Candidates;

#[derive(Debug, Clone, Default)]
pub(super) struct Index {
    pub categories: HashMap<String, usize>,
    pub questions: HashMap<String, (usize, usize)>,
    /// The answers that claim each id, sorted by path.
    pub answers_by_id: HashMap<String, Vec<FileId>>,
    pub resources: HashMap<String, usize>,
    /// Unique to this index: a new one is built whenever the set of answers, the spec or the
    /// resources change (an answer edited in place keeps it).
    pub generation: u64,
    /// Who links to each file or folder: the reverse of [`AnswerDoc::targets`].
    pub backlinks: Reverse,
    /// Which answers list each id in `related` (an answer listing its own id aside).
    pub related_by: Reverse,
    /// Which answers cite each resource id in `resources`.
    pub cited_by: Reverse,
    /// The question ids and the answers' file names, measured for typo suggestions on first use.
    pub question_candidates: OnceLock<Candidates>,
    pub answer_candidates: OnceLock<Candidates>,
    /// The glossary's lookup tables, built on first use.
    pub lexicon: OnceLock<crate::glossary::Lexicon>,
}

/// A reverse index: for each key (a path, an id), the answers that point at it, sorted by path.
/// Ids, not copies of paths: a key is stored once, an entry is four bytes.
pub(super) type Reverse = HashMap<String, Vec<FileId>>;

impl Index {
    /// The index of `answers` (ids of answer slots, sorted by path), the spec and the resources.
    pub fn build(store: &Store, answers: &[FileId], spec: Option<&SpecDoc>, resources: Option<&ResourcesDoc>) -> Self {
        static GENERATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut index =
            Self { generation: GENERATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed), ..Self::default() };
        let docs = || answers.iter().filter_map(|&id| Some((id, store.slot(id)?.answer()?)));
        // The forward maps on one thread, the reverse ones on another.
        let ((), ()) = rayon::join(
            || {
                if let Some(spec) = spec {
                    for (c, cat) in spec.categories.iter().enumerate() {
                        index.categories.entry(cat.id.value.clone()).or_insert(c);
                        for (q, question) in cat.questions.iter().enumerate() {
                            index.questions.entry(question.id.value.clone()).or_insert((c, q));
                        }
                    }
                }
                for (id, a) in docs() {
                    add(&mut index.answers_by_id, a.id(), id);
                }
                if let Some(res) = resources {
                    for (i, r) in res.resources.iter().enumerate() {
                        index.resources.entry(r.id.value.clone()).or_insert(i);
                    }
                }
            },
            || {
                // In the answers' order, so that each list comes out sorted by path.
                for (id, a) in docs() {
                    for t in targets(a) {
                        add(&mut index.backlinks, t, id);
                    }
                    for key in related_ids(a) {
                        add(&mut index.related_by, key, id);
                    }
                    for key in cited_ids(a) {
                        add(&mut index.cited_by, key, id);
                    }
                }
            },
        );
        index
    }

    /// Moves the answer `id` from what `old` points at to what `new` points at: the same answer
    /// edited in place.
    pub fn patch(&mut self, store: &Store, id: FileId, old: &AnswerDoc, new: &AnswerDoc) {
        if old.targets != new.targets {
            patch(&mut self.backlinks, store, id, &targets(old), &targets(new));
        }
        let (before, after) = (related_ids(old), related_ids(new));
        if before != after {
            patch(&mut self.related_by, store, id, &before, &after);
        }
        let (before, after) = (cited_ids(old), cited_ids(new));
        if before != after {
            patch(&mut self.cited_by, store, id, &before, &after);
        }
    }
}

/// The paths `a` links to (sorted, once each).
fn targets(a: &AnswerDoc) -> Vec<&str> {
    a.targets.iter().map(String::as_str).collect()
}

/// The resource ids `a` cites, once each.
fn cited_ids(a: &AnswerDoc) -> Vec<&str> {
    let mut ids: Vec<&str> = a.meta.resources.iter().map(|i| i.value.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The ids `a` lists in `related`, its own aside, once each.
fn related_ids(a: &AnswerDoc) -> Vec<&str> {
    let mut ids: Vec<&str> = a.meta.related.iter().map(|i| i.value.as_str()).filter(|id| *id != a.id()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Adds `id` under `key`; answers are added in path order, so the list stays sorted.
fn add(index: &mut HashMap<String, Vec<FileId>>, key: &str, id: FileId) {
    match index.get_mut(key) {
        Some(list) => list.push(id),
        None => {
            index.insert(key.to_owned(), vec![id]);
        }
    }
}

/// Moves `id` out of the lists of the `old` keys and into those of the `new` ones, keeping each
/// list sorted by path.
fn patch(index: &mut Reverse, store: &Store, id: FileId, old: &[&str], new: &[&str]) {
    let path = store.path(id);
    for key in old {
        if let Some(list) = index.get_mut(*key)
            && let Ok(i) = list.binary_search_by(|x| store.path(*x).cmp(path))
        {
            list.remove(i);
        }
    }
    for key in new {
        let list = match index.get_mut(*key) {
            Some(list) => list,
            None => index.entry((*key).to_owned()).or_default(),
        };
        if let Err(i) = list.binary_search_by(|x| store.path(*x).cmp(path)) {
            list.insert(i, id);
        }
    }
}
