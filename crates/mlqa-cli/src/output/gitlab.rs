//! GitLab Code Quality report (a JSON array of issues).

use mlqa_core::Severity;

use super::{View, fingerprint};

pub fn render(view: &View<'_>) -> String {
    let issues: Vec<serde_json::Value> = view
        .diagnostics
        .iter()
        .map(|d| {
            let loc = view.location(&d.file, d.range);
            serde_json::json!({
                "description": format!("{}: {}", d.rule.name(), d.message),
                "check_name": d.rule.name(),
                "fingerprint": fingerprint(&[d.rule.name(), &loc.file, &d.message, &loc.start.offset.to_string()]),
                "severity": if d.severity == Severity::Error { "major" } else { "minor" },
                "location": { "path": loc.file, "lines": { "begin": loc.start.line, "end": loc.end.line } },
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).expect("issues serialize");
    text.push('\n');
    text
}
