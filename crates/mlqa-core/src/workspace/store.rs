//! The per-file store: a [`FileId`] per path and one [`Slot`] per file, holding its text, its
//! parsed document and what parsing found wrong. An edit replaces one slot; a path keeps its id
//! for the store's life, even while its file is gone.

use std::collections::BTreeSet;

use foldhash::{HashMap, HashMapExt};

use crate::document::{AnswerDoc, GlossaryDoc, ResourcesDoc, Source, SpecDoc};
use crate::syntax::problem::ParseProblem;

/// A file's id: its slot in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(u32);

impl FileId {
    fn index(self) -> usize {
        self.0 as usize
    }
}

/// What a file is, parsed.
#[derive(Debug, Clone)]
pub(crate) enum Doc {
    Spec(SpecDoc),
    Resources(ResourcesDoc),
    Glossary(GlossaryDoc),
    Answer(Box<AnswerDoc>),
    /// Not parsed: an image, documentation at the root, a file that could not be read.
    Other,
}

/// One file of the KB.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    /// Its text, when it has one (kept verbatim even when it is not parsed).
    pub source: Option<Source>,
    pub doc: Doc,
    /// What reading and parsing found wrong: the syntax rules word it.
    pub problems: Vec<ParseProblem>,
}

impl Slot {
    pub fn answer(&self) -> Option<&AnswerDoc> {
        match &self.doc {
            Doc::Answer(a) => Some(a),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Store {
    /// Every path the store has held, with its id.
    ids: HashMap<String, FileId>,
    /// By id: the path, and the file (`None` while it does not exist).
    paths: Vec<String>,
    slots: Vec<Option<Slot>>,
    /// The paths of the files that exist, sorted: for listing and for folder queries.
    present: BTreeSet<String>,
}

impl Store {
    /// A store of `files`, given ids in their order.
    pub fn new(files: Vec<(String, Slot)>) -> Self {
        let n = files.len();
        let mut store = Self { ids: HashMap::with_capacity(n), paths: Vec::with_capacity(n), ..Self::default() };
        for (path, slot) in files {
            store.insert(path, slot);
        }
        store
    }

    /// Puts `slot` at `path` (a new file, or one replaced); returns the file's id and the slot it
    /// replaced.
    pub fn insert(&mut self, path: String, slot: Slot) -> (FileId, Option<Slot>) {
        match self.ids.get(&path) {
            Some(&id) => {
                self.present.insert(path);
                (id, self.slots[id.index()].replace(slot))
            }
            None => {
                let id = FileId(u32::try_from(self.paths.len()).expect("fewer than 4 billion files"));
                self.ids.insert(path.clone(), id);
                self.paths.push(path.clone());
                self.present.insert(path);
                self.slots.push(Some(slot));
                (id, None)
            }
        }
    }

    /// Empties the slot at `path`; returns what it held.
    pub fn remove(&mut self, path: &str) -> Option<Slot> {
        let id = *self.ids.get(path)?;
        self.present.remove(path);
        self.slots[id.index()].take()
    }

    /// The id of the file at `path`, if it exists.
    pub fn id(&self, path: &str) -> Option<FileId> {
        self.ids.get(path).copied().filter(|id| self.slots[id.index()].is_some())
    }

    pub fn get(&self, path: &str) -> Option<&Slot> {
        self.slots[self.ids.get(path)?.index()].as_ref()
    }

    pub fn slot(&self, id: FileId) -> Option<&Slot> {
        self.slots.get(id.index())?.as_ref()
    }

    pub fn path(&self, id: FileId) -> &str {
        &self.paths[id.index()]
    }

    pub fn contains(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    pub fn len(&self) -> usize {
        self.present.len()
    }

    /// The paths of the files, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.present.iter().map(String::as_str)
    }

    /// The files, with their paths, sorted by path.
    pub fn files(&self) -> impl Iterator<Item = (&str, &Slot)> {
        self.paths().filter_map(|p| Some((p, self.get(p)?)))
    }

    /// Whether some file is below the folder `path` (a trailing `/` is allowed).
    pub fn is_folder(&self, path: &str) -> bool {
        let prefix = format!("{}/", path.trim_end_matches('/'));
        // The paths are sorted: the first one at or after the prefix is below it, if any is.
        let from = (std::ops::Bound::Included(prefix.as_str()), std::ops::Bound::Unbounded);
        self.present.range::<str, _>(from).next().is_some_and(|f| f.starts_with(&prefix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn other() -> Slot {
        Slot { source: None, doc: Doc::Other, problems: Vec::new() }
    }

    #[test]
    fn a_path_keeps_its_id_while_its_file_comes_and_goes() {
        let mut store = Store::new(vec![("a/x.md".into(), other()), ("b.png".into(), other())]);
        let id = store.id("a/x.md").unwrap();
        assert!(store.remove("a/x.md").is_some());
        assert_eq!(store.id("a/x.md"), None);
        assert!(!store.contains("a/x.md") && !store.is_folder("a"));
        assert_eq!(store.paths().collect::<Vec<_>>(), ["b.png"]);
        let (again, replaced) = store.insert("a/x.md".into(), other());
        assert_eq!((again, replaced.is_none()), (id, true));
        assert!(store.is_folder("a/") && store.contains("a/x.md"));
        assert_eq!(store.path(id), "a/x.md");
        let (new, _) = store.insert("a/w.md".into(), other());
        assert_ne!(new, id);
        assert_eq!(store.paths().collect::<Vec<_>>(), ["a/w.md", "a/x.md", "b.png"], "sorted, whatever the ids");
        assert_eq!(store.len(), 3);
    }

    #[test]
    fn a_folder_is_a_prefix_of_some_file_up_to_a_slash() {
        let files = ["a-b/x.md", "a/b.md", "ab/c.md", "d/e/f.md"].iter().map(|p| ((*p).to_owned(), other())).collect();
        let store = Store::new(files);
        for folder in ["a", "a/", "ab", "a-b", "d", "d/e"] {
            assert!(store.is_folder(folder), "{folder}");
        }
        for not_folder in ["a/b.md", "c", "a-", "d/e/f.md", "e"] {
            assert!(!store.is_folder(not_folder), "{not_folder}");
        }
    }
}
