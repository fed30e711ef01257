//! The KB's file formats as Rust types: the one typed form of `spec.yaml`, `resources.yaml` and
//! an answer's front matter. The JSON Schemas in `schemas/` are generated from these types
//! (schemars), and the same types are what a file is read into (serde-saphyr), each value with
//! its byte range, so the schema and the reader cannot drift.
//!
//! Reading is typed first: a file that deserializes and passes [`Valid::is_valid`] (the
//! schema's constraints, checked by hand) costs one YAML pass. Only a file that does not is
//! read again as a JSON value, validated against the generated schema and located with
//! tree-sitter spans, so that each problem is worded by the schema at its key (`document`).
//! A test holds `is_valid` and the schema to the same verdict.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use crate::text::TextRange;

/// A value with the byte range of its YAML node, relative to the start of the YAML text that
/// was read (the front matter's first byte, not the file's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub range: TextRange,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let span = spanned.referenced.span();
        // Byte offsets exist for every string input, which is all mlqa reads.
        let (Some(start), Some(len)) = (span.byte_offset(), span.byte_len()) else {
            return Err(de::Error::custom("the YAML node has no byte offset"));
        };
        let start = usize::try_from(start).map_err(de::Error::custom)?;
        let end = start.saturating_add(usize::try_from(len).map_err(de::Error::custom)?);
        Ok(Self { value: spanned.value, range: TextRange::new(start, end) })
    }
}

/// Serialized as its value (the schema's `default`s are written through it).
impl<T> Spanned<T> {
    /// The same range around `f(value)`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Spanned<U> {
        Spanned { value: f(self.value), range: self.range }
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: std::fmt::Display> std::fmt::Display for Spanned<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.value.fmt(f)
    }
}

/// The schema of a `Spanned<T>` is `T`'s: the range is where the value is, not part of it.
impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// A YAML string: a scalar the YAML reader types as a string. `id: 12` or `id: true` is a
/// number or a boolean, as the schema sees it, so it is not a `Text` (serde-saphyr would
/// otherwise turn any scalar into a `String`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `String`'s schema, inline. Written out like [`Spanned`]'s: a derived schema would be a named
/// definition, and the `pattern` of an id or a tag next to a `$ref` is lost.
impl JsonSchema for Text {
    fn inline_schema() -> bool {
        String::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        String::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        String::json_schema(generator)
    }
}

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the schema requires beyond the types: patterns, lengths, URL shapes. Written out by
/// hand so that a valid file never meets the JSON Schema validator; `schema_agreement` tests
/// hold it to the schema's verdict.
pub trait Valid {
    fn is_valid(&self) -> bool;
}

/// `^[a-z0-9]+(-[a-z0-9]+)*$`: the kebab-case of every id and tag.
pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// `^https://[^\s/]+\S*$`, with ECMAScript's `\s` (Unicode white space and the BOM).
fn is_https_url(s: &str) -> bool {
    let is_space = |c: char| c.is_whitespace() || c == '\u{feff}';
    s.strip_prefix("https://").is_some_and(|rest| {
        rest.chars().next().is_some_and(|c| !is_space(c) && c != '/') && !rest.chars().any(is_space)
    })
}

/// `minLength: 1`.
fn non_empty(t: &Spanned<Text>) -> bool {
    !t.value.0.is_empty()
}

/// `kb/spec.yaml`: the categories and questions the KB is tested against.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "mlqa spec", description = "The categories and questions an mlqa knowledge base is tested against.")]
pub struct Spec {
    /// The knowledge base's title.
    pub title: Spanned<Text>,
    /// The categories, in reading order.
    #[schemars(length(min = 1))]
    pub categories: Vec<Category>,
}

/// A category of questions; its id is the name of the folder that holds its answers.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Kebab-case, unique; the answer folder's name.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Spanned<Text>,
    /// The category's title, verbatim from the question bank.
    #[schemars(length(min = 1))]
    pub title: Spanned<Text>,
    pub questions: Vec<Spanned<Question>>,
}

/// A question of the spec; its answer is `<category-id>/<question-id>.md`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Kebab-case, unique across the spec; the answer file's stem.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Spanned<Text>,
    /// The question, verbatim; the answer's H1 must equal it.
    #[schemars(length(min = 1))]
    pub question: Spanned<Text>,
    /// The points a complete answer makes, in the order an interviewer grades them: what
    /// `uncovered-facet` checks in the answer and `mlqa practice` grades a learner's answer by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 12))]
    pub key_points: Vec<KeyPoint>,
    /// Deprecated: bare patterns without names. Write `key_points` instead; `covers` is still
    /// read, each pattern as a point named by itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("deprecated" = true))]
    pub covers: Vec<Spanned<Text>>,
}

/// One point of a question's rubric.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyPoint {
    /// What an interviewer writes on the rubric ("Error decomposition: bias² + variance + noise").
    #[schemars(length(min = 1, max = 80))]
    pub name: Spanned<Text>,
    /// Where a text makes the point: a case-insensitive regular expression in the subset that Rust
    /// and JavaScript agree on (literals, `.`, classes, `\b \d \w \s`, groups, alternation,
    /// repetition up to 1000; no lookaround, backreferences, named groups or inline flags).
    #[serde(rename = "match")]
    #[schemars(length(min = 1))]
    pub pattern: Spanned<Text>,
}

impl Valid for Spec {
    fn is_valid(&self) -> bool {
        !self.categories.is_empty()
            && self.categories.iter().all(|c| {
                is_kebab(c.id.value.as_str())
                    && non_empty(&c.title)
                    && c.questions.iter().all(|q| is_kebab(q.value.id.value.as_str()) && non_empty(&q.value.question))
            })
    }
}

/// `kb/resources.yaml`: learning resources that answers cite.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "mlqa resources", description = "Learning resources that answers of an mlqa knowledge base cite.")]
pub struct Resources {
    pub resources: Vec<Resource>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Kebab-case, unique; what answers list in `resources`.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Spanned<Text>,
    #[schemars(length(min = 1))]
    pub title: Spanned<Text>,
    pub kind: Spanned<ResourceKind>,
    /// The heading the resource is listed under in the question bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<Spanned<Text>>,
    /// Where to find it; https only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^https://[^\s/]+\S*$"))]
    pub url: Option<Spanned<Text>>,
    #[schemars(length(min = 1))]
    pub summary: Spanned<Text>,
    /// Ids of the questions or categories the resource helps with.
    #[serde(default)]
    pub topics: Vec<Spanned<Text>>,
}

impl Valid for Resources {
    fn is_valid(&self) -> bool {
        self.resources.iter().all(|r| {
            is_kebab(r.id.value.as_str())
                && non_empty(&r.title)
                && non_empty(&r.summary)
                && r.url.as_ref().is_none_or(|u| is_https_url(u.value.as_str()))
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ResourceKind {
    Repository,
    Article,
    Paper,
    Course,
}

impl ResourceKind {
    const ALL: [Self; 4] = [Self::Repository, Self::Article, Self::Paper, Self::Course];

    pub fn name(self) -> &'static str {
        match self {
            Self::Repository => "repository",
            Self::Article => "article",
            Self::Paper => "paper",
            Self::Course => "course",
        }
    }
}

/// `kb/glossary.yaml`: the KB's vocabulary, for learners and for search.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "mlqa glossary",
    description = "The terms of an mlqa knowledge base: names, acronyms, aliases, a one-line definition and the answer that explains each."
)]
pub struct Glossary {
    /// British spellings and their American forms (`normalise` and `normalize`): search treats
    /// each pair as one word.
    #[serde(default)]
    pub spellings: Vec<Spelling>,
    pub terms: Vec<Term>,
}

/// A word spelt two ways.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spelling {
    #[schemars(length(min = 1))]
    pub british: Spanned<Text>,
    #[schemars(length(min = 1))]
    pub american: Spanned<Text>,
}

/// One term of the glossary.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The name a learner looks up ("key-value cache"); its slug is the term's anchor on the
    /// site's glossary page.
    #[schemars(length(min = 1, max = 80))]
    pub term: Spanned<Text>,
    /// Short forms, as the answers write them ("KV cache", "BF16", "LoRA"); plurals ("GPUs")
    /// need no entry.
    #[serde(default)]
    pub acronyms: Vec<Spanned<Text>>,
    /// Other names and spellings ("key value cache", "brain float").
    #[serde(default)]
    pub aliases: Vec<Spanned<Text>>,
    /// One line, in the KB's own words.
    #[schemars(length(min = 1, max = 300), regex(pattern = r"^[^\n]*$"))]
    pub definition: Spanned<Text>,
    /// The question whose answer explains the term, when one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub answer: Option<Spanned<Text>>,
}

impl Valid for Glossary {
    fn is_valid(&self) -> bool {
        let name = |t: &Spanned<Text>| !t.value.0.is_empty();
        self.spellings.iter().all(|s| name(&s.british) && name(&s.american))
            && self.terms.iter().all(|t| {
                (1..=80).contains(&t.term.value.0.chars().count())
                    && (1..=300).contains(&t.definition.value.0.chars().count())
                    && !t.definition.value.0.contains('\n')
                    && t.answer.as_ref().is_none_or(|a| is_kebab(a.value.as_str()))
            })
    }
}

/// The YAML front matter of an answer file.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "mlqa answer front matter",
    description = "The YAML front matter of an answer in an mlqa knowledge base."
)]
pub struct FrontMatter {
    /// The question's id in the spec; equal to the file stem.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Spanned<Text>,
    /// The category's id in the spec; equal to the folder's name.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub category: Spanned<Text>,
    pub difficulty: Spanned<Difficulty>,
    #[serde(default)]
    pub tags: Vec<Spanned<Tag>>,
    /// Ids of other answers worth reading next.
    #[serde(default)]
    pub related: Vec<Spanned<Id>>,
    /// Ids from `resources.yaml`.
    #[serde(default)]
    pub resources: Vec<Spanned<Id>>,
}

impl Valid for FrontMatter {
    fn is_valid(&self) -> bool {
        is_kebab(self.id.value.as_str())
            && is_kebab(self.category.value.as_str())
            && self.tags.iter().all(|t| is_kebab(t.value.0.as_str()))
            && self.related.iter().chain(&self.resources).all(|i| is_kebab(i.value.0.as_str()))
    }
}

/// A kebab-case id.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Id(#[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))] pub Text);

/// A kebab-case tag.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Tag(#[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))] pub Text);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Intro,
    Core,
    Advanced,
}

impl Difficulty {
    pub(crate) const ALL: [Self; 3] = [Self::Intro, Self::Core, Self::Advanced];

    pub fn name(self) -> &'static str {
        match self {
            Self::Intro => "intro",
            Self::Core => "core",
            Self::Advanced => "advanced",
        }
    }
}

/// An enum of the schema is one of its names, as a string: serde's derived enums would also
/// take a variant's index (`difficulty: 1`), which the schema refuses.
macro_rules! deserialize_by_name {
    ($ty:ty) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let Text(name) = Text::deserialize(deserializer)?;
                Self::ALL.into_iter().find(|v| v.name() == name).ok_or_else(|| de::Error::unknown_variant(&name, &[]))
            }
        }
    };
}

deserialize_by_name!(Difficulty);
deserialize_by_name!(ResourceKind);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case_is_the_schema_pattern() {
        for ok in ["a", "bias-variance", "l1-vs-l2", "0x1f", "a1-b2-c3"] {
            assert!(is_kebab(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "a b", "é", "a-\n"] {
            assert!(!is_kebab(bad), "{bad:?}");
        }
    }

    #[test]
    fn https_urls_are_the_schema_pattern() {
        for ok in ["https://a", "https://example.com/x?y#z", "https://a/b/c"] {
            assert!(is_https_url(ok), "{ok}");
        }
        for bad in
            ["http://a", "https://", "https:///a", "https://a b", "https://a\u{feff}", " https://a", "https://\ta"]
        {
            assert!(!is_https_url(bad), "{bad:?}");
        }
    }
}
