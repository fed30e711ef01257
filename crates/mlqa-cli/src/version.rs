//! What `mlqa --version` prints: the release, and the versions of the formats it reads and
//! writes, so that a bug report or a CI log says which KB and which report shape it used.
//!
//! - The KB format: the files a KB is made of (`spec.yaml`, `resources.yaml`, the answers'
//!   front matter and sections, `mlqa.toml`; their schemas are in `schemas/`). It goes up when a
//!   KB that an older mlqa accepted is refused or read differently; CHANGELOG.md says how to
//!   migrate.
//! - The report format: `mlqa check --format json` (`version` in the report,
//!   `mlqa_core::report::REPORT_VERSION`).
//!
//! The CLI's other JSON documents (`coverage`, `list`, `search`, `rules`, `check --statistics`
//! with `--format json`) are objects with a `version` ([`JSON_VERSION`]) beside their data;
//! `export json` carries `mlqa_core::export::EXPORT_VERSION`.

/// The KB format this mlqa reads.
macro_rules! kb_format {
    () => {
        "1"
    };
}

/// The report format (must equal `REPORT_VERSION`; a test checks).
macro_rules! report_format {
    () => {
        "1"
    };
}

/// `mlqa --version`, after the name: `0.1.0 (KB format 1, report format 1)`.
pub const VERSION: &str =
    concat!(env!("CARGO_PKG_VERSION"), " (KB format ", kb_format!(), ", report format ", report_format!(), ")");

/// The `version` of the CLI's JSON documents other than the report: goes up when a field of
/// one of them is renamed, removed or changes meaning (adding a field does not).
pub const JSON_VERSION: u32 = 1;

/// `{"version": JSON_VERSION, key: items}`: a list as a versioned document.
pub fn versioned(key: &str, items: serde_json::Value) -> serde_json::Value {
    let mut doc = serde_json::Map::new();
    doc.insert("version".to_owned(), JSON_VERSION.into());
    doc.insert(key.to_owned(), items);
    serde_json::Value::Object(doc)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_report_format_is_the_reports_version() {
        assert_eq!(report_format!(), mlqa_core::report::REPORT_VERSION.to_string());
        assert!(super::VERSION.starts_with(env!("CARGO_PKG_VERSION")));
    }
}
