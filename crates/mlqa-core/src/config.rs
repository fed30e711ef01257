//! `mlqa.toml`: where the KB is, which sections answers need, limits, and rule levels.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::registry::RuleLevel;
use crate::registry::{Rule, Selector};
use crate::text::LineIndex;

pub const CONFIG_FILE: &str = "mlqa.toml";

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "mlqa configuration", description = "The configuration of an mlqa knowledge base (mlqa.toml).")]
#[derive(Default)]
pub struct Config {
    #[serde(default)]
    pub answers: AnswersConfig,
    #[serde(default)]
    pub limits: Limits,
    /// Levels by rule or family name: "error", "warn" or "off".
    #[serde(default)]
    pub rules: BTreeMap<String, RuleLevel>,
    /// Levels for the files matching glob patterns (relative to the KB root); later entries win.
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// The overrides' patterns, compiled once by [`Config::parse`].
    #[serde(skip)]
    #[schemars(skip)]
    matchers: Vec<globset::GlobSet>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AnswersConfig {
    /// The H2 sections every answer has, in this order.
    #[serde(default = "default_sections")]
    pub sections: Vec<String>,
    /// Prose words of an answer: front matter, headings and code blocks are not counted.
    #[serde(default = "default_min_words")]
    pub min_words: usize,
    #[serde(default = "default_max_words")]
    pub max_words: usize,
    #[serde(default = "default_short_words")]
    pub short_answer_max_words: usize,
    #[serde(default = "default_short_sentences")]
    pub short_answer_max_sentences: usize,
    /// How many other answers each answer lists in `related`.
    #[serde(default = "default_min_related")]
    pub min_related: usize,
}

fn default_sections() -> Vec<String> {
    ["Short answer", "Explanation", "Example", "Pitfalls", "Follow-ups"].map(String::from).to_vec()
}
const fn default_min_words() -> usize {
    350
}
const fn default_max_words() -> usize {
    1000
}
const fn default_short_words() -> usize {
    80
}
const fn default_short_sentences() -> usize {
    3
}
const fn default_min_related() -> usize {
    2
}

impl Default for AnswersConfig {
    fn default() -> Self {
        Self {
            sections: default_sections(),
            min_words: default_min_words(),
            max_words: default_max_words(),
            short_answer_max_words: default_short_words(),
            short_answer_max_sentences: default_short_sentences(),
            min_related: default_min_related(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Limits {
    /// Files larger than this many bytes are reported (`file-too-large`) and not read.
    #[serde(default = "default_max_file_bytes")]
    pub max_file_bytes: u64,
}

const fn default_max_file_bytes() -> u64 {
    1024 * 1024
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_file_bytes: default_max_file_bytes() }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Override {
    /// Glob patterns relative to the KB root, such as `llm-*/**` or `rag/why-rag.md`.
    pub paths: Vec<String>,
    pub rules: BTreeMap<String, RuleLevel>,
}

/// A configuration file that could not be used: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<u32>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses and validates `mlqa.toml`; `path` is only used in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let index = LineIndex::new(text);
        let config: Config = toml::from_str(text).map_err(|e| ConfigError {
            path: path.to_owned(),
            line: e.span().map(|s| index.line_of(s.start) as u32 + 1),
            message: e.message().trim().to_owned(),
        })?;
        let unknown = |name: &str| ConfigError {
            path: path.to_owned(),
            line: find_key_line(text, name),
            message: format!("unknown rule or family `{name}`; `mlqa rules` lists the rules and their families"),
        };
        let tables = std::iter::once(&config.rules).chain(config.overrides.iter().map(|o| &o.rules));
        for name in tables.flat_map(|t| t.keys()) {
            if Selector::parse(name).is_none() {
                return Err(unknown(name));
            }
        }
        let mut matchers = Vec::with_capacity(config.overrides.len());
        for o in &config.overrides {
            let mut set = globset::GlobSetBuilder::new();
            for pattern in &o.paths {
                let glob = globset::Glob::new(pattern).map_err(|e| ConfigError {
                    path: path.to_owned(),
                    line: find_key_line(text, pattern),
                    message: format!("invalid glob `{pattern}` in [[overrides]]: {}", e.kind()),
                })?;
                set.add(glob);
            }
            matchers.push(set.build().map_err(|e| ConfigError {
                path: path.to_owned(),
                line: None,
                message: e.to_string(),
            })?);
        }
        let mut config = config;
        config.matchers = matchers;
        let a = &config.answers;
        if a.min_words > a.max_words {
            return Err(ConfigError {
                path: path.to_owned(),
                line: find_key_line(text, "min-words"),
                message: format!("min-words ({}) is larger than max-words ({})", a.min_words, a.max_words),
            });
        }
        Ok(config)
    }

    /// The level of `rule` for a file that no per-path override matches.
    pub fn base_level(&self, rule: Rule) -> RuleLevel {
        self.level_with(rule, None)
    }

    /// Whether a per-path override applies to `file`.
    pub fn overridden(&self, file: &str) -> bool {
        self.matchers.iter().any(|m| m.is_match(file))
    }

    /// The level of `rule` for `file` (relative to the KB root): the rule's default, then
    /// `[rules]` (family entries before rule entries), then each matching override in order.
    pub fn level(&self, rule: Rule, file: &str) -> RuleLevel {
        self.level_with(rule, Some(file))
    }

    fn level_with(&self, rule: Rule, file: Option<&str>) -> RuleLevel {
        let mut level = rule.meta().default_level;
        let mut apply = |table: &BTreeMap<String, RuleLevel>| {
            if let Some(l) = table.get(rule.family().name()) {
                level = *l;
            }
            if let Some(l) = table.get(rule.name()) {
                level = *l;
            }
        };
        apply(&self.rules);
        for (o, matcher) in self.overrides.iter().zip(&self.matchers) {
            if file.is_some_and(|file| matcher.is_match(file)) {
                apply(&o.rules);
            }
        }
        level
    }
}

/// The 1-based line where `key` first appears (as a TOML key or string), for error locations.
fn find_key_line(text: &str, key: &str) -> Option<u32> {
    text.lines().position(|l| l.contains(key)).map(|i| i as u32 + 1)
}

/// Finds the KB the way cargo finds `Cargo.toml`: from `start` upward, the first directory that
/// has `mlqa.toml` or `kb/mlqa.toml`. Returns the KB root (the directory holding `mlqa.toml`).
pub fn discover(start: &Path) -> Option<PathBuf> {
    start.ancestors().find_map(|dir| {
        [dir.join(CONFIG_FILE), dir.join("kb").join(CONFIG_FILE)]
            .into_iter()
            .find(|p| p.is_file())
            .and_then(|p| p.parent().map(Path::to_path_buf))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_rule_names_the_line() {
        let err = Config::parse("[rules]\nbroken-link = \"warn\"\nbroken-lnk = \"off\"\n", Path::new("kb/mlqa.toml"))
            .unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("broken-lnk"), "{err}");
    }

    #[test]
    fn bad_level_is_a_parse_error_with_line() {
        let err = Config::parse("[rules]\nbroken-link = \"loud\"\n", Path::new("mlqa.toml")).unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn overrides_win_over_rules_and_families() {
        let config = Config::parse(
            "[rules]\nlinks = \"warn\"\n[[overrides]]\npaths = [\"rag/**\"]\nrules = { broken-link = \"off\" }\n",
            Path::new("mlqa.toml"),
        )
        .unwrap();
        assert_eq!(config.level(Rule::BrokenLink, "fundamentals/a.md"), RuleLevel::Warn);
        assert_eq!(config.level(Rule::BrokenLink, "rag/why-rag.md"), RuleLevel::Off);
        assert_eq!(config.level(Rule::BrokenAnchor, "rag/why-rag.md"), RuleLevel::Warn);
        assert_eq!(config.level(Rule::MissingSection, "rag/why-rag.md"), RuleLevel::Error);
    }
}
