//! Running the rules over a workspace: levels from the configuration, `--select`/`--ignore`,
//! suppression comments, and a stable order.

use rayon::prelude::*;

use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::AnswerDoc;
use crate::rules::{AnswerCtx, Check, Rule, Selector};
use crate::suppress::{self, Scope};
use crate::workspace::Workspace;

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
    let mut raw = ws.load_diagnostics.clone();
    raw.par_extend(ws.answers.par_iter().flat_map_iter(|a| check_answer(ws, a)));
    for rule in Rule::ALL {
        if let Check::Workspace(f) = rule.check() {
            f(ws, &mut raw);
        }
    }
    finish(ws, raw, selection)
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
