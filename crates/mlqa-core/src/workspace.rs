//! A loaded KB: every document parsed (in parallel), and the indexes the rules and the IDE
//! features query: ids, answers by id and path, resources, the files that exist.

use foldhash::{HashMap, HashMapExt};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use std::sync::OnceLock;

use rayon::prelude::*;

use crate::config::{CONFIG_FILE, Config, ConfigError};
use crate::document::{AnswerDoc, QuestionEntry, ResourceEntry, ResourcesDoc, Source, SpecDoc};
use crate::suggest::Candidates;
use crate::syntax::link::{self, Resolved};
use crate::syntax::problem::ParseProblem;
use crate::text::TextRange;

pub const SPEC_FILE: &str = "spec.yaml";
pub const RESOURCES_FILE: &str = "resources.yaml";

/// Deepest folder nesting walked below the KB root.
const MAX_DEPTH: usize = 32;

/// A file of the KB as it was found on disk (or handed over by an editor).
#[derive(Debug, Clone)]
pub enum FileContent {
    Text(String),
    /// Larger than `limits.max-file-bytes`; not read.
    TooLarge {
        bytes: u64,
    },
    /// Not UTF-8; `valid_up_to` is the offset of the first bad byte in `lossy`.
    InvalidUtf8 {
        lossy: String,
        valid_up_to: usize,
    },
    /// Exists, but is not a file mlqa reads (an image, ...).
    Unread,
    /// A symbolic link: never followed, so never read.
    Symlink,
    /// Could not be read.
    Error(String),
}

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
    sources: BTreeMap<String, Source>,
    files: BTreeSet<String>,
    pub spec: Option<SpecDoc>,
    pub resources: Option<ResourcesDoc>,
    pub answers: Vec<AnswerDoc>,
    /// What reading and parsing found wrong, by file (syntax and schema problems, unreadable
    /// files); the rules of the syntax family word them.
    problems: HashMap<String, Vec<ParseProblem>>,
    index: Index,
}

#[derive(Debug, Clone, Default)]
struct Index {
    categories: HashMap<String, usize>,
    questions: HashMap<String, (usize, usize)>,
    answers_by_id: HashMap<String, Vec<usize>>,
    answer_by_path: HashMap<String, usize>,
    resources: HashMap<String, usize>,
    /// Unique to this index: a new one is built whenever the set of answers, the spec or the
    /// resources change (an answer edited in place keeps it).
    generation: u64,
    /// Who links to each file or folder: the answers whose Markdown links resolve to it, the
    /// reverse of [`AnswerDoc::targets`]; patched when an answer is edited in place.
    backlinks: Reverse,
    /// Which answers list each id in `related` (an answer listing its own id aside).
    related_by: Reverse,
    /// Which answers cite each resource id in `resources`.
    cited_by: Reverse,
    /// The question ids and the answers' file names, measured for typo suggestions on first use.
    question_candidates: OnceLock<Candidates>,
    answer_candidates: OnceLock<Candidates>,
}

/// A reverse index: for each key (a path, an id), the answers that point at it, as their
/// places in [`Workspace::answers`] (sorted by path, so these lists are sorted by path too).
/// Positions, not copies of paths: a key is stored once, an entry is four bytes, and an
/// answer edited in place keeps its position. Rebuilt whenever the set of answers changes.
type Reverse = HashMap<String, Vec<u32>>;

/// A parsed file of the KB.
enum Parsed {
    Spec(SpecDoc),
    Resources(ResourcesDoc),
    Answer(Box<AnswerDoc>),
    Other,
}

/// One file after parsing: its text (for snippets), document and load diagnostics.
struct ParsedFile {
    path: String,
    source: Option<Source>,
    parsed: Parsed,
    problems: Vec<ParseProblem>,
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
        let parsed = match source.as_ref().filter(|_| readable) {
            Some(s) if path == SPEC_FILE => Parsed::Spec(SpecDoc::parse(s, &mut problems)),
            Some(s) if path == RESOURCES_FILE => Parsed::Resources(ResourcesDoc::parse(s, &mut problems)),
            Some(s) if is_answer_path(&path) => Parsed::Answer(Box::new(AnswerDoc::parse(s, &mut problems))),
            _ => Parsed::Other,
        };
        Self { path, source, parsed, problems }
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

    /// The workspace of parsed files: documents in place, then the indexes.
    fn assemble(root: PathBuf, config: Config, parsed: Vec<ParsedFile>) -> Self {
        let mut ws = Self {
            root,
            config,
            sources: BTreeMap::new(),
            files: BTreeSet::new(),
            spec: None,
            resources: None,
            answers: Vec::new(),
            problems: HashMap::new(),
            index: Index::default(),
        };
        // Collected, then built in bulk (a sorted `BTreeMap` builds in linear time), rather
        // than inserted one by one.
        let mut sources = Vec::with_capacity(parsed.len());
        let mut files = Vec::with_capacity(parsed.len());
        for ParsedFile { path, source, parsed, problems } in parsed {
            files.push(path.clone());
            if !problems.is_empty() {
                ws.problems.insert(path.clone(), problems);
            }
            match parsed {
                Parsed::Spec(s) => ws.spec = Some(s),
                Parsed::Resources(r) => ws.resources = Some(r),
                Parsed::Answer(a) => ws.answers.push(*a),
                Parsed::Other => {}
            }
            if let Some(s) = source {
                sources.push((path, s));
            }
        }
        ws.files = files.into_iter().collect();
        ws.sources = sources.into_iter().collect();
        ws.answers.sort_by(|a, b| a.path.cmp(&b.path));
        ws.reindex();
        ws
    }

    /// Replaces (or adds) one file and re-parses only it: what an editor's change does.
    pub fn set_file(&mut self, path: &str, content: FileContent) {
        let file = ParsedFile::parse(path.to_owned(), content, self.config.limits.max_file_bytes);
        let Some(file) = self.replace_answer(file) else { return };
        self.forget(path);
        let is_answer = matches!(file.parsed, Parsed::Answer(_));
        self.insert(file);
        if is_answer {
            self.answers.sort_by(|a, b| a.path.cmp(&b.path));
        }
        self.reindex();
    }

    /// The common case of an edit, an answer changed in place: same path, so same id and same
    /// place in the sorted list, and the index stays valid. Replaces it without touching the
    /// others; gives the file back when it is not that case.
    fn replace_answer(&mut self, file: ParsedFile) -> Option<ParsedFile> {
        let at = self.index.answer_by_path.get(&file.path).copied();
        let ParsedFile { path, source, parsed, problems } = file;
        match (parsed, at) {
            (Parsed::Answer(answer), Some(i)) if self.answers.get(i).is_some_and(|a| a.path == path) => {
                self.set_problems(&path, problems);
                match source {
                    Some(s) => self.sources.insert(path, s),
                    None => self.sources.remove(&path),
                };
                let old = std::mem::replace(&mut self.answers[i], *answer);
                let new = &self.answers[i];
                let at = i as u32;
                if old.targets != new.targets {
                    patch(&mut self.index.backlinks, at, &targets(&old), &targets(new));
                }
                let (before, after) = (related_ids(&old), related_ids(new));
                if before != after {
                    patch(&mut self.index.related_by, at, &before, &after);
                }
                let (before, after) = (cited_ids(&old), cited_ids(new));
                if before != after {
                    patch(&mut self.index.cited_by, at, &before, &after);
                }
                None
            }
            (parsed, _) => Some(ParsedFile { path, source, parsed, problems }),
        }
    }

    /// Removes one file (deleted on disk).
    pub fn remove_file(&mut self, path: &str) {
        self.forget(path);
        self.reindex();
    }

    fn forget(&mut self, path: &str) {
        self.files.remove(path);
        self.sources.remove(path);
        self.problems.remove(path);
        self.answers.retain(|a| a.path != path);
        if path == SPEC_FILE {
            self.spec = None;
        } else if path == RESOURCES_FILE {
            self.resources = None;
        }
    }

    fn insert(&mut self, file: ParsedFile) {
        self.files.insert(file.path.clone());
        self.set_problems(&file.path, file.problems);
        if let Some(s) = file.source {
            self.sources.insert(file.path, s);
        }
        match file.parsed {
            Parsed::Spec(s) => self.spec = Some(s),
            Parsed::Resources(r) => self.resources = Some(r),
            Parsed::Answer(a) => self.answers.push(*a),
            Parsed::Other => {}
        }
    }

    fn reindex(&mut self) {
        static GENERATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut index =
            Index { generation: GENERATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed), ..Index::default() };
        // The forward maps on one thread, the reverse ones on another.
        let ((), ()) = rayon::join(
            || {
                if let Some(spec) = &self.spec {
                    for (c, cat) in spec.categories.iter().enumerate() {
                        index.categories.entry(cat.id.value.clone()).or_insert(c);
                        for (q, question) in cat.questions.iter().enumerate() {
                            index.questions.entry(question.id.value.clone()).or_insert((c, q));
                        }
                    }
                }
                for (i, a) in self.answers.iter().enumerate() {
                    index.answers_by_id.entry(a.id().to_owned()).or_default().push(i);
                    index.answer_by_path.insert(a.path.clone(), i);
                }
                if let Some(res) = &self.resources {
                    for (i, r) in res.resources.iter().enumerate() {
                        index.resources.entry(r.id.value.clone()).or_insert(i);
                    }
                }
            },
            || {
                // In the answers' order, so that each list comes out sorted.
                for (at, a) in (0u32..).zip(&self.answers) {
                    for t in &a.targets {
                        add(&mut index.backlinks, t, at);
                    }
                    for id in related_ids(a) {
                        add(&mut index.related_by, id, at);
                    }
                    for id in cited_ids(a) {
                        add(&mut index.cited_by, id, at);
                    }
                }
            },
        );
        self.index = index;
    }

    fn set_problems(&mut self, path: &str, problems: Vec<ParseProblem>) {
        if problems.is_empty() {
            self.problems.remove(path);
        } else {
            self.problems.insert(path.to_owned(), problems);
        }
    }

    /// What reading `path` found wrong.
    pub fn problems(&self, path: &str) -> &[ParseProblem] {
        self.problems.get(path).map_or(&[], Vec::as_slice)
    }

    /// The files with problems.
    pub fn files_with_problems(&self) -> impl Iterator<Item = &str> {
        self.problems.keys().map(String::as_str)
    }

    /// Changes whenever the set of answers, the spec or the resources change, and only then
    /// (unique across workspaces): what a cache of per-answer results compares to know whether
    /// it can be kept.
    pub fn generation(&self) -> u64 {
        self.index.generation
    }

    pub fn source(&self, path: &str) -> Option<&Source> {
        self.sources.get(path)
    }

    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.sources.values()
    }

    /// Whether a file exists at `path` (relative to the root), read or not.
    pub fn file_exists(&self, path: &str) -> bool {
        // Most links point at answers: one hash lookup instead of a walk of the sorted set.
        self.index.answer_by_path.contains_key(path) || self.files.contains(path)
    }

    pub fn file_count(&self) -> usize {
        self.files.len()
    }

    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(String::as_str)
    }

    /// Whether some file of the KB is below the folder `path` (a trailing `/` is allowed).
    pub fn is_folder(&self, path: &str) -> bool {
        let prefix = format!("{}/", path.trim_end_matches('/'));
        // The files are sorted: the first one at or after the prefix is below it, if any is.
        let from = (std::ops::Bound::Included(prefix.as_str()), std::ops::Bound::Unbounded);
        self.files.range::<str, _>(from).next().is_some_and(|f| f.starts_with(&prefix))
    }

    pub fn question(&self, id: &str) -> Option<&QuestionEntry> {
        let (c, q) = *self.index.questions.get(id)?;
        Some(&self.spec.as_ref()?.categories[c].questions[q])
    }

    pub fn has_category(&self, id: &str) -> bool {
        self.index.categories.contains_key(id)
    }

    pub fn questions(&self) -> impl Iterator<Item = &QuestionEntry> {
        self.spec.iter().flat_map(SpecDoc::questions)
    }

    /// The answers that claim `id` (more than one is a `duplicate-answer`).
    pub fn answers_for(&self, id: &str) -> impl Iterator<Item = &AnswerDoc> {
        self.index.answers_by_id.get(id).into_iter().flatten().map(|&i| &self.answers[i])
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
        index.get(key).into_iter().flatten().map(|&at| self.answers[at as usize].path.as_str())
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
        self.index.answer_by_path.get(path).map(|&i| &self.answers[i])
    }

    pub fn resource(&self, id: &str) -> Option<&ResourceEntry> {
        let i = *self.index.resources.get(id)?;
        Some(&self.resources.as_ref()?.resources[i])
    }

    pub fn resource_entries(&self) -> &[ResourceEntry] {
        self.resources.as_ref().map_or(&[], |r| &r.resources)
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
        self.index.answer_candidates.get_or_init(|| Candidates::new(self.answers.iter().map(|a| a.stem.as_str())))
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

/// Adds the answer at `at` under `key`; answers are added in order, so the list stays sorted.
fn add(index: &mut Reverse, key: &str, at: u32) {
    match index.get_mut(key) {
        Some(list) => list.push(at),
        None => {
            index.insert(key.to_owned(), vec![at]);
        }
    }
}

/// Moves the answer at `at` out of the lists of the `old` keys and into those of the `new` ones,
/// keeping each list sorted.
fn patch(index: &mut Reverse, at: u32, old: &[&str], new: &[&str]) {
    for key in old {
        if let Some(list) = index.get_mut(*key)
            && let Ok(i) = list.binary_search(&at)
        {
            list.remove(i);
        }
    }
    for key in new {
        let list = match index.get_mut(*key) {
            Some(list) => list,
            None => index.entry((*key).to_owned()).or_default(),
        };
        if let Err(i) = list.binary_search(&at) {
            list.insert(i, at);
        }
    }
}

/// Answers are Markdown files inside a folder of the KB (root-level Markdown is documentation).
pub fn is_answer_path(path: &str) -> bool {
    path.ends_with(".md") && path.contains('/')
}

/// Files whose text mlqa reads and checks.
fn is_checked(path: &str) -> bool {
    path == SPEC_FILE || path == RESOURCES_FILE || is_answer_path(path)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    File,
    Symlink,
}

/// Every file below `dir`, relative to `root`; hidden entries skipped, symlinks never followed.
/// The spec grows with the KB (1.6 MB at 10,000 questions) and is one file: it goes first, so
/// that one thread parses it while the others parse answers, instead of last, alone.
fn spec_first<T>(files: &mut [(String, T)]) {
    files.sort_by_key(|(path, _)| path != SPEC_FILE);
}

/// The files below `dir`, sorted by path; folders are walked in parallel (a KB is mostly one
/// folder per category).
fn walk(root: &Path, dir: &Path, depth: usize) -> std::io::Result<Vec<(String, EntryKind)>> {
    if depth > MAX_DEPTH {
        return Ok(Vec::new());
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    let found: Vec<std::io::Result<Vec<(String, EntryKind)>>> = entries
        .into_par_iter()
        .map(|entry| {
            let name = entry.file_name();
            let Some(name) = name.to_str().filter(|n| !n.starts_with('.')) else { return Ok(Vec::new()) };
            let Ok(kind) = entry.file_type() else { return Ok(Vec::new()) };
            let path = dir.join(name);
            let rel = || path.strip_prefix(root).ok().and_then(|p| p.to_str()).map(|p| p.replace('\\', "/"));
            Ok(if kind.is_symlink() {
                rel().map(|rel| (rel, EntryKind::Symlink)).into_iter().collect()
            } else if kind.is_dir() {
                walk(root, &path, depth + 1)?
            } else if kind.is_file() {
                rel().map(|rel| (rel, EntryKind::File)).into_iter().collect()
            } else {
                Vec::new()
            })
        })
        .collect();
    let mut out = Vec::new();
    for f in found {
        out.extend(f?);
    }
    Ok(out)
}

/// Reads one file of the KB the way loading does (size limit first, symlinks not followed);
/// `None` when it no longer exists.
pub fn read_file(path: &Path, limit: u64) -> Option<FileContent> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    let kind = if meta.file_type().is_symlink() { EntryKind::Symlink } else { EntryKind::File };
    meta.is_dir().then_some(()).map_or(Some(read(path, kind, limit)), |()| None)
}

fn read(path: &Path, kind: EntryKind, limit: u64) -> FileContent {
    let rel = path.to_string_lossy();
    let checked = rel.ends_with(".md") || rel.ends_with(".yaml");
    if kind == EntryKind::Symlink {
        return FileContent::Symlink;
    }
    if !checked {
        return FileContent::Unread;
    }
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return FileContent::Error(e.to_string()),
    };
    let size = file.metadata().map_or(0, |m| m.len());
    if size > limit {
        return FileContent::TooLarge { bytes: size };
    }
    // Room for the whole file and one byte more, so that it is read in one call and the next
    // one sees its end (no probing read, no reallocation).
    let mut bytes = Vec::with_capacity(size as usize + 1);
    // Bounded even if the file grows after its size was read.
    if let Err(e) = file.take(limit + 1).read_to_end(&mut bytes) {
        return FileContent::Error(e.to_string());
    }
    if bytes.len() as u64 > limit {
        return FileContent::TooLarge { bytes: bytes.len() as u64 };
    }
    match String::from_utf8(bytes) {
        Ok(text) => FileContent::Text(text),
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            FileContent::InvalidUtf8 { lossy: String::from_utf8_lossy(e.as_bytes()).into_owned(), valid_up_to }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_a_prefix_of_some_file_up_to_a_slash() {
        let files = ["a-b/x.md", "a/b.md", "ab/c.md", "d/e/f.md"]
            .iter()
            .map(|p| ((*p).to_owned(), FileContent::Text(String::new())))
            .collect();
        let ws = Workspace::build(PathBuf::from("/kb"), Config::default(), files);
        for folder in ["a", "a/", "ab", "a-b", "d", "d/e"] {
            assert!(ws.is_folder(folder), "{folder}");
        }
        for not_folder in ["a/b.md", "c", "a-", "d/e/f.md", "e"] {
            assert!(!ws.is_folder(not_folder), "{not_folder}");
        }
    }
}
