//! A loaded KB: every file in the per-file store ([`store`]: a [`FileId`] per path, one slot
//! per file with its text, document and parse problems), parsed in parallel, and the indexes
//! the rules and the IDE features query ([`index`]: ids, answers by id, resources, and the
//! reverse ones). Reading from disk is [`disk`].

mod disk;
mod index;
mod store;

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{CONFIG_FILE, Config, ConfigError};
use crate::document::{AnswerDoc, GlossaryDoc, QuestionEntry, ResourceEntry, ResourcesDoc, Source, SpecDoc};
use crate::glossary::Lexicon;
use crate::suggest::Candidates;
use crate::syntax::link::{self, Resolved};
use crate::syntax::problem::ParseProblem;
use crate::text::TextRange;

pub use disk::{FileContent, read_file};
use disk::{read, walk};
use index::{Index, Reverse};
pub use store::FileId;
use store::{Doc, Slot, Store};

pub const SPEC_FILE: &str = "spec.yaml";
pub const RESOURCES_FILE: &str = "resources.yaml";
pub const GLOSSARY_FILE: &str = "glossary.yaml";

/// Why a KB could not be loaded at all.
#[derive(Debug)]
pub enum LoadError {
    Config(ConfigError),
    NoConfig(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Config(e) => write!(f, "{e}"),
            Self::NoConfig(dir) => write!(
                f,
                "{} has no {CONFIG_FILE}: point --kb at the folder that holds mlqa.toml, spec.yaml and the answers",
                dir.display()
            ),
            Self::Io(path, e) => write!(f, "{}: {e}", path.display()),
        }
    }
}

impl std::error::Error for LoadError {}

#[derive(Debug, Clone)]
pub struct Workspace {
    pub root: PathBuf,
    pub config: Config,
    /// Every file, by id.
    store: Store,
    spec: Option<FileId>,
    resources: Option<FileId>,
    glossary: Option<FileId>,
    /// The answers, sorted by path.
    answers: Vec<FileId>,
    index: Index,
}

/// One file after parsing: its text (for snippets), document and parse problems.
struct ParsedFile {
    path: String,
    slot: Slot,
}

impl ParsedFile {
    fn parse(path: String, content: FileContent, limit: u64) -> Self {
        let mut problems = Vec::new();
        // The text to show in snippets, and whether it may be parsed.
        let (source, readable) = match content {
            // A text in memory (an editor's, or read from disk) is kept verbatim even when it is
            // not parsed: the editor's edits apply to it, and snippets neutralize control bytes.
            FileContent::Text(text) if text.len() as u64 > limit => {
                problems.push(ParseProblem::TooLarge { bytes: text.len() as u64, limit });
                (Some(Source::new(path.clone(), text)), false)
            }
            FileContent::Text(text) if is_checked(&path) && text.contains('\0') => {
                problems.push(ParseProblem::Nul { at: text.find('\0').unwrap_or(0) });
                (Some(Source::new(path.clone(), text)), false)
            }
            FileContent::Text(text) => (Some(Source::new(path.clone(), text)), true),
            FileContent::Symlink => {
                problems.push(ParseProblem::Symlink);
                (None, false)
            }
            FileContent::TooLarge { bytes } => {
                problems.push(ParseProblem::TooLarge { bytes, limit });
                (None, false)
            }
            FileContent::InvalidUtf8 { lossy, valid_up_to } => {
                if is_checked(&path) {
                    let at = crate::text::floor_char_boundary(&lossy, valid_up_to);
                    let end = lossy[at..].chars().next().map_or(at, |c| at + c.len_utf8());
                    problems.push(ParseProblem::NotUtf8 { range: TextRange::new(at, end) });
                }
                (Some(Source::new(path.clone(), lossy)), false)
            }
            FileContent::Error(error) => {
                if is_checked(&path) {
                    problems.push(ParseProblem::Unreadable { error });
                }
                (None, false)
            }
            FileContent::Unread => (None, false),
        };
        let doc = match source.as_ref().filter(|_| readable) {
            Some(s) if path == SPEC_FILE => Doc::Spec(SpecDoc::parse(s, &mut problems)),
            Some(s) if path == RESOURCES_FILE => Doc::Resources(ResourcesDoc::parse(s, &mut problems)),
            Some(s) if path == GLOSSARY_FILE => Doc::Glossary(GlossaryDoc::parse(s, &mut problems)),
            Some(s) if is_answer_path(&path) => Doc::Answer(Box::new(AnswerDoc::parse(s, &mut problems))),
            _ => Doc::Other,
        };
        Self { path, slot: Slot { source, doc, problems } }
    }
}

impl Workspace {
    /// Loads the KB whose root (the folder of `mlqa.toml`) is `root`.
    pub fn load(root: &Path) -> Result<Self, LoadError> {
        let config_path = root.join(CONFIG_FILE);
        let config_text = match std::fs::read_to_string(&config_path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(LoadError::NoConfig(root.to_owned()));
            }
            Err(e) => return Err(LoadError::Io(config_path, e)),
        };
        let config = Config::parse(&config_text, &config_path).map_err(LoadError::Config)?;
        let mut paths = walk(root, root, 0).map_err(|e| LoadError::Io(root.to_owned(), e))?;
        spec_first(&mut paths);
        let limit = config.limits.max_file_bytes;
        let files: Vec<(String, FileContent)> =
            paths.into_par_iter().map(|(rel, kind)| (rel.clone(), read(&root.join(&rel), kind, limit))).collect();
        Ok(Self::build(root.to_owned(), config, files))
    }

    /// Builds a workspace from files in memory (paths relative to `root`, `/`-separated).
    pub fn build(root: PathBuf, config: Config, mut files: Vec<(String, FileContent)>) -> Self {
        let limit = config.limits.max_file_bytes;
        spec_first(&mut files);
        let parsed = files.into_par_iter().map(|(path, content)| ParsedFile::parse(path, content, limit)).collect();
        Self::assemble(root, config, parsed)
    }

    /// The workspace of parsed files: the store, then the indexes.
    fn assemble(root: PathBuf, config: Config, mut parsed: Vec<ParsedFile>) -> Self {
        // Ids in path order (the files come sorted, but for the spec, parsed first).
        parsed.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        let store = Store::new(parsed.into_iter().map(|f| (f.path, f.slot)).collect());
        let mut ws = Self {
            root,
            config,
            store,
            spec: None,
            resources: None,
            glossary: None,
            answers: Vec::new(),
            index: Index::default(),
        };
        ws.spec = ws.store.id(SPEC_FILE).filter(|&id| matches!(ws.store.slot(id).map(|s| &s.doc), Some(Doc::Spec(_))));
        ws.resources = ws
            .store
            .id(RESOURCES_FILE)
            .filter(|&id| matches!(ws.store.slot(id).map(|s| &s.doc), Some(Doc::Resources(_))));
        ws.glossary = ws
            .store
            .id(GLOSSARY_FILE)
            .filter(|&id| matches!(ws.store.slot(id).map(|s| &s.doc), Some(Doc::Glossary(_))));
        ws.answers = ws
            .store
            .paths()
            .filter(|p| ws.store.get(p).is_some_and(|s| s.answer().is_some()))
            .filter_map(|p| ws.store.id(p))
            .collect();
        ws.reindex();
        ws
    }

    /// Replaces (or adds) one file and re-parses only it: what an editor's change does.
    pub fn set_file(&mut self, path: &str, content: FileContent) {
        let ParsedFile { path, slot } = ParsedFile::parse(path.to_owned(), content, self.config.limits.max_file_bytes);
        let is_answer = slot.answer().is_some();
        let (id, old) = self.store.insert(path, slot);
        // The common case of an edit, an answer changed in place: same path, so same id (an
        // answer's id is its file name), same place among the answers, and the index stays valid
        // but for what the answer points at.
        if let (true, Some(Slot { doc: Doc::Answer(old), .. })) = (is_answer, &old)
            && let Some(new) = self.store.slot(id).and_then(Slot::answer)
        {
            self.index.patch(&self.store, id, old, new);
            return;
        }
        self.placed(id);
        self.reindex();
    }

    /// Removes one file (deleted on disk).
    pub fn remove_file(&mut self, path: &str) {
        if let Some(id) = self.store.id(path) {
            self.store.remove(path);
            self.placed(id);
            self.reindex();
        }
    }

    /// Brings the spec, the resources and the list of answers up to date with the file `id`.
    fn placed(&mut self, id: FileId) {
        let doc = self.store.slot(id).map(|s| &s.doc);
        let path = self.store.path(id);
        if path == SPEC_FILE {
            self.spec = matches!(doc, Some(Doc::Spec(_))).then_some(id);
        } else if path == RESOURCES_FILE {
            self.resources = matches!(doc, Some(Doc::Resources(_))).then_some(id);
        } else if path == GLOSSARY_FILE {
            self.glossary = matches!(doc, Some(Doc::Glossary(_))).then_some(id);
        }
        let at = self.answers.binary_search_by(|x| self.store.path(*x).cmp(path));
        match (at, matches!(doc, Some(Doc::Answer(_)))) {
            (Ok(i), false) => {
                self.answers.remove(i);
            }
            (Err(i), true) => self.answers.insert(i, id),
            _ => {}
        }
    }

    fn reindex(&mut self) {
        self.index = Index::build(&self.store, &self.answers, self.spec(), self.resources());
    }

    /// The spec, if `spec.yaml` exists and was read.
    pub fn spec(&self) -> Option<&SpecDoc> {
        match &self.store.slot(self.spec?)?.doc {
            Doc::Spec(spec) => Some(spec),
            _ => None,
        }
    }

    /// The resources, if `resources.yaml` exists and was read.
    pub fn resources(&self) -> Option<&ResourcesDoc> {
        match &self.store.slot(self.resources?)?.doc {
            Doc::Resources(resources) => Some(resources),
            _ => None,
        }
    }

    /// The glossary, if `glossary.yaml` exists and was read.
    pub fn glossary(&self) -> Option<&GlossaryDoc> {
        match &self.store.slot(self.glossary?)?.doc {
            Doc::Glossary(glossary) => Some(glossary),
            _ => None,
        }
    }

    /// The glossary's lookup tables (names to terms, phrases, spellings), built on first use
    /// and again after the glossary changes; empty without a glossary.
    pub fn lexicon(&self) -> &Lexicon {
        self.index.lexicon.get_or_init(|| Lexicon::new(self.glossary()))
    }

    /// The answers, sorted by path.
    pub fn answers(&self) -> impl Iterator<Item = &AnswerDoc> + Clone + '_ {
        // Every id of the list is an answer's (`placed` keeps it so): the filter drops nothing.
        self.answers.iter().filter_map(|&id| self.store.slot(id)?.answer())
    }

    /// The answers, in parallel.
    pub fn par_answers(&self) -> impl ParallelIterator<Item = &AnswerDoc> + '_ {
        self.answers.par_iter().filter_map(|&id| self.store.slot(id)?.answer())
    }

    pub fn answer_count(&self) -> usize {
        self.answers.len()
    }

    /// What reading `path` found wrong.
    pub fn problems(&self, path: &str) -> &[ParseProblem] {
        self.store.get(path).map_or(&[], |s| s.problems.as_slice())
    }

    /// The files with problems.
    pub fn files_with_problems(&self) -> impl Iterator<Item = &str> {
        self.store.files().filter(|(_, s)| !s.problems.is_empty()).map(|(p, _)| p)
    }

    /// Changes whenever the set of answers, the spec or the resources change, and only then
    /// (unique across workspaces): what a cache of per-answer results compares to know whether
    /// it can be kept.
    pub fn generation(&self) -> u64 {
        self.index.generation
    }

    pub fn source(&self, path: &str) -> Option<&Source> {
        self.store.get(path)?.source.as_ref()
    }

    /// The files' texts, sorted by path.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.store.files().filter_map(|(_, s)| s.source.as_ref())
    }

    /// Whether a file exists at `path` (relative to the root), read or not.
    pub fn file_exists(&self, path: &str) -> bool {
        self.store.contains(path)
    }

    pub fn file_count(&self) -> usize {
        self.store.len()
    }

    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.store.paths()
    }

    /// Whether some file of the KB is below the folder `path` (a trailing `/` is allowed).
    pub fn is_folder(&self, path: &str) -> bool {
        self.store.is_folder(path)
    }

    pub fn question(&self, id: &str) -> Option<&QuestionEntry> {
        let (c, q) = *self.index.questions.get(id)?;
        Some(&self.spec()?.categories[c].questions[q])
    }

    pub fn has_category(&self, id: &str) -> bool {
        self.index.categories.contains_key(id)
    }

    pub fn questions(&self) -> impl Iterator<Item = &QuestionEntry> {
        self.spec().into_iter().flat_map(SpecDoc::questions)
    }

    /// The answers that claim `id` (more than one is a `duplicate-answer`), sorted by path.
    pub fn answers_for(&self, id: &str) -> impl Iterator<Item = &AnswerDoc> {
        self.index.answers_by_id.get(id).into_iter().flatten().filter_map(|&f| self.store.slot(f)?.answer())
    }

    /// The answers whose Markdown links point at `path` (a file or a folder), by path.
    pub fn linked_from(&self, path: &str) -> impl Iterator<Item = &str> {
        self.pointing(&self.index.backlinks, path)
    }

    /// The answers (by path) that list `id` in `related`, an answer naming its own id aside.
    pub fn related_by(&self, id: &str) -> impl Iterator<Item = &str> {
        self.pointing(&self.index.related_by, id)
    }

    /// The answers (by path, sorted) that cite resource `id` in `resources`.
    pub fn cited_by(&self, id: &str) -> impl Iterator<Item = &str> {
        self.pointing(&self.index.cited_by, id)
    }

    /// The paths of the answers a reverse index lists under `key`, sorted.
    fn pointing<'a>(&'a self, index: &'a Reverse, key: &str) -> impl Iterator<Item = &'a str> + 'a {
        index.get(key).into_iter().flatten().map(|&id| self.store.path(id))
    }

    /// The answers whose rules can give another result after `changed` changed: those files
    /// themselves, and the answers that link to them or to a folder above them.
    pub fn affected_by(&self, changed: &[String]) -> Vec<&AnswerDoc> {
        self.affected(changed, &[])
    }

    /// [`Self::affected_by`], plus the answers at `pointed` (paths or ids an edit linked to or
    /// listed in `related`, before or after it: whether they are reached may have changed).
    pub fn affected(&self, changed: &[String], pointed: &[&str]) -> Vec<&AnswerDoc> {
        let mut paths: BTreeSet<&str> = BTreeSet::new();
        for p in pointed {
            paths.insert(p);
            paths.extend(self.answers_for(p).map(|a| a.path.as_str()));
        }
        for c in changed {
            paths.insert(c);
            let mut at = c.as_str();
            loop {
                paths.extend(self.linked_from(at));
                if at.is_empty() {
                    break;
                }
                at = at.rfind('/').map_or("", |cut| &at[..cut]);
            }
        }
        paths.into_iter().filter_map(|p| self.answer_at(p)).collect()
    }

    pub fn answer_at(&self, path: &str) -> Option<&AnswerDoc> {
        self.store.get(path)?.answer()
    }

    pub fn resource(&self, id: &str) -> Option<&ResourceEntry> {
        let i = *self.index.resources.get(id)?;
        Some(&self.resources()?.resources[i])
    }

    pub fn resource_entries(&self) -> &[ResourceEntry] {
        self.resources().map_or(&[], |r| &r.resources)
    }

    /// Ids of every question, category and resource (for "did you mean" suggestions).
    pub fn question_ids(&self) -> impl Iterator<Item = &str> {
        self.questions().map(|q| q.id.value.as_str())
    }

    /// The question ids, to suggest the closest to a misspelt one.
    pub fn question_candidates(&self) -> &Candidates {
        self.index.question_candidates.get_or_init(|| Candidates::new(self.question_ids()))
    }

    /// The answers' file names (their ids), to suggest the closest to a misspelt one.
    pub fn answer_candidates(&self) -> &Candidates {
        self.index.answer_candidates.get_or_init(|| Candidates::new(self.answers().map(|a| a.stem.as_str())))
    }

    /// Where a question's answer belongs: `<category>/<id>.md`.
    pub fn expected_path(question: &QuestionEntry) -> String {
        format!("{}/{}.md", question.category, question.id.value)
    }

    /// Resolves a relative link `dest` (without its `#fragment`) written in `from`.
    pub fn resolve(&self, from: &str, dest: &str) -> Resolved {
        link::resolve(from, dest)
    }
}

/// Answers are Markdown files inside a folder of the KB (root-level Markdown is documentation).
pub fn is_answer_path(path: &str) -> bool {
    path.ends_with(".md") && path.contains('/')
}

/// Files whose text mlqa reads and checks.
fn is_checked(path: &str) -> bool {
    path == SPEC_FILE || path == RESOURCES_FILE || path == GLOSSARY_FILE || is_answer_path(path)
}

/// Every file below `dir`, relative to `root`; hidden entries skipped, symlinks never followed.
/// The spec grows with the KB (1.6 MB at 10,000 questions) and is one file: it goes first, so
/// that one thread parses it while the others parse answers, instead of last, alone.
fn spec_first<T>(files: &mut [(String, T)]) {
    files.sort_by_key(|(path, _)| path != SPEC_FILE);
}
