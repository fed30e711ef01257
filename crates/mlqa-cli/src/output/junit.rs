//! JUnit XML: a test suite per file with a failing test case per diagnostic.

use std::collections::BTreeMap;

use mlqa_core::Diagnostic;

use super::View;

pub fn render(view: &View<'_>) -> String {
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in view.diagnostics {
        by_file.entry(&d.file).or_default().push(d);
    }
    let total = view.diagnostics.len();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<testsuites name=\"mlqa\" tests=\"{}\" failures=\"{total}\">\n", total.max(1)));
    if by_file.is_empty() {
        out.push_str("  <testsuite name=\"mlqa\" tests=\"1\" failures=\"0\">\n    <testcase name=\"mlqa check\" classname=\"mlqa\"/>\n  </testsuite>\n");
    }
    for (file, diags) in by_file {
        let shown = view.paths.display(file);
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">\n",
            xml(&shown),
            diags.len(),
            diags.len()
        ));
        for d in diags {
            let loc = view.location(&d.file, d.range);
            out.push_str(&format!(
                "    <testcase name=\"{} at {}:{}\" classname=\"{}\">\n      <failure type=\"{}\" message=\"{}\">{}:{}:{}: {}</failure>\n    </testcase>\n",
                d.rule.name(),
                loc.start.line,
                loc.start.column,
                xml(&shown),
                d.rule.name(),
                xml(&d.message),
                xml(&shown),
                loc.start.line,
                loc.start.column,
                xml(&d.message)
            ));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Escapes text for XML attributes and content; characters XML 1.0 forbids are dropped.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}
