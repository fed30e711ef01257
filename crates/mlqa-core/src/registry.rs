//! Rule identity: every rule's name and family, the levels a rule can be set to, and the
//! selectors that name rules on the command line and in `mlqa.toml`. A leaf: it imports nothing
//! from the crate, so everything may import it. What a rule does lives in [`crate::rules`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A group of rules, selectable by name (`--select links`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    Syntax,
    Coverage,
    Links,
    Completeness,
}

impl Family {
    pub const ALL: [Self; 4] = [Self::Syntax, Self::Coverage, Self::Links, Self::Completeness];

    pub fn name(self) -> &'static str {
        match self {
            Self::Syntax => "syntax",
            Self::Coverage => "coverage",
            Self::Links => "links",
            Self::Completeness => "completeness",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Self::Syntax => "files that cannot be read: YAML, front matter, schemas, encodings, sizes, suppressions",
            Self::Coverage => "every spec question answered once, in the right place, under the right heading",
            Self::Links => "links, ids and resources that resolve",
            Self::Completeness => "answers with every section, enough substance, and nothing left unfinished",
        }
    }
}

/// A rule's level, as configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Error,
    Warn,
    Off,
}

/// Whether a rule's diagnostics carry a fix, and of what kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    /// Applied by `--fix`.
    Safe,
    /// Applied only with `--unsafe-fixes`: it makes a guess.
    Unsafe,
    /// Safe for some diagnostics of the rule, unsafe for others.
    Mixed,
}

macro_rules! registry {
    ($($variant:ident => $family:ident $name:literal,)*) => {
        /// Every rule, by name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule { $($variant,)* }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The kebab-case name (`broken-link`).
            pub fn name(self) -> &'static str {
                match self { $(Rule::$variant => $name,)* }
            }

            pub fn family(self) -> Family {
                match self { $(Rule::$variant => Family::$family,)* }
            }
        }
    };
}

// One line per rule: its variant, family and name. Its logic and documentation are in
// `rules/<family>/<name>.rs`, joined to the variant in `rules/mod.rs`.
registry! {
    InvalidYaml => Syntax "invalid-yaml",
    MissingFrontMatter => Syntax "missing-front-matter",
    SchemaViolation => Syntax "schema-violation",
    UnknownField => Syntax "unknown-field",
    FileTooLarge => Syntax "file-too-large",
    InvalidUtf8 => Syntax "invalid-utf8",
    InvalidPattern => Syntax "invalid-pattern",
    DeprecatedField => Syntax "deprecated-field",
    UnusedSuppression => Syntax "unused-suppression",
    SymlinkNotFollowed => Syntax "symlink-not-followed",
    MissingAnswer => Coverage "missing-answer",
    OrphanAnswer => Coverage "orphan-answer",
    DuplicateAnswer => Coverage "duplicate-answer",
    DuplicateId => Coverage "duplicate-id",
    IdMismatch => Coverage "id-mismatch",
    QuestionMismatch => Coverage "question-mismatch",
    WrongCategory => Coverage "wrong-category",
    UnreferencedResource => Coverage "unreferenced-resource",
    BrokenLink => Links "broken-link",
    BrokenAnchor => Links "broken-anchor",
    MalformedLink => Links "malformed-link",
    UnknownRelated => Links "unknown-related",
    UnknownResource => Links "unknown-resource",
    UnknownTopic => Links "unknown-topic",
    DuplicateReference => Links "duplicate-reference",
    LinkEscapesKb => Links "link-escapes-kb",
    InvalidUrl => Links "invalid-url",
    SelfLink => Links "self-link",
    MissingImage => Links "missing-image",
    UnknownTermAnswer => Links "unknown-term-answer",
    DuplicateAlias => Links "duplicate-alias",
    MissingSection => Completeness "missing-section",
    SectionOrder => Completeness "section-order",
    EmptySection => Completeness "empty-section",
    ShortAnswerLength => Completeness "short-answer-length",
    AnswerTooShort => Completeness "answer-too-short",
    AnswerTooLong => Completeness "answer-too-long",
    UncoveredFacet => Completeness "uncovered-facet",
    UnaddressedItem => Completeness "unaddressed-item",
    CodeBlockLanguage => Completeness "code-block-language",
    UnbalancedMath => Completeness "unbalanced-math",
    PlaceholderText => Completeness "placeholder-text",
    TooFewLinks => Completeness "too-few-links",
    UnreachableAnswer => Completeness "unreachable-answer",
    MissingAltText => Completeness "missing-alt-text",
    SwallowedListItem => Completeness "swallowed-list-item",
    MissingSources => Completeness "missing-sources",
    UndefinedAcronym => Completeness "undefined-acronym",
}

impl Rule {
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|r| r.name() == name)
    }
}

/// A rule or a whole family, as named on the command line or in `mlqa.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selector {
    Rule(Rule),
    Family(Family),
    All,
}

impl Selector {
    pub fn parse(name: &str) -> Option<Self> {
        if name == "all" {
            return Some(Self::All);
        }
        Rule::from_name(name)
            .map(Self::Rule)
            .or_else(|| Family::ALL.into_iter().find(|f| f.name() == name).map(Self::Family))
    }

    pub fn matches(self, rule: Rule) -> bool {
        match self {
            Self::Rule(r) => r == rule,
            Self::Family(f) => rule.family() == f,
            Self::All => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_kebab_case() {
        let mut names: Vec<_> = Rule::ALL.iter().map(|r| r.name()).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "duplicate rule names");
        for rule in Rule::ALL {
            let name = rule.name();
            assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{name}");
            assert_eq!(Rule::from_name(name), Some(*rule));
        }
    }

    #[test]
    fn selectors_name_rules_families_and_all() {
        assert_eq!(Selector::parse("broken-link"), Some(Selector::Rule(Rule::BrokenLink)));
        assert_eq!(Selector::parse("links"), Some(Selector::Family(Family::Links)));
        assert_eq!(Selector::parse("all"), Some(Selector::All));
        assert_eq!(Selector::parse("nope"), None);
        assert!(Selector::Family(Family::Links).matches(Rule::SelfLink));
        assert!(!Selector::Family(Family::Links).matches(Rule::InvalidYaml));
    }
}
