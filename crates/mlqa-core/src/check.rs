//! Running the rules over a workspace: levels from the configuration, `--select`/`--ignore`,
//! suppression comments, and a stable order.
//!
//! The results are kept per file: the raw diagnostics of each answer's rules, the workspace
//! rules' diagnostics grouped by file, and each file's finished list (levels, selection and
//! suppressions applied, sorted). An edit re-runs what it can affect and re-finishes only the
//! files whose raw diagnostics it touched, and [`Incremental::update`] says which files' finished
//! diagnostics changed, so that the server publishes those and nothing else.

use foldhash::{HashMap, HashMapExt};
use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::AnswerDoc;
use crate::rules::syntax::unused_suppression;
use crate::rules::{AnswerCtx, Check, Rule, Selector};
use crate::suppress;
use crate::workspace::{RESOURCES_FILE, SPEC_FILE, Workspace};

/// Which rules to report, on top of the configured levels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// When not empty, only these rules or families.
    pub select: Vec<Selector>,
    pub ignore: Vec<Selector>,
}

impl Selection {
    pub fn allows(&self, rule: Rule) -> bool {
        (self.select.is_empty() || self.select.iter().any(|s| s.matches(rule)))
            && !self.ignore.iter().any(|s| s.matches(rule))
    }
}

/// Every diagnostic of the workspace, sorted by file, position and rule.
///
/// [`Incremental`] computes the same from the same functions (a test compares them after
/// thousands of edits); this one-shot form keeps nothing for later.
pub fn check(ws: &Workspace, selection: &Selection) -> Vec<Diagnostic> {
    let levels = Levels::new(ws, selection.clone());
    let (answers, workspace) = rayon::join(
        || {
            ws.par_answers()
                .map(|a| (a.path.as_str(), answer_rules(ws, a, &levels)))
                .filter(|(_, d)| !d.is_empty())
                .collect::<HashMap<&str, Vec<Diagnostic>>>()
        },
        || by_file(workspace_rules(ws, &levels)),
    );
    // Every answer: one without raw diagnostics may still have an unused suppression.
    let files: BTreeSet<&str> = ws
        .files_with_problems()
        .chain(ws.answers().map(|a| a.path.as_str()))
        .chain(workspace.keys().map(String::as_str))
        .collect();
    files
        .into_par_iter()
        .flat_map_iter(|f| {
            let raw = answers.get(f).into_iter().flatten().chain(workspace.get(f).into_iter().flatten());
            finish(ws, &levels, f, raw)
        })
        .collect()
}

/// The severity of each rule for a file (`None`: off or not selected), from the configuration
/// and the selection: worked out once per KB, and again only for a file that a per-path
/// override matches.
#[derive(Debug, Clone, Default)]
struct Levels {
    selection: Selection,
    base: Vec<Option<Severity>>,
}

impl Levels {
    fn new(ws: &Workspace, selection: Selection) -> Self {
        let base = Rule::ALL.iter().map(|&rule| severity(&selection, rule, ws.config.base_level(rule))).collect();
        Self { selection, base }
    }

    /// The severities for `file`.
    fn of<'a>(&'a self, ws: &Workspace, file: &str) -> std::borrow::Cow<'a, [Option<Severity>]> {
        if ws.config.overridden(file) {
            Rule::ALL.iter().map(|&rule| severity(&self.selection, rule, ws.config.level(rule, file))).collect()
        } else {
            std::borrow::Cow::Borrowed(&self.base)
        }
    }

    /// Whether `rule` is on for some file: a workspace rule that is off everywhere does no work.
    fn anywhere(&self, ws: &Workspace, rule: Rule) -> bool {
        self.base[rule as usize].is_some()
            || (self.selection.allows(rule)
                && ws
                    .config
                    .overrides
                    .iter()
                    .any(|o| o.rules.contains_key(rule.name()) || o.rules.contains_key(rule.family().name())))
    }
}

fn severity(selection: &Selection, rule: Rule, level: RuleLevel) -> Option<Severity> {
    if !selection.allows(rule) {
        return None;
    }
    match level {
        RuleLevel::Off => None,
        RuleLevel::Warn => Some(Severity::Warning),
        RuleLevel::Error => Some(Severity::Error),
    }
}

/// Diagnostics kept current as files change: after an edit, the answer rules re-run only for
/// the answers whose results can change (the edited ones and those linking to them; all of
/// them when the spec, the resources or the set of answer files changed), and the workspace
/// rules only when what they read of an answer changed (its id, front matter, link targets,
/// H1 position: its [`outline`]), not on a keystroke in its prose. [`check`] runs the same
/// functions with nothing cached, and a test compares the two after thousands of random edits.
#[derive(Debug, Clone, Default)]
pub struct Incremental {
    levels: Levels,
    /// The answer rules' diagnostics, by answer.
    answers: HashMap<String, Vec<Diagnostic>>,
    /// The workspace rules' diagnostics, by file, and the outline of each answer they were
    /// computed on.
    workspace: HashMap<String, Vec<Diagnostic>>,
    outlines: HashMap<String, u64>,
    /// What each answer points at (link targets and `related` ids), as last checked: an edit
    /// that changes it re-checks the answers pointed at before and after (`unreachable-answer`).
    pointers: HashMap<String, Vec<String>>,
    /// The workspace's generation the cache was built on.
    generation: u64,
    /// Each file's finished diagnostics (files without any are absent).
    finished: BTreeMap<String, Vec<Diagnostic>>,
}

impl Incremental {
    pub fn new(ws: &Workspace) -> Self {
        Self::with_selection(ws, Selection::default())
    }

    pub fn with_selection(ws: &Workspace, selection: Selection) -> Self {
        let levels = Levels::new(ws, selection);
        // The workspace rules (one pass each over the KB) run beside the answer rules.
        let (per_answer, workspace) = rayon::join(
            || {
                ws.par_answers()
                    .map(|a| (a.path.as_str(), answer_rules(ws, a, &levels), outline(a), pointers(a)))
                    .collect::<Vec<_>>()
            },
            || by_file(workspace_rules(ws, &levels)),
        );
        let n = per_answer.len();
        let (mut answers, mut outlines, mut pointers) =
            (HashMap::with_capacity(n), HashMap::with_capacity(n), HashMap::with_capacity(n));
        for (path, diags, outline, points) in per_answer {
            answers.insert(path.to_owned(), diags);
            outlines.insert(path.to_owned(), outline);
            pointers.insert(path.to_owned(), points);
        }
        let generation = ws.generation();
        let mut this = Self { levels, answers, workspace, outlines, pointers, generation, finished: BTreeMap::new() };
        let files: BTreeSet<&str> = ws
            .files_with_problems()
            .chain(this.answers.keys().map(String::as_str))
            .chain(this.workspace.keys().map(String::as_str))
            .collect();
        let finished: Vec<(String, Vec<Diagnostic>)> = files
            .into_par_iter()
            .map(|f| (f.to_owned(), this.finish_file(ws, f)))
            .filter(|(_, d)| !d.is_empty())
            .collect();
        this.finished = finished.into_iter().collect();
        this
    }

    /// Brings the cache up to date after `changed` (paths relative to the root) changed in `ws`;
    /// returns the files whose diagnostics changed (sorted), an empty list for a file whose
    /// diagnostics were all cleared included.
    pub fn update(&mut self, ws: &Workspace, changed: &[String]) -> Vec<String> {
        let global =
            ws.generation() != self.generation || changed.iter().any(|p| p == SPEC_FILE || p == RESOURCES_FILE);
        if global {
            let old = std::mem::take(&mut self.finished);
            *self = Self::with_selection(ws, std::mem::take(&mut self.levels.selection));
            let files: BTreeSet<&String> = old.keys().chain(self.finished.keys()).collect();
            return files.into_iter().filter(|f| old.get(*f) != self.finished.get(*f)).cloned().collect();
        }
        let mut touched: BTreeSet<String> = changed.iter().cloned().collect();
        let mut outline_changed = false;
        let mut pointed: Vec<String> = Vec::new();
        for c in changed {
            pointed.extend(self.pointers.get(c).into_iter().flatten().cloned());
            pointed.extend(ws.answer_at(c).map(pointers).into_iter().flatten());
        }
        let pointed: Vec<&str> = pointed.iter().map(String::as_str).collect();
        for a in ws.affected(changed, &pointed) {
            self.answers.insert(a.path.clone(), answer_rules(ws, a, &self.levels));
            let new = outline(a);
            outline_changed |= self.outlines.insert(a.path.clone(), new) != Some(new);
            self.pointers.insert(a.path.clone(), pointers(a));
            touched.insert(a.path.clone());
        }
        if outline_changed {
            let new = by_file(workspace_rules(ws, &self.levels));
            for file in new.keys().chain(self.workspace.keys()) {
                if new.get(file) != self.workspace.get(file) {
                    touched.insert(file.clone());
                }
            }
            self.workspace = new;
        }
        let mut out = Vec::new();
        for file in touched {
            let new = self.finish_file(ws, &file);
            let old = self.finished.get(&file).map_or(&[][..], Vec::as_slice);
            if new != old {
                if new.is_empty() {
                    self.finished.remove(&file);
                } else {
                    self.finished.insert(file.clone(), new);
                }
                out.push(file);
            }
        }
        out
    }

    /// A file's diagnostics, finished.
    pub fn file(&self, path: &str) -> &[Diagnostic] {
        self.finished.get(path).map_or(&[], Vec::as_slice)
    }

    /// Every file that has diagnostics, with them.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[Diagnostic])> {
        self.finished.iter().map(|(f, d)| (f.as_str(), d.as_slice()))
    }

    /// Every diagnostic, as [`check`] reports it.
    pub fn all(&self) -> Vec<Diagnostic> {
        self.finished.values().flatten().cloned().collect()
    }

    /// Every diagnostic under `selection`: the cached ones when it is the selection the cache
    /// was built with, else a check from scratch.
    pub fn diagnostics(&self, ws: &Workspace, selection: &Selection) -> Vec<Diagnostic> {
        if *selection == self.levels.selection { self.all() } else { check(ws, selection) }
    }

    /// `file`'s diagnostics, finished from the cached raw ones.
    fn finish_file(&self, ws: &Workspace, file: &str) -> Vec<Diagnostic> {
        let raw = self.answers.get(file).into_iter().flatten().chain(self.workspace.get(file).into_iter().flatten());
        finish(ws, &self.levels, file, raw)
    }
}

/// `file`'s diagnostics from its parse problems and the rules' raw diagnostics: levels,
/// selection, suppressions, order.
fn finish<'a>(
    ws: &Workspace,
    levels: &Levels,
    file: &str,
    raw: impl Iterator<Item = &'a Diagnostic>,
) -> Vec<Diagnostic> {
    let levels = levels.of(ws, file);
    let problems = ws
        .problems(file)
        .iter()
        .filter(|p| levels[p.rule() as usize].is_some())
        .map(|p| crate::rules::syntax::report(file, p));
    let mut kept: Vec<Diagnostic> = problems
        .chain(raw.cloned())
        .filter_map(|d| {
            let severity = levels[d.rule as usize]?;
            Some(Diagnostic { severity, ..d })
        })
        .collect();
    if let Some(answer) = ws.answer_at(file) {
        apply_suppressions(ws, answer, &mut kept, &levels);
    }
    kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then_with(|| a.message.cmp(&b.message)));
    kept.dedup();
    kept
}

fn by_file(diags: Vec<Diagnostic>) -> HashMap<String, Vec<Diagnostic>> {
    let mut out: HashMap<String, Vec<Diagnostic>> = HashMap::new();
    for d in diags {
        out.entry(d.file.clone()).or_default().push(d);
    }
    out
}

fn workspace_rules(ws: &Workspace, levels: &Levels) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for &rule in Rule::ALL {
        if let Check::Workspace(f) = rule.check()
            && levels.anywhere(ws, rule)
        {
            f(ws, &mut out);
        }
    }
    out
}

/// A digest of everything the workspace rules read of an answer: path, id, front matter values
/// and their ranges (`related` aside), the H1's range and where the body starts. Links and
/// `related` are read by answer rules only, through the reverse indexes, so editing them does
/// not re-run the workspace rules.
fn outline(a: &AnswerDoc) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (&a.path, &a.stem, &a.folder, a.body_start).hash(&mut h);
    a.md.h1().map(|h1| (h1.range, h1.text_range)).hash(&mut h);
    let m = &a.meta;
    for item in [&m.id, &m.category, &m.difficulty].into_iter().flatten() {
        (&item.value, item.range).hash(&mut h);
    }
    for list in [&m.tags, &m.resources] {
        list.len().hash(&mut h);
        for item in list {
            (&item.value, item.range).hash(&mut h);
        }
    }
    h.finish()
}

/// The paths an answer links to and the ids it lists in `related`.
fn pointers(a: &AnswerDoc) -> Vec<String> {
    a.targets.iter().chain(a.meta.related.iter().map(|i| &i.value)).cloned().collect()
}

/// The answer-scoped rules for one answer (before levels and suppressions), those that are on.
pub fn check_answer(ws: &Workspace, answer: &AnswerDoc) -> Vec<Diagnostic> {
    answer_rules(ws, answer, &Levels::new(ws, Selection::default()))
}

fn answer_rules(ws: &Workspace, answer: &AnswerDoc, levels: &Levels) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(source) = ws.source(&answer.path) else {
        return out;
    };
    // An empty file is one problem (`missing-front-matter`), not one per missing part.
    if source.text.trim_start_matches('\u{feff}').trim().is_empty() {
        return out;
    }
    let on = levels.of(ws, &answer.path);
    let question = ws.question(answer.id());
    let ctx = AnswerCtx { ws, answer, source, question };
    for &rule in Rule::ALL {
        if let Check::Answer(f) = rule.check()
            && on[rule as usize].is_some()
        {
            f(&ctx, &mut out);
        }
    }
    out
}

/// Drops what the answer's suppression comments silence, and reports the comments that
/// silence nothing (`unused-suppression`).
fn apply_suppressions(ws: &Workspace, answer: &AnswerDoc, diags: &mut Vec<Diagnostic>, levels: &[Option<Severity>]) {
    if answer.md.comments.is_empty() {
        return;
    }
    let Some(source) = ws.source(&answer.path) else {
        return;
    };
    let suppressions = suppress::parse(answer, source);
    if suppressions.is_empty() {
        return;
    }
    let mut used = vec![false; suppressions.len()];
    diags.retain(|d| match suppressions.iter().position(|s| s.covers(d.rule, d.range)) {
        Some(i) => {
            used[i] = true;
            false
        }
        None => true,
    });
    let Some(severity) = levels[Rule::UnusedSuppression as usize] else {
        return;
    };
    for (s, used) in suppressions.iter().zip(used) {
        if let Some(d) = unused_suppression::report(&answer.path, source, s, used) {
            diags.push(Diagnostic { severity, ..d });
        }
    }
}
