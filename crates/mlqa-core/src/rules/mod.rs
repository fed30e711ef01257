//! The rules: one file each under `rules/<family>/`, with the explanation `mlqa rules NAME`
//! prints written beside the check. This module joins each [`Rule`] of the registry
//! ([`crate::registry`]: names, families, levels) to its rule file: [`Rule::meta`] and its check.

pub use crate::registry::{Family, FixAvailability, Rule, RuleLevel, Selector};

use crate::diagnostic::Diagnostic;
use crate::document::{AnswerDoc, QuestionEntry, Source};
use crate::workspace::Workspace;

pub mod completeness;
pub mod coverage;
pub mod links;
pub mod syntax;

/// What a rule is: its name, family, default level, fix, and documentation.
#[derive(Debug)]
pub struct RuleMeta {
    pub name: &'static str,
    pub family: Family,
    pub default_level: RuleLevel,
    pub fix: FixAvailability,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// Markdown: what it does, why it matters, an example, and the fix.
    pub explanation: &'static str,
}

/// When a rule runs.
#[derive(Clone, Copy)]
pub(crate) enum Check {
    /// Its diagnostics come from parsing (the loader reports them).
    Parse,
    /// Once per answer.
    Answer(fn(&AnswerCtx<'_>, &mut Vec<Diagnostic>)),
    /// Once per workspace.
    Workspace(fn(&Workspace, &mut Vec<Diagnostic>)),
    /// Reported by the engine itself (suppressions).
    Engine,
}

/// What an answer rule sees.
pub struct AnswerCtx<'a> {
    pub ws: &'a Workspace,
    pub answer: &'a AnswerDoc,
    pub source: &'a Source,
    /// The spec question the answer claims, if it exists.
    pub question: Option<&'a QuestionEntry>,
}

impl AnswerCtx<'_> {
    pub fn path(&self) -> &str {
        &self.answer.path
    }
    pub fn text(&self) -> &str {
        &self.source.text
    }
    pub fn config(&self) -> &crate::config::AnswersConfig {
        &self.ws.config.answers
    }
}

macro_rules! rules {
    ($($variant:ident => $family:ident :: $module:ident,)*) => {
        impl Rule {
            /// The rule's documentation and defaults, from its file.
            pub fn meta(self) -> &'static RuleMeta {
                match self { $(Rule::$variant => &$family::$module::META,)* }
            }

            pub(crate) fn check(self) -> Check {
                match self { $(Rule::$variant => $family::$module::CHECK,)* }
            }
        }
    };
}

rules! {
    InvalidYaml => syntax::invalid_yaml,
    MissingFrontMatter => syntax::missing_front_matter,
    SchemaViolation => syntax::schema_violation,
    UnknownField => syntax::unknown_field,
    FileTooLarge => syntax::file_too_large,
    InvalidUtf8 => syntax::invalid_utf8,
    InvalidPattern => syntax::invalid_pattern,
    DeprecatedField => syntax::deprecated_field,
    UnusedSuppression => syntax::unused_suppression,
    SymlinkNotFollowed => syntax::symlink_not_followed,
    MissingAnswer => coverage::missing_answer,
    OrphanAnswer => coverage::orphan_answer,
    DuplicateAnswer => coverage::duplicate_answer,
    DuplicateId => coverage::duplicate_id,
    IdMismatch => coverage::id_mismatch,
    QuestionMismatch => coverage::question_mismatch,
    WrongCategory => coverage::wrong_category,
    UnreferencedResource => coverage::unreferenced_resource,
    BrokenLink => links::broken_link,
    BrokenAnchor => links::broken_anchor,
    MalformedLink => links::malformed_link,
    UnknownRelated => links::unknown_related,
    UnknownResource => links::unknown_resource,
    UnknownTopic => links::unknown_topic,
    DuplicateReference => links::duplicate_reference,
    LinkEscapesKb => links::link_escapes_kb,
    InvalidUrl => links::invalid_url,
    SelfLink => links::self_link,
    MissingImage => links::missing_image,
    UnknownTermAnswer => links::unknown_term_answer,
    DuplicateAlias => links::duplicate_alias,
    MissingSection => completeness::missing_section,
    SectionOrder => completeness::section_order,
    EmptySection => completeness::empty_section,
    ShortAnswerLength => completeness::short_answer_length,
    AnswerTooShort => completeness::answer_too_short,
    AnswerTooLong => completeness::answer_too_long,
    UncoveredFacet => completeness::uncovered_facet,
    UnaddressedItem => completeness::unaddressed_item,
    CodeBlockLanguage => completeness::code_block_language,
    UnbalancedMath => completeness::unbalanced_math,
    PlaceholderText => completeness::placeholder_text,
    TooFewLinks => completeness::too_few_links,
    UnreachableAnswer => completeness::unreachable_answer,
    MissingAltText => completeness::missing_alt_text,
    SwallowedListItem => completeness::swallowed_list_item,
    MissingSources => completeness::missing_sources,
    UndefinedAcronym => completeness::undefined_acronym,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names are unique and kebab-case in the registry (`registry.rs`); here, each rule file
    /// agrees with it and explains itself.
    #[test]
    fn every_rule_file_matches_the_registry_and_is_documented() {
        for rule in Rule::ALL {
            let m = rule.meta();
            assert_eq!((m.name, m.family), (rule.name(), rule.family()), "the registry and the rule file disagree");
            assert!(m.explanation.contains("## What it does"), "{} lacks its explanation", m.name);
            assert!(m.explanation.contains("## Why is this bad?"), "{} lacks its rationale", m.name);
        }
    }
}
