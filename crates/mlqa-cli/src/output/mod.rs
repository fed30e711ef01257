//! Rendering diagnostics in each output format. Renderers only translate: the diagnostics,
//! their ranges and fixes come from the core.

use std::collections::BTreeMap;

use mlqa_core::coverage::Coverage;
use mlqa_core::report::{ReportEdit, ReportFix, ReportLocation, ReportPosition};
use mlqa_core::{Applicability, Diagnostic, Edit, Rule, Severity, TextRange, Workspace};

use crate::cli::Format;
use crate::kb::Paths;

mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;

/// What a renderer needs.
pub struct View<'a> {
    pub ws: &'a Workspace,
    pub diagnostics: &'a [Diagnostic],
    pub paths: &'a Paths,
    pub color: bool,
    /// Shown by `check` (not by `lint`).
    pub coverage: Option<&'a Coverage>,
}

impl View<'_> {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// A location in a file of the KB, with the path as the user sees it.
    pub fn location(&self, file: &str, range: TextRange) -> ReportLocation {
        ReportLocation {
            file: self.paths.display(file),
            start: self.position(file, range.start),
            end: self.position(file, range.end),
        }
    }

    pub fn position(&self, file: &str, offset: usize) -> ReportPosition {
        match self.ws.source(file) {
            Some(s) => {
                let lc = s.lines().line_col(&s.text, offset);
                ReportPosition {
                    line: lc.line,
                    column: lc.column,
                    offset: mlqa_core::text::floor_char_boundary(&s.text, offset),
                }
            }
            None => ReportPosition { line: 1, column: 1, offset: 0 },
        }
    }

    pub fn fix(&self, d: &Diagnostic) -> Option<ReportFix> {
        let fix = d.fix.as_ref()?;
        Some(ReportFix {
            title: fix.title.clone(),
            applicability: match fix.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
            }
            .to_owned(),
            edits: fix
                .edits
                .iter()
                .map(|e| match e {
                    Edit::Replace { file, range, text } => ReportEdit {
                        file: self.paths.display(file),
                        start: Some(self.position(file, range.start)),
                        end: Some(self.position(file, range.end)),
                        text: text.clone(),
                    },
                    Edit::Create { file, contents } => {
                        ReportEdit { file: self.paths.display(file), start: None, end: None, text: contents.clone() }
                    }
                })
                .collect(),
        })
    }
}

pub fn render(view: &View<'_>, format: Format) -> String {
    match format {
        Format::Human => human::render(view),
        Format::Json => json::render(view),
        Format::Sarif => sarif::render(view),
        Format::Github => github::render(view),
        Format::Junit => junit::render(view),
        Format::Gitlab => gitlab::render(view),
    }
}

/// `--statistics`: diagnostics per rule, most frequent first.
pub fn statistics(view: &View<'_>, format: Format) -> String {
    let mut counts: BTreeMap<Rule, (usize, bool)> = BTreeMap::new();
    for d in view.diagnostics {
        let entry = counts.entry(d.rule).or_default();
        entry.0 += 1;
        entry.1 |= d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Safe);
    }
    let mut rows: Vec<(Rule, usize, bool)> = counts.into_iter().map(|(r, (n, f))| (r, n, f)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.name().cmp(b.0.name())));
    if format == Format::Json {
        let rows: Vec<_> = rows
            .iter()
            .map(|(r, n, fixable)| serde_json::json!({"rule": r.name(), "family": r.family().name(), "count": n, "fixable": fixable}))
            .collect();
        let doc = crate::version::versioned("rules", rows.into());
        return format!("{}\n", serde_json::to_string_pretty(&doc).unwrap_or_default());
    }
    let mut out = String::new();
    let width = rows.iter().map(|(_, n, _)| n.to_string().len()).max().unwrap_or(1);
    for (rule, n, fixable) in &rows {
        out.push_str(&format!(
            "{n:>width$}  {:<24} {}{}\n",
            rule.name(),
            if *fixable { "[*] " } else { "" },
            rule.meta().summary
        ));
    }
    out.push_str(&human::summary(view));
    out
}

/// FNV-1a: a stable fingerprint for GitLab (std's hasher may change between releases).
pub fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}
