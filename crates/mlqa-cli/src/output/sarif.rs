//! SARIF 2.1.0, the format code-scanning services ingest.

use mlqa_core::{Edit, Rule, Severity};
use serde_json::{Value, json};

use super::View;
use mlqa_core::report::ReportLocation;

pub fn render(view: &View<'_>) -> String {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.name,
                "name": m.name,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": m.summary },
                "help": { "text": m.explanation, "markdown": m.explanation },
                "defaultConfiguration": { "level": level(m.default_level) },
                "properties": { "tags": [m.family.name()] },
            })
        })
        .collect();
    let results: Vec<Value> = view
        .diagnostics
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            let mut result = json!({
                "ruleId": d.rule.name(),
                "ruleIndex": Rule::ALL.iter().position(|r| *r == d.rule).unwrap_or(0),
                "level": if d.severity == Severity::Error { "error" } else { "warning" },
                "message": { "text": message },
                "locations": [physical(&view.location(&d.file, d.range))],
            });
            if !d.related.is_empty() {
                result["relatedLocations"] = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let mut loc = physical(&view.location(&r.file, r.range));
                        loc["id"] = json!(i);
                        loc["message"] = json!({ "text": r.message });
                        loc
                    })
                    .collect();
            }
            if let Some(fix) = &d.fix {
                let changes: Vec<Value> = fix
                    .edits
                    .iter()
                    .filter_map(|e| match e {
                        Edit::Replace { file, range, text } => {
                            let loc = view.location(file, *range);
                            Some(json!({
                                "artifactLocation": { "uri": uri(&loc.file) },
                                "replacements": [{ "deletedRegion": region(&loc), "insertedContent": { "text": text } }],
                            }))
                        }
                        Edit::Create { .. } => None,
                    })
                    .collect();
                if !changes.is_empty() {
                    result["fixes"] = json!([{ "description": { "text": fix.title }, "artifactChanges": changes }]);
                }
            }
            result
        })
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "mlqa",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/mlqa/mlqa",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&sarif).expect("SARIF serializes");
    text.push('\n');
    text
}

fn level(l: mlqa_core::config::RuleLevel) -> &'static str {
    match l {
        mlqa_core::config::RuleLevel::Error => "error",
        mlqa_core::config::RuleLevel::Warn => "warning",
        mlqa_core::config::RuleLevel::Off => "none",
    }
}

fn physical(loc: &ReportLocation) -> Value {
    json!({ "physicalLocation": { "artifactLocation": { "uri": uri(&loc.file) }, "region": region(loc) } })
}

fn region(loc: &ReportLocation) -> Value {
    json!({
        "startLine": loc.start.line,
        "startColumn": loc.start.column,
        "endLine": loc.end.line,
        "endColumn": loc.end.column,
    })
}

/// A relative URI reference for a path: `/`-separated, with spaces and `%` escaped.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
