//! The client's settings for mlqa (section `mlqa`): which rules to report and at what level, as
//! `mlqa check --select/--ignore` and `mlqa.toml`'s `[rules]` say on the command line.
//!
//! ```json
//! { "select": ["links"], "ignore": ["missing-sources"], "rules": { "answer-too-short": "off" } }
//! ```
//!
//! They arrive in `initializationOptions`, in `workspace/didChangeConfiguration` and as the answer
//! to `workspace/configuration`. Names that are not rules or families are reported (with the
//! closest name) and skipped; the rest still applies, so one typo does not cost every setting.

use std::collections::BTreeMap;

use mlqa_core::config::RuleLevel;
use mlqa_core::suggest::closest;
use mlqa_core::{Family, Rule, Selection, Selector};
use serde::Deserialize;

/// The settings section's name, in `workspace/configuration` and in clients' settings files.
pub const SECTION: &str = "mlqa";

/// Settings as they apply: the selection on top of the configured levels, and levels that win
/// over `mlqa.toml`'s `[rules]` (by rule or family name, as there).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub selection: Selection,
    pub levels: BTreeMap<String, RuleLevel>,
}

/// The shape clients send. Every field is optional; unknown fields are ignored (a client may
/// send the extension's other settings, such as `cli` or `trace`, in the same section).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Raw {
    select: Vec<String>,
    ignore: Vec<String>,
    rules: BTreeMap<String, serde_json::Value>,
}

impl Settings {
    /// Reads settings from what a client sent: the section itself, or an object holding it under
    /// `mlqa` (as `didChangeConfiguration` carries all of a client's settings). `null` means
    /// the defaults. Returns the settings and one message per problem, each naming the setting.
    pub fn from_json(value: &serde_json::Value) -> (Self, Vec<String>) {
        let value = value.get(SECTION).unwrap_or(value);
        if value.is_null() {
            return (Self::default(), Vec::new());
        }
        let raw: Raw = match serde_json::from_value(value.clone()) {
            Ok(raw) => raw,
            Err(e) => {
                let why = format!(
                    "mlqa settings ignored: {e}; expected {{\"select\": [rule, ...], \"ignore\": [rule, ...], \"rules\": {{rule: \"error\"|\"warn\"|\"off\"}}}}"
                );
                return (Self::default(), vec![why]);
            }
        };
        let mut problems = Vec::new();
        let mut selectors = |key: &str, names: &[String]| -> Vec<Selector> {
            names
                .iter()
                .filter_map(|name| {
                    let found = Selector::parse(name.trim());
                    if found.is_none() {
                        problems.push(unknown(&format!("{SECTION}.{key}"), name));
                    }
                    found
                })
                .collect()
        };
        let selection =
            Selection { select: selectors("select", &raw.select), ignore: selectors("ignore", &raw.ignore) };
        let mut levels = BTreeMap::new();
        for (name, level) in raw.rules {
            let setting = format!("{SECTION}.rules.{name}");
            if Selector::parse(&name).is_none_or(|s| s == Selector::All) {
                problems.push(unknown(&setting, &name));
                continue;
            }
            match serde_json::from_value::<RuleLevel>(level.clone()) {
                Ok(level) => {
                    levels.insert(name, level);
                }
                Err(_) => problems.push(format!("`{setting}` is {level}; use \"error\", \"warn\" or \"off\"")),
            }
        }
        (Self { selection, levels }, problems)
    }

    /// The levels laid over a KB's configuration (`[rules]` of `mlqa.toml`).
    pub fn apply_levels(&self, config: &mut mlqa_core::Config) {
        for (name, level) in &self.levels {
            config.rules.insert(name.clone(), *level);
        }
    }
}

fn unknown(setting: &str, name: &str) -> String {
    let names = Rule::ALL.iter().map(|r| r.name()).chain(Family::ALL.iter().map(|f| f.name()));
    let hint = match closest(name, names) {
        Some(near) => format!("did you mean `{near}`? "),
        None => String::new(),
    };
    format!("`{setting}`: `{name}` is not a rule or family; {hint}`mlqa rules` lists them")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_section_or_an_object_holding_it_reads_the_same() {
        let section = json!({"select": ["links"], "ignore": ["broken-anchor"], "rules": {"answer-too-short": "off"}});
        let (direct, problems) = Settings::from_json(&section);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(Settings::from_json(&json!({"mlqa": section})).0, direct);
        assert_eq!(direct.selection.select, vec![Selector::parse("links").unwrap()]);
        assert_eq!(direct.selection.ignore, vec![Selector::parse("broken-anchor").unwrap()]);
        assert_eq!(direct.levels.get("answer-too-short"), Some(&RuleLevel::Off));
        assert!(!direct.selection.allows(Rule::from_name("broken-anchor").unwrap()));
        assert!(direct.selection.allows(Rule::from_name("broken-link").unwrap()));
    }

    #[test]
    fn null_and_missing_fields_are_the_defaults() {
        assert_eq!(Settings::from_json(&json!(null)), (Settings::default(), vec![]));
        assert_eq!(Settings::from_json(&json!({"mlqa": null})), (Settings::default(), vec![]));
        assert_eq!(Settings::from_json(&json!({"cli": {"path": ""}})), (Settings::default(), vec![]));
    }

    #[test]
    fn a_typo_is_named_with_the_closest_rule_and_the_rest_applies() {
        let (settings, problems) = Settings::from_json(&json!({
            "ignore": ["brokn-link", "missing-sources"],
            "rules": {"answer-too-shrt": "off", "answer-too-short": "loud"},
        }));
        assert_eq!(settings.selection.ignore, vec![Selector::parse("missing-sources").unwrap()]);
        assert!(settings.levels.is_empty());
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].contains("`mlqa.ignore`: `brokn-link`") && problems[0].contains("`broken-link`"));
        assert!(problems[1].contains("`mlqa.rules.answer-too-short` is \"loud\""), "{problems:?}");
        assert!(problems[2].contains("`answer-too-shrt`") && problems[2].contains("did you mean `answer-too-short`"));
    }

    #[test]
    fn a_section_of_the_wrong_shape_says_what_is_expected() {
        let (settings, problems) = Settings::from_json(&json!({"select": "links"}));
        assert_eq!(settings, Settings::default());
        assert!(problems[0].contains("expected {\"select\""), "{problems:?}");
    }
}
