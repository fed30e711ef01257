//! mlqa-core: the engine of mlqa. It reads a knowledge base of interview answers (a spec of
//! questions, resources, one Markdown answer per question), indexes it, and checks it against
//! its rules. No printing, no CLI, no LSP: front ends translate what this crate answers.
//!
//! Data flows one way, and the imports say so (no import cycle of more than three files):
//! [`registry`] (rule names, families, levels) -> [`model`], [`config`], [`schema`] and [`syntax`]
//! (typed files, parsing, the link model) -> [`document`] (one parsed file) ->
//! [`workspace::Workspace`] (the per-file store of documents, by [`workspace::FileId`], and
//! its indexes) -> [`rules`] -> [`check()`], which returns
//! [`diagnostic::Diagnostic`]s. [`ide`], [`search`] and [`export`] read the workspace.

pub mod check;
pub mod config;
pub mod coverage;
pub mod diagnostic;
pub mod document;
pub mod export;
pub mod fix;
#[doc(hidden)]
pub mod fuzzing;
pub mod glossary;
pub mod ide;
pub mod latex;
pub mod model;
pub mod registry;
pub mod report;
pub mod rubric;
pub mod rules;
pub mod schema;
pub mod search;
pub mod slug;
pub mod suggest;
pub mod suppress;
pub mod syntax;
pub mod text;
pub mod workspace;

pub use check::{Selection, check};
pub use config::Config;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
pub use registry::{Family, Rule, Selector};
pub use text::{LineCol, TextRange};
pub use workspace::Workspace;
