//! `mlqa check` and `mlqa lint`: run the rules, optionally fix, and report.

use std::io::Write;
use std::path::{Path, PathBuf};

use mlqa_core::coverage::Coverage;
use mlqa_core::fix;
use mlqa_core::{Diagnostic, Family, Selection, Selector, Severity, Workspace};

use crate::cli::{KbArgs, RuleArgs};
use crate::kb::{self, Paths};
use crate::output::{self, View};
use crate::{Failure, Outcome};

/// Passes of `--fix`: each applies the fixes that do not overlap, then re-checks.
const MAX_FIX_PASSES: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every rule, and the coverage summary.
    Check,
    /// Every rule but the coverage family, limited to the given paths.
    Lint,
}

pub fn run(mode: Mode, kb_args: &KbArgs, args: &RuleArgs, paths: &[PathBuf]) -> Result<Outcome, Failure> {
    let root = kb::locate(kb_args.kb.as_deref())?;
    let display = Paths::new(&root);
    let mut selection = selection(args)?;
    if mode == Mode::Lint {
        selection.ignore.push(Selector::Family(Family::Coverage));
    }
    let scope = paths
        .iter()
        .map(|p| {
            display.to_kb(&root, p).ok_or_else(|| {
                Failure::usage(format!("{}: not a file or folder inside the KB at {}", p.display(), root.display()))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let job = Job { mode, root, display, selection, scope, args };
    if args.watch { super::watch::run(&job.root, || job.once()) } else { job.once() }
}

pub(crate) fn selection(args: &RuleArgs) -> Result<Selection, Failure> {
    let parse = |names: &[String]| {
        names
            .iter()
            .map(|n| {
                Selector::parse(n.trim())
                    .ok_or_else(|| Failure::usage(format!("unknown rule or family `{n}`; `mlqa rules` lists them")))
            })
            .collect::<Result<Vec<_>, _>>()
    };
    Ok(Selection { select: parse(&args.select)?, ignore: parse(&args.ignore)? })
}

struct Job<'a> {
    mode: Mode,
    root: PathBuf,
    display: Paths,
    selection: Selection,
    /// KB-relative paths to report on (empty: everything).
    scope: Vec<String>,
    args: &'a RuleArgs,
}

impl Job<'_> {
    fn once(&self) -> Result<Outcome, Failure> {
        let mut ws = kb::load(&self.root)?;
        if self.args.fix {
            let fixed = self.fix(&mut ws)?;
            if fixed > 0 {
                eprintln!("Fixed {fixed} problem{}.", if fixed == 1 { "" } else { "s" });
            }
        }
        let diagnostics = self.diagnostics(&ws);
        let coverage = (self.mode == Mode::Check).then(|| Coverage::of(&ws));
        let view = View {
            ws: &ws,
            diagnostics: &diagnostics,
            paths: &self.display,
            color: crate::terminal::use_color(self.args.color),
            coverage: coverage.as_ref(),
        };
        let text = if self.args.statistics {
            output::statistics(&view, self.args.format)
        } else {
            output::render(&view, self.args.format)
        };
        let mut stdout = std::io::stdout().lock();
        // A closed pipe (`mlqa check | head`) is not an error of the KB.
        let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
        Ok(if diagnostics.iter().any(|d| d.severity == Severity::Error) { Outcome::Problems } else { Outcome::Clean })
    }

    fn diagnostics(&self, ws: &Workspace) -> Vec<Diagnostic> {
        let mut diagnostics = mlqa_core::check(ws, &self.selection);
        if !self.scope.is_empty() {
            diagnostics.retain(|d| self.scope.iter().any(|s| in_scope(&d.file, s)));
        }
        diagnostics
    }

    /// Applies fixes until none is left (or the pass limit); returns how many were applied.
    fn fix(&self, ws: &mut Workspace) -> Result<usize, Failure> {
        let mut total = 0;
        for _ in 0..MAX_FIX_PASSES {
            let plan = fix::plan(&self.diagnostics(ws), self.args.unsafe_fixes);
            if plan.fixes == 0 {
                break;
            }
            write_plan(&self.root, ws, &plan)?;
            total += plan.fixes;
            *ws = kb::load(&self.root)?;
        }
        Ok(total)
    }
}

fn in_scope(file: &str, scope: &str) -> bool {
    scope.is_empty() || file == scope || file.strip_prefix(scope).is_some_and(|rest| rest.starts_with('/'))
}

fn write_plan(root: &Path, ws: &Workspace, plan: &fix::FilePlan) -> Result<(), Failure> {
    let target = |file: &str| {
        fix::safe_join(root, file).ok_or_else(|| Failure::usage(format!("refusing to write {file}: outside the KB")))
    };
    for (file, edits) in &plan.edits {
        let Some(source) = ws.source(file) else { continue };
        let new = fix::apply(&source.text, edits);
        fix::write_atomic(&target(file)?, &new, false).map_err(|e| Failure::usage(format!("{file}: {e}")))?;
    }
    for (file, contents) in &plan.creates {
        match fix::write_atomic(&target(file)?, contents, true) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Failure::usage(format!("{file}: {e}"))),
        }
    }
    Ok(())
}
