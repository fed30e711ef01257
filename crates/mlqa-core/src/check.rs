//! Running the rules over a workspace: levels from the configuration, `--select`/`--ignore`,
//! suppression comments, and a stable order.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::AnswerDoc;
use crate::rules::{AnswerCtx, Check, Rule, Selector};
use crate::suppress::{self, Scope};
use crate::workspace::{RESOURCES_FILE, SPEC_FILE, Workspace};

/// Which rules to report, on top of the configured levels.
#[derive(Debug, Clone, Default)]
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
pub fn check(ws: &Workspace, selection: &Selection) -> Vec<Diagnostic> {
    Incremental::new(ws).diagnostics(ws, selection)
}

/// Diagnostics kept current as files change: after an edit, the answer rules re-run only for
/// the answers whose results can change (the edited ones and those linking to them; all of
/// them when the spec, the resources or the set of answer files changed), and the workspace
/// rules only when what they read of an answer changed (its id, front matter, link targets,
/// H1 position: its [`outline`]), not on a keystroke in its prose. [`check`] is this with
/// nothing cached, so both agree by construction of the cache, and a test compares them after
/// thousands of random edits.
#[derive(Debug, Clone, Default)]
pub struct Incremental {
    answers: HashMap<String, Vec<Diagnostic>>,
    /// The workspace rules' diagnostics, and the outline of each answer they were computed on.
    workspace: Vec<Diagnostic>,
    outlines: HashMap<String, u64>,
    /// The workspace's generation the cache was built on.
    generation: u64,
}

impl Incremental {
    pub fn new(ws: &Workspace) -> Self {
        let answers = ws.answers.par_iter().map(|a| (a.path.clone(), check_answer(ws, a))).collect();
        let outlines = ws.answers.iter().map(|a| (a.path.clone(), outline(a))).collect();
        Self { answers, workspace: workspace_rules(ws), outlines, generation: ws.generation() }
    }

    /// Brings the cache up to date after `changed` (paths relative to the root) changed in `ws`.
    pub fn update(&mut self, ws: &Workspace, changed: &[String]) {
        let global =
            ws.generation() != self.generation || changed.iter().any(|p| p == SPEC_FILE || p == RESOURCES_FILE);
        if global {
            *self = Self::new(ws);
            return;
        }
        let touches = |target: &str| {
            changed.iter().any(|c| c == target || c.strip_prefix(target).is_some_and(|r| r.starts_with('/')))
        };
        let affected: Vec<&AnswerDoc> =
            ws.answers.iter().filter(|a| changed.contains(&a.path) || a.targets.iter().any(|t| touches(t))).collect();
        let mut outline_changed = false;
        for a in affected {
            self.answers.insert(a.path.clone(), check_answer(ws, a));
            let new = outline(a);
            outline_changed |= self.outlines.insert(a.path.clone(), new) != Some(new);
        }
        if outline_changed {
            self.workspace = workspace_rules(ws);
        }
    }

    /// Every diagnostic, as [`check`] reports it.
    pub fn diagnostics(&self, ws: &Workspace, selection: &Selection) -> Vec<Diagnostic> {
        let mut raw = ws.load_diagnostics.clone();
        // The cache holds exactly the workspace's answers (rebuilt when the set changes), and
        // `finish` sorts: no need to look each one up.
        raw.extend(self.answers.values().flatten().cloned());
        raw.extend(self.workspace.iter().cloned());
        finish(ws, raw, selection)
    }
}

fn workspace_rules(ws: &Workspace) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in Rule::ALL {
        if let Check::Workspace(f) = rule.check() {
            f(ws, &mut out);
        }
    }
    out
}

/// A digest of everything the workspace rules read of an answer: path, id, front matter values
/// and their ranges, link targets, the H1's range and where the body starts.
fn outline(a: &AnswerDoc) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (&a.path, &a.stem, &a.folder, a.body_start, &a.targets).hash(&mut h);
    a.md.h1().map(|h1| (h1.range, h1.text_range)).hash(&mut h);
    let m = &a.meta;
    for item in [&m.id, &m.category, &m.difficulty].into_iter().flatten() {
        (&item.value, item.range).hash(&mut h);
    }
    for list in [&m.tags, &m.related, &m.resources] {
        list.len().hash(&mut h);
        for item in list {
            (&item.value, item.range).hash(&mut h);
        }
    }
    h.finish()
}

/// The answer-scoped rules for one answer (before levels and suppressions).
pub fn check_answer(ws: &Workspace, answer: &AnswerDoc) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(source) = ws.source(&answer.path) else {
        return out;
    };
    // An empty file is one problem (`missing-front-matter`), not one per missing part.
    if source.text.trim_start_matches('\u{feff}').trim().is_empty() {
        return out;
    }
    let question = ws.question(answer.id());
    let ctx = AnswerCtx { ws, answer, source, question };
    for rule in Rule::ALL {
        if let Check::Answer(f) = rule.check() {
            f(&ctx, &mut out);
        }
    }
    out
}

fn finish(ws: &Workspace, raw: Vec<Diagnostic>, selection: &Selection) -> Vec<Diagnostic> {
    let level = |d: &Diagnostic| ws.config.level(d.rule, &d.file);
    let mut kept: Vec<Diagnostic> = raw
        .into_iter()
        .filter(|d| selection.allows(d.rule))
        .filter_map(|mut d| {
            d.severity = match level(&d) {
                RuleLevel::Off => return None,
                RuleLevel::Warn => Severity::Warning,
                RuleLevel::Error => Severity::Error,
            };
            Some(d)
        })
        .collect();
    apply_suppressions(ws, &mut kept, selection);
    kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then_with(|| a.message.cmp(&b.message)));
    kept.dedup();
    kept
}

fn apply_suppressions(ws: &Workspace, diags: &mut Vec<Diagnostic>, selection: &Selection) {
    let mut unused = Vec::new();
    for answer in &ws.answers {
        let Some(source) = ws.source(&answer.path) else {
            continue;
        };
        let suppressions = suppress::parse(answer, source);
        if suppressions.is_empty() {
            continue;
        }
        let mut used = vec![false; suppressions.len()];
        diags.retain(|d| {
            if d.file != answer.path {
                return true;
            }
            match suppressions.iter().position(|s| s.covers(d.rule, d.range)) {
                Some(i) => {
                    used[i] = true;
                    false
                }
                None => true,
            }
        });
        for (s, used) in suppressions.iter().zip(used) {
            let unknown: Vec<&str> = s.rules.iter().filter(|(_, r)| r.is_none()).map(|(n, _)| n.as_str()).collect();
            let message = if !unknown.is_empty() {
                format!(
                    "unknown rule {} in suppression comment",
                    unknown.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                )
            } else if s.rules.is_empty() {
                "this suppression names no rule".to_owned()
            } else if !used {
                let what = if s.scope == Scope::File { "this file" } else { "the next line" };
                format!("nothing to suppress in {what}")
            } else {
                continue;
            };
            let end = source.text[s.range.end..].find('\n').map_or(s.range.end, |n| s.range.end + n + 1);
            let removal = crate::text::TextRange::new(s.range.start, end);
            unused.push(
                Diagnostic::new(Rule::UnusedSuppression, &answer.path, s.range, message)
                    .with_help("remove the comment, or name the rule it is meant to silence (`mlqa rules` lists them)")
                    .with_fix(Fix::safe("Remove the suppression", vec![Edit::delete(&answer.path, removal)])),
            );
        }
    }
    for mut d in unused {
        if !selection.allows(d.rule) {
            continue;
        }
        d.severity = match ws.config.level(d.rule, &d.file) {
            RuleLevel::Off => continue,
            RuleLevel::Warn => Severity::Warning,
            RuleLevel::Error => Severity::Error,
        };
        diags.push(d);
    }
}
