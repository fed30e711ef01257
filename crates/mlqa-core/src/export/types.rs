//! The types of the export document: its schema is generated from them
//! ([`crate::schema::SchemaKind::Export`]), and they import nothing else of the crate.

use schemars::JsonSchema;
use serde::Serialize;

/// The version of the export document's shape.
pub const EXPORT_VERSION: u32 = 2;

/// The KB as one document.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(
    title = "mlqa KB export",
    description = "A whole mlqa knowledge base as one document (`mlqa export json`): the spec's questions with their answers split into sections, and the learning resources."
)]
pub struct KbExport {
    /// The version of this document's shape ([`EXPORT_VERSION`]): it goes up when a field is
    /// removed or changes meaning.
    pub version: u32,
    /// The spec's `title`.
    pub title: String,
    pub categories: Vec<CategoryExport>,
    pub resources: Vec<ResourceExport>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CategoryExport {
    pub id: String,
    pub title: String,
    pub questions: Vec<QuestionExport>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct QuestionExport {
    pub id: String,
    /// The question as the spec words it.
    pub question: String,
    /// The question's rubric: the points a complete answer makes.
    pub key_points: Vec<KeyPointExport>,
    /// Its answer; absent when the question is not answered yet.
    pub answer: Option<AnswerExport>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct KeyPointExport {
    /// What an interviewer calls the point.
    pub name: String,
    /// Its pattern as the spec writes it (case-insensitive).
    #[serde(rename = "match")]
    pub pattern: String,
    /// The same pattern for JavaScript, `new RegExp(js, "iu")`; absent when the pattern is not
    /// in the subset (`invalid-pattern`).
    pub js: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AnswerExport {
    /// The answer file, relative to the KB root (`llm-inference/kv-cache.md`).
    pub path: String,
    /// `intro`, `core` or `advanced`, from the front matter.
    pub difficulty: Option<String>,
    pub tags: Vec<String>,
    /// Ids of related answers, from the front matter.
    pub related: Vec<String>,
    /// Ids of the resources it cites.
    pub resources: Vec<String>,
    /// The H1 (the question as the answer states it).
    pub title: String,
    /// The level-2 sections in order, each with its subsections.
    pub sections: Vec<SectionExport>,
    /// Ids of the answers whose Markdown links to this one.
    pub linked_from: Vec<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SectionExport {
    pub heading: String,
    /// The heading's anchor (GitHub's slug rules), for `path#anchor` links.
    pub anchor: String,
    /// The section's Markdown, without its heading.
    pub markdown: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ResourceExport {
    pub id: String,
    pub title: String,
    /// `repository`, `article`, `paper` or `course`.
    pub kind: Option<String>,
    pub group: Option<String>,
    pub url: Option<String>,
    pub summary: Option<String>,
    /// Category ids it is relevant to.
    pub topics: Vec<String>,
    /// Ids of the answers that cite it, in spec order.
    pub cited_by: Vec<String>,
}
