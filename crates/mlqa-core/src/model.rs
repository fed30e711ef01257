//! The KB's file formats as Rust types. The JSON Schemas in `schemas/` are generated from these
//! (schemars), and the files are validated against those schemas, so the two cannot drift.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `kb/spec.yaml`: the categories and questions the KB is tested against.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "mlqa spec", description = "The categories and questions an mlqa knowledge base is tested against.")]
pub struct Spec {
    /// The knowledge base's title.
    pub title: String,
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
    pub id: String,
    /// The category's title, verbatim from the question bank.
    #[schemars(length(min = 1))]
    pub title: String,
    pub questions: Vec<Question>,
}

/// A question of the spec; its answer is `<category-id>/<question-id>.md`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Kebab-case, unique across the spec; the answer file's stem.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: String,
    /// The question, verbatim; the answer's H1 must equal it.
    #[schemars(length(min = 1))]
    pub question: String,
    /// Case-insensitive regular expressions that a complete answer must match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
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
    pub id: String,
    #[schemars(length(min = 1))]
    pub title: String,
    pub kind: ResourceKind,
    /// The heading the resource is listed under in the question bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Where to find it; https only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^https://[^\s/]+\S*$"))]
    pub url: Option<String>,
    #[schemars(length(min = 1))]
    pub summary: String,
    /// Ids of the questions or categories the resource helps with.
    #[serde(default)]
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ResourceKind {
    Repository,
    Article,
    Paper,
    Course,
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
    pub id: String,
    /// The category's id in the spec; equal to the folder's name.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub category: String,
    pub difficulty: Difficulty,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// Ids of other answers worth reading next.
    #[serde(default)]
    pub related: Vec<Id>,
    /// Ids from `resources.yaml`.
    #[serde(default)]
    pub resources: Vec<Id>,
}

/// A kebab-case id.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Id(#[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))] pub String);

/// A kebab-case tag.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Tag(#[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))] pub String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Intro,
    Core,
    Advanced,
}
