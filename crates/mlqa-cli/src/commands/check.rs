//! `mlqa check` and `mlqa lint`: run the rules, optionally fix, and report.

use std::io::Write;
use std::path::{Path, PathBuf};

use mlqa_core::config::CONFIG_FILE;
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
    if !args.watch {
        let mut ws = kb::load(&job.root)?;
        let outcome = job.report(&mut ws);
        // The process ends here: the OS takes the memory back at once, while dropping the
        // workspace (10,000 answers: tens of thousands of allocations) would take ~50 ms.
        std::mem::forget(ws);
        return outcome;
    }
    // The KB is loaded once; after that only the paths that changed are read again (all of it
    // when `mlqa.toml` changed, or when the last load failed).
    let mut ws: Option<Workspace> = None;
    super::watch::run(&job.root, |changed| {
        let ws = match (ws.as_mut(), changed) {
            (Some(ws), Some(paths)) if !paths.iter().any(|p| p.ends_with(CONFIG_FILE)) => {
                job.reread(ws, paths);
                ws
            }
            _ => ws.insert(kb::load(&job.root)?),
        };
        job.report(ws)
    })
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
    /// Brings `ws` up to date with the files at `paths` (absolute; changed, added or removed).
    fn reread(&self, ws: &mut Workspace, paths: &[PathBuf]) {
        let limit = ws.config.limits.max_file_bytes;
        for path in paths {
            let Some(rel) = path.strip_prefix(&self.root).ok().and_then(|p| p.to_str()) else { continue };
            let rel = rel.replace('\\', "/");
            match mlqa_core::workspace::read_file(path, limit) {
                Some(content) => ws.set_file(&rel, content),
                None => ws.remove_file(&rel),
            }
        }
    }

    fn report(&self, ws: &mut Workspace) -> Result<Outcome, Failure> {
        if self.args.fix {
            let fixed = self.fix(ws)?;
            if fixed > 0 {
                eprintln!("Fixed {fixed} problem{}.", if fixed == 1 { "" } else { "s" });
            }
        }
        let diagnostics = self.diagnostics(ws);
        let coverage = (self.mode == Mode::Check).then(|| Coverage::of(ws));
        let view = View {
            ws,
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

    /// Applies fixes in memory until none is left (or the pass limit), then writes each changed
    /// file once; returns how many fixes were applied.
    fn fix(&self, ws: &mut Workspace) -> Result<usize, Failure> {
        let fixed = fix::fix_all(ws, self.args.unsafe_fixes, MAX_FIX_PASSES, |ws| self.diagnostics(ws));
        write_fixed(&self.root, &fixed)?;
        Ok(fixed.fixes)
    }
}

fn in_scope(file: &str, scope: &str) -> bool {
    scope.is_empty() || file == scope || file.strip_prefix(scope).is_some_and(|rest| rest.starts_with('/'))
}

fn write_fixed(root: &Path, fixed: &fix::Fixed) -> Result<(), Failure> {
    let target = |file: &str| {
        fix::safe_join(root, file).ok_or_else(|| Failure::usage(format!("refusing to write {file}: outside the KB")))
    };
    for (file, text) in &fixed.edited {
        fix::write_atomic(&target(file)?, text, false).map_err(|e| Failure::usage(format!("{file}: {e}")))?;
    }
    for (file, contents) in &fixed.created {
        match fix::write_atomic(&target(file)?, contents, true) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Failure::usage(format!("{file}: {e}"))),
        }
    }
    Ok(())
}
