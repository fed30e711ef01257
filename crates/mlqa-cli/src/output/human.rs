//! Human output: rustc-style source snippets (annotate-snippets), then a summary.

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use mlqa_core::{Applicability, Diagnostic, Severity, TextRange};

use super::View;
use crate::terminal::{escape, neutralize};

/// Lines of context shown at most for one annotation.
const MAX_SNIPPET_LINES: usize = 8;

pub fn render(view: &View<'_>) -> String {
    let renderer = if view.color { Renderer::styled() } else { Renderer::plain() }.decor_style(DecorStyle::Ascii);
    let mut out = String::new();
    for d in view.diagnostics {
        out.push_str(&diagnostic(view, &renderer, d));
        out.push_str("\n\n");
    }
    out.push_str(&summary(view));
    out
}

fn diagnostic(view: &View<'_>, renderer: &Renderer, d: &Diagnostic) -> String {
    let level = if d.severity == Severity::Error { Level::ERROR } else { Level::WARNING };
    let message = escape(&d.message);
    let file = view.paths.display(&d.file);
    let mut group =
        level.primary_title(message.as_str()).id(d.rule.name()).element(snippet(view, &file, &d.file, d.range, None));
    let related: Vec<(String, String)> =
        d.related.iter().map(|r| (view.paths.display(&r.file), escape(&r.message))).collect();
    for (r, (shown, msg)) in d.related.iter().zip(&related) {
        group = group.element(snippet(view, shown, &r.file, r.range, Some(msg)));
    }
    let help = d.help.as_ref().map(|h| escape(h));
    let fix = d.fix.as_ref().map(|f| {
        let how = match f.applicability {
            Applicability::Safe => "--fix",
            Applicability::Unsafe => "--fix --unsafe-fixes",
        };
        format!("fix available with `{how}`: {}", escape(&f.title))
    });
    if let Some(h) = &help {
        group = group.element(Level::HELP.message(h.as_str()));
    }
    if let Some(f) = &fix {
        group = group.element(Level::NOTE.message(f.as_str()));
    }
    let report: Vec<Group<'_>> = vec![group];
    renderer.render(&report)
}

/// The lines around `range` of `file`, or just its path when there is no text to show.
fn snippet<'a>(
    view: &View<'a>,
    shown: &'a str,
    file: &str,
    range: TextRange,
    label: Option<&'a str>,
) -> annotate_snippets::Element<'a> {
    let Some(source) = view.ws.source(file) else {
        return Origin::path(shown).into();
    };
    let text = &source.text;
    let first = source.lines().line_of(range.start);
    let last = source
        .lines()
        .line_of(range.end.saturating_sub(usize::from(!range.is_empty())))
        .max(first)
        .min(first + MAX_SNIPPET_LINES - 1);
    let start = source.lines().line_start(first);
    let end = source.lines().line_range(last, text).end;
    let window = neutralize(&text[start..end]);
    let clamp = |o: usize| mlqa_core::text::floor_char_boundary(text, o).clamp(start, end) - start;
    let span = clamp(range.start)..clamp(range.end).max(clamp(range.start));
    let kind = if label.is_some() { AnnotationKind::Context } else { AnnotationKind::Primary };
    let mut annotation = kind.span(span);
    if let Some(l) = label {
        annotation = annotation.label(l);
    }
    Snippet::source(window).line_start(first + 1).path(shown).fold(false).annotation(annotation).into()
}

pub fn summary(view: &View<'_>) -> String {
    let (errors, warnings) = (view.errors(), view.warnings());
    let mut out = String::new();
    if errors == 0 && warnings == 0 {
        out.push_str("All checks passed.\n");
    } else {
        let files = view.diagnostics.iter().map(|d| &d.file).collect::<std::collections::BTreeSet<_>>().len();
        out.push_str(&format!(
            "Found {} and {} in {} {}.\n",
            plural(errors, "error"),
            plural(warnings, "warning"),
            files,
            if files == 1 { "file" } else { "files" }
        ));
        let fixable = view
            .diagnostics
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Safe))
            .count();
        if fixable > 0 {
            out.push_str(&format!("{fixable} fixable with `--fix`.\n"));
        }
        let missing = view.diagnostics.iter().filter(|d| d.rule == mlqa_core::Rule::MissingAnswer).count();
        if missing > 0 && missing == errors {
            out.push_str(&format!("Every error is a question still to be answered ({missing} of them).\n"));
        }
    }
    if let Some(c) = view.coverage {
        out.push_str(&format!(
            "Coverage: {}/{} questions answered ({:.1}%).\n",
            c.answered(),
            c.questions(),
            c.percent()
        ));
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}
