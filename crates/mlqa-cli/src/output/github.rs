//! GitHub Actions workflow commands: one `::error`/`::warning` annotation per diagnostic.

use mlqa_core::Severity;

use super::View;

pub fn render(view: &View<'_>) -> String {
    let mut out = String::new();
    for d in view.diagnostics {
        let loc = view.location(&d.file, d.range);
        let kind = if d.severity == Severity::Error { "error" } else { "warning" };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        out.push_str(&format!(
            "::{kind} title={},file={},line={},col={},endLine={},endColumn={}::{}\n",
            property(&format!("mlqa ({})", d.rule.name())),
            property(&loc.file),
            loc.start.line,
            loc.start.column,
            loc.end.line,
            loc.end.column,
            data(&message)
        ));
    }
    out
}

/// Escaping of a command's message, as the Actions runner expects.
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escaping of a command's property values.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}
